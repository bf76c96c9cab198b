// kronscope-cli probe: its options, help text and run function.
#include "common.h"
#include "kronscope/core/analysis/structure_probe.h"
#include "probe_tables.h"

#include <iomanip>
#include <iostream>
#include "cli_args.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/modular/modular_model.h"
#include "kronscope/core/probes/probes.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/codec/probe_json.h"
#include "kronscope/core/codec/shards.h"
#include "kronscope/core/decompose/decomposition.h"

namespace kronscope::cli {

namespace {

/// The footer under a probe table: the fit and the nulls (per-matrix null seeds come from --seed and the
/// name).
std::string probeFooter(const core::ProbeSettings& s, const std::string& fit) {
    return (fit.empty() ? std::string() : fit + "; ") +
           (s.permuted_null ? "gaussian + permuted" : "gaussian") + " nulls, " +
           std::to_string(s.null_draws) + " draws each, z = (score - null mean) / null std; null seeds " +
           "derived from --seed " + std::to_string(s.seed) + " and each matrix's name (JSON: nulls.*.seed)\n";
}

core::ProbeSettings probeSettings(const Args& args) {
    core::ProbeSettings s;
    s.block_size = args.getInt("block-size", 2, 1, 1 << 20);
    s.terms = args.getInt("terms", 0, 0, 1 << 20);
    const std::string order = args.get("order", "small-first");
    if (order != "small-first" && order != "small-second")
        throw UsageError("--order must be small-first or small-second");
    s.small_first = order == "small-first";
    s.null_draws = static_cast<int>(args.getInt("null-draws", 20, 2, 100000));
    s.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, (1LL << 62)));
    s.permuted_null = !args.flag("no-permuted");
    s.histogram_bins = static_cast<int>(args.getInt("bins", 36, 1, 100000));
    s.max_fold = static_cast<int>(args.getInt("max-fold", 12, 1, 1000));
    s.angle_source = core::parseAngleSource(args.get("angle-source", "whole"));
    return s;
}

void printKronTable(const core::KronRatioReport& rep) {
    std::cout << std::left << std::setw(20) << "matrix" << std::setw(13) << "shape" << std::right
              << std::setw(10) << "rel_err" << std::setw(9) << "ratio_g"
              << "  " << std::left << std::setw(30) << "gaussian null (z)" << std::right << std::setw(9)
              << "ratio_p"
              << "  " << std::left << std::setw(30) << "permuted null (z)" << std::right << std::setw(9)
              << "ratio_rc"
              << "  row/col-permuted null (z)\n";
    for (const auto& r : rep.matrices) {
        std::cout << std::left << std::setw(20) << r.matrix << std::setw(13)
                  << (std::to_string(r.rows) + "x" + std::to_string(r.cols)) << std::right << std::setw(10)
                  << fixed(r.rel_err.value, 5) << std::setw(9) << fixed(r.ratio_gaussian, 4) << "  "
                  << std::left << std::setw(30) << nullCell(r.rel_err, core::ProbeNullKind::Gaussian, 5)
                  << std::right << std::setw(9)
                  << (r.rel_err.null(core::ProbeNullKind::Permuted) ? fixed(r.ratio_permuted, 4) : "-")
                  << "  " << std::left << std::setw(30)
                  << nullCell(r.rel_err, core::ProbeNullKind::Permuted, 5) << std::right << std::setw(9)
                  << (r.rel_err.null(core::ProbeNullKind::RowColPermuted) ? fixed(r.ratio_row_col, 4) : "-")
                  << "  " << nullCell(r.rel_err, core::ProbeNullKind::RowColPermuted, 5) << "\n";
    }
    if (!rep.matrices.empty()) std::cout << probeFooter(rep.settings, rep.matrices.front().spec.label());
}

void printShareRow(const std::string& label, const std::array<core::ProbeScore, 4>& shares,
                   const core::ProbeScore& complex) {
    std::cout << std::left << std::setw(20) << label << std::right;
    for (const auto& s : shares)
        std::cout << std::setw(8) << fixed(100 * s.value, 2) << "% " << std::setw(6)
                  << signedFixed(s.z(core::ProbeNullKind::Gaussian), 1);
    std::cout << std::setw(8) << fixed(100 * complex.value, 2) << "% " << std::setw(6)
              << signedFixed(complex.z(core::ProbeNullKind::Gaussian), 1) << "  "
              << nullCell(complex, core::ProbeNullKind::Permuted) << "\n";
}

