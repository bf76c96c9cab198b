// kronscope-cli mechanism: the mechanism lab (core/analysis/mechanism.h), the same request the Mechanism page
// runs: activation-error, conditioning, nullspace, scan, propagation.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>

#include "common.h"
#include "kronscope/core/analysis/mechanism.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/codec/mechanism_json.h"
#include "kronscope/core/codec/shards.h"

namespace kronscope::cli {

namespace {

std::string f(double v, const char* fmt = "%.4f") {
    if (std::isinf(v)) return "inf";
    if (!std::isfinite(v)) return "-";
    char b[64];
    std::snprintf(b, sizeof b, fmt, v);
    return b;
}

void printErrors(const core::MechanismResult& r) {
    std::cout << "| matrix | Kronecker act. err | SVD act. err | Kronecker Frobenius | SVD Frobenius "
                 "|\n|---|---|---|---|---|\n";
    std::map<std::string, std::pair<int, int>> wins;
    for (const auto& e : r.errors) {
        std::cout << "| " << e.matrix << " | " << f(e.kron.act_rel_err) << " | " << f(e.svd.act_rel_err)
                  << " | " << f(e.kron.rel_err) << " | " << f(e.svd.rel_err) << " |\n";
        auto& w = wins[e.kind];
        w.first += e.kron.act_rel_err < e.svd.act_rel_err, ++w.second;
    }
    int k = 0, total = 0;
    std::cout << "\nKronecker wins (activation-weighted):";
    for (const auto& [kind, w] : wins)
        std::cout << " " << kind << " " << w.first << "/" << w.second << ";", k += w.first, total += w.second;
    std::cout << " all " << k << "/" << total << " (seed 000: 0/48)\n";
}

void printConditioning(const core::MechanismResult& r) {
    std::cout
        << "| matrix | cond W | cond W_kron | cond W_svd | rank W / kron / svd | eff. rank W / kron / svd |\n"
           "|---|---|---|---|---|---|\n";
    for (const auto& c : r.conditioning)
        std::cout << "| " << c.matrix << " | " << f(c.original.cond, "%.3g") << " | "
                  << f(c.kron.cond, "%.3g") << " | " << f(c.svd.cond, "%.3g") << " | "
                  << c.original.numerical_rank << " / " << c.kron.numerical_rank << " / "
                  << c.svd.numerical_rank << " of " << c.full_rank << " | "
                  << f(c.original.effective_rank, "%.1f") << " / " << f(c.kron.effective_rank, "%.1f")
                  << " / " << f(c.svd.effective_rank, "%.1f") << " |\n";
    std::cout << "\nmedian cond: W " << f(r.median_original.cond, "%.3g") << ", Kronecker "
              << f(r.median_kron.cond, "%.3g") << ", SVD " << f(r.median_svd.cond, "%.3g")
              << " (seed 000 at n = 16: 83.8 / 52.5 / 2.9e16)\n";
}

void printNullspace(const core::MechanismResult& r) {
    std::cout << "baseline PPL " << f(r.baseline_ppl) << ", Kronecker " << f(r.kron_ppl) << ", SVD "
              << f(r.svd_ppl) << "\n"
              << "| eps | PPL of W_svd + eps N_perp | gap reduction |\n|---|---|---|\n";
    for (const auto& p : r.nullspace)
        std::cout << "| " << p.eps << " | " << f(p.ppl) << " | " << f(100 * p.gap_reduction, "%.2f")
                  << "% |\n";
    std::cout << "(seed 000: at best 4% of the gap)\n";
}

void printPropagation(const core::MechanismResult& r) {
    std::cout << "| layer |";
    for (const auto& p : r.propagation) std::cout << " " << p.config << " rel. err | cosine |";
    std::cout << "\n|---|";
    for (size_t i = 0; i < r.propagation.size(); ++i) std::cout << "---|---|";
    std::cout << "\n";
    const size_t L = r.propagation.empty() ? 0 : r.propagation.front().rel_err.size();
    for (size_t l = 0; l < L; ++l) {
        std::cout << "| " << l << " |";
        for (const auto& p : r.propagation)
            std::cout << " " << f(p.rel_err[l]) << " | " << f(p.cosine[l]) << " |";
        std::cout << "\n";
    }
    std::cout << "PPL:";
    for (const auto& p : r.propagation) std::cout << " " << p.config << " " << f(p.ppl) << ";";
    std::cout << "\n";
}

/// The request from the command line (the text's window comes with the model).
core::MechanismRequest mechanismRequest(const Args& args) {
    core::MechanismRequest rq;
    try {
        rq.analysis = core::parseMechanismAnalysis(args.require("analysis"));
        rq.targets = core::MatrixTargets::parse(args.get("targets", "all"));
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    if (args.has("block-size") && args.has("block-sizes"))
        throw UsageError("give --block-size or --block-sizes, not both");
    rq.block_sizes.clear();
    for (const auto n : args.getIntList(args.has("block-sizes") ? "block-sizes" : "block-size", {16}))
        rq.block_sizes.push_back(n);
    const std::string method = args.get("method", "both");
    rq.methods =
        method == "both" ? std::vector<std::string>{"kron", "svd"} : std::vector<std::string>{method};
    rq.eps.clear();
    for (const auto& e : splitList(args.get("eps", "0,0.25,0.5,1"))) {
        try {
            size_t used = 0;
            rq.eps.push_back(std::stod(e, &used));
            if (used != e.size()) throw std::invalid_argument(e);
        } catch (const std::exception&) {
            throw UsageError("--eps: '" + e + "' is not a number");
        }
    }
    rq.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, 1LL << 62));
    rq.cache_gb = args.getDouble("cache-gb", 0.0, 0.0, 1e6);
    rq.text_path = args.get("text");
    if (args.has("out") && !args.has("shard"))
        throw UsageError("--out is the shard file of --shard I/N; without --shard the table goes to stdout");
    const auto shard = shardOption(args);
    rq.shard_index = shard.index, rq.shard_count = shard.count;
    return rq;
}

int runMechanism(const std::vector<std::string>& argv) {
    Args args(argv,
              {"model", "analysis", "text", "method", "block-size", "block-sizes", "targets", "eps", "seed",
               "cache-gb", "max-length", "stride", "max-tokens", "batch", "device", "dtype", "shard", "out"},
              {"json", "quiet"});
    core::MechanismRequest rq = mechanismRequest(args);
    const std::string out = args.get("out");
    validateOptions(rq);
    auto model = loadModel(args, !args.flag("quiet"));
    rq.ppl = pplSettings(args, model->config(), rq.text_path);
    try {
        rq.validateFor(*model);
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    core::MechanismResult r;
    {
        JobProgress jp(!args.flag("quiet") && !args.flag("json"));
        r = core::runMechanismAnalysis(*model, rq, jp.progress);
    }
    if (!r.complete) throw core::Cancelled();  // a cancelled shard writes no shard file
    if (!out.empty()) {
        const auto mats = static_cast<int64_t>(rq.targets.select(*model).size());
        core::writeFileAtomically(out, core::scanShardJson(r, mats, model->directory()).dump() + "\n");
        if (!args.flag("json")) return 0;
    }
    if (args.flag("json")) {
        printResultJson(core::toJson(r), *model);
    } else {
        switch (rq.analysis) {
            case core::MechanismAnalysis::ActivationError:
                printErrors(r);
                break;
            case core::MechanismAnalysis::Conditioning:
                printConditioning(r);
                break;
            case core::MechanismAnalysis::Nullspace:
                printNullspace(r);
                break;
            case core::MechanismAnalysis::Scan:
                std::cout << core::scanTable(r, model->directory(), false);
                break;
            case core::MechanismAnalysis::Propagation:
                printPropagation(r);
                break;
        }
        if (rq.analysis != core::MechanismAnalysis::Scan)
            std::cout << "\n"
                      << r.settings << (r.text_name.empty() ? "" : "; text " + r.text_name) << "; model "
                      << model->directory() << " (" << r.model_hash << ")\n";
    }
    return 0;
}

}  // namespace

Command mechanismCommand() {
    return {
        "mechanism",
        "why Kronecker beats SVD in PPL (seed 000): activation error, conditioning, nullspace, scan, "
        "propagation",
        "Usage: kronscope-cli mechanism --analysis activation-error|conditioning|nullspace|scan|propagation "
        "--model MODEL\n"
        "                               [--text FILE] [--method kron|svd|both] [--block-size N | "
        "--block-sizes 4,16]\n"
        "                               [--targets SPEC] [--eps 0,0.25,0.5,1] [--seed S] [--cache-gb G]\n"
        "                               [--max-length N] [--stride S] [--max-tokens N] [--json]\n"
        "                               [--shard I/N --out SHARD.json]  (scan only)\n"
        "activation-error: ||X (W - fit)|| / ||X W|| from float64 Grams of each matrix's input on the text\n"
        "  (non-overlapping windows of --max-length over the first --max-tokens tokens) beside ||W - fit|| / "
        "||W||,\n"
        "  Kronecker (r = n, small factor first) and SVD at its parameter count; win counts per kind.\n"
        "conditioning: full float64 SVDs of W, W_kron, W_svd: cond, numerical rank, effective rank, medians "
        "(no text).\n"
        "nullspace: PPL of W_svd + eps N_perp (noise outside the SVD's row and column spaces, ||N_perp|| = "
        "||W - W_svd||)\n"
        "  on every targeted matrix, and the share of the SVD-Kronecker gap it closes.\n"
        "scan: every targeted matrix alone x method x block size: PPL and mean NLL; additivity = the sum of "
        "single\n"
        "  changes in mean NLL beside the change of all at once. The unchanged prefix is cached per window "
        "when it\n"
        "  fits in --cache-gb (default a third of free memory); the numbers equal a full run.\n"
        "  --shard I/N runs the cells k with k mod N == I (cell 0 the baseline; per method x block size "
        "group g,\n"
        "  1 + g (M + 1) all M matrices at once, then each matrix alone) and writes a shard file; "
        "kronscope-cli\n"
        "  merge rebuilds the table and the additivity.\n"
        "propagation: per layer, ||h' - h|| / ||h|| and the mean cosine of the residual stream, for kron, "
        "svd, hybrid\n"
        "  and reverse-hybrid surgery at n, on non-overlapping windows.\n"
        "JSON: matrices[] (kron.act_rel_err, kron.rel_err, svd.act_rel_err, svd.rel_err | original.cond, "
        "kron.cond,\n"
        "svd.cond, *.numerical_rank, *.effective_rank), median, points[], baseline_ppl, rows[] (matrix, "
        "method,\n"
        "block_size, ppl, mean_nll), additivity[], runs[] (config, layers[] with rel_err, cosine).\n",
        runMechanism};
}

}  // namespace kronscope::cli
