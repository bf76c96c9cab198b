// kronscope: the desktop application.
//   kronscope [CHECKPOINT_DIR] [--text FILE] [--select MATRIX] [--screenshot FILE.png]
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include "job_manager.h"
#include "main_window.h"
#include "model_browser.h"
#include "perplexity_panel.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Kronscope"));
    QApplication::setOrganizationName(QStringLiteral("Kronscope"));
    QApplication::setApplicationVersion(QStringLiteral(KRONSCOPE_APP_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/kronscope/icons/kronscope.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Kronecker and SVD structure analysis of GPT-2 weights."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("checkpoint"), QApplication::translate("main", "Checkpoint folder to open."));
    QCommandLineOption text({QStringLiteral("text")}, QApplication::translate("main", "Text file for perplexity."), QStringLiteral("FILE"));
    QCommandLineOption select({QStringLiteral("select")}, QApplication::translate("main", "Matrix to show, e.g. h.0.mlp.c_fc."), QStringLiteral("MATRIX"));
    QCommandLineOption shot({QStringLiteral("screenshot")},
                            QApplication::translate("main", "Save a screenshot of the window once the checkpoint is open, then quit."),
                            QStringLiteral("FILE"));
    parser.addOptions({text, select, shot});
    parser.process(app);

    kronscope::app::MainWindow window;
    window.show();
    if (parser.isSet(text)) window.perplexityPanel()->setTextPath(parser.value(text));
    const QString screenshot = parser.value(shot);
    const QString matrix = parser.value(select);
    auto take = [&window, screenshot] {
        QTimer::singleShot(600, &window, [&window, screenshot] {
            window.grab().save(screenshot);
            QApplication::quit();
        });
    };
    QObject::connect(&window, &kronscope::app::MainWindow::modelChanged, &window, [&window, matrix, screenshot, take] {
        if (!matrix.isEmpty()) window.modelBrowser()->selectMatrix(matrix);
        if (!screenshot.isEmpty()) take();
    });
    if (!parser.positionalArguments().isEmpty()) {
        const int id = window.openCheckpoint(parser.positionalArguments().first());
        QObject::connect(window.jobs(), &kronscope::app::JobManager::jobFinished, &window,
                         [id, screenshot](int done, bool ok, const QString&) {
                             if (done == id && !ok && !screenshot.isEmpty()) QApplication::exit(1);
                         });
    } else if (!screenshot.isEmpty()) {
        take();
    }
    return QApplication::exec();
}
