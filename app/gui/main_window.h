#pragma once
#include <QMainWindow>
#include <memory>

#include "kronscope/core/gpt2_model.h"

class QTabWidget;
class QLabel;
class QMenu;

namespace kronscope::views {
class HeatmapView;
class ResultTable;
}  // namespace kronscope::views

namespace kronscope::app {

class JobManager;
class JobsPanel;
class ModelBrowser;
class PerplexityPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    JobManager* jobs() const { return jobs_; }
    const core::Gpt2Model* model() const { return model_.get(); }
    ModelBrowser* modelBrowser() const { return browser_; }
    PerplexityPanel* perplexityPanel() const { return ppl_panel_; }
    views::ResultTable* perplexityTable() const { return ppl_table_; }
    views::HeatmapView* weightView() const { return heatmap_; }

public slots:
    void showAbout();
    /// Loads a checkpoint directory on a worker thread; the current model stays until the new one is ready.
    /// Returns the job id.
    int openCheckpoint(const QString& directory);
    void openCheckpointDialog();
    /// Runs the perplexity panel's settings on the open model (a job). Returns the job id, or 0.
    int runPerplexity();
    void showMatrix(const QString& name);

signals:
    void modelChanged();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void createDocks();
    void rebuildRecentMenu();
    void rebuildCacheMenu();
    void addRecent(const QString& directory);
    void showError(const QString& title, const QString& message);

    JobManager* jobs_ = nullptr;
    std::shared_ptr<core::Gpt2Model> model_;
    QTabWidget* views_ = nullptr;
    QLabel* welcome_ = nullptr;
    views::HeatmapView* heatmap_ = nullptr;
    views::ResultTable* ppl_table_ = nullptr;
    ModelBrowser* browser_ = nullptr;
    PerplexityPanel* ppl_panel_ = nullptr;
    JobsPanel* jobs_panel_ = nullptr;
    QMenu* recent_menu_ = nullptr;
    QMenu* cache_menu_ = nullptr;
};

}  // namespace kronscope::app
