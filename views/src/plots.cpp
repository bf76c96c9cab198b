#include "kronscope/views/plots.h"
#include "kronscope/views/plot_layout.h"
#include "kronscope/views/save_file.h"

#include <qcustomplot.h>

#include <QFontMetricsF>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace kronscope::views {

// A hidden plot (another tab) has no paint buffer yet; it replots when it is shown and resized.
static void replotIfShown(QCustomPlot* plot) {
    if (plot->isVisible() && plot->width() > 0 && plot->height() > 0) plot->replot();
}

namespace {
const QList<QColor>& seriesColors() {
    // Okabe and Ito's colour-blind-safe palette (blue, vermillion, bluish green, orange, reddish purple, sky
    // blue, black): every pair stays distinct for the common colour-vision deficiencies and in grey.
    static const QList<QColor> colors = {QColor(0x00, 0x72, 0xb2), QColor(0xd5, 0x5e, 0x00),
                                         QColor(0x00, 0x9e, 0x73), QColor(0xe6, 0x9f, 0x00),
                                         QColor(0xcc, 0x79, 0xa7), QColor(0x56, 0xb4, 0xe9),
                                         QColor(0x00, 0x00, 0x00)};
    return colors;
}
QWidget* wrap(QWidget* self, QCustomPlot* plot) {
    keepTextReadable(plot);
    auto* layout = new QVBoxLayout(self);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot);
    return self;
}
}  // namespace

/// Moves the legend out of the axes into a row of its own above them (entries side by side), so that it never
/// covers data.
static void legendAboveAxes(QCustomPlot* plot) {
    auto* layout = plot->plotLayout();
    int row = -1;
    for (int r = 0; r < layout->rowCount(); ++r)
        if (layout->element(r, 0) == plot->axisRect()) row = r;
    if (row < 0) return;
    plot->axisRect()->insetLayout()->take(plot->legend);
    layout->insertRow(row);
    layout->addElement(row, 0, plot->legend);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(4);
    plot->legend->setBorderPen(Qt::NoPen);
    layout->setRowStretchFactor(row, 0.001);
    layout->simplify();
}

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
    plot_->plotLayout()->addElement(
        0, 0, new QCPTextElement(plot_, QString(), QFont(font().family(), 10, QFont::Bold)));
    legendAboveAxes(plot_);
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
    plot_->plotLayout()->addElement(
        0, 0,
        new QCPTextElement(plot_, tr("Perplexity after surgery"), QFont(font().family(), 10, QFont::Bold)));
    legendAboveAxes(plot_);  // the baseline's label sits at the top left of the axes
}

void SweepPlot::setSubtitle(const QString& text) {
    if (auto* t = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0)))
        t->setText(tr("Perplexity after surgery") +
                   (text.isEmpty() ? QString() : QStringLiteral("\n") + text));
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
        int series = 0;  // methods drawn so far (the baseline's legend entry aside)
        for (int i = 0; i + 1 < plot_->graphCount(); ++i)
            series += plot_->graph(i)->property("kronscopeBaseline").toBool() ? 0 : 1;
        const QColor color = seriesColors()[series % seriesColors().size()];
        g->setPen(QPen(color, 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
    }
    g->addData(block_size, ppl);
    rescale();
}

void SweepPlot::setBaseline(double ppl, const QString& label) {
    baseline_ = ppl;
    const QPen pen(Qt::black, 1.5, Qt::DashLine);
    auto* line = new QCPItemStraightLine(plot_);
    line->point1->setCoords(1, ppl);
    line->point2->setCoords(2, ppl);
    line->setPen(pen);
    // Named in the legend (an empty graph with the line's pen), never written over the data.
    auto* entry = plot_->addGraph();
    entry->setName(label);
    entry->setPen(pen);
    entry->setProperty("kronscopeBaseline", true);
    rescale();
}

