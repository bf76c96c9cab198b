// kronscope-cli heal and heal-sweep: healing after surgery (core/analysis/healing.h).
#include <cmath>
#include <cstdio>
#include <iostream>
#include <set>

#include "cli_args.h"
#include "common.h"
#include "kronscope/core/analysis/healing.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/codec/healing_json.h"

namespace kronscope::cli {

namespace {

const std::set<std::string> kHealOptions = {
    "model",         "method",       "block-size", "targets",      "corpus",       "validation", "init",
    "distill",       "temperature",  "steps",      "batch",        "context",      "lr",         "warmup",
    "eval-interval", "eval-windows", "seed",       "weight-decay", "min-lr-ratio", "device",     "out"};

core::HealRequest healRequest(const Args& args) {
    core::HealRequest rq;
    rq.model = args.require("model");
    rq.corpus = args.get("corpus", "brown");
    rq.validation = args.get("validation");
    auto& s = rq.settings;
    s.method = args.get("method", "kron");
    s.block_size = args.getInt("block-size", 16, 1, 1 << 20);
    s.targets = args.get("targets", "all");
    s.init = args.get("init", "fit");
    s.train_dense = args.flag("train-dense");
    s.distill = args.getDouble("distill", 0.0, 0.0, 1.0);
    s.temperature = args.getDouble("temperature", 2.0, 1e-3, 100.0);
    s.steps = args.getInt("steps", 200, 0, 100000000);
    s.batch_size = args.getInt("batch", 8, 1, 1 << 16);
    s.context_length = args.getInt("context", 128, 2, 1 << 20);
    s.lr = args.getDouble("lr", 1e-3, 1e-12, 10.0);
    s.warmup = args.getInt("warmup", std::min<int64_t>(100, s.steps / 10), 0, 100000000);
    s.eval_interval = args.getInt("eval-interval", std::max<int64_t>(1, s.steps / 10), 1, 100000000);
    s.eval_windows = args.getInt("eval-windows", 16, 1, 1 << 20);
    s.weight_decay = args.getDouble("weight-decay", 0.0, 0.0, 10.0);
    s.min_lr_ratio = args.getDouble("min-lr-ratio", 0.1, 0.0, 1.0);
    s.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, 1LL << 62));
    s.device = args.get("device", "cpu");
    try {
        rq.validate();
        core::MatrixTargets::parse(s.targets);
    } catch (const core::InputError& e) {
        throw UsageError(e.what());
    }
    return rq;
}

nlohmann::json healJson(const core::HealingResult& h) {
    return core::toJson(h);
}

/// heal --resume --out DIR [--device D] [--eval-interval K] [--stop-after N]: the interrupted run's request.
core::HealRequest resumeRequest(const Args& args) {
    for (const auto& name : kHealOptions)
        if (args.has(name) && name != "out" && name != "device" && name != "eval-interval")
            throw UsageError("--resume continues the run saved in --out with its own settings; --" + name +
                             " cannot change (only --device, --eval-interval and --stop-after can)");
    if (args.flag("train-dense")) throw UsageError("--resume keeps the run's --train-dense setting");
    if (!args.has("out")) throw UsageError("--resume needs --out DIR, the folder of the interrupted run");
    core::HealRequest rq;
    try {
        rq = core::loadHealRequest(args.get("out"));
    } catch (const core::InputError& e) {
        throw UsageError(e.what());
    }
    rq.settings.device = args.get("device", rq.settings.device);
    rq.settings.eval_interval = args.getInt("eval-interval", rq.settings.eval_interval, 1, 100000000);
    return rq;
}

int runHeal(const std::vector<std::string>& argv) {
    auto options = kHealOptions;
    options.insert("stop-after");
    Args args(argv, options, {"json", "quiet", "train-dense", "resume"});
    core::HealRequest rq = args.flag("resume") ? resumeRequest(args) : healRequest(args);
    rq.settings.out_dir = args.get("out");
    rq.settings.stop_after = args.getInt("stop-after", 0, 0, 100000000);
    if (rq.settings.stop_after > 0 && rq.settings.out_dir.empty())
        throw UsageError("--stop-after needs --out DIR (the run's state is saved there to resume)");
    core::HealingResult h;
    {
        JobProgress jp(!args.flag("quiet") && !args.flag("json"));
        h = core::runHealing(rq, jp.progress);
    }
    auto j = healJson(h);
    j["app_version"] = core::buildInfo().app_version;
    if (args.flag("json")) {
        printJson(j);
    } else {
        const auto& r = h.run;
        std::printf(
            "%s\nPPL on %s (%lld tokens): original %.3f, after surgery %.3f, healed %.3f after %lld "
            "steps\nparameters: %lld (original %lld; %lld trained)\n",
            r.settings.describe().c_str(), h.heldout_name.c_str(), static_cast<long long>(r.eval_tokens),
            r.ppl_original, r.ppl_surgery, r.ppl_healed, static_cast<long long>(r.steps),
            static_cast<long long>(r.params), static_cast<long long>(r.params_original),
            static_cast<long long>(r.params_trainable));
        if (!r.settings.out_dir.empty() && r.complete)
            std::printf("wrote %s (dense export + kronscope_factors.safetensors + heal_log.json)\n",
                        r.settings.out_dir.c_str());
        else if (r.resumable)
            std::printf("stopped at step %lld of %lld; continue with: kronscope-cli heal --resume --out %s\n",
                        static_cast<long long>(r.steps), static_cast<long long>(r.settings.steps),
                        r.settings.out_dir.c_str());
    }
    if (h.run.cancelled) throw core::Cancelled();
    return 0;
}