void printBasisTable(const core::BasisEnergyReport& rep) {
    std::cout << std::left << std::setw(20) << "matrix" << std::right;
    for (const char* x : {"I", "J", "K", "L", "I+J"})
        std::cout << std::setw(9) << x << " " << std::setw(6) << "z_g";
    std::cout << "  complex: permuted null (z)\n";
    for (const auto& r : rep.matrices) printShareRow(r.matrix, r.shares, r.complex_share);
    std::cout << "energy-weighted:\n";
    for (const auto& a : rep.layers) printShareRow(a.label, a.shares, a.complex_share);
    printShareRow(rep.model.label, rep.model.shares, rep.model.complex_share);
    const auto* g = rep.model.complex_share.null(core::ProbeNullKind::Gaussian);
    if (g)
        std::cout << "complex (I+J) energy " << fixed(100 * rep.model.complex_share.value, 2)
                  << "% vs gaussian null " << fixed(100 * g->mean, 2) << "% ± " << fixed(100 * g->std, 2)
                  << "% (z " << signedFixed(g->z, 1) << ")\n";
    std::cout << "fitted 2x2 factors (n = 2, r = 2):\n";
    for (const auto& r : rep.matrices) {
        std::cout << "  " << std::left << std::setw(18) << r.matrix << std::right;
        for (const auto& f : r.factors)
            std::cout << "  A_" << f.term << ": complex " << fixed(100 * f.complex_share.value, 1) << "% (z "
                      << signedFixed(f.complex_share.z(core::ProbeNullKind::Gaussian), 1) << "), mostly "
                      << core::basis2x2Name(f.dominant) << (f.det >= 0 ? ", det > 0" : ", det < 0");
        std::cout << "\n";
    }
    std::cout << "shares of ||W||^2 with z against the gaussian null; "
              << (rep.settings.small_first ? "2x2 factor first" : "2x2 factor second (W tiled by 2x2 blocks)")
              << "\n"
              << probeFooter(rep.settings, "");
}

void printCliffordTable(const core::CliffordReport& rep) {
    std::cout << std::left << std::setw(20) << "matrix" << std::right << std::setw(9) << "V"
              << "  " << std::left << std::setw(30) << "gaussian null (z)" << std::setw(30)
              << "permuted null (z)"
              << "signature\n";
    for (const auto& r : rep.matrices) {
        std::string sig;
        for (int e : r.score.signature) sig += e > 0 ? "+" : "-";
        std::cout << std::left << std::setw(20) << r.matrix << std::right << std::setw(9)
                  << fixed(r.violation.value, 4) << "  " << std::left << std::setw(30)
                  << nullCell(r.violation, core::ProbeNullKind::Gaussian) << std::setw(30)
                  << nullCell(r.violation, core::ProbeNullKind::Permuted) << sig << "\n";
    }
    if (!rep.matrices.empty())
        std::cout << probeFooter(rep.settings, rep.matrices.front().spec.label() + ", ||A_k||_F^2 = n");
}

void printAngleTable(const core::AngleReport& rep) {
    std::cout << std::left << std::setw(32) << "source"
              << "    " << std::right;
    for (int k = 1; k <= rep.settings.max_fold; ++k) std::cout << std::setw(7) << ("k=" + std::to_string(k));
    std::cout << "\n";
    for (const auto& r : rep.results) printAngleRows(r.pooled, r.pooled.source);
    for (const auto& s : rep.skipped) std::cout << "skipped " << s << "\n";
    if (!rep.results.empty())
        std::cout << "z against the "
                  << core::probeNullName(rep.results.front().pooled.fold.front().nulls.front().kind)
                  << " null; " << rep.results.front().pooled.settings
                  << "\nper-head / per-factor results and histograms: --json\n";
}

int runProbe(const std::vector<std::string>& argv) {
    Args args(argv,
              {"model", "probe", "block-size", "terms", "order", "matrices", "null-draws", "seed",
               "angle-source", "bins", "max-fold", "shard", "out"},
              {"json", "quiet", "no-permuted", "samples"});
    core::ProbeRequest rq;
    try {
        rq.kind = core::parseProbeKind(args.require("probe"));
        rq.settings = probeSettings(args);
        rq.settings.validate();
    } catch (const core::InputError& e) {
        throw UsageError(e.what());
    }
    rq.matrices = args.get("matrices", "all");
    rq.with_samples = args.flag("samples");
    rq.keep_angle_lists = true;
    const std::string out = args.get("out");
    if (!out.empty() && !args.has("shard"))
        throw UsageError("--out is the shard file of --shard I/N; without --shard the table goes to stdout");
    const auto shard = shardOption(args);
    rq.shard_index = shard.index, rq.shard_count = shard.count;
    // A GPT-2 checkpoint or a modular-arithmetic model (the positive control): the same probes either way.
    std::unique_ptr<core::WeightSource> model;
    if (core::isModularCheckpoint(args.require("model")))
        model = core::ModularModel::load(args.require("model"));
    else
        model = loadModel(args, !args.flag("quiet"));
    std::vector<core::ProbeRunResult> runs;
    {
        JobProgress jp(!args.flag("quiet"));
        runs = core::runStructureProbe(*model, rq, jp.progress);
    }
    const auto& run = runs.front();
    if (!out.empty()) {
        auto j = core::probeShardJson(run);
        if (!j.contains("model")) j["model"] = model->directory();
        core::writeFileAtomically(out,
                                  j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
        if (!args.flag("json")) return 0;
    }
    if (args.flag("json")) {
        auto j = nlohmann::json::parse(core::probeRunJson(run));
        if (!j.contains("model"))
            j["model"] = model->directory();  // ijkl: "model" is the whole-selection aggregate
        j["app_version"] = core::buildInfo().app_version;
        printJson(j);
        return 0;
    }
    std::visit(
        [](const auto& rep) {
            using T = std::decay_t<decltype(rep)>;
            if constexpr (std::is_same_v<T, core::KronRatioReport>)
                printKronTable(rep);
            else if constexpr (std::is_same_v<T, core::BasisEnergyReport>)
                printBasisTable(rep);
            else if constexpr (std::is_same_v<T, core::CliffordReport>)
                printCliffordTable(rep);
            else
                printAngleTable(rep);
        },
        run.report);
    return 0;
}

}  // namespace

