#pragma once
// Plots built on QCustomPlot: singular value spectra, perplexity sweeps; and figure export for every plot.
#include <QString>
#include <QWidget>
#include <vector>

class QCustomPlot;

namespace kronscope::views {

/// Writes a plot as PNG, PDF or SVG (by extension) at width x height pixels (points for PDF/SVG) and `dpi`.
/// Returns false and fills *error on failure.
bool exportPlot(QCustomPlot* plot, const QString& path, int width, int height, double dpi, QString* error);

/// Singular values (descending) on a log axis with the kept part marked.
class SpectrumPlot : public QWidget {
    Q_OBJECT
public:
    explicit SpectrumPlot(QWidget* parent = nullptr);
    struct Series {
        QString name;                 // "W", "R(W)"
        std::vector<double> values;   // descending
        int kept = 0;                 // the first `kept` are kept by the fit
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
    void clear();
    QCustomPlot* plot() const { return plot_; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    QCustomPlot* plot_;
};

}  // namespace kronscope::views
