#include "widgets/data_export.h"

#include <QAction>
#include <QFileDialog>
#include <QMessageBox>
#include <qcustomplot.h>

#include "kronscope/core/io/array_file.h"
#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/save_file.h"

namespace kronscope::app {

namespace {

QString csvField(QString s) {
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
}

/// The plot's series: graphs (curves) and bars, with their legend names.
QString plotCsv(const QCustomPlot& plot) {
    QString out = QStringLiteral("series,x,y\n");
    auto& p = const_cast<QCustomPlot&>(plot);
    for (int i = 0; i < p.plottableCount(); ++i) {
        QCPAbstractPlottable* item = p.plottable(i);
        const QString name =
            csvField(item->name().isEmpty() ? QStringLiteral("series %1").arg(i + 1) : item->name());
        if (auto* g = qobject_cast<QCPGraph*>(item)) {
            for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
                out += name + QLatin1Char(',') + QString::number(it->key, 'g', 17) + QLatin1Char(',') +
                       QString::number(it->value, 'g', 17) + QLatin1Char('\n');
        } else if (auto* b = qobject_cast<QCPBars*>(item)) {
            for (auto it = b->data()->constBegin(); it != b->data()->constEnd(); ++it)
                out += name + QLatin1Char(',') + QString::number(it->key, 'g', 17) + QLatin1Char(',') +
                       QString::number(it->value, 'g', 17) + QLatin1Char('\n');
        } else if (auto* c = qobject_cast<QCPCurve*>(item)) {
            for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it)
                out += name + QLatin1Char(',') + QString::number(it->key, 'g', 17) + QLatin1Char(',') +
                       QString::number(it->value, 'g', 17) + QLatin1Char('\n');
        }
    }
    return out;
}

void addHeatmapAction(views::HeatmapView* view) {
    QCustomPlot* plot = view->plot();
    if (!plot || plot->property("kronscopeDataExport").toBool()) return;
    plot->setProperty("kronscopeDataExport", true);
    plot->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* action = new QAction(QObject::tr("Export data (.npy, .csv, .safetensors)…"), plot);
    action->setObjectName(QStringLiteral("exportHeatmapData"));
    QObject::connect(action, &QAction::triggered, view, [view] {
        if (view->isEmpty()) return;
        const QString path = QFileDialog::getSaveFileName(
            view, QObject::tr("Export data"), QStringLiteral("matrix.npy"),
            QObject::tr("NumPy (*.npy);;CSV (*.csv);;safetensors (*.safetensors)"));
        if (path.isEmpty()) return;
        QString error;
        if (!exportHeatmapData(*view, path, &error))
            QMessageBox::warning(view, QObject::tr("Export data"), error);
    });
    plot->addAction(action);
}

void addPlotAction(QCustomPlot* plot) {
    if (plot->property("kronscopeDataExport").toBool()) return;
    plot->setProperty("kronscopeDataExport", true);
    plot->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* action = new QAction(QObject::tr("Export data (.csv)…"), plot);
    action->setObjectName(QStringLiteral("exportPlotData"));
    QObject::connect(action, &QAction::triggered, plot, [plot] {
        const QString path = QFileDialog::getSaveFileName(
            plot, QObject::tr("Export data"), QStringLiteral("series.csv"), QObject::tr("CSV (*.csv)"));
        if (path.isEmpty()) return;
        QString error;
        if (!exportPlotData(*plot, path, &error))
            QMessageBox::warning(plot, QObject::tr("Export data"), error);
    });
    plot->addAction(action);
}

}  // namespace

void installDataExport(QWidget* root) {
    for (auto* view : root->findChildren<views::HeatmapView*>()) addHeatmapAction(view);
    for (auto* plot : root->findChildren<QCustomPlot*>()) addPlotAction(plot);  // heatmaps already marked
}

bool exportHeatmapData(const views::HeatmapView& view, const QString& path, QString* error) {
    const auto& m = view.matrix();
    if (m.values.empty()) {
        if (error) *error = QObject::tr("%1: the view shows no data").arg(path);
        return false;
    }
    // The tensor's name in a .safetensors file: the title's first word ("h.0.mlp.c_fc.weight", "fit").
    QString name =
        m.title.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty).remove(QLatin1Char(':'));
    if (name.isEmpty()) name = QStringLiteral("data");
    try {
        core::writeArrayFile(path.toStdString(), name.toStdString(), {m.rows, m.cols}, m.values);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

bool exportPlotData(const QCustomPlot& plot, const QString& path, QString* error) {
    return views::saveBytesAtomically(path, plotCsv(plot).toUtf8(), error);
}

}  // namespace kronscope::app