void SweepPlot::rescale() {
    double xmin = 1e300, xmax = 0, ymin = 1e300, ymax = 0;
    for (int i = 0; i < plot_->graphCount(); ++i)
        for (auto it = plot_->graph(i)->data()->constBegin(); it != plot_->graph(i)->data()->constEnd();
             ++it) {
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
    legendAboveAxes(plot_);
}

void LossPlot::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::clear() {
    plot_->clearGraphs();
    replotIfShown(plot_);
}

void LossPlot::addSeries(const QString& series, const std::vector<double>& steps,
                         const std::vector<double>& losses) {
    auto* g = plot_->addGraph();
    g->setName(series);
    g->setPen(QPen(seriesColors()[(plot_->graphCount() - 1) % seriesColors().size()], 2));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    for (size_t i = 0; i < steps.size() && i < losses.size(); ++i)
        if (std::isfinite(losses[i])) g->addData(steps[i], losses[i]);
    plot_->rescaleAxes();
    plot_->yAxis->scaleRange(1.1, plot_->yAxis->range().center());
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

// ---- pie charts ----

namespace {
constexpr double kPieSpacing = 3.2;  // centre distance between pies (radius 1)
QCPTextElement* titleElement(QCustomPlot* plot) {
    return qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0));
}
void addTitleRow(QCustomPlot* plot, const QFont& base, const QString& text) {
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0,
                                   new QCPTextElement(plot, text, QFont(base.family(), 10, QFont::Bold)));
}
}  // namespace

PieChartPlot::PieChartPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    wrap(this, plot_);
    plot_->xAxis->setVisible(false);
    plot_->yAxis->setVisible(false);
    plot_->xAxis->grid()->setVisible(false);
    plot_->yAxis->grid()->setVisible(false);
    plot_->legend->setVisible(true);
    addTitleRow(plot_, font(), QString());
    legendAboveAxes(plot_);  // never over a pie
    // Keep the pies round at any size, on screen and in exports.
    connect(plot_, &QCustomPlot::beforeReplot, this, &PieChartPlot::fitRanges);
}

void PieChartPlot::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void PieChartPlot::fitRanges() {
    const QRect r = plot_->axisRect()->rect();
    if (r.width() <= 0 || r.height() <= 0) return;
    // Pies of radius 1 at x = 0, kPieSpacing, ...; titles above y = 1.08, captions below y = -1.1. Each title
    // and caption stays within its pie's column (down to 6 pt, then wrapped to the column), and the rows they
    // need are reserved in pixels above and below the pies, so that nothing is clipped or runs into a
    // neighbour at any size.
    const double x0 = -1.6, x1 = std::max(1, pies_) * kPieSpacing - kPieSpacing + 1.6;
    auto fit = [](QCPItemText* item, const QString& full, int points, double column) {
        QFont f = item->font();
        QString text = full;
        auto width = [&](const QString& t, int size) {
            QFont g = f;
            g.setPointSize(size);
            double w = 0.0;
            for (const QString& line : t.split(QLatin1Char('\n')))
                w = std::max(w, QFontMetricsF(g).horizontalAdvance(line));
            return w;
        };
        int pt = points;
        while (pt > 6 && width(text, pt) > column) --pt;
        f.setPointSize(pt);
        if (width(text, pt) > column) text = wrapToWidth(text, f, column);
        item->setFont(f);
        item->setText(text);
        return QFontMetricsF(f).height() * (text.count(QLatin1Char('\n')) + 1) + 4.0;
    };
    // The largest pie radius (pixels) at which the pies, their titles above and captions below (fitted to the
    // column of that radius) fit the axes; captions are dropped when even 12 px pies leave no room for them.
    auto layoutAt = [&](double radius, bool captions, double* top, double* bottom) {
        const double column = kPieSpacing * radius - 10.0;
        *top = *bottom = 0.0;
        for (size_t i = 0; i < labels_.size(); ++i) {
            const bool caption = i % 2 == 1;
            labels_[i].item->setVisible(!caption || captions);
            if (caption && !captions) continue;
            const double h = fit(labels_[i].item, labels_[i].text, labels_[i].points, column);
            double& side = caption ? *bottom : *top;
            side = std::max(side, h);
        }
        return 2.18 * radius + *top + *bottom + 6.0 <= r.height() && (x1 - x0) * radius <= r.width();
    };
    double top = 0.0, bottom = 0.0, radius = std::min(r.width() / (x1 - x0), r.height() / 2.18);
    bool captions = true;
    while (radius > 12.0 && !layoutAt(radius, captions, &top, &bottom)) radius -= 1.0;
    if (radius <= 12.0 && !layoutAt(radius, captions, &top, &bottom)) {
        captions = false;
        radius = std::min(r.width() / (x1 - x0), r.height() / 2.18);
        while (radius > 8.0 && !layoutAt(radius, captions, &top, &bottom)) radius -= 1.0;
    }
    const double per_px = 1.0 / std::max(radius, 1.0);
    const double cx = 0.5 * (x0 + x1);
    plot_->xAxis->setRange(cx - 0.5 * per_px * r.width(), cx + 0.5 * per_px * r.width());
    // Centre the pies' band (with its reserved rows) vertically.
    const double band_lo = -1.1 - (bottom + 3.0) * per_px, band_hi = 1.08 + (top + 3.0) * per_px;
    const double cy = 0.5 * (band_lo + band_hi);
    plot_->yAxis->setRange(cy - 0.5 * per_px * r.height(), cy + 0.5 * per_px * r.height());
    for (auto* t : wedge_labels_) t->setVisible(1.0 / per_px >= 48.0);  // a radius of at least 48 px
}

