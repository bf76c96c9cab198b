#include <QBuffer>
#include <QUrl>
#include <QVariant>
#include <algorithm>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPrinter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextDocument>
#include <qcustomplot.h>

#include "document.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/hash.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/views/landscape_view.h"
#include "kronscope/views/plot_layout.h"
#include "kronscope/views/result_table.h"
#include "kronscope/views/save_file.h"
#include "main_window.h"
#include "pages/perplexity_panel.h"
#include "reactions/reactions.h"
#include "results/structure_map_view.h"

namespace kronscope::app {

namespace {

QString esc(const QString& s) {
    return s.toHtmlEscaped();
}

QString tableHtml(const views::ResultTable& t) {
    QString out = QStringLiteral("<table class=\"result\"><tr>");
    for (const auto& h : t.headers()) out += QStringLiteral("<th>%1</th>").arg(esc(h));
    out += QStringLiteral("</tr>\n");
    for (int r = 0; r < t.rowCount(); ++r) {
        out += QStringLiteral("<tr>");
        for (int c = 0; c < t.headers().size(); ++c)
            out += QStringLiteral("<td>%1</td>").arg(esc(t.text(r, c)));
        out += QStringLiteral("</tr>\n");
    }
    return out + QStringLiteral("</table>\n");
}

QString fileHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return QObject::tr("unreadable");
    const QByteArray bytes = f.readAll();
    return QString::fromStdString(
        core::contentHashOf(std::string_view(bytes.constData(), static_cast<size_t>(bytes.size()))));
}

}  // namespace

QString ReportReaction::html(QList<QImage>* images) {
    MainWindow& w = window_;
    const auto& b = core::buildInfo();
    QString body;
    body += QStringLiteral("<h1>%1</h1>\n").arg(esc(MainWindow::tr("Kronscope report")));
    body += QStringLiteral("<table class=\"meta\">");
    auto meta = [&body](const QString& k, const QString& v) {
        body += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>").arg(esc(k), esc(v));
    };
    meta(MainWindow::tr("Date"), QDateTime::currentDateTime().toString(Qt::ISODate));
    meta(MainWindow::tr("Kronscope"), QString::fromStdString(b.app_version) + QStringLiteral(" (LibTorch ") +
                                          QString::fromStdString(b.torch_version) + QLatin1Char(')'));
    if (auto model = w.document()->model()) {
        const auto& c = model->config();
        meta(MainWindow::tr("Model"), QString::fromStdString(model->source()));
        meta(MainWindow::tr("Model format"),
             QString::fromStdString(model->format() + ", " + model->storedDtype()));
        meta(MainWindow::tr("Model hash (FNV-1a 64)"), QString::fromStdString(model->contentHash()));
        meta(MainWindow::tr("Configuration"),
             MainWindow::tr("%1 layers, d_model %2, %3 heads, context %4, vocabulary %5")
                 .arg(c.n_layer)
                 .arg(c.n_embd)
                 .arg(c.n_head)
                 .arg(c.n_positions)
                 .arg(c.vocab_size));
    } else {
        meta(MainWindow::tr("Model"), MainWindow::tr("none open"));
    }
    const QString text = w.perplexityPanel()->textPath();
    if (!text.isEmpty() && QFileInfo(text).isFile())
        meta(MainWindow::tr("Text"),
             text + QStringLiteral("  (") + MainWindow::tr("hash %1").arg(fileHash(text)) + QLatin1Char(')'));
    body += QStringLiteral("</table>\n");

    int sections = 0;
    QTabWidget* tabs = w.viewTabs();
    for (int i = 0; i < tabs->count(); ++i) {
        QWidget* view = tabs->widget(i);
        const auto figures = ExportReaction::figuresOf(w, view);
        views::ResultTable* table = ExportReaction::tableOf(w, view);
        const bool has_table = table && table->rowCount() > 0;
        QImage landscape;
        if (view == w.structureMapView() && w.structureMapView()->hasResult()) {
            QTemporaryDir tmp;
            QString error;
            const QString png = tmp.filePath(QStringLiteral("landscape.png"));
            if (w.structureMapView()->landscape()->exportPng(png, 1200, 900, &error)) landscape.load(png);
        }
        if (figures.isEmpty() && !has_table && landscape.isNull()) continue;
        ++sections;
        body += QStringLiteral("<h2>%1</h2>\n").arg(esc(tabs->tabText(i).remove(QLatin1Char('&'))));
        auto addImage = [&](const QString& title, const QImage& image) {
            images->append(image);
            body +=
                QStringLiteral(
                    "<div class=\"fig\"><img src=\"fig-%1.png\" width=\"%2\"><p class=\"cap\">%3</p></div>\n")
                    .arg(images->size())
                    .arg(std::min(900, image.width()))
                    .arg(esc(title));
        };
        if (!landscape.isNull()) addImage(MainWindow::tr("Structure landscape"), landscape);
        for (const auto& [title, plot] : figures) {
            // Rendered at the two-column journal width (17.8 cm at 150 dpi), footnotes included.
            const views::ScopedPlotSize sized(plot, 1050, 620);
            addImage(title, plot->toPixmap(1050, 620, 1.0).toImage());
        }
        if (has_table) body += tableHtml(*table);
    }
    if (sections == 0)
        body += QStringLiteral("<p>%1</p>").arg(esc(MainWindow::tr("No results in this session yet.")));
    const QString style = QStringLiteral(
        "body{font-family:sans-serif;font-size:10pt;max-width:1000px;margin:auto;color:#222}"
        "h1{font-size:18pt}h2{font-size:14pt;border-bottom:1px solid #999;margin-top:24px}"
        "table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #bbb;padding:2px "
        "6px;font-size:9pt}"
        "table.meta th{text-align:left;background:#eee}.cap{font-style:italic;font-size:9pt}");
    return QStringLiteral(
               "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title><style>%2</style>"
               "</head><body>\n%3</body></html>\n")
        .arg(esc(MainWindow::tr("Kronscope report")), style, body);
}

