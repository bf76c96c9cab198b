#pragma once
// Reproduce view: the seeds' tables beside the model at hand (core/analysis/reproduce.h), one section per
// recipe run from the Reproduce menu (the document's reproductions, newest first): every published number
// ("seed") beside this model's, and each claim's verdict on this model.
#include <QWidget>

namespace kronscope::views {
class ResultTable;
}

class QLabel;

namespace kronscope::app {

class AnalysisDocument;

class ReproductionView : public QWidget {
    Q_OBJECT
  public:
    explicit ReproductionView(AnalysisDocument* doc, QWidget* parent = nullptr);
    views::ResultTable* table() const { return table_; }
    bool hasResults() const;

  public slots:
    void refresh();

  private:
    AnalysisDocument* doc_;
    QLabel* summary_;
    views::ResultTable* table_;
};

}  // namespace kronscope::app
