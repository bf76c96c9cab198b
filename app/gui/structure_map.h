#pragma once
// Structure map: one per-matrix metric for every block matrix x block size, shown as a 3D landscape (VTK).
// Kronecker ratio = rel_err(W) / mean rel_err(Gaussian null of the same shape and fit); the null depends only on
// the shape and the fit, so it is computed once per (shape, n) and shared by the matrices of that shape.
#include <QVariantMap>
#include <QWidget>
#include <vector>

#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/base/progress.h"
#include "kronscope/views/landscape_view.h"

class QComboBox;
class QLineEdit;
class QSpinBox;
class QPushButton;
class QLabel;

namespace kronscope::app {

enum class StructureMetric { KroneckerRatio, KroneckerError, SvdError };

struct StructureMapRequest {
    StructureMetric metric = StructureMetric::KroneckerRatio;
    std::vector<int64_t> block_sizes{2, 4, 8, 16};
    int null_draws = 20;
    uint64_t seed = 0;
};

struct StructureMapResult {
    StructureMapRequest request;
    views::LandscapeGrid grid;          // rows = matrices, cols = block sizes
    std::vector<std::string> matrices;  // row names
    std::vector<double> null_mean, null_std;  // per cell (ratio metric), else empty
    QString settings;
};

/// Computes the map on a worker thread (original weights only: safe beside other jobs).
StructureMapResult computeStructureMap(const core::Gpt2Model& model, const StructureMapRequest& request,
                                       core::Progress& progress);

class StructureMapPanel : public QWidget {
    Q_OBJECT
public:
    explicit StructureMapPanel(QWidget* parent = nullptr);
    /// Throws InputError naming a bad field.
    StructureMapRequest request() const;
    void setEnabledForModel(bool has_model);
    /// Every field, for session files.
    QVariantMap state() const;
    void setState(const QVariantMap& state);

signals:
    void runRequested();

private:
    QComboBox* metric_;
    QLineEdit* blocks_;
    QSpinBox* draws_;
    QPushButton* run_;
};

class StructureMapView : public QWidget {
    Q_OBJECT
public:
    explicit StructureMapView(QWidget* parent = nullptr);
    void setResult(const StructureMapResult& result);
    bool hasResult() const { return has_; }
    const StructureMapResult& result() const { return result_; }
    views::LandscapeView* landscape() const { return landscape_; }

signals:
    /// A picked cell: select this matrix and block size in the other views.
    void matrixPicked(const QString& matrix, int64_t block_size);

private:
    views::LandscapeView* landscape_;
    QLabel* summary_;
    StructureMapResult result_;
    bool has_ = false;
};

}  // namespace kronscope::app