bool ReportReaction::write(const QString& path, QString* error) {
    QList<QImage> images;
    QString doc = html(&images);
    const bool pdf = path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
    if (!pdf && !path.endsWith(QLatin1String(".html"), Qt::CaseInsensitive) &&
        !path.endsWith(QLatin1String(".htm"), Qt::CaseInsensitive)) {
        if (error) *error = MainWindow::tr("%1: choose a .html or .pdf file name").arg(path);
        return false;
    }
    if (!pdf) {
        for (int i = 0; i < images.size(); ++i) {
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            images[i].save(&buffer, "PNG");
            doc.replace(
                QStringLiteral("src=\"fig-%1.png\"").arg(i + 1),
                QStringLiteral("src=\"data:image/png;base64,%1\"").arg(QString::fromLatin1(png.toBase64())));
        }
        return views::saveBytesAtomically(path, doc.toUtf8(), error);
    }
    return views::saveAtomically(
        path,
        [&](const QString& tmp) {
            QTextDocument text;
            for (int i = 0; i < images.size(); ++i)
                text.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("fig-%1.png").arg(i + 1)),
                                 QVariant::fromValue(images[i].scaledToWidth(std::min(900, images[i].width()),
                                                                             Qt::SmoothTransformation)));
            text.setHtml(doc);
            QPrinter printer(QPrinter::HighResolution);
            printer.setOutputFormat(QPrinter::PdfFormat);
            printer.setOutputFileName(tmp);
            printer.setPageSize(QPageSize(QPageSize::A4));
            printer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
            text.print(&printer);
            return QFileInfo(tmp).size() > 0;
        },
        error);
}

void ReportReaction::trigger() {
    MainWindow& w = window_;
    const QString path = QFileDialog::getSaveFileName(&w, MainWindow::tr("Export report"),
                                                      QStringLiteral("kronscope-report.html"),
                                                      MainWindow::tr("HTML (*.html);;PDF (*.pdf)"));
    if (path.isEmpty()) return;
    QString error;
    if (!write(path, &error))
        w.reportError(MainWindow::tr("Export report"), error);
    else
        w.statusBar()->showMessage(MainWindow::tr("Wrote %1").arg(path), 6000);
}

}  // namespace kronscope::app
