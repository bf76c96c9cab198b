// kronscope: the desktop application.
//   kronscope [CHECKPOINT_DIR | SESSION.kss] [--text FILE] [--select MATRIX] [--no-demo] [--screenshot
//   FILE.png]
// Without a checkpoint it opens a GPT-2 found in the Hugging Face cache, else the demo model that ships with
// Kronscope, with a ready-to-run example experiment (the held-out Brown test text, the seed's block sizes).
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QStandardPaths>
#include <QTimer>

#include "jobs/job_manager.h"
#include "kronscope/core/model/model_locator.h"
#include "widgets/language.h"
#include "main_window.h"
#include "widgets/model_browser.h"
#include "pages/perplexity_panel.h"

namespace {

/// Opens what the command line names (a session file or a checkpoint), else, when `example`, a real GPT-2
/// from the Hugging Face cache or the demo model with its example settings. Returns the open job (0: none).
int openAtStart(kronscope::app::MainWindow& window, const QStringList& args, bool example) {
    if (!args.isEmpty()) {
        const QString path = args.first();
        if (QFileInfo(path).isFile() && !path.endsWith(QLatin1String(".json")) &&
            !path.endsWith(QLatin1String(".safetensors"))) {
            window.openSession(path);
            return 0;
        }
        return window.openCheckpoint(path);
    }
    if (!example) return 0;
    QString real;  // a real GPT-2 from the Hugging Face cache is offered first; else the demo model
    for (const auto& m : kronscope::core::scanHuggingFaceCache())
        if (m.size_name != "custom") {
            real = QString::fromStdString(m.directory);
            break;
        }
    const int job = real.isEmpty() ? window.openDemo() : window.openCheckpoint(real);
    window.prepareExample();
    return job;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Kronscope"));
    QApplication::setOrganizationName(QStringLiteral("Kronscope"));
    QApplication::setApplicationVersion(QStringLiteral(KRONSCOPE_APP_VERSION));
    kronscope::app::applyPreferences();
    kronscope::app::installTranslators(app);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/kronscope/icons/kronscope.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Kronecker and SVD structure analysis of GPT-2 weights."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("path"),
        QApplication::translate("main", "Checkpoint folder or session file to open."));
    QCommandLineOption text({QStringLiteral("text")},
                            QApplication::translate("main", "Text file for perplexity."),
                            QStringLiteral("FILE"));
    QCommandLineOption select({QStringLiteral("select")},
                              QApplication::translate("main", "Matrix to show, e.g. h.0.mlp.c_fc."),
                              QStringLiteral("MATRIX"));
    QCommandLineOption no_demo({QStringLiteral("no-demo")},
                               QApplication::translate("main", "Start without opening a model."));
    QCommandLineOption shot(
        {QStringLiteral("screenshot")},
        QApplication::translate("main", "Save a screenshot of the window once the model is open, then quit."),
        QStringLiteral("FILE"));
    parser.addOptions({text, select, no_demo, shot});
    parser.process(app);

    kronscope::app::MainWindow window;
    window.show();

    // Crash recovery: the marker exists while a run is in progress and is removed on a clean exit.
    const bool recovered = window.offerRecovery();
    QDir().mkpath(QFileInfo(kronscope::app::MainWindow::runningMarkerPath()).path());
    QFile(kronscope::app::MainWindow::runningMarkerPath()).open(QIODevice::WriteOnly);

    const QString screenshot = parser.value(shot);
    const QString matrix = parser.value(select);
    auto take = [&window, screenshot] {
        QTimer::singleShot(600, &window, [&window, screenshot] {
            window.grab().save(screenshot);
            QApplication::quit();
        });
    };
    QObject::connect(&window, &kronscope::app::MainWindow::modelChanged, &window,
                     [&window, matrix, screenshot, take] {
                         if (!matrix.isEmpty()) window.modelBrowser()->selectMatrix(matrix);
                         if (!screenshot.isEmpty()) take();
                     });

    const int open_job =
        openAtStart(window, parser.positionalArguments(), !recovered && !parser.isSet(no_demo));
    if (parser.isSet(text)) window.perplexityPanel()->setTextPath(parser.value(text));
    if (open_job) {
        QObject::connect(window.jobs(), &kronscope::app::JobManager::jobFinished, &window,
                         [open_job, screenshot](int done, bool ok, const QString&) {
                             if (done == open_job && !ok && !screenshot.isEmpty()) QApplication::exit(1);
                         });
    } else if (!screenshot.isEmpty()) {
        take();
    }
    return QApplication::exec();
}