Command probeCommand() {
    return {
        "probe",
        "structure scores of block matrices, each beside its null: kron-ratio, ijkl, clifford, angles",
        "Usage: kronscope-cli probe --model MODEL --probe kron-ratio|ijkl|clifford|angles [--block-size N]\n"
        "                           [--terms R] [--order small-first|small-second]\n"
        "                           [--matrices all|attn|mlp|h.0.attn.c_proj,...|layers:A-B|...]\n"
        "                           [--null-draws K] [--seed S] [--no-permuted]\n"
        "                           [--angle-source whole|heads|factors|blocks2x2] [--bins B] [--max-fold "
        "K]\n"
        "                           [--samples] [--quiet] [--json] [--shard I/N --out SHARD.json]\n"
        "Scores (science.md), each with the same score on null matrices: mean, std and z = (score - mean) / "
        "std\n"
        "over --null-draws K draws (default 20, seeded; each matrix's null seed is derived from --seed and "
        "its name):\n"
        "  kron-ratio  rel_err of the Kronecker fit at block size n (default 2, r = n terms) over the mean "
        "rel_err of\n"
        "              Gaussian and permuted-entry matrices of the same shape. Below 1: more structure than "
        "chance.\n"
        "  ijkl        2x2 basis energy: W = I(x)S_I + J(x)S_J + K(x)S_K + L(x)S_L (J = [[0,-1],[1,0]], K = "
        "diag(1,-1),\n"
        "              L = [[0,1],[1,0]]; --order small-second tiles W by 2x2 blocks); share of X = "
        "2||S_X||^2/||W||^2,\n"
        "              complex = I + J (50% by chance); per layer and for the selection (energy-weighted); "
        "and the\n"
        "              n = 2 fit's 2x2 factors classified by the same a, b, c, d.\n"
        "  clifford    V = sum_{i<=j} ||A_i A_j + A_j A_i - 2 eta_ij I||^2 / sum_{i<=j} ||A_i A_j + A_j "
        "A_i||^2 of the\n"
        "              fitted n x n factors (||A_k||_F^2 = n, best diagonal signature eta); 0 = exact "
        "Clifford set.\n"
        "  angles      eigen-angles of the polar factor Q = U V^T; S_k = |mean exp(i k theta)|, k = "
        "1..--max-fold 12;\n"
        "              histogram of --bins 36 over [-pi, pi]; null: Haar O(N) of the same size. "
        "--angle-source:\n"
        "              whole (attn.c_proj and c_attn's Q, K, V, each n_embd x n_embd), heads (their head_dim "
        "x\n"
        "              head_dim diagonal blocks, pooled), factors (the n x n Kronecker factors), blocks2x2\n"
        "              (theta = atan2(b, a) of every 2x2 tile, Gaussian and permuted nulls).\n"
        "MODEL may also be a modular-arithmetic model (kronscope-cli modular train): its matrices are "
        "embed.W_E,\n"
        "unembed.W_U, blocks.L.mlp.W_in / W_out and every head's blocks.L.attn.W_Q.H / W_K.H / W_V.H / W_O.H "
        "(select\n"
        "with all, attn, mlp or names); matrices whose sides the block size does not divide are skipped and "
        "listed.\n"
        "--no-permuted skips the permuted null; --samples adds every null draw to the JSON. Ctrl-C cancels.\n"
        "--shard I/N probes the selected matrices k (in selection order) with k mod N == I and writes a "
        "shard file;\n"
        "kronscope-cli merge rebuilds the report (ijkl's aggregates from the matrices' null draws).\n"
        "JSON: settings, one entry per matrix with each score's value and nulls {gaussian, permuted | "
        "haar}:\n"
        "{mean, std, z, draws, seed}; ijkl adds layers and model aggregates.\n",
        runProbe};
}

}  // namespace kronscope::cli
