#include "kronscope/views/plot_layout.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/save_file.h"

#include <qcustomplot.h>

#include <QFileInfo>
#include <QFontMetricsF>
#include <QSvgGenerator>
#include <cmath>

namespace kronscope::views {

namespace {

constexpr const char* kFullText = "kronscopeFullText";
constexpr const char* kShownText = "kronscopeShownText";

}  // namespace

QString wrapToWidth(const QString& text, const QFont& font, double width) {
    const QFontMetricsF fm(font);
    QStringList out;
    for (const QString& paragraph : text.split(QLatin1Char('\n'))) {
        QString line;
        for (const QString& word : paragraph.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString candidate = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
            if (!line.isEmpty() && fm.horizontalAdvance(candidate) > width) {
                out << line;
                line = word;
            } else {
                line = candidate;
            }
        }
        out << line;
    }
    return out.join(QLatin1Char('\n'));
}

namespace {

QList<QCPAxis*> allAxes(QCustomPlot* plot);
void wrapAxisLabel(QCPAxis* axis);

/// Numeric axes: no more ticks than their labels have room for along a short axis (the default of 5 collides
/// on a one-column figure's y axis).
void fitTickCount(QCPAxis* axis) {
    auto ticker = axis->ticker();
    if (!ticker || ticker.dynamicCast<QCPAxisTickerText>() || !axis->visible() || !axis->tickLabels()) return;
    const QRect r = axis->axisRect()->rect();
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    const double length = horizontal ? r.width() : r.height();
    if (length < 20) return;
    const QFontMetricsF fm(axis->tickLabelFont());
    double extent = fm.height();
    if (horizontal)
        for (const QString& label : axis->tickVectorLabels())
            extent = std::max(extent, fm.horizontalAdvance(label));
    const int fits = std::max(2, static_cast<int>(length / (extent * (horizontal ? 1.5 : 2.0))));
    const int count = std::min(5, fits);
    if (ticker->tickCount() != count) ticker->setTickCount(count);
}

void wrapElement(QCPTextElement* e, double width) {
    QString full = e->property(kFullText).toString();
    if (e->text() != e->property(kShownText).toString()) full = e->text();  // set anew by its owner
    e->setProperty(kFullText, full);
    const QString shown = wrapToWidth(full, e->font(), std::max(40.0, width));
    e->setText(shown);
    e->setProperty(kShownText, shown);
}

QRectF textRect(const QFont& font, const QString& text, const QPointF& anchor, Qt::Alignment align) {
    const QFontMetricsF fm(font);
    const QRectF r = fm.boundingRect(QRectF(0, 0, 1e6, 1e6), Qt::AlignLeft | Qt::AlignTop, text);
    double x = anchor.x(), y = anchor.y();
    if (align & Qt::AlignHCenter) x -= r.width() / 2;
    if (align & Qt::AlignRight) x -= r.width();
    if (align & Qt::AlignVCenter) y -= r.height() / 2;
    if (align & Qt::AlignBottom) y -= r.height();
    return QRectF(x, y, r.width(), r.height());
}

/// Categorical tick labels of a horizontal axis: rotate when they collide, and thin them when rotated labels
/// still collide (every k-th kept).
void fitTicks(QCPAxis* axis) {
    auto ticker = axis->ticker().dynamicCast<QCPAxisTickerText>();
    if (!ticker || !axis->visible() || !axis->tickLabels()) return;
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    auto& ticks = ticker->ticks();
    if (ticks.size() < 2) return;
    if (axis->axisRect()->width() < 10 || axis->axisRect()->height() < 10) return;  // not laid out yet
    // The full set of labels of this ticker (its owner sets a new ticker for new labels), kept so that
    // thinning is undone at a larger size.
    const auto id = static_cast<qulonglong>(reinterpret_cast<quintptr>(ticker.data()));
    QMap<double, QString> all = ticks;
    if (axis->property("kronscopeTicker").toULongLong() == id)
        all = axis->property("kronscopeAllTicks").value<QMap<double, QString>>();
    axis->setProperty("kronscopeTicker", id);
    axis->setProperty("kronscopeAllTicks", QVariant::fromValue(all));
    const QFontMetricsF fm(axis->tickLabelFont());
    double widest = 0.0;
    for (const auto& label : all) widest = std::max(widest, fm.horizontalAdvance(label));
    const double length = std::max(1, horizontal ? axis->axisRect()->width() : axis->axisRect()->height());
    const double per_tick = length / std::max(1.0, axis->range().size());  // categories are 1 apart
    const double gap = 4.0;
    ticker->clear();
    if (!horizontal) {  // rows: one line each; every k-th when the lines would touch
        const int step = std::max(1, static_cast<int>(std::ceil((fm.height() + 1.0) / per_tick)));
        int i = 0;
        for (auto it = all.cbegin(); it != all.cend(); ++it, ++i)
            if (i % step == 0) ticker->addTick(it.key(), it.value());
        return;
    }
    if (widest + gap <= per_tick) {
        axis->setTickLabelRotation(0);
        ticker->addTicks(all);
    } else {
        axis->setTickLabelRotation(60);  // the extent along the axis becomes about the line height
        const double along = fm.height() / std::sin(60.0 * M_PI / 180.0) + gap;
        const int step = std::max(1, static_cast<int>(std::ceil(along / per_tick)));
        int i = 0;
        for (auto it = all.cbegin(); it != all.cend(); ++it, ++i)
            if (i % step == 0) ticker->addTick(it.key(), it.value());
    }
}

/// The width a text element in column `col` of the plot layout can have: the viewport less the other
/// columns (a heatmap's colour scale) as the last layout made them.
double columnWidth(QCustomPlot* plot, int col) {
    auto* layout = plot->plotLayout();
    double others = 0.0;
    for (int c = 0; c < layout->columnCount(); ++c) {
        if (c == col) continue;
        double widest = 0.0;
        for (int r = 0; r < layout->rowCount(); ++r)
            if (auto* e = layout->element(r, c))
                widest = std::max({widest, static_cast<double>(e->outerRect().width()),
                                   static_cast<double>(e->minimumOuterSizeHint().width())});
        others += widest;
    }
    return plot->viewport().width() - others - 16.0;
}

void adjust(QCustomPlot* plot) {
    const double width = plot->viewport().width() - 16.0;
    auto* layout = plot->plotLayout();
    for (int r = 0; r < layout->rowCount(); ++r)
        for (int c = 0; c < layout->columnCount(); ++c)
            if (auto* e = qobject_cast<QCPTextElement*>(layout->element(r, c))) {
                if (e->objectName() == QLatin1String("footnote")) {  // smaller print on a one-column figure
                    QFont f = e->font();
                    const int points = plot->viewport().width() < 450 ? 7 : 8;
                    if (f.pointSize() != points) f.setPointSize(points), e->setFont(f);
                }
                // The column as the layout made it last time (at this size, after the first pass), when
                // narrower than the estimate.
                double w = columnWidth(plot, c);
                if (layout->columnCount() > 1 && e->outerRect().width() > 40)
                    w = std::min(w, e->outerRect().width() - 8.0);
                wrapElement(e, w);
            }
    if (plot->legend && plot->legend->visible() && plot->legend->layout() == layout) {
        // A legend in a row of its own: as many columns as fit the width.
        double widest = 0.0;
        for (int i = 0; i < plot->legend->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i)))
                widest = std::max(
                    widest, QFontMetricsF(item->font()).horizontalAdvance(item->plottable()->name()) +
                                plot->legend->iconSize().width() + plot->legend->iconTextPadding() + 16);
        const int columns = std::max(1, std::min(4, static_cast<int>(width / std::max(widest, 1.0))));
        if (plot->legend->wrap() != columns) {
            plot->legend->setWrap(columns);
            plot->legend->setFillOrder(plot->legend->fillOrder(), true);  // re-flow the entries
        }
    }
    for (auto* axis : plot->axisRect()->axes()) fitTicks(axis);
    for (auto* axis : allAxes(plot)) {
        wrapAxisLabel(axis);
        fitTickCount(axis);
    }
}

