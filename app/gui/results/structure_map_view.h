#pragma once
// Structure map view: a structure map result drawn as a 3D landscape (VTK) beside the same grid as a 2D
// heatmap with the same colours; a picked cell (in either) selects its matrix.
#include <QVariantMap>
#include <QWidget>
#include <vector>

#include "kronscope/core/analysis/structure_map.h"
#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/landscape_view.h"

class QLabel;

namespace kronscope::app {

using StructureMapResult = core::StructureMapResult;

class StructureMapView : public QWidget {
    Q_OBJECT
  public:
    explicit StructureMapView(QWidget* parent = nullptr);
    void setResult(const StructureMapResult& result);
    /// The landscape grid of a result: rows = matrices, columns = block sizes, translated titles.
    static views::LandscapeGrid landscapeGrid(const StructureMapResult& result);
    /// The same grid as a 2D heatmap (the same colours: viridis, or diverging around the grid's centre).
    static views::MatrixData heatmapData(const views::LandscapeGrid& grid);
    views::HeatmapView* heatmap() const { return heatmap_; }
    bool hasResult() const { return has_; }
    const StructureMapResult& result() const { return result_; }
    views::LandscapeView* landscape() const { return landscape_; }

  signals:
    /// A picked cell: select this matrix and block size in the other views.
    void matrixPicked(const QString& matrix, int64_t block_size);

  private:
    views::LandscapeView* landscape_;
    views::HeatmapView* heatmap_;
    QLabel* summary_;
    StructureMapResult result_;
    views::LandscapeGrid grid_;
    bool has_ = false;
};

}  // namespace kronscope::app
