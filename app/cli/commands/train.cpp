// kronscope-cli train: its options, help text and run function.
#include "common.h"
#include "kronscope/core/analysis/training.h"
#include "kronscope/core/codec/result_json.h"

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include "cli_args.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/train/corpus.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/codec/probe_json.h"
#include "kronscope/core/train/trainer.h"

namespace kronscope::cli {

namespace {

/// --config: a preset name (tiny, demo, gpt2, ...) or a config.json path.
core::Gpt2Config trainConfig(const std::string& spec) {
    const bool json_file = spec.size() > 5 && spec.compare(spec.size() - 5, 5, ".json") == 0;
    if (json_file || spec.find('/') != std::string::npos) return core::Gpt2Config::fromFile(spec);
    return core::presetConfig(spec);
}

/// The run's result (the codec's form) with its settings, data sizes and, for Brown, the test perplexity.
nlohmann::json trainingJson(const core::TrainingResult& tr, const std::string& out) {
    const auto& r = tr.run;
    const auto& s = tr.settings;
    nlohmann::json j = core::toJson(r);
    j.update({{"result_version", core::kResultJsonVersion},
              {"out", out},
              {"config", configJson(s.config)},
              {"context_length", s.context_length},
              {"batch_size", s.batch_size},
              {"steps", s.steps},
              {"warmup", s.warmup},
              {"eval_interval", s.eval_interval},
              {"lr", s.lr},
              {"min_lr_ratio", s.min_lr_ratio},
              {"init_from", s.init_from},
              {"average_from", s.average_from},
              {"ema_decay", s.ema_decay},
              {"dropout", s.dropout},
              {"seed", s.seed},
              {"device", s.device},
              {"save_dtype", s.save_dtype},
              {"corpus", tr.corpus_name},
              {"train_tokens", tr.train_tokens},
              {"validation_tokens", tr.validation_tokens}});
    if (tr.has_test) {
        j["test_ppl"] = tr.test.ppl;
        j["test_tokens"] = tr.test_tokens;
        j["test_ppl_max_length"] = tr.test.max_length;
        j["test_ppl_stride"] = tr.test.stride;
        j["unigram_test_ppl"] = tr.unigram_test_ppl;
    }
    return j;
}

/// The options as trainer settings; a resumed run starts from its saved settings, and options given again
/// must agree (the trainer checks).
core::TrainSettings trainSettings(const Args& args, const std::string& out, bool resume) {
    core::TrainSettings s = resume ? core::loadTrainSettings(out) : core::TrainSettings{};
    if (resume && args.has("init"))
        throw UsageError("--init starts a new run; a resumed run keeps the weights it has reached");
    if (args.has("init")) {
        // The checkpoint's own configuration unless --config names one (which must then be the same).
        s.init_from = args.get("init");
        s.config = core::Gpt2Config::fromFile((std::filesystem::path(s.init_from) / "config.json").string());
    }
    if (!resume && !args.has("config") && !args.has("init"))
        throw UsageError("missing required option --config (or --init CHECKPOINT_DIR)");
    if (args.has("config")) s.config = trainConfig(args.get("config"));
    const int64_t P = s.config.n_positions;
    s.context_length =
        args.getInt("context", resume ? s.context_length : core::defaultContext(s.config), 1, P);
    s.batch_size = args.getInt("batch", s.batch_size, 1, 1 << 20);
    s.steps = args.getInt("steps", s.steps, 1, 1LL << 40);
    s.warmup = args.getInt("warmup", resume ? s.warmup : -1, 0, 1LL << 40);  // -1: core's default
    s.eval_interval = args.getInt("eval-interval", resume ? s.eval_interval : -1, 1, 1LL << 40);
    s.eval_windows = args.getInt("eval-windows", s.eval_windows, 1, 1 << 20);
    s.stop_after = args.getInt("stop-after", 0, 0, 1LL << 40);
    s.lr = args.getDouble("lr", s.lr);
    s.min_lr_ratio = args.getDouble("min-lr-ratio", s.min_lr_ratio);
    s.average_from = args.getInt("average-from", s.average_from, -1, 1LL << 40);
    s.ema_decay = args.getDouble("ema", s.ema_decay, 0.0, 0.999999999);
    s.dropout = args.getDouble("dropout", s.dropout);
    s.seed = static_cast<uint64_t>(args.getInt("seed", static_cast<long long>(s.seed), 0, (1LL << 62)));
    s.device = args.get("device", resume ? s.device : "cpu");
    std::string dtype = args.get("dtype", s.save_dtype);
    for (auto& ch : dtype) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (dtype != "F16" && dtype != "F32" && dtype != "BF16")
        throw UsageError("--dtype must be F16, F32 or BF16");
    s.save_dtype = dtype;
    s.out_dir = out;
    s.resume = resume;

    return s;
}

void printTrainingSummary(const core::TrainingResult& tr, const nlohmann::json& j, const std::string& corpus,
                          const std::string& out) {
    const auto& r = tr.run;
    const auto& s = tr.settings;
    std::cout << std::fixed << std::setprecision(3) << (r.complete ? "trained " : "stopped after ")
              << r.steps_done << "/" << r.steps_total << " steps (" << std::setprecision(1) << r.seconds
              << " s this run, " << std::setprecision(0) << r.tokens_per_second << " tokens/s): train loss "
              << std::setprecision(3) << r.final_train_loss;
    if (std::isfinite(r.final_val_loss)) std::cout << ", validation loss " << r.final_val_loss;
    std::cout << "\n"
              << "wrote " << out << ": config.json, model.safetensors (" << s.save_dtype
              << "), training_log.json, trainer_state.pt\n";
    if (j.contains("test_ppl"))
        std::cout << std::setprecision(1) << "Brown test split: PPL " << j["test_ppl"].get<double>()
                  << " (max_length = stride = " << s.context_length << "; add-one unigram baseline "
                  << j["unigram_test_ppl"].get<double>() << ")\n";
    if (!r.complete)
        std::cout << "resume with: kronscope-cli train --corpus " << corpus << " --out " << out
                  << " --resume\n";
}

int runTrain(const std::vector<std::string>& argv) {
    Args args(argv,
              {"corpus",  "validation", "config", "seed",          "out",          "steps",      "batch",
               "context", "lr",         "warmup", "eval-interval", "eval-windows", "stop-after", "device",
               "dtype",   "dropout",    "init",   "min-lr-ratio",  "average-from", "ema"},
              {"json", "resume", "quiet"});
    const std::string corpus = args.require("corpus");
    const std::string out = args.require("out");
    const bool resume = args.flag("resume");
    const bool brown = corpus == "brown";
    if (brown && args.has("validation"))
        throw UsageError("--validation is for text-file corpora; brown has its own");

    core::TrainingRequest rq;
    rq.corpus = corpus;
    rq.validation = args.get("validation");
    rq.settings = trainSettings(args, out, resume);
    core::TrainingResult tr;
    {
        JobProgress jp(!args.flag("quiet"));
        tr = core::runTraining(rq, jp.progress);
    }
    const nlohmann::json j = trainingJson(tr, out);
    if (args.flag("json"))
        printJson(j);
    else
        printTrainingSummary(tr, j, corpus, out);
    if (tr.run.cancelled) throw core::Cancelled();
    return 0;
}

}  // namespace

Command trainCommand() {
    return {
        "train", "train a GPT-2 from scratch on the Brown corpus or a text file; writes a checkpoint",
        "Usage: kronscope-cli train --corpus brown|FILE.txt [--validation FILE.txt]\n"
        "                           --config tiny|demo|gpt2|...|CONFIG.json | --init CHECKPOINT_DIR\n"
        "                           --out DIR [--seed N] [--steps N] [--batch B] [--context L] [--lr X]\n"
        "                           [--warmup N] [--min-lr-ratio R] [--dropout P] [--average-from S]\n"
        "                           [--eval-interval N] [--eval-windows N] [--stop-after N]\n"
        "                           [--device cpu|cuda[:i]] [--dtype F16|F32|BF16] [--resume]\n"
        "                           [--quiet] [--json]\n"
        "AdamW (betas 0.9/0.95, weight decay 0.1 on matrices), warmup then cosine decay to R x --lr\n"
        "(--min-lr-ratio, default 0.1; 1 = constant), gradient clipping 1.0; B random windows of L tokens\n"
        "per step; --dropout P (default 0) drops\n"
        "embeddings, attention probabilities and residual branches while training. Defaults: --steps 2000,\n"
        "--batch 16, "
        "--context min(128, n_positions), --lr 3e-3, --warmup min(100, steps/10), validation loss on\n"
        "--eval-windows 64 fixed windows every --eval-interval max(1, min(100, steps/10)) steps. A --seed\n"
        "reproduces a run.\n"
        "Presets: tiny (2 layers, n_embd 64, n_positions 128), demo (6 layers, n_embd 128, 4 heads,\n"
        "n_positions 256; 15.4 MiB as F16), gpt2, distilgpt2, ...; GPT-2's tokenizer (vocab 50257).\n"
        "DIR gets config.json, model.safetensors (--dtype, default F16), GPT-2's vocab.json and\n"
        "merges.txt, training_log.json and trainer_state.pt. Ctrl-C (or --stop-after N) stops with a\n"
        "resumable state: the same command with --resume continues exactly where it stopped.\n"
        "--init CHECKPOINT_DIR starts from a Hugging Face GPT-2 checkpoint's weights instead of a random\n"
        "init (fine-tuning, or continuing a finished run with a new schedule); its config.json is the\n"
        "model to train (a --config given too must be the same). A fresh AdamW state and schedule.\n"
        "--average-from S (default -1 = off): stochastic weight averaging; the exported model is the mean\n"
        "of the weights after every step past S, and each validation also scores that mean.\n"
        "--ema D (default 0 = off; e.g. 0.999): an exponential moving average of the weights, w_ema <- D "
        "w_ema +\n"
        "(1 - D) w after every step from the initial weights, validated too and exported to DIR/ema/ beside\n"
        "the main checkpoint (compare SWA and EMA with kronscope-cli stats and quantize).\n"
        "With --corpus brown the result adds the test split's perplexity (max_length = stride = L) and\n"
        "the add-one unigram baseline. JSON: steps_done, final_train_loss, final_val_loss,\n"
        "tokens_per_second, history, test_ppl, unigram_test_ppl.\n",
        runTrain};
}

}  // namespace kronscope::cli
