#include "kronscope/views/plots.h"

#include <qcustomplot.h>

#include <QFileInfo>
#include <QSvgGenerator>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace kronscope::views {

// A hidden plot (another tab) has no paint buffer yet; it replots when it is shown and resized.
static void replotIfShown(QCustomPlot* plot) {
    if (plot->isVisible() && plot->width() > 0 && plot->height() > 0) plot->replot();
}

bool exportPlot(QCustomPlot* plot, const QString& path, int width, int height, double dpi, QString* error) {
    const QString ext = QFileInfo(path).suffix().toLower();
    if (width < 16 || height < 16 || width > 20000 || height > 20000 || dpi < 10 || dpi > 2400) {
        if (error) *error = QObject::tr("size %1 x %2 at %3 dpi is out of range").arg(width).arg(height).arg(dpi);
        return false;
    }
    bool ok = false;
    if (ext == QLatin1String("png")) {
        // Scale so that the figure keeps its layout at the requested resolution (dpi / 96 device pixels per px).
        ok = plot->savePng(path, width, height, dpi / 96.0, -1, static_cast<int>(std::lround(dpi)), QCP::ruDotsPerInch);
    } else if (ext == QLatin1String("pdf")) {
        ok = plot->savePdf(path, width, height, QCP::epNoCosmetic);
    } else if (ext == QLatin1String("svg")) {
        QSvgGenerator gen;
        gen.setFileName(path);
        gen.setSize(QSize(width, height));
        gen.setViewBox(QRect(0, 0, width, height));
        gen.setResolution(static_cast<int>(std::lround(dpi)));
        gen.setTitle(plot->objectName());
        QCPPainter painter;
        if (painter.begin(&gen)) {
            plot->toPainter(&painter, width, height);
            painter.end();
            ok = QFileInfo(path).size() > 0;
        }
    } else {
        if (error) *error = QObject::tr("unknown figure format '.%1' (use .png, .pdf or .svg)").arg(ext);
        return false;
    }
    if (!ok && error) *error = QObject::tr("could not write %1").arg(path);
    return ok;
}

namespace {
const QList<QColor>& seriesColors() {
    static const QList<QColor> colors = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28), QColor(0x2c, 0xa0, 0x2c),
                                         QColor(0xff, 0x7f, 0x0e), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b)};
    return colors;
}
QWidget* wrap(QWidget* self, QCustomPlot* plot) {
    auto* layout = new QVBoxLayout(self);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot);
    return self;
}
}  // namespace

// ---- spectrum ----

void SpectrumPlot::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    plot_->replot(QCustomPlot::rpQueuedReplot);  // data may have changed while hidden
}

void SweepPlot::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

SpectrumPlot::SpectrumPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    wrap(this, plot_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectPlottables);
    plot_->yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    plot_->yAxis->setNumberFormat(QStringLiteral("eb"));
    plot_->yAxis->setNumberPrecision(0);
    plot_->xAxis->setLabel(tr("index k"));
    plot_->yAxis->setLabel(tr("singular value"));
    plot_->legend->setVisible(true);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, QString(), QFont(font().family(), 10, QFont::Bold)));
}

void SpectrumPlot::clear() {
    plot_->clearGraphs();
    plot_->clearItems();
    replotIfShown(plot_);
}

void SpectrumPlot::setSeries(const std::vector<Series>& series, const QString& title) {
    plot_->clearGraphs();
    plot_->clearItems();
    if (auto* t = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))) t->setText(title);
    double ymin = 1e300, ymax = 0, xmax = 1;
    for (size_t i = 0; i < series.size(); ++i) {
        const auto& s = series[i];
        const QColor color = seriesColors()[static_cast<int>(i) % seriesColors().size()];
        auto* kept = plot_->addGraph();
        auto* dropped = plot_->addGraph();
        kept->setName(tr("%1: kept (%2)").arg(s.name).arg(s.kept));
        dropped->setName(tr("%1: dropped").arg(s.name));
        kept->setPen(QPen(color, 2));
        kept->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, s.values.size() > 200 ? 2 : 5));
        QColor light = color;
        light.setAlpha(110);
        dropped->setPen(QPen(light, 1.2, Qt::DashLine));
        dropped->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, s.values.size() > 200 ? 2 : 5));
        for (size_t k = 0; k < s.values.size(); ++k) {
            const double v = std::max(s.values[k], 1e-12);
            if (static_cast<int>(k) < s.kept) kept->addData(static_cast<double>(k + 1), v);
            if (static_cast<int>(k) >= s.kept - 1) dropped->addData(static_cast<double>(k + 1), v);
            ymin = std::min(ymin, v);
            ymax = std::max(ymax, v);
        }
        xmax = std::max(xmax, static_cast<double>(s.values.size()));
        if (s.kept > 0 && s.kept < static_cast<int>(s.values.size())) {
            auto* line = new QCPItemStraightLine(plot_);
            line->point1->setCoords(s.kept + 0.5, 1);
            line->point2->setCoords(s.kept + 0.5, 2);
            line->setPen(QPen(color, 1, Qt::DotLine));
        }
    }
    if (ymax <= 0) ymin = 0.1, ymax = 1;
    plot_->xAxis->setRange(0, xmax + 1);
    plot_->yAxis->setRange(ymin / 1.5, ymax * 1.5);
    replotIfShown(plot_);
}

