#include "kronscope/views/result_table.h"
#include "kronscope/views/save_file.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QTableWidget>
#include <QTextStream>
#include <QVBoxLayout>

namespace kronscope::views {

QString formatNumber(const QVariant& v) {
    if (v.typeId() == QMetaType::Double || v.typeId() == QMetaType::Float) {
        const double d = v.toDouble();
        if (d != 0.0 && (std::abs(d) >= 1e6 || std::abs(d) < 1e-3)) return QString::number(d, 'g', 6);
        return QString::number(d, 'f', std::abs(d) >= 1000 ? 1 : 4);
    }
    return v.toString();
}

ResultTable::ResultTable(const QStringList& headers, QWidget* parent) : QWidget(parent), headers_(headers) {
    table_ = new QTableWidget(0, static_cast<int>(headers.size()), this);
    table_->setHorizontalHeaderLabels(headers);
    // Rows keep their insertion order until the user clicks a header.
    table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    table_->setSortingEnabled(true);
    table_->horizontalHeader()->setSortIndicatorShown(true);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Columns fit their content up to kMaxColumnWidth (long settings and hashes are elided, their full text
    // in the tooltip) so that a table fits its pane; the user can still drag any column wider.
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table_->horizontalHeader()->setResizeContentsPrecision(200);  // sizes from the first 200 rows
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideMiddle);
    table_->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* copy_md = new QAction(tr("Copy as Markdown"), table_);
    auto* copy_csv = new QAction(tr("Copy as CSV"), table_);
    auto* copy_tex = new QAction(tr("Copy as LaTeX"), table_);
    connect(copy_md, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(toMarkdown()); });
    connect(copy_csv, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(toCsv()); });
    connect(copy_tex, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(toLatex()); });
    table_->addActions({copy_md, copy_csv, copy_tex});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_);
}

void ResultTable::addRow(const QVariantList& cells) {
    const bool sorting = table_->isSortingEnabled();
    table_->setSortingEnabled(false);
    const int row = table_->rowCount();
    table_->insertRow(row);
    for (int c = 0; c < cells.size() && c < table_->columnCount(); ++c) {
        auto* item = new QTableWidgetItem;
        const QVariant& v = cells[c];
        const bool numeric = v.typeId() == QMetaType::Double || v.typeId() == QMetaType::Int ||
                             v.typeId() == QMetaType::LongLong;
        if (numeric) {
            item->setData(Qt::EditRole, v);  // sorts numerically
            item->setData(Qt::DisplayRole, v);
            item->setText(formatNumber(v));
            item->setData(Qt::UserRole, v);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        } else {
            item->setText(v.toString());
            if (v.toString().size() > 24) item->setToolTip(v.toString());
        }
        table_->setItem(row, c, item);
    }
    table_->setSortingEnabled(sorting);
    fitColumns();
}

void ResultTable::fitColumns() {
    constexpr int kMaxColumnWidth = 260;
    table_->resizeColumnsToContents();
    for (int c = 0; c < table_->columnCount(); ++c)
        if (table_->columnWidth(c) > kMaxColumnWidth) table_->setColumnWidth(c, kMaxColumnWidth);
}

void ResultTable::clear() {
    table_->setRowCount(0);
}
int ResultTable::rowCount() const {
    return table_->rowCount();
}

QString ResultTable::text(int row, int column) const {
    auto* item = table_->item(row, column);
    return item ? item->text() : QString();
}

QString ResultTable::toCsv() const {
    auto quote = [](QString s) {
        if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
            s = QLatin1Char('"') + s.replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
        return s;
    };
    QStringList lines;
    QStringList h;
    for (const auto& x : headers_) h << quote(x);
    lines << h.join(QLatin1Char(','));
    for (int r = 0; r < rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < headers_.size(); ++c) cells << quote(text(r, c));
        lines << cells.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString ResultTable::toMarkdown() const {
    auto esc = [](QString s) { return s.replace(QLatin1String("|"), QLatin1String("\\|")); };
    QStringList lines;
    QStringList h, sep;
    for (const auto& x : headers_) {
        h << esc(x);
        sep << QStringLiteral("---");
    }
    lines << QStringLiteral("| ") + h.join(QStringLiteral(" | ")) + QStringLiteral(" |");
    lines << QStringLiteral("|") + sep.join(QStringLiteral("|")) + QStringLiteral("|");
    for (int r = 0; r < rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < headers_.size(); ++c) cells << esc(text(r, c));
        lines << QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |");
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString ResultTable::toLatex() const {
    auto esc = [](QString s) {
        for (const char* ch : {"\\", "&", "%", "$", "#", "_", "{", "}"}) {
            const QString c = QString::fromLatin1(ch);
            s.replace(c,
                      c == QLatin1String("\\") ? QStringLiteral("\\textbackslash{}") : QLatin1Char('\\') + c);
        }
        return s;
    };
    QString cols(headers_.size(), QLatin1Char('l'));
    QStringList lines;
    lines << QStringLiteral("\\begin{tabular}{%1}").arg(cols) << QStringLiteral("\\hline");
    QStringList h;
    for (const auto& x : headers_) h << esc(x);
    lines << h.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\") << QStringLiteral("\\hline");
    for (int r = 0; r < rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < headers_.size(); ++c) cells << esc(text(r, c));
        lines << cells.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\");
    }
    lines << QStringLiteral("\\hline") << QStringLiteral("\\end{tabular}");
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

bool ResultTable::exportTo(const QString& path, QString* error) const {
    const QString ext = QFileInfo(path).suffix().toLower();
    QString content;
    if (ext == QLatin1String("csv"))
        content = toCsv();
    else if (ext == QLatin1String("md"))
        content = toMarkdown();
    else if (ext == QLatin1String("tex"))
        content = toLatex();
    else {
        if (error) *error = tr("unknown table format '.%1' (use .csv, .md or .tex)").arg(ext);
        return false;
    }
    return saveAtomically(
        path,
        [&](const QString& tmp) {
            QFile f(tmp);
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
            const QByteArray bytes = content.toUtf8();
            return f.write(bytes) == bytes.size() && f.flush() && (f.close(), f.error() == QFile::NoError);
        },
        error);
}

}  // namespace kronscope::views
