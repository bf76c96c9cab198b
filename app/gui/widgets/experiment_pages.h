#pragma once
// The Experiment dock's pages: a grouped chooser ("Measure", "Decompose and probe", "Labs") above the page in
// use, which gets the whole height of the dock (scrolling only when the screen is smaller than the page).
// Replaces a tool box whose thirteen stacked headers left the open page a third of the dock.
#include <QString>
#include <QWidget>

class QComboBox;
class QScrollArea;
class QStackedWidget;

namespace kronscope::app {

class ExperimentPages : public QWidget {
    Q_OBJECT
  public:
    explicit ExperimentPages(QWidget* parent = nullptr);
    /// Starts a group: the pages added after it are listed under `title`.
    void addGroup(const QString& title);
    /// Adds a page (owned) under the current group.
    void addPage(QWidget* page, const QString& title);
    void setCurrentWidget(QWidget* page);
    QWidget* currentWidget() const;
    int count() const;
    QWidget* widget(int index) const;
    /// The page's title ("" for a page not added).
    QString pageTitle(QWidget* page) const;
    QComboBox* chooser() const { return chooser_; }

  signals:
    void currentChanged(QWidget* page);

  private:
    QComboBox* chooser_;
    QScrollArea* scroll_;
    QStackedWidget* stack_;
};

}  // namespace kronscope::app
