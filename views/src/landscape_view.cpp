#include "kronscope/views/landscape_view.h"
#include "kronscope/views/save_file.h"
#include "kronscope/views/colormaps.h"

#include <vtkBillboardTextActor3D.h>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellPicker.h>
#include <vtkCubeAxesActor.h>
#include <vtkDoubleArray.h>
#include <vtkImageData.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSmartPointer.h>
#include <vtkStringArray.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <cstring>

namespace kronscope::views {

struct LandscapeView::Vtk {
    vtkNew<vtkRenderWindow> window;
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkPolyDataMapper> mapper;
    vtkNew<vtkActor> surface;
    vtkNew<vtkLookupTable> lut;
    vtkNew<vtkScalarBarActor> bar;
    vtkNew<vtkCubeAxesActor> axes;
    vtkNew<vtkCellPicker> picker;
    double zscale = 1.0;  // z = value * zscale so that the surface is as tall as it is wide
    double zmin = 0.0;
    double sx = 1.0, sy = 1.0;  // world units per column / row: the footprint is square whatever the grid
    bool has_data = false;
};

LandscapeView::LandscapeView(QWidget* parent) : QWidget(parent), vtk_(std::make_unique<Vtk>()) {
    setMinimumSize(320, 240);
    setMouseTracking(false);
    setToolTip(tr("Drag to rotate, wheel to zoom, click a cell to select that matrix."));
    auto& v = *vtk_;
    v.window->SetOffScreenRendering(1);
    v.window->AddRenderer(v.renderer);
    v.renderer->SetBackground(1.0, 1.0, 1.0);
    v.lut->SetNumberOfTableValues(256);
    v.lut->Build();
    v.mapper->SetLookupTable(v.lut);
    v.mapper->SetScalarModeToUsePointData();
    v.mapper->ScalarVisibilityOn();
    v.surface->SetMapper(v.mapper);
    v.surface->GetProperty()->SetEdgeVisibility(1);
    v.surface->GetProperty()->SetEdgeColor(0.25, 0.25, 0.25);
    v.surface->GetProperty()->SetAmbient(0.35);
    v.surface->GetProperty()->SetDiffuse(0.7);
    v.bar->SetLookupTable(v.lut);
    v.bar->SetNumberOfLabels(5);
    v.bar->SetWidth(0.07);
    v.bar->SetHeight(0.66);
    v.bar->SetPosition(0.82, 0.14);  // room on the right for its title and labels
    v.bar->GetTitleTextProperty()->SetColor(0, 0, 0);
    v.bar->GetLabelTextProperty()->SetColor(0, 0, 0);
    v.bar->GetTitleTextProperty()->SetFontSize(12);
    v.bar->UnconstrainedFontSizeOn();
    for (int i = 0; i < 3; ++i) {
        v.axes->GetTitleTextProperty(i)->SetColor(0, 0, 0);
        v.axes->GetLabelTextProperty(i)->SetColor(0, 0, 0);
    }
    v.axes->GetXAxesLinesProperty()->SetColor(0, 0, 0);
    v.axes->GetYAxesLinesProperty()->SetColor(0, 0, 0);
    v.axes->GetZAxesLinesProperty()->SetColor(0, 0, 0);
    // One axis each (not the outer edges, which drew every title twice); the matrix and block-size names are
    // billboard labels placed by setGrid, thinned so that they never overlap.
    v.axes->SetFlyModeToStaticTriad();
    v.axes->XAxisLabelVisibilityOff();
    v.axes->YAxisLabelVisibilityOff();
    for (int i = 0; i < 3; ++i) {
        v.axes->GetTitleTextProperty(i)->SetFontSize(14);
        v.axes->GetLabelTextProperty(i)->SetFontSize(12);
    }
    v.axes->XAxisMinorTickVisibilityOff();
    v.axes->YAxisMinorTickVisibilityOff();
    v.axes->ZAxisMinorTickVisibilityOff();
    v.axes->SetGridLineLocation(vtkCubeAxesActor::VTK_GRID_LINES_FURTHEST);
    v.axes->DrawXGridlinesOn();
    v.axes->DrawYGridlinesOn();
    v.picker->SetTolerance(0.002);
    v.picker->PickFromListOn();
    v.picker->AddPickList(v.surface);
}

LandscapeView::~LandscapeView() = default;

void LandscapeView::setGrid(const LandscapeGrid& g) {
    grid_ = g;
    auto& v = *vtk_;
    const int rows = static_cast<int>(g.row_labels.size()), cols = static_cast<int>(g.col_labels.size());
    v.renderer->RemoveAllViewProps();
    v.has_data = rows > 0 && cols > 0 && g.values.size() == static_cast<size_t>(rows) * cols;
    if (!v.has_data) {
        image_ = QImage();
        update();
        return;
    }
    double lo = 1e300, hi = -1e300;
    for (double x : g.values)
        if (std::isfinite(x)) lo = std::min(lo, x), hi = std::max(hi, x);
    if (lo > hi) lo = 0, hi = 1;
    if (hi - lo < 1e-12) hi = lo + 1e-12;
    const double extent = std::max(1.0, std::max(rows, cols) - 1.0);
    v.zmin = lo;
    v.zscale = extent * 0.6 / (hi - lo);
    v.sx = cols > 1 ? extent / (cols - 1) : extent * 0.25;
    v.sy = rows > 1 ? extent / (rows - 1) : extent * 0.25;
    // Colours: viridis, or the diverging map symmetric around the centre (white = no effect).
    double clo = lo, chi = hi;
    const bool diverging = std::isfinite(g.center);
    if (diverging) {
        const double m = std::max({g.center - lo, hi - g.center, 1e-12});
        clo = g.center - m, chi = g.center + m;
    }
    const ColorStops& stops = diverging ? divergingStops() : viridisStops();
    for (int i = 0; i < 256; ++i) {
        const QColor c = colorAt(stops, i / 255.0);
        v.lut->SetTableValue(i, c.redF(), c.greenF(), c.blueF(), 1.0);
    }

    // One point per cell (x = column, y = row, z = scaled value); quads between neighbours. A single row or
    // column is drawn as a ribbon by doubling it.
    const int R = std::max(rows, 2), C = std::max(cols, 2);
    vtkNew<vtkPoints> points;
    vtkNew<vtkDoubleArray> scalars;
    scalars->SetName("value");
    for (int r = 0; r < R; ++r)
        for (int c = 0; c < C; ++c) {
            const int rr = std::min(r, rows - 1), cc = std::min(c, cols - 1);
            double val = g.values[static_cast<size_t>(rr) * cols + cc];
            if (!std::isfinite(val)) val = lo;
            const double x = c * v.sx, y = r * v.sy;
            points->InsertNextPoint(x, y, (val - lo) * v.zscale);
            scalars->InsertNextValue(val);
        }
    vtkNew<vtkCellArray> quads;
    for (int r = 0; r + 1 < R; ++r)
        for (int c = 0; c + 1 < C; ++c) {
            const vtkIdType ids[4] = {r * C + c, r * C + c + 1, (r + 1) * C + c + 1, (r + 1) * C + c};
            quads->InsertNextCell(4, ids);
        }
    vtkNew<vtkPolyData> poly;
    poly->SetPoints(points);
    poly->SetPolys(quads);
    poly->GetPointData()->SetScalars(scalars);
    v.mapper->SetInputData(poly);
    v.mapper->SetScalarRange(clo, chi);
    v.lut->SetTableRange(clo, chi);
    v.bar->SetTitle(g.metric.toUtf8().constData());

    double bounds[6];
    poly->GetBounds(bounds);
    v.axes->SetBounds(bounds);
    v.axes->SetCamera(v.renderer->GetActiveCamera());
    v.axes->SetXTitle(g.col_title.toUtf8().constData());
    v.axes->SetYTitle(g.row_title.toUtf8().constData());
    v.axes->SetZTitle("");  // the colour bar names the metric; its values label the z axis
    // Category labels as billboards at their own row / column (every k-th when there are many: at most 8
    // rows and 10 columns, so that neighbours never overlap at any zoom that shows the whole surface).
    auto addLabels = [&v, extent](const QStringList& l, int max_labels, bool along_rows) {
        const int step = std::max(1, static_cast<int>(std::ceil(l.size() / double(max_labels))));
        for (int i = 0; i < l.size(); i += step) {
            vtkNew<vtkBillboardTextActor3D> t;
            t->SetInput(l[i].toUtf8().constData());
            if (along_rows) {  // left of the surface, clear of the z axis's tick labels at the origin
                t->SetPosition(-0.08 * extent, i * v.sy, 0.0);
                t->GetTextProperty()->SetJustificationToRight();
            } else {
                t->SetPosition(i * v.sx, -0.06 * extent, 0.0);
                t->GetTextProperty()->SetJustificationToCentered();
            }
            t->GetTextProperty()->SetVerticalJustificationToCentered();
            t->GetTextProperty()->SetFontSize(12);
            t->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
            v.renderer->AddActor(t);
        }
    };
    addLabels(g.row_labels, 8, true);
    addLabels(g.col_labels, 10, false);
    // z labels are the metric's own values (the surface height is scaled)
    vtkNew<vtkStringArray> zl;
    for (int i = 0; i <= 4; ++i)
        zl->InsertNextValue(QString::number(lo + (hi - lo) * i / 4.0, 'g', 3).toUtf8().constData());
    v.axes->SetAxisLabels(2, zl);
    v.renderer->AddActor(v.surface);
    v.renderer->AddActor(v.axes);
    v.renderer->AddActor2D(v.bar);
    resetCamera();
}

void LandscapeView::resetCamera() {
    auto& v = *vtk_;
    auto* cam = v.renderer->GetActiveCamera();
    // From above at an angle (about 50 degrees over the floor), front left: block sizes run left to right,
    // rows recede; the square footprint keeps a two-column map a surface, not a ribbon seen edge-on.
    double b[6];
    v.mapper->GetBounds(b);
    const double cx = (b[0] + b[1]) / 2, cy = (b[2] + b[3]) / 2, cz = (b[4] + b[5]) / 2;
    const double d = 2.2 * std::sqrt((b[1] - b[0]) * (b[1] - b[0]) + (b[3] - b[2]) * (b[3] - b[2]) +
                                     (b[5] - b[4]) * (b[5] - b[4]));
    cam->SetFocalPoint(cx, cy, cz);
    cam->SetPosition(cx - 0.35 * d, cy - 0.55 * d, cz + 0.80 * d);
    cam->SetViewUp(0, 0, 1);
    cam->SetViewAngle(30);
    v.renderer->ResetCameraClippingRange();
    image_ = QImage();
    update();
}

QColor LandscapeView::colorFor(double value) const {
    double rgb[3] = {1.0, 1.0, 1.0};
    vtk_->lut->GetColor(value, rgb);
    return QColor::fromRgbF(static_cast<float>(rgb[0]), static_cast<float>(rgb[1]),
                            static_cast<float>(rgb[2]));
}

std::pair<double, double> LandscapeView::footprint() const {
    const auto rows = grid_.row_labels.size(), cols = grid_.col_labels.size();
    return {vtk_->sx * static_cast<double>(std::max<qsizetype>(cols - 1, 1)),
            vtk_->sy * static_cast<double>(std::max<qsizetype>(rows - 1, 1))};
}

void LandscapeView::rotate(double azimuth, double elevation) {
    auto* cam = vtk_->renderer->GetActiveCamera();
    cam->Azimuth(azimuth);
    cam->Elevation(elevation);
    cam->OrthogonalizeViewUp();
    vtk_->renderer->ResetCameraClippingRange();
    image_ = QImage();
    update();
}

void LandscapeView::zoom(double factor) {
    vtk_->renderer->GetActiveCamera()->Dolly(factor);
    vtk_->renderer->ResetCameraClippingRange();
    image_ = QImage();
    update();
}

QImage LandscapeView::render(int width, int height) {
    auto& v = *vtk_;
    if (!v.has_data || width < 2 || height < 2) return {};
    v.window->SetSize(width, height);
    v.window->Render();
    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(v.window);
    grab->SetInputBufferTypeToRGB();
    grab->ReadFrontBufferOff();
    grab->Update();
    vtkImageData* img = grab->GetOutput();
    int dims[3];
    img->GetDimensions(dims);
    auto* data = static_cast<unsigned char*>(img->GetScalarPointer());
    QImage out(dims[0], dims[1], QImage::Format_RGB888);
    // VTK's rows run bottom-up.
    for (int y = 0; y < dims[1]; ++y)
        std::memcpy(out.scanLine(dims[1] - 1 - y), data + static_cast<size_t>(y) * dims[0] * 3,
                    static_cast<size_t>(dims[0]) * 3);
    return out;
}

bool LandscapeView::exportPng(const QString& path, int width, int height, QString* error) {
    const QImage img = render(width, height);
    if (img.isNull()) {
        if (error) *error = tr("nothing to export");
        return false;
    }
    const bool ok = saveAtomically(
        path, [&](const QString& tmp) { return img.save(tmp, "PNG"); }, error);
    image_ = QImage();
    update();
    return ok;
}

std::pair<int, int> LandscapeView::pick(const QPoint& pos) {
    auto& v = *vtk_;
    if (!v.has_data) return {-1, -1};
    if (image_.size() != size()) image_ = render(width(), height());
    if (!v.picker->Pick(pos.x(), height() - 1 - pos.y(), 0, v.renderer)) return {-1, -1};
    double p[3];
    v.picker->GetPickPosition(p);
    const int rows = static_cast<int>(grid_.row_labels.size()),
              cols = static_cast<int>(grid_.col_labels.size());
    const int c = cols == 1 ? 0 : std::clamp(static_cast<int>(std::lround(p[0] / v.sx)), 0, cols - 1);
    const int r = rows == 1 ? 0 : std::clamp(static_cast<int>(std::lround(p[1] / v.sy)), 0, rows - 1);
    return {r, c};
}

void LandscapeView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (!vtk_->has_data) {
        painter.fillRect(rect(), Qt::white);
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Compute a structure map (Structure map page) to see its landscape."));
        return;
    }
    if (image_.size() != size()) image_ = render(width(), height());
    painter.drawImage(0, 0, image_);
}

void LandscapeView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    image_ = QImage();
}

void LandscapeView::mousePressEvent(QMouseEvent* event) {
    press_pos_ = last_pos_ = event->pos();
    dragging_ = event->button() == Qt::LeftButton;
}

void LandscapeView::mouseMoveEvent(QMouseEvent* event) {
    if (!dragging_) return;
    const QPoint d = event->pos() - last_pos_;
    last_pos_ = event->pos();
    rotate(-d.x() * 0.5, d.y() * 0.5);
}

void LandscapeView::mouseReleaseEvent(QMouseEvent* event) {
    dragging_ = false;
    if ((event->pos() - press_pos_).manhattanLength() <= 3) {
        const auto [r, c] = pick(event->pos());
        if (r >= 0) emit picked(r, c);
    }
}

void LandscapeView::wheelEvent(QWheelEvent* event) {
    zoom(event->angleDelta().y() > 0 ? 1.15 : 1.0 / 1.15);
}

}  // namespace kronscope::views