void PieChartPlot::clear() {
    plot_->clearPlottables();
    plot_->clearItems();
    labels_.clear();
    wedge_labels_.clear();
    pies_ = 0;
    if (auto* t = titleElement(plot_)) t->setText(QString());
    replotIfShown(plot_);
}

void PieChartPlot::setPies(const QStringList& labels, const std::vector<Pie>& pies, const QString& title) {
    clear();
    pies_ = static_cast<int>(pies.size());
    if (auto* t = titleElement(plot_)) t->setText(title);
    const double two_pi = 2.0 * std::acos(-1.0);
    for (size_t p = 0; p < pies.size(); ++p) {
        const auto& pie = pies[p];
        const double cx = static_cast<double>(p) * kPieSpacing;
        double total = 0.0;
        for (double v : pie.shares) total += std::max(0.0, v);
        double start = std::acos(-1.0) / 2.0;  // 12 o'clock, clockwise
        for (size_t i = 0; i < pie.shares.size(); ++i) {
            const double frac = total > 0.0 ? std::max(0.0, pie.shares[i]) / total : 0.0;
            const double end = start - frac * two_pi;
            auto* wedge = new QCPCurve(plot_->xAxis, plot_->yAxis);
            const QColor color = seriesColors()[static_cast<int>(i) % seriesColors().size()];
            wedge->setName(i < static_cast<size_t>(labels.size()) ? labels[static_cast<int>(i)] : QString());
            wedge->setPen(QPen(Qt::white, 1.5));
            wedge->setBrush(color);
            QVector<double> xs{cx}, ys{0.0};
            const int steps = std::max(2, static_cast<int>(std::ceil(frac * 180.0)));
            for (int s = 0; s <= steps; ++s) {
                const double a = start + (end - start) * s / steps;
                xs << cx + std::cos(a);
                ys << std::sin(a);
            }
            xs << cx;
            ys << 0.0;
            wedge->setData(xs, ys);
            if (p > 0) wedge->removeFromLegend();
            if (frac >= 0.08) {
                const double mid = 0.5 * (start + end);
                auto* text = new QCPItemText(plot_);
                text->position->setCoords(cx + 0.6 * std::cos(mid), 0.6 * std::sin(mid));
                text->setText(QStringLiteral("%1\n%2%").arg(wedge->name()).arg(100.0 * frac, 0, 'f', 1));
                text->setColor(Qt::white);
                text->setFont(QFont(font().family(), 8, QFont::Bold));
                wedge_labels_.push_back(text);
            }
            start = end;
        }
        auto* head = new QCPItemText(plot_);
        head->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        head->position->setCoords(cx, 1.08);
        head->setText(pie.title);
        head->setFont(QFont(font().family(), 9, QFont::Bold));
        auto* caption = new QCPItemText(plot_);
        caption->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
        caption->position->setCoords(cx, -1.1);
        caption->setText(pie.caption);
        caption->setFont(QFont(font().family(), 9));
        labels_.push_back({head, pie.title, 9});
        labels_.push_back({caption, pie.caption, 9});
    }
    replotIfShown(plot_);
}

// ---- angle histogram ----

AngleHistogramPlot::AngleHistogramPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    wrap(this, plot_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const double pi = std::acos(-1.0);
    ticker->addTick(-pi, QStringLiteral("−π"));
    ticker->addTick(-pi / 2, QStringLiteral("−π/2"));
    ticker->addTick(0, QStringLiteral("0"));
    ticker->addTick(pi / 2, QStringLiteral("π/2"));
    ticker->addTick(pi, QStringLiteral("π"));
    ticker->setSubTickCount(1);
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setLabel(tr("angle θ (radians)"));
    plot_->yAxis->setLabel(tr("fraction of angles"));
    plot_->legend->setVisible(true);
    plot_->legend->setBrush(QColor(255, 255, 255, 190));
    addTitleRow(plot_, font(), QString());
    legendAboveAxes(plot_);
}