/// Every axis of the plot: its axis rects' and its colour scales'.
QList<QCPAxis*> allAxes(QCustomPlot* plot) {
    QList<QCPAxis*> out;
    for (auto* rect : plot->axisRects()) out += rect->axes();
    for (auto* e : plot->plotLayout()->elements(true))
        if (auto* scale = qobject_cast<QCPColorScale*>(e)) out << scale->axis();
    return out;
}

/// An axis label longer than its axis (a heatmap's title on its top axis, a colour scale's long label) is
/// wrapped onto more lines.
void wrapAxisLabel(QCPAxis* axis) {
    if (!axis->visible()) return;
    QString full = axis->property(kFullText).toString();
    if (axis->label() != axis->property(kShownText).toString()) full = axis->label();
    axis->setProperty(kFullText, full);
    const QRect r = axis->axisRect()->rect();
    const double length = axis->orientation() == Qt::Horizontal ? r.width() : r.height();
    if (length < 20) return;  // not laid out yet
    const QString shown = wrapToWidth(full, axis->labelFont(), length - 4.0);
    if (shown != axis->label()) axis->setLabel(shown);
    axis->setProperty(kShownText, shown);
}

bool overlaps(const QRectF& a, const QRectF& b) {
    return a.adjusted(1, 1, -1, -1).intersects(b.adjusted(1, 1, -1, -1));
}

}  // namespace