// ---- sweep ----

SweepPlot::SweepPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    wrap(this, plot_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
    auto ticker = QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog);
    ticker->setLogBase(2);
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setNumberFormat(QStringLiteral("f"));
    plot_->xAxis->setNumberPrecision(0);
    plot_->xAxis->setLabel(tr("block size n"));
    plot_->yAxis->setLabel(tr("perplexity (log scale)"));
    plot_->legend->setVisible(true);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, tr("Perplexity after surgery"),
                                                             QFont(font().family(), 10, QFont::Bold)));
}

void SweepPlot::setSubtitle(const QString& text) {
    if (auto* t = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0)))
        t->setText(tr("Perplexity after surgery") + (text.isEmpty() ? QString() : QStringLiteral("\n") + text));
    replotIfShown(plot_);
}

void SweepPlot::clear() {
    plot_->clearGraphs();
    plot_->clearItems();
    baseline_ = 0.0;
    replotIfShown(plot_);
}

int SweepPlot::pointCount() const {
    int n = 0;
    for (int i = 0; i < plot_->graphCount(); ++i) n += plot_->graph(i)->dataCount();
    return n;
}

void SweepPlot::addPoint(const QString& method, double block_size, double ppl) {
    QCPGraph* g = nullptr;
    for (int i = 0; i < plot_->graphCount(); ++i)
        if (plot_->graph(i)->name() == method) g = plot_->graph(i);
    if (!g) {
        g = plot_->addGraph();
        g->setName(method);
        const QColor color = seriesColors()[(plot_->graphCount() - 1) % seriesColors().size()];
        g->setPen(QPen(color, 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
    }
    g->addData(block_size, ppl);
    rescale();
}

void SweepPlot::setBaseline(double ppl, const QString& label) {
    baseline_ = ppl;
    auto* line = new QCPItemStraightLine(plot_);
    line->point1->setCoords(1, ppl);
    line->point2->setCoords(2, ppl);
    line->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
    auto* text = new QCPItemText(plot_);
    text->position->setType(QCPItemPosition::ptAxisRectRatio);
    text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    text->position->setCoords(0.02, 0.02);
    text->setText(label);
    rescale();
}

void SweepPlot::rescale() {
    double xmin = 1e300, xmax = 0, ymin = 1e300, ymax = 0;
    for (int i = 0; i < plot_->graphCount(); ++i)
        for (auto it = plot_->graph(i)->data()->constBegin(); it != plot_->graph(i)->data()->constEnd(); ++it) {
            xmin = std::min(xmin, it->key);
            xmax = std::max(xmax, it->key);
            ymin = std::min(ymin, it->value);
            ymax = std::max(ymax, it->value);
        }
    if (baseline_ > 0) ymin = std::min(ymin, baseline_), ymax = std::max(ymax, baseline_);
    if (xmax <= 0) xmin = 1, xmax = 64;
    if (ymax <= 0) ymin = 1, ymax = 10;
    plot_->xAxis->setRange(xmin / 1.5, xmax * 1.5);
    plot_->yAxis->setRange(ymin / 1.6, ymax * 1.6);
    replotIfShown(plot_);
}

// ---- loss ----

LossPlot::LossPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    wrap(this, plot_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->xAxis->setLabel(tr("optimizer step"));
    plot_->yAxis->setLabel(tr("loss (nats per token)"));
    plot_->legend->setVisible(true);
}

void LossPlot::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::clear() {
    plot_->clearGraphs();
    replotIfShown(plot_);
}

void LossPlot::addPoint(const QString& series, double step, double loss) {
    if (!std::isfinite(loss)) return;
    QCPGraph* g = nullptr;
    for (int i = 0; i < plot_->graphCount(); ++i)
        if (plot_->graph(i)->name() == series) g = plot_->graph(i);
    if (!g) {
        g = plot_->addGraph();
        g->setName(series);
        g->setPen(QPen(seriesColors()[(plot_->graphCount() - 1) % seriesColors().size()], 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    }
    g->addData(step, loss);
    plot_->rescaleAxes();
    plot_->yAxis->scaleRange(1.1, plot_->yAxis->range().center());
    replotIfShown(plot_);
}

}  // namespace kronscope::views
