#pragma once
// A sortable results table (e.g. perplexity runs) whose every row carries its settings; copy or export
// as CSV, Markdown or LaTeX.
#include <QStringList>
#include <QWidget>

class QTableWidget;

namespace kronscope::views {

class ResultTable : public QWidget {
    Q_OBJECT
  public:
    explicit ResultTable(const QStringList& headers, QWidget* parent = nullptr);

    /// Appends a row. Numbers sort numerically (cells hold the value as data, the text as display).
    void addRow(const QVariantList& cells);
    void clear();
    int rowCount() const;
    QStringList headers() const { return headers_; }
    /// Cell text in the current (sorted) order.
    QString text(int row, int column) const;

    QString toCsv() const;
    QString toMarkdown() const;
    QString toLatex() const;
    /// Writes by extension: .csv, .md, .tex. Returns false and sets *error on failure.
    bool exportTo(const QString& path, QString* error) const;
    QTableWidget* table() const { return table_; }

  private:
    /// Columns as wide as their content, at most 260 px each (longer text elided, full in the tooltip).
    void fitColumns();
    QStringList headers_;
    QTableWidget* table_;
};

/// Display text for numbers: 4 significant decimals for small values, thousands otherwise.
QString formatNumber(const QVariant& v);

}  // namespace kronscope::views