ScopedPlotSize::ScopedPlotSize(QCustomPlot* plot, int width, int height)
    : plot_(plot), old_(plot->viewport()) {
    plot_->setViewport(QRect(0, 0, width, height));
    // Text fitted to the last layout changes the next one (a wrapped colour-scale label widens its column):
    // a few passes until it settles.
    for (int pass = 0; pass < 6; ++pass) plot_->replot(QCustomPlot::rpImmediateRefresh);
}

ScopedPlotSize::~ScopedPlotSize() {
    plot_->setViewport(old_);
    for (int pass = 0; pass < 2; ++pass) plot_->replot(QCustomPlot::rpImmediateRefresh);
}

void keepTextReadable(QCustomPlot* plot) {
    if (plot->property("kronscopeReadable").toBool()) return;
    plot->setProperty("kronscopeReadable", true);
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { adjust(plot); });
}

std::vector<PlotText> plotTexts(QCustomPlot* plot) {
    std::vector<PlotText> out;
    auto* layout = plot->plotLayout();
    for (int i = 0; i < layout->elementCount(); ++i) {
        if (auto* e = qobject_cast<QCPTextElement*>(layout->elementAt(i))) {
            if (e->text().isEmpty()) continue;
            const QRectF r = textRect(e->font(), e->text(), QRectF(e->rect()).center(), Qt::AlignCenter);
            out.push_back({QStringLiteral("title"), e->text(), r});
        }
    }
    if (plot->legend && plot->legend->visible() && plot->legend->itemCount() > 0) {
        out.push_back(
            {QStringLiteral("legend"), QStringLiteral("legend"), QRectF(plot->legend->outerRect())});
        for (int i = 0; i < plot->legend->itemCount(); ++i) {
            auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i));
            if (!item || !item->visible()) continue;
            const QString name = item->plottable()->name();
            const QRectF r(
                item->rect().left() + plot->legend->iconSize().width() + plot->legend->iconTextPadding(),
                item->rect().top(), QFontMetricsF(item->font()).horizontalAdvance(name),
                QFontMetricsF(item->font()).height());
            out.push_back({QStringLiteral("legend entry"), name, r});
        }
    }
    for (auto* axis : allAxes(plot)) {
        if (!axis->visible() || axis->label().isEmpty()) continue;
        // The label along its axis, centred on it (its other extent does not matter here: the layout reserves
        // it as a margin).
        const QRect ar = axis->axisRect()->rect();
        const QFontMetricsF fm(axis->labelFont());
        double w = 0.0;
        for (const QString& line : axis->label().split(QLatin1Char('\n')))
            w = std::max(w, fm.horizontalAdvance(line));
        const bool horizontal = axis->orientation() == Qt::Horizontal;
        const QPointF c = QRectF(ar).center();
        const QRectF r =
            horizontal ? QRectF(c.x() - w / 2, ar.top(), w, 1) : QRectF(ar.left(), c.y() - w / 2, 1, w);
        out.push_back({QStringLiteral("axis label"), axis->label(), r});
    }
    for (int i = 0; i < plot->itemCount(); ++i) {
        auto* t = qobject_cast<QCPItemText*>(plot->item(i));
        if (!t || !t->visible() || t->text().isEmpty()) continue;
        QRectF r = textRect(t->font(), t->text(), t->position->pixelPosition(), t->positionAlignment());
        const QMargins p = t->padding();
        r.adjust(-p.left(), -p.top(), p.right(), p.bottom());
        out.push_back({QStringLiteral("item"), t->text(), r});
    }
    for (auto* axis : plot->axisRect()->axes()) {
        if (!axis->visible() || !axis->tickLabels()) continue;
        const QFontMetricsF fm(axis->tickLabelFont());
        const auto ticks = axis->tickVector();
        const auto labels = axis->tickVectorLabels();
        const bool horizontal = axis->orientation() == Qt::Horizontal;
        const double rot = std::abs(axis->tickLabelRotation()) * M_PI / 180.0;
        for (int k = 0; k < ticks.size() && k < labels.size(); ++k) {
            if (labels[k].isEmpty() || !axis->range().contains(ticks[k])) continue;
            const double px = axis->coordToPixel(ticks[k]);
            const double w = fm.horizontalAdvance(labels[k]), h = fm.height();
            // Extent along the axis in which neighbours collide: the width, or for labels rotated in
            // parallel the spacing at which their lines touch (h / sin of the angle).
            const double along = !horizontal ? h : rot > 0.01 ? std::min(w, h / std::sin(rot)) : w;
            const QRectF r = horizontal ? QRectF(px - along / 2, axis->axisRect()->bottom(), along, h)
                                        : QRectF(axis->axisRect()->left() - w, px - along / 2, w, along);
            out.push_back({horizontal ? QStringLiteral("tick x") : QStringLiteral("tick y"), labels[k], r});
        }
    }
    return out;
}

