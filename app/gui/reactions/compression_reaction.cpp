#include <QFileInfo>
#include <functional>

#include "document.h"
#include "jobs/job_manager.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/model/model_locator.h"
#include "main_window.h"
#include "pages/compression_panel.h"
#include "pages/perplexity_panel.h"
#include "reactions/reactions.h"
#include "results/compression_view.h"

Q_DECLARE_METATYPE(kronscope::core::StatsResult)
Q_DECLARE_METATYPE(kronscope::core::QuantizeResult)
Q_DECLARE_METATYPE(kronscope::core::PruneSweepResult)
Q_DECLARE_METATYPE(kronscope::core::ProcrustesResult)
Q_DECLARE_METATYPE(kronscope::core::CompareResult)

namespace kronscope::app {

namespace {

/// The Perplexity page's text and window, when the analysis measures perplexity.
void textFor(MainWindow& w, std::string& path, core::PerplexitySettings& ppl) {
    if (!w.compressionPanel()->measurePerplexity()) return;
    if (!QFileInfo(w.perplexityPanel()->textPath()).isFile())
        throw core::InputError(
            MainWindow::tr("choose a text file on the Perplexity page first (or untick 'Measure perplexity')")
                .toStdString());
    path = w.perplexityPanel()->textPath().toStdString();
    ppl = w.perplexityPanel()->settings();
}

}  // namespace

namespace {

using Show = std::function<void(CompressionView::Page)>;

int submitStats(MainWindow& w, const std::shared_ptr<core::Gpt2Model>& model,
                const std::shared_ptr<std::mutex>& mutex, const Show& show) {
    return w.jobs()->submit(
        MainWindow::tr("Tensor statistics"),
        [model, mutex](core::Progress& p) {
            std::lock_guard<std::mutex> lock(*mutex);
            return QVariant::fromValue(core::runTensorStats(*model, p));
        },
        [&w, show](const QVariant& v) {
            w.document()->setTensorStats(v.value<core::StatsResult>());
            show(CompressionView::Statistics);
        });
}

int submitQuantize(MainWindow& w, const std::shared_ptr<core::Gpt2Model>& model,
                   const std::shared_ptr<std::mutex>& mutex, const Show& show) {
    auto rq = w.compressionPanel()->quantizeRequest();
    textFor(w, rq.text_path, rq.ppl);
    rq.validateFor(*model);
    if (!rq.artifact_path.empty()) core::checkWritableOutput(rq.artifact_path);
    const bool damage = rq.damage;
    return w.jobs()->submit(
        MainWindow::tr("Quantize (%1)").arg(QString::fromStdString(rq.settings.describe())),
        [model, mutex, rq](core::Progress& p) {
            p.report(0.0, MainWindow::tr("waiting for the model").toStdString());
            std::lock_guard<std::mutex> lock(*mutex);
            return QVariant::fromValue(core::runQuantize(*model, rq, p));
        },
        [&w, show, damage](const QVariant& v) {
            w.document()->addQuantization(v.value<core::QuantizeResult>());
            show(damage ? CompressionView::Damage : CompressionView::Quantization);
        });
}

int submitPruneSweep(MainWindow& w, const std::shared_ptr<core::Gpt2Model>& model,
                     const std::shared_ptr<std::mutex>& mutex, const Show& show) {
    auto rq = w.compressionPanel()->pruneSweepRequest();
    textFor(w, rq.text_path, rq.ppl);
    rq.validateFor(*model);
    return w.jobs()->submit(
        MainWindow::tr("Pruning × int-k (%1 settings)").arg(rq.prunes.size() * rq.bits.size()),
        [model, mutex, rq](core::Progress& p) {
            p.report(0.0, MainWindow::tr("waiting for the model").toStdString());
            std::lock_guard<std::mutex> lock(*mutex);
            auto r = core::runPruneSweep(*model, rq, p);
            if (!r.complete) throw core::Cancelled();
            return QVariant::fromValue(r);
        },
        [&w, show](const QVariant& v) {
            w.document()->setPruneSweep(v.value<core::PruneSweepResult>());
            show(CompressionView::Pruning);
        });
}

int submitProcrustes(MainWindow& w, const std::shared_ptr<core::Gpt2Model>& model,
                     const std::shared_ptr<std::mutex>& mutex, const Show& show) {
    const auto rq = w.compressionPanel()->procrustesRequest();
    core::unitMatrix(*model, rq.a);  // names a bad matrix now, not in a failed job
    core::unitMatrix(*model, rq.b);
    return w.jobs()->submit(
        MainWindow::tr("Procrustes %1 → %2").arg(QString::fromStdString(rq.a), QString::fromStdString(rq.b)),
        [model, mutex, rq](core::Progress& p) {
            std::lock_guard<std::mutex> lock(*mutex);
            return QVariant::fromValue(core::runProcrustes(*model, *model, rq, p));
        },
        [&w, show](const QVariant& v) {
            w.document()->addProcrustes(v.value<core::ProcrustesResult>());
            show(CompressionView::Procrustes);
        });
}

}  // namespace

int CompressionReaction::trigger() {
    std::shared_ptr<core::Gpt2Model> model = window_.document()->model();
    if (!model) return 0;
    auto mutex = window_.document()->modelMutex();  // quantized perplexity swaps the model's tensors
    MainWindow& w = window_;
    const Show show = [&w](CompressionView::Page p) {
        w.compressionView()->showPage(p);
        w.showView(w.compressionView());
    };
    try {
        switch (w.compressionPanel()->analysis()) {
            case CompressionPanel::Analysis::Stats:
                return submitStats(w, model, mutex, show);
            case CompressionPanel::Analysis::Quantize:
                return submitQuantize(w, model, mutex, show);
            case CompressionPanel::Analysis::PruneSweep:
                return submitPruneSweep(w, model, mutex, show);
            case CompressionPanel::Analysis::Procrustes:
                return submitProcrustes(w, model, mutex, show);
        }
    } catch (const std::exception& e) {
        w.reportError(MainWindow::tr("Compression"), QString::fromStdString(e.what()));
    }
    return 0;
}

int CompareReaction::trigger(const QString& directory) {
    std::shared_ptr<core::Gpt2Model> model = window_.document()->model();
    if (!model || directory.isEmpty()) return 0;
    auto mutex = window_.document()->modelMutex();
    core::CompareRequest rq;
    rq.null_draws = window_.compressionPanel()->nullDraws();
    const std::string dir = directory.toStdString();
    return window_.jobs()->submit(
        MainWindow::tr("Compare with %1").arg(QFileInfo(directory).fileName()),
        [model, mutex, rq, dir](core::Progress& p) {
            auto load = p.sub(0.0, 0.1);
            const auto other = core::Gpt2Model::load(core::resolveModel(dir), core::LoadOptions{}, &load);
            core::checkSameArchitecture(*model, *other);
            auto run = p.sub(0.1, 1.0);
            std::lock_guard<std::mutex> lock(*mutex);
            auto r = core::runCompare(*model, *other, rq, run);
            if (!r.complete) throw core::Cancelled();
            return QVariant::fromValue(r);
        },
        [this](const QVariant& v) {
            window_.document()->setComparison(v.value<core::CompareResult>());
            window_.compressionView()->showPage(CompressionView::Comparison);
            window_.showView(window_.compressionView());
        });
}

}  // namespace kronscope::app