void AngleHistogramPlot::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void AngleHistogramPlot::clear() {
    plot_->clearPlottables();
    if (auto* t = titleElement(plot_)) t->setText(QString());
    replotIfShown(plot_);
}

void AngleHistogramPlot::setHistogram(const std::vector<double>& observed, const std::vector<double>& null,
                                      const QString& observed_name, const QString& null_name,
                                      const QString& title) {
    clear();
    if (auto* t = titleElement(plot_)) t->setText(title);
    const double pi = std::acos(-1.0);
    const int bins = static_cast<int>(observed.size());
    if (bins == 0) return;
    const double width = 2.0 * pi / bins;
    auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
    bars->setName(observed_name);
    bars->setWidth(width);
    bars->setPen(QPen(seriesColors()[0].darker(130)));
    QColor fill = seriesColors()[0];
    fill.setAlpha(170);
    bars->setBrush(fill);
    double ymax = 0.0;
    for (int b = 0; b < bins; ++b) {
        bars->addData(-pi + (b + 0.5) * width, observed[b]);
        ymax = std::max(ymax, observed[b]);
    }
    if (static_cast<int>(null.size()) == bins) {
        auto* line = plot_->addGraph();
        line->setName(null_name);
        line->setPen(QPen(seriesColors()[1], 2));
        line->setLineStyle(QCPGraph::lsStepCenter);
        for (int b = 0; b < bins; ++b) {
            line->addData(-pi + (b + 0.5) * width, null[b]);
            ymax = std::max(ymax, null[b]);
        }
    }
    plot_->xAxis->setRange(-pi, pi);
    plot_->yAxis->setRange(0, ymax > 0 ? ymax * 1.15 : 1.0);
    replotIfShown(plot_);
}

// ---- scores beside their nulls ----

ScoreNullPlot::ScoreNullPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    wrap(this, plot_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->legend->setVisible(true);
    plot_->legend->setBrush(QColor(255, 255, 255, 190));
    addTitleRow(plot_, font(), QString());
    legendAboveAxes(plot_);
}

void ScoreNullPlot::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ScoreNullPlot::clear() {
    plot_->clearPlottables();
    if (auto* t = titleElement(plot_)) t->setText(QString());
    replotIfShown(plot_);
}

void ScoreNullPlot::setScores(const QStringList& categories, const std::vector<double>& values,
                              const std::vector<double>& null_mean, const std::vector<double>& null_std,
                              const QString& value_name, const QString& null_name, const QString& title,
                              const QString& y_label) {
    clear();
    if (auto* t = titleElement(plot_)) t->setText(title);
    plot_->yAxis->setLabel(y_label);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < categories.size(); ++i) ticker->addTick(i + 1, categories[i]);
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setTickLabelRotation(categories.size() > 16 ? 60 : 0);
    auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
    bars->setName(value_name);
    bars->setWidth(0.6);
    bars->setPen(QPen(seriesColors()[0].darker(130)));
    bars->setBrush(seriesColors()[0]);
    double ymax = 0.0, ymin = 0.0;
    for (size_t i = 0; i < values.size(); ++i) {
        bars->addData(static_cast<double>(i + 1), values[i]);
        ymax = std::max(ymax, values[i]);
        ymin = std::min(ymin, values[i]);
    }
    if (!null_mean.empty() && null_mean.size() == values.size()) {
        auto* mean = plot_->addGraph();
        mean->setName(null_name);
        mean->setLineStyle(QCPGraph::lsNone);
        mean->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDiamond, seriesColors()[1], seriesColors()[1], 8));
        auto* band = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
        band->setName(tr("null ± 2 std"));
        band->setPen(QPen(seriesColors()[1], 1.5));
        band->setDataPlottable(mean);
        for (size_t i = 0; i < null_mean.size(); ++i) {
            const double s = i < null_std.size() ? 2.0 * null_std[i] : 0.0;
            mean->addData(static_cast<double>(i + 1), null_mean[i]);
            band->addData(s);
            ymax = std::max(ymax, null_mean[i] + s);
            ymin = std::min(ymin, null_mean[i] - s);
        }
    }
    plot_->xAxis->setRange(0.3, static_cast<double>(categories.size()) + 0.7);
    const double pad = 0.08 * std::max(ymax - ymin, 1e-9);
    plot_->yAxis->setRange(ymin < 0 ? ymin - pad : 0.0, ymax + pad);
    replotIfShown(plot_);
}

