#pragma once
#include <QMainWindow>

class QTabWidget;
class QLabel;

namespace kronscope::app {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

public slots:
    void showAbout();

private:
    void createMenus();

    QTabWidget* views_ = nullptr;
    QLabel* welcome_ = nullptr;
};

}  // namespace kronscope::app
