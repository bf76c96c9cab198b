#pragma once
// Structure map page and view: the request from the page's fields, the result drawn as a 3D landscape (VTK).
#include <QVariantMap>
#include <QWidget>
#include <vector>

#include "kronscope/core/analysis/structure_map.h"
#include "kronscope/views/landscape_view.h"

class QComboBox;
class QLineEdit;
class QSpinBox;
class QPushButton;
class QLabel;

namespace kronscope::app {

/// The map itself is computed by core (analysis/structure_map.h): the same request and result as `kronscope-cli map`.
using StructureMapRequest = core::StructureMapRequest;
using StructureMapResult = core::StructureMapResult;

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
    QLineEdit* targets_;
    QSpinBox* draws_;
    QPushButton* run_;
};

class StructureMapView : public QWidget {
    Q_OBJECT
public:
    explicit StructureMapView(QWidget* parent = nullptr);
    void setResult(const StructureMapResult& result);
    /// The landscape grid of a result: rows = matrices, columns = block sizes, translated titles.
    static views::LandscapeGrid landscapeGrid(const StructureMapResult& result);
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
    views::LandscapeGrid grid_;
    bool has_ = false;
};

}  // namespace kronscope::app