QStringList plotTextProblems(QCustomPlot* plot) {
    QStringList problems;
    const auto texts = plotTexts(plot);
    const QRectF inside = QRectF(plot->viewport()).adjusted(-1, -1, 1, 1);
    for (size_t i = 0; i < texts.size(); ++i) {
        const auto& a = texts[i];
        if (a.kind != QLatin1String("tick x") && a.kind != QLatin1String("tick y") &&
            !inside.contains(a.rect))
            problems << QStringLiteral("%1 '%2' does not fit the plot (%3 x %4 at %5,%6 in %7 x %8)")
                            .arg(a.kind, a.text.left(40))
                            .arg(a.rect.width(), 0, 'f', 0)
                            .arg(a.rect.height(), 0, 'f', 0)
                            .arg(a.rect.x(), 0, 'f', 0)
                            .arg(a.rect.y(), 0, 'f', 0)
                            .arg(plot->viewport().width())
                            .arg(plot->viewport().height());
        for (size_t j = i + 1; j < texts.size(); ++j) {
            const auto& b = texts[j];
            // Tick labels of different axes, and a legend's own entries, never meet; the legend's box holds
            // its entries.
            if (a.kind.startsWith(QLatin1String("tick")) && b.kind.startsWith(QLatin1String("tick")) &&
                a.kind != b.kind)
                continue;
            if (a.kind.startsWith(QLatin1String("tick")) != b.kind.startsWith(QLatin1String("tick")))
                continue;
            if (a.kind.startsWith(QLatin1String("legend")) && b.kind.startsWith(QLatin1String("legend")))
                continue;
            if (a.kind == QLatin1String("axis label") || b.kind == QLatin1String("axis label")) continue;
            auto box = [](const QRectF& r) {
                return QStringLiteral("[%1,%2 %3x%4]")
                    .arg(r.x(), 0, 'f', 0)
                    .arg(r.y(), 0, 'f', 0)
                    .arg(r.width(), 0, 'f', 0)
                    .arg(r.height(), 0, 'f', 0);
            };
            if (overlaps(a.rect, b.rect))
                problems << QStringLiteral("%1 '%2' %3 overlaps %4 '%5' %6")
                                .arg(a.kind,
                                     QString(a.text.left(40)).replace(QLatin1Char('\n'), QLatin1Char(' ')),
                                     box(a.rect), b.kind,
                                     QString(b.text.left(40)).replace(QLatin1Char('\n'), QLatin1Char(' ')),
                                     box(b.rect));
        }
    }
    return problems;
}