// ---- pruning x int-k ----

PruneSweepPlot::PruneSweepPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    wrap(this, plot_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->xAxis->setLabel(tr("pruned share per tensor (%)"));
    plot_->yAxis->setLabel(tr("artifact (MB, zstd)"));
    plot_->yAxis2->setVisible(true);
    plot_->yAxis2->setLabel(tr("perplexity"));
    plot_->legend->setVisible(true);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0,
                                    new QCPTextElement(plot_, tr("Pruning x int-k: bytes and perplexity"),
                                                       QFont(font().family(), 10, QFont::Bold)));
    legendAboveAxes(plot_);
}

void PruneSweepPlot::clear() {
    plot_->clearGraphs();
    points_ = 0;
    replotIfShown(plot_);
}

void PruneSweepPlot::setPoints(const std::vector<Point>& points, const QString& title) {
    plot_->clearGraphs();
    points_ = static_cast<int>(points.size());
    if (auto* t = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))) t->setText(title);
    std::vector<int> bits;
    for (const auto& p : points)
        if (std::find(bits.begin(), bits.end(), p.bits) == bits.end()) bits.push_back(p.bits);
    double xmin = 1e300, xmax = -1e300, bmin = 1e300, bmax = -1e300, pmin = 1e300, pmax = -1e300;
    bool any_ppl = false;
    for (size_t k = 0; k < bits.size(); ++k) {
        const QColor color = seriesColors()[k % seriesColors().size()];
        auto* gb = plot_->addGraph(plot_->xAxis, plot_->yAxis);
        gb->setName(tr("int%1 bytes").arg(bits[k]));
        gb->setPen(QPen(color, 2));
        gb->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
        QCPGraph* gp = nullptr;
        for (const auto& p : points) {
            if (p.bits != bits[k]) continue;
            gb->addData(p.prune, p.megabytes);
            xmin = std::min(xmin, p.prune), xmax = std::max(xmax, p.prune);
            bmin = std::min(bmin, p.megabytes), bmax = std::max(bmax, p.megabytes);
            if (std::isfinite(p.ppl)) {
                if (!gp) {
                    gp = plot_->addGraph(plot_->xAxis, plot_->yAxis2);
                    gp->setName(tr("int%1 perplexity").arg(bits[k]));
                    gp->setPen(QPen(color, 1.5, Qt::DashLine));
                    gp->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 6));
                }
                gp->addData(p.prune, p.ppl);
                pmin = std::min(pmin, p.ppl), pmax = std::max(pmax, p.ppl);
                any_ppl = true;
            }
        }
    }
    plot_->yAxis2->setVisible(any_ppl);
    if (points.empty()) xmin = 0, xmax = 10, bmin = 0, bmax = 1;
    const double xpad = std::max(0.5, 0.05 * (xmax - xmin)), bpad = std::max(1e-6, 0.1 * (bmax - bmin));
    plot_->xAxis->setRange(xmin - xpad, xmax + xpad);
    plot_->yAxis->setRange(bmin - bpad, bmax + bpad);
    if (any_ppl) {
        const double ppad = std::max(1e-3, 0.1 * (pmax - pmin));
        plot_->yAxis2->setRange(pmin - ppad, pmax + ppad);
    }
    replotIfShown(plot_);
}

void PruneSweepPlot::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

// ---- grouped bars ----

GroupedBarPlot::GroupedBarPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    wrap(this, plot_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->legend->setVisible(true);
    addTitleRow(plot_, font(), QString());
    legendAboveAxes(plot_);
}

void GroupedBarPlot::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void GroupedBarPlot::clear() {
    plot_->clearPlottables();
    if (auto* t = titleElement(plot_)) t->setText(QString());
    replotIfShown(plot_);
}

