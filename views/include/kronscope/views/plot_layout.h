#pragma once
// Text that stays readable at any size, on screen and in exports (one and two journal columns): every plot
// made by views calls keepTextReadable, and plotTextProblems is the check the figure tests run on every plot
// of every view at its default size and at the export sizes.
#include <QRect>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <vector>

class QCustomPlot;
class QFont;

namespace kronscope::views {

/// Before every replot: title and footnote rows are wrapped to the plot's width (real font metrics), the
/// legend gets as many columns as fit, and categorical tick labels that would collide are rotated, then
/// thinned. Idempotent; a text the owner sets later is wrapped afresh.
void keepTextReadable(QCustomPlot* plot);

/// Greedy word wrap of every line of `text` to `width` pixels in `font`.
QString wrapToWidth(const QString& text, const QFont& font, double width);

/// Lays the plot out at width x height (its viewport, replotted until the text fitting above settles) for
/// as long as it lives, then restores the widget's own size: what an export at another size draws from.
class ScopedPlotSize {
  public:
    ScopedPlotSize(QCustomPlot* plot, int width, int height);
    ~ScopedPlotSize();
    ScopedPlotSize(const ScopedPlotSize&) = delete;
    ScopedPlotSize& operator=(const ScopedPlotSize&) = delete;

  private:
    QCustomPlot* plot_;
    QRect old_;
};

struct PlotText {
    QString kind;  // "title", "legend", "item", "tick x", "tick y", "axis label"
    QString text;
    QRectF rect;  // widget pixels, as laid out by the last replot
};

/// Every text of the plot as laid out now.
std::vector<PlotText> plotTexts(QCustomPlot* plot);

/// One line per problem: two texts that overlap (by more than 1 px each way), a text outside the plot.
/// Empty when every text is readable.
QStringList plotTextProblems(QCustomPlot* plot);

}  // namespace kronscope::views
