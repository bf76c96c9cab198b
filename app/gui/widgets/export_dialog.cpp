#include "widgets/export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace kronscope::app {

ExportDialog::ExportDialog(const QList<QPair<QString, QCustomPlot*>>& plots, QWidget* parent)
    : QDialog(parent), plots_(plots) {
    setWindowTitle(tr("Export figure"));
    auto* form = new QFormLayout(this);
    which_ = new QComboBox(this);
    for (const auto& p : plots) which_->addItem(p.first);
    which_->setEnabled(plots.size() > 1);
    form->addRow(tr("Plot"), which_);
    QSettings settings;
    path_ = new QLineEdit(
        settings.value(QStringLiteral("export/lastPath"), QStringLiteral("figure.png")).toString(), this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* row = new QHBoxLayout;
    row->addWidget(path_, 1);
    row->addWidget(browse);
    form->addRow(tr("File (.png, .pdf, .svg)"), row);
    width_ = new QSpinBox(this);
    width_->setRange(16, 20000);
    width_->setValue(settings.value(QStringLiteral("export/width"), 1200).toInt());
    height_ = new QSpinBox(this);
    height_->setRange(16, 20000);
    height_->setValue(settings.value(QStringLiteral("export/height"), 800).toInt());
    dpi_ = new QSpinBox(this);
    dpi_->setRange(10, 2400);
    dpi_->setValue(settings.value(QStringLiteral("export/dpi"), 150).toInt());
    form->addRow(tr("Width (px)"), width_);
    form->addRow(tr("Height (px)"), height_);
    form->addRow(tr("DPI"), dpi_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export figure"), path_->text(),
                                                       tr("PNG (*.png);;PDF (*.pdf);;SVG (*.svg)"));
        if (!f.isEmpty()) path_->setText(f);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QSettings s;
        s.setValue(QStringLiteral("export/lastPath"), path_->text());
        s.setValue(QStringLiteral("export/width"), width_->value());
        s.setValue(QStringLiteral("export/height"), height_->value());
        s.setValue(QStringLiteral("export/dpi"), dpi_->value());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QCustomPlot* ExportDialog::plot() const {
    return plots_.value(which_->currentIndex()).second;
}
QString ExportDialog::path() const {
    return path_->text();
}
int ExportDialog::widthPx() const {
    return width_->value();
}
int ExportDialog::heightPx() const {
    return height_->value();
}
double ExportDialog::dpi() const {
    return dpi_->value();
}

}  // namespace kronscope::app