void GroupedBarPlot::setBars(const QStringList& categories, const QStringList& series,
                             const std::vector<std::vector<double>>& values, const QString& title,
                             const QString& y_label) {
    clear();
    if (auto* t = titleElement(plot_)) t->setText(title);
    plot_->yAxis->setLabel(y_label);
    auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    for (int i = 0; i < categories.size(); ++i) ticker->addTick(i, categories[i]);
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setTickLabelRotation(categories.size() > 8 ? 60 : 0);
    auto* group = new QCPBarsGroup(plot_);
    double ymax = 0.0;
    for (int k = 0; k < series.size() && k < static_cast<int>(values.size()); ++k) {
        auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
        bars->setName(series[k]);
        const QColor c = seriesColors()[k % seriesColors().size()];
        bars->setPen(QPen(c.darker(120)));
        bars->setBrush(c);
        bars->setWidth(0.8 / std::max<int>(1, static_cast<int>(series.size())));
        bars->setBarsGroup(group);
        for (int i = 0; i < categories.size() && i < static_cast<int>(values[static_cast<size_t>(k)].size());
             ++i) {
            const double v = values[static_cast<size_t>(k)][static_cast<size_t>(i)];
            if (!std::isfinite(v)) continue;
            bars->addData(i, v);
            ymax = std::max(ymax, v);
        }
    }
    plot_->xAxis->setRange(-0.7, categories.size() - 0.3);
    plot_->yAxis->setRange(0, ymax > 0 ? ymax * 1.1 : 1.0);
    replotIfShown(plot_);
}

// ---- curves ----

CurvePlot::CurvePlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    wrap(this, plot_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->legend->setVisible(true);
    addTitleRow(plot_, font(), QString());
    legendAboveAxes(plot_);
}

void CurvePlot::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CurvePlot::clear() {
    plot_->clearGraphs();
    plot_->clearItems();
    if (auto* t = titleElement(plot_)) t->setText(QString());
    replotIfShown(plot_);
}

int CurvePlot::curveCount() const {
    return plot_->graphCount();
}

void CurvePlot::setCurves(const std::vector<Curve>& curves, const std::vector<Reference>& references,
                          const QString& title, const QString& x_label, const QString& y_label, bool log_y) {
    clear();
    if (auto* t = titleElement(plot_)) t->setText(title);
    plot_->xAxis->setLabel(x_label);
    plot_->yAxis->setLabel(y_label);
    for (auto [axis, log] : {std::pair{plot_->yAxis, log_y}, std::pair{plot_->xAxis, log_x_}}) {
        axis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        if (log)
            axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        else
            axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    }
    double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300;
    int k = 0;
    const auto& palette = seriesColors();
    for (const auto& c : curves) {
        auto* g = plot_->addGraph();
        g->setName(c.name);
        const int color = c.color >= 0 ? c.color : k++;
        g->setPen(QPen(c.rgb.isValid() ? c.rgb : palette[color % palette.size()], c.dashed ? 1.5 : 2,
                       c.dashed ? Qt::DashLine : Qt::SolidLine));
        if (c.markers) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
        if (!c.in_legend) g->removeFromLegend();
        for (size_t i = 0; i < c.x.size() && i < c.y.size(); ++i) {
            if (!std::isfinite(c.y[i]) || (log_y && c.y[i] <= 0) || (log_x_ && c.x[i] <= 0)) continue;
            g->addData(c.x[i], c.y[i]);
            xmin = std::min(xmin, c.x[i]), xmax = std::max(xmax, c.x[i]);
            ymin = std::min(ymin, c.y[i]), ymax = std::max(ymax, c.y[i]);
        }
    }
    for (const auto& r : references) {
        if (!std::isfinite(r.y)) continue;
        auto* g = plot_->addGraph();
        g->setName(r.name);
        g->setPen(QPen(seriesColors()[k++ % seriesColors().size()], 1.5, Qt::DashLine));
        g->addData(xmin < 1e300 ? xmin : 0.0, r.y);
        g->addData(xmax > -1e300 ? xmax : 1.0, r.y);
        ymin = std::min(ymin, r.y), ymax = std::max(ymax, r.y);
    }
    if (xmin > xmax) xmin = 0, xmax = 1;
    if (ymin > ymax) ymin = 0, ymax = 1;
    const double xpad = std::max(1e-9, 0.05 * (xmax - xmin));
    if (log_x_)
        plot_->xAxis->setRange(xmin / 1.3, xmax * 1.3);
    else
        plot_->xAxis->setRange(xmin - xpad, xmax + xpad);
    if (log_y)
        plot_->yAxis->setRange(ymin / 1.3, ymax * 1.3);
    else
        plot_->yAxis->setRange(ymin - 0.08 * std::max(1e-9, ymax - ymin),
                               ymax + 0.08 * std::max(1e-9, ymax - ymin));
    replotIfShown(plot_);
}

}  // namespace kronscope::views
