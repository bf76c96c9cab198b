#include <QFileDialog>
#include <QFileInfo>
#include <QPointer>

#include "document.h"
#include "jobs/job_manager.h"
#include "kronscope/core/base/error.h"
#include "main_window.h"
#include "pages/modular_panel.h"
#include "reactions/reactions.h"
#include "results/modular_view.h"

Q_DECLARE_METATYPE(kronscope::core::ModularTrainRun)
Q_DECLARE_METATYPE(kronscope::core::ModularSearchResult)
Q_DECLARE_METATYPE(kronscope::core::ModularAnalysisResult)
Q_DECLARE_METATYPE(std::shared_ptr<kronscope::core::ModularModel>)

namespace kronscope::app {

int ModularReaction::open(const QString& directory, bool analyze_after) {
    QString dir = directory;
    if (dir.isEmpty())
        dir = QFileDialog::getExistingDirectory(&window_,
                                                MainWindow::tr("Open a modular-arithmetic model folder"));
    if (dir.isEmpty()) return 0;
    const std::string path = dir.toStdString();
    return window_.jobs()->submit(
        MainWindow::tr("Open modular model %1").arg(QFileInfo(dir).fileName()),
        [path](core::Progress& p) {
            p.report(0.1, "reading " + path);
            return QVariant::fromValue(std::shared_ptr<core::ModularModel>(core::ModularModel::load(path)));
        },
        [this, analyze_after](const QVariant& v) {
            window_.document()->setModularModel(v.value<std::shared_ptr<core::ModularModel>>());
            if (analyze_after) analyze();  // a model is opened to be looked at
        });
}

int ModularReaction::train() {
    core::ModularTrainRequest rq;
    try {
        if (const JobInfo* j = window_.jobs()->job(train_job_);
            j && (j->state == JobState::Queued || j->state == JobState::Running))
            throw core::InputError(
                MainWindow::tr("a modular model is already training; wait for it or cancel it")
                    .toStdString());
        rq.settings = window_.modularPanel()->trainSettings();
        rq.validate();
    } catch (const std::exception& e) {
        window_.reportError(MainWindow::tr("Modular arithmetic"), QString::fromStdString(e.what()));
        return 0;
    }
    window_.document()->beginModularTraining();
    window_.showView(window_.modularView());
    window_.modularView()->showTab(QStringLiteral("modularTrainingTab"));
    QPointer<AnalysisDocument> doc(window_.document());
    rq.settings.on_eval = [doc](const core::ModularEval& e) {
        // Evaluations stream to the document (GUI thread) while training runs: live curves.
        QMetaObject::invokeMethod(
            doc,
            [doc, e] {
                if (doc) doc->addModularEval(e);
            },
            Qt::QueuedConnection);
    };
    const QString dir = QString::fromStdString(rq.settings.out_dir);
    return train_job_ = window_.jobs()->submit(
               MainWindow::tr("Modular: train %1 (p = %2, %3 steps)")
                   .arg(QString::fromLatin1(core::modularTaskName(rq.settings.task)))
                   .arg(rq.settings.p)
                   .arg(rq.settings.steps),
               [rq](core::Progress& p) { return QVariant::fromValue(core::runModularTraining(rq, p)); },
               [this, dir](const QVariant& v) {
                   window_.document()->setModularTraining(v.value<core::ModularTrainRun>());
                   open(dir);  // the trained model becomes the page's model, analyzed
               });
}

int ModularReaction::search() {
    core::ModularSearchRequest rq;
    try {
        rq = window_.modularPanel()->searchRequest();
    } catch (const std::exception& e) {
        window_.reportError(MainWindow::tr("Modular arithmetic"), QString::fromStdString(e.what()));
        return 0;
    }
    return window_.jobs()->submit(
        MainWindow::tr("Modular: search %n cell(s)", nullptr, static_cast<int>(rq.cells().size())),
        [rq](core::Progress& p) { return QVariant::fromValue(core::runModularSearch(rq, p)); },
        [this](const QVariant& v) {
            window_.document()->setModularSearch(v.value<core::ModularSearchResult>());
            window_.showView(window_.modularView());
            window_.modularView()->showTab(QStringLiteral("modularSearchTab"));
        });
}

int ModularReaction::analyze() {
    const auto model = window_.document()->modular().model;
    if (!model) return 0;
    core::ModularAnalysisRequest rq;
    try {
        rq = window_.modularPanel()->analysisRequest();
    } catch (const std::exception& e) {
        window_.reportError(MainWindow::tr("Modular arithmetic"), QString::fromStdString(e.what()));
        return 0;
    }
    return window_.jobs()->submit(
        MainWindow::tr("Modular: analyze %1")
            .arg(QFileInfo(QString::fromStdString(model->directory())).fileName()),
        [model, rq](core::Progress& p) {
            return QVariant::fromValue(core::runModularAnalysis(*model, rq, p));
        },
        [this](const QVariant& v) {
            window_.document()->setModularAnalysis(v.value<core::ModularAnalysisResult>());
            window_.showView(window_.modularView());
        });
}

}  // namespace kronscope::app
