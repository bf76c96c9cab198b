#pragma once
// Plots built on QCustomPlot: singular value spectra, perplexity sweeps; and figure export for every plot.
#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

class QCustomPlot;
class QCPItemText;

namespace kronscope::views {

/// Writes a plot as PNG, PDF or SVG (by extension) at width x height pixels (points for PDF/SVG) and `dpi`.
/// Returns false and fills *error on failure.
bool exportPlot(QCustomPlot* plot, const QString& path, int width, int height, double dpi, QString* error);

/// A small-print line under a plot (created on first use; an empty text removes it): the settings a figure
/// was made with, so that an exported figure carries them. Long text is wrapped at about `width` characters.
void setPlotFootnote(QCustomPlot* plot, const QString& text, int width = 110);

/// Singular values (descending) on a log axis with the kept part marked.
class SpectrumPlot : public QWidget {
    Q_OBJECT
  public:
    explicit SpectrumPlot(QWidget* parent = nullptr);
    struct Series {
        QString name;                // "W", "R(W)"
        std::vector<double> values;  // descending
        int kept = 0;                // the first `kept` are kept by the fit
    };
    void setSeries(const std::vector<Series>& series, const QString& title);
    void clear();
    QCustomPlot* plot() const { return plot_; }

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    QCustomPlot* plot_;
};

/// Perplexity against block size for each method (log y, log2 x) with the unmodified model's PPL as a line.
class SweepPlot : public QWidget {
    Q_OBJECT
  public:
    explicit SweepPlot(QWidget* parent = nullptr);
    /// Adds (or extends) the curve `method` with the point (block_size, ppl); replots.
    void addPoint(const QString& method, double block_size, double ppl);
    void setBaseline(double ppl, const QString& label);
    void setSubtitle(const QString& text);
    void clear();
    int pointCount() const;
    QCustomPlot* plot() const { return plot_; }

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    void rescale();
    QCustomPlot* plot_;
    double baseline_ = 0.0;
};

/// Training and validation loss against optimizer step, filling as evaluations arrive.
class LossPlot : public QWidget {
    Q_OBJECT
  public:
    explicit LossPlot(QWidget* parent = nullptr);
    void addPoint(const QString& series, double step, double loss);
    /// A whole curve at once (one replot).
    void addSeries(const QString& series, const std::vector<double>& steps,
                   const std::vector<double>& losses);
    void clear();
    QCustomPlot* plot() const { return plot_; }

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    QCustomPlot* plot_;
};

/// Pie charts side by side, e.g. the observed 2x2 basis energies beside the mean shares of their nulls.
/// Every pie uses the same labels and colors; shares are fractions (they need not add up to exactly 1).
class PieChartPlot : public QWidget {
    Q_OBJECT
  public:
    explicit PieChartPlot(QWidget* parent = nullptr);
    struct Pie {
        QString title;               // "observed", "Gaussian null (mean of 20)"
        std::vector<double> shares;  // one per label
        QString caption;             // under the pie, e.g. "complex (I + J) 51.2 %"
    };
    void setPies(const QStringList& labels, const std::vector<Pie>& pies, const QString& title);
    void clear();
    int pieCount() const { return pies_; }
    QCustomPlot* plot() const { return plot_; }

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    /// Keeps the pies round and their titles and captions within one pie's width (smaller type, then two
    /// lines) at the plot's current size.
    void fitRanges();
    QCustomPlot* plot_;
    int pies_ = 0;
    struct Label {
        QCPItemText* item;
        QString text;
        int points;  // the preferred size
    };
    std::vector<Label> labels_;
    std::vector<QCPItemText*>
        wedge_labels_;  // name and share on each wedge: hidden when the pie is too small
};

/// A histogram of angles over [-pi, pi] (the fraction of angles per bin) as bars, with a null model's
/// histogram overlaid as a step line.
class AngleHistogramPlot : public QWidget {
    Q_OBJECT
  public:
    explicit AngleHistogramPlot(QWidget* parent = nullptr);
    void setHistogram(const std::vector<double>& observed, const std::vector<double>& null,
                      const QString& observed_name, const QString& null_name, const QString& title);
    void clear();
    QCustomPlot* plot() const { return plot_; }

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    QCustomPlot* plot_;
};

/// One score per category as bars, with its null's mean and a +/- 2 std band per category (e.g. S_k for
/// k = 1..12 against Haar O(N)). Empty null vectors: bars only.
class ScoreNullPlot : public QWidget {
    Q_OBJECT
  public:
    explicit ScoreNullPlot(QWidget* parent = nullptr);
    void setScores(const QStringList& categories, const std::vector<double>& values,
                   const std::vector<double>& null_mean, const std::vector<double>& null_std,
                   const QString& value_name, const QString& null_name, const QString& title,
                   const QString& y_label);
    void clear();
    QCustomPlot* plot() const { return plot_; }

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    QCustomPlot* plot_;
};

/// Compressed artifact bytes (left axis, MB) and perplexity (right axis) against the pruning share, one pair
/// of curves per bit width: non-monotonic sizes show as bumps (seed 001, finding 8).
class PruneSweepPlot : public QWidget {
    Q_OBJECT
  public:
    explicit PruneSweepPlot(QWidget* parent = nullptr);
    struct Point {
        double prune = 0.0;  // percent
        int bits = 0;
        double megabytes = 0.0;
        double ppl = 0.0;  // NaN: not measured
    };
    void setPoints(const std::vector<Point>& points, const QString& title);
    void clear();
    int pointCount() const { return points_; }
    QCustomPlot* plot() const { return plot_; }

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    QCustomPlot* plot_;
    int points_ = 0;
};

/// Bars grouped by category, one colour per series (e.g. Kronecker and SVD errors per matrix); the legend
/// sits above the axes.
class GroupedBarPlot : public QWidget {
    Q_OBJECT
  public:
    explicit GroupedBarPlot(QWidget* parent = nullptr);
    /// values[series][category]; NaN leaves a gap.
    void setBars(const QStringList& categories, const QStringList& series,
                 const std::vector<std::vector<double>>& values, const QString& title,
                 const QString& y_label);
    void clear();
    QCustomPlot* plot() const { return plot_; }

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    QCustomPlot* plot_;
};

/// Curves y(x), one per series, optional dashed horizontal reference lines (e.g. a baseline), optional log y.
class CurvePlot : public QWidget {
    Q_OBJECT
  public:
    explicit CurvePlot(QWidget* parent = nullptr);
    struct Curve {
        QString name;
        std::vector<double> x, y;
        bool dashed = false;  // e.g. training beside validation
        bool markers = true;  // a disc at every point
        int color = -1;       // index into the palette; -1: the next one
        QColor rgb;           // overrides color when valid (e.g. grey for the many other tasks)
        bool in_legend = true;
    };
    struct Reference {
        QString name;
        double y = 0.0;
    };
    void setCurves(const std::vector<Curve>& curves, const std::vector<Reference>& references,
                   const QString& title, const QString& x_label, const QString& y_label, bool log_y = false);
    /// A logarithmic x axis for the next setCurves (points at x <= 0 are left out): training steps.
    void setLogX(bool on) { log_x_ = on; }
    void clear();
    int curveCount() const;
    QCustomPlot* plot() const { return plot_; }

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    QCustomPlot* plot_;
    bool log_x_ = false;
};

}  // namespace kronscope::views