// ---- figure export and footnotes (declared in plots.h) ----

bool exportPlot(QCustomPlot* plot, const QString& path, int width, int height, double dpi, QString* error) {
    const QString ext = QFileInfo(path).suffix().toLower();
    if (width < 16 || height < 16 || width > 20000 || height > 20000 || dpi < 10 || dpi > 2400) {
        if (error)
            *error = QObject::tr("size %1 x %2 at %3 dpi is out of range").arg(width).arg(height).arg(dpi);
        return false;
    }
    if (ext != QLatin1String("png") && ext != QLatin1String("pdf") && ext != QLatin1String("svg")) {
        if (error) *error = QObject::tr("unknown figure format '.%1' (use .png, .pdf or .svg)").arg(ext);
        return false;
    }
    // Laid out at the export size first (titles, footnotes, legends and ticks fitted to it), restored after.
    const ScopedPlotSize sized(plot, width, height);
    const bool ok = saveAtomically(
        path,
        [&](const QString& file) {
            if (ext == QLatin1String("png")) {
                // Scale so that the figure keeps its layout at the requested resolution (dpi / 96 device
                // pixels per px).
                return plot->savePng(file, width, height, dpi / 96.0, -1, static_cast<int>(std::lround(dpi)),
                                     QCP::ruDotsPerInch);
            }
            if (ext == QLatin1String("pdf")) return plot->savePdf(file, width, height, QCP::epNoCosmetic);
            QSvgGenerator gen;
            gen.setFileName(file);
            gen.setSize(QSize(width, height));
            gen.setViewBox(QRect(0, 0, width, height));
            gen.setResolution(static_cast<int>(std::lround(dpi)));
            gen.setTitle(plot->objectName());
            QCPPainter painter;
            if (!painter.begin(&gen)) return false;
            plot->toPainter(&painter, width, height);
            painter.end();
            return true;
        },
        error);
    if (!ok && error && error->isEmpty()) *error = QObject::tr("could not write %1").arg(path);
    return ok;
}

void setPlotFootnote(QCustomPlot* plot, const QString& text, int /*width*/) {
    // One text element in the bottom row named "footnote"; keepTextReadable wraps it to the plot's width.
    auto* layout = plot->plotLayout();
    for (int row = layout->rowCount() - 1; row >= 0; --row) {
        auto* e = qobject_cast<QCPTextElement*>(layout->element(row, 0));
        if (!e || e->objectName() != QLatin1String("footnote")) break;
        layout->removeAt(layout->rowColToIndex(row, 0));
        layout->simplify();
    }
    if (text.trimmed().isEmpty()) return;
    layout->insertRow(layout->rowCount());
    auto* note = new QCPTextElement(plot, text.simplified(), QFont(plot->font().family(), 8));
    note->setObjectName(QStringLiteral("footnote"));
    note->setTextColor(QColor(0x44, 0x44, 0x44));
    note->setMargins(QMargins(2, 0, 2, 1));
    layout->addElement(layout->rowCount() - 1, 0, note);
}

}  // namespace kronscope::views