int runHealSweep(const std::vector<std::string>& argv) {
    auto options = kHealOptions;
    options.insert({"methods", "block-sizes", "table", "matched-dense"});
    Args args(argv, options, {"json", "quiet", "train-dense", "no-control"});
    core::HealSweepRequest rq;
    rq.base = healRequest(args);
    rq.base.settings.out_dir = args.get("out");
    rq.methods = splitList(args.get("methods", "kron,svd"));
    rq.block_sizes.clear();
    for (const auto n : args.getIntList("block-sizes", {2, 4, 8, 16, 32})) rq.block_sizes.push_back(n);
    rq.control = !args.flag("no-control");
    rq.matched_dense = args.get("matched-dense");
    const std::string table = args.get("table");
    checkTableOutput(table);
    try {
        rq.validate();
    } catch (const core::InputError& e) {
        throw UsageError(e.what());
    }
    core::HealSweepResult r;
    {
        JobProgress jp(!args.flag("quiet") && !args.flag("json"));
        r = core::runHealSweep(rq, jp.progress);
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& h : r.rows) rows.push_back(healJson(h));
    const nlohmann::json j = {
        {"rows", rows}, {"complete", r.complete}, {"app_version", core::buildInfo().app_version}};
    if (!table.empty()) {
        const bool json_out = table.size() > 5 && table.compare(table.size() - 5, 5, ".json") == 0;
        const bool csv = table.size() > 4 && table.compare(table.size() - 4, 4, ".csv") == 0;
        core::writeFileAtomically(table, json_out ? j.dump(1) + "\n" : core::healSweepTable(r, csv));
    }
    if (args.flag("json"))
        printJson(j);
    else
        std::cout << core::healSweepTable(r, false);
    if (!r.complete) throw core::Cancelled();
    return 0;
}

const char* kHealHelp =
    "  --method kron|svd|hybrid|reverse-hybrid|none  --block-size N (default 16)  --targets SPEC (all)\n"
    "  --corpus brown|FILE [--validation FILE]   brown: train split, PPL on the validation split; a file:\n"
    "      PPL on --validation, else on its last 10% of tokens (trained on the first 90%)\n"
    "  --init fit|random|prune   fit: Van Loan-Pitsianis / truncated SVD; random: the same shapes, N(0, "
    "s^2)\n"
    "      with E||fit|| = ||W||; prune: the fit of W with its smaller half of |w| set to zero\n"
    "  --train-dense   also train the weights the surgery left (else only the factors train)\n"
    "  --distill W [--temperature T]   (1 - W) LM loss + W T^2 KL(unmodified || healed), default W = 0, T = "
    "2\n"
    "  --steps S (200) --batch B (8) --context L (128) --lr X (1e-3) --warmup K --eval-interval K\n"
    "  --eval-windows K (16) --weight-decay D (0) --min-lr-ratio R (0.1) --seed S --device cpu|cuda\n"
    "PPL = exp(mean NLL) over K windows of L + 1 held-out tokens at stride L: the number `kronscope-cli ppl\n"
    "--max-length L+1 --stride L --max-tokens 1+K*L` gives on the held-out text (and on the healed "
    "folder).\n";

}  // namespace

Command healCommand() {
    return {
        "heal", "train a surgered model's factors (Kronecker A_k, S_k; low-rank U, V) and re-measure PPL",
        std::string("Usage: kronscope-cli heal --model MODEL [options] [--out DIR] [--json]\n") + kHealHelp +
            "--out DIR writes the healed model: config.json + model.safetensors (F32, factors multiplied\n"
            "out), kronscope_factors.safetensors (the factors; Kronscope runs the folder in factored form)\n"
            "and heal_log.json. JSON: ppl_original, ppl_surgery, ppl_healed, params, params_original,\n"
            "params_trainable, steps, history[] (step, train_loss, val_ppl), matrices[], complete, "
            "resumable.\n"
            "Resumable: with --out, the run's state is saved in DIR/heal_state.pt at every evaluation, on\n"
            "Ctrl-C and at --stop-after N; `heal --resume --out DIR [--device D] [--eval-interval K]\n"
            "[--stop-after N]` continues it with its own settings, model and corpus (bit for bit the same "
            "as\n"
            "a straight run on the same device and thread count). The folder holds a model only when done.\n",
        runHeal};
}

Command healSweepCommand() {
    return {
        "heal-sweep", "heal methods x block sizes with the same token budget each: the healing table",
        std::string("Usage: kronscope-cli heal-sweep --model MODEL [--methods kron,svd] [--block-sizes "
                    "2,4,8,16,32]\n"
                    "                               [--no-control] [heal options] [--out DIR] "
                    "[--table FILE.md|.csv|.json] [--json]\n") +
            kHealHelp +
            "Every row gets the same settings but its method and n; the control row (method none: the\n"
            "unmodified model fine-tuned the same way) comes first unless --no-control. --out DIR writes\n"
            "each healed model to DIR/METHOD-nN. The table: params of the model, the replaced matrices'\n"
            "factor and dense counts, PPL original / after surgery / healed.\n",
        runHealSweep};
}

}  // namespace kronscope::cli
