#pragma once
// Data out from the screen: every heatmap (weights, fits, factors, error maps, activation maps, score grids)
// and every plot of the window gets "Export data…" in its context menu. A heatmap writes the matrix it
// shows as .npy, .csv or .safetensors (core/io/array_file.h, the writer `kronscope-cli export` uses); a plot
// writes its series (curves, bars, histograms) as CSV: one line per point, "series,x,y".
#include <QString>

class QCustomPlot;
class QWidget;

namespace kronscope::views {
class HeatmapView;
}

namespace kronscope::app {

/// Adds the context-menu actions (objectName "exportHeatmapData" / "exportPlotData") to every heatmap and
/// plot under `root` that has none yet; call again after views are added.
void installDataExport(QWidget* root);

/// What a heatmap shows, as rows x cols float32 (.npy, .csv, .safetensors). False with *error naming the
/// file.
bool exportHeatmapData(const views::HeatmapView& view, const QString& path, QString* error);

/// A plot's series as CSV ("series,x,y" after a header line). False with *error naming the file.
bool exportPlotData(const QCustomPlot& plot, const QString& path, QString* error);

}  // namespace kronscope::app
