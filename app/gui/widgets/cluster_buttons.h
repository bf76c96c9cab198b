#pragma once
// Run on a cluster… and Import results… of a sharded page (sweep, structure map, probes, mechanism scan):
// two buttons, one under the other (the Experiment dock is narrow), named PREFIXCluster and PREFIXImport.
#include <QWidget>

class QPushButton;

namespace kronscope::app {

class ClusterButtons : public QWidget {
    Q_OBJECT
  public:
    /// `what` names the page's job in the tooltips ("this sweep", "this structure map", ...).
    ClusterButtons(const QString& object_prefix, const QString& what, QWidget* parent = nullptr);
    /// Run on a cluster… needs an open model; Import results… is always possible.
    void setClusterEnabled(bool enabled);

  signals:
    void clusterRequested();  // write (and submit) the Slurm array for the page's settings
    void importRequested();   // merge a folder of shard files into the page's view

  private:
    QPushButton* cluster_;
};

}  // namespace kronscope::app
