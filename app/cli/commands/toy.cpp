// kronscope-cli toy: its options, help text and run function.
#include "common.h"
#include "kronscope/core/analysis/toy_lab.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/codec/result_json.h"
#include "probe_tables.h"

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include "cli_args.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/probes/probes.h"
#include "kronscope/core/codec/probe_json.h"
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/train/toy_model.h"

namespace kronscope::cli {

namespace {

core::ToyModelSettings toySettings(const Args& args) {
    core::ToyModelSettings s;
    s.features = args.getInt("features", 80, 1, 1 << 20);
    s.hidden = args.getInt("hidden", 20, 1, 1 << 20);
    s.sparsity = args.getDouble("sparsity", s.sparsity);
    s.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, (1LL << 62)));
    s.steps = args.getInt("steps", s.steps, 1, 1LL << 40);
    s.batch_size = args.getInt("batch", s.batch_size, 1, 1 << 24);
    s.lr = args.getDouble("lr", s.lr);
    s.importance_decay = args.getDouble("importance-decay", s.importance_decay);
    s.log_interval = args.getInt("log-interval", 0, 1, 1LL << 40);  // 0: core's default
    return s;
}

/// W as rows of numbers, for toy_result.json.
nlohmann::json matrixRows(const core::MatrixF& w) {
    nlohmann::json rows = nlohmann::json::array();
    for (int64_t i = 0; i < w.rows; ++i)
        rows.push_back(
            std::vector<float>(w.values.begin() + i * w.cols, w.values.begin() + (i + 1) * w.cols));
    return rows;
}

/// toy_result.json: the result codec's form (the GUI's sessions store the same) with W and the probes.
nlohmann::json toyResultJson(const core::ToyModelResult& r, const core::ToyProbeReport& pr,
                             const core::ToyModelSettings& s, bool probes) {
    nlohmann::json j = core::toJson(r);
    j.update({{"result_version", core::kResultJsonVersion},
              {"model", "toy model of superposition (Elhage et al. 2022)"},
              {"sparsity_convention", "S = probability that a feature is zero (feature probability 1 - S)"},
              {"optimizer", "AdamW (betas 0.9/0.999), constant lr"},
              {"describe", s.describe()},
              {"w_shape", {r.w.rows, r.w.cols}},
              {"w", matrixRows(r.w)},
              {"app_version", core::buildInfo().app_version}});
    if (probes) {
        j["probes"] = nlohmann::json::parse(core::toJson(pr));
        j["probes_note"] =
            "kron-ratio and Clifford at n = 2 (2x2 factor first, r = 2); 2x2 basis energies of W; "
            "rotation angles of the polar factors of W's hidden x hidden column blocks W = [W_1 | ... ], "
            "pooled, against Haar O(hidden) (one per block per draw). Not W W^T: it is symmetric positive "
            "semi-definite, so its polar factor is the identity and all its angles are 0.";
    } else {
        j["probes"] = nullptr;
        j["probes_note"] = "probes need even features and hidden, and hidden dividing features";
    }
    return j;
}

void printToySummary(const core::ToyModelResult& r, const core::ToyProbeReport& pr,
                     const core::ToyModelSettings& s, const core::ProbeSettings& ps, bool probes) {
    std::cout << "toy model: " << s.describe() << "\n"
              << "trained in " << fixed(r.seconds, 2) << " s: loss " << fixed(r.initial_loss, 5) << " -> "
              << fixed(r.final_loss, 5) << "; " << r.represented << " of " << s.features
              << " features with ||W_i|| > 0.5\n";
    if (probes) {
        const auto& k = pr.kron_ratio;
        std::cout << "Kronecker ratio at n = 2: " << fixed(k.ratio_gaussian, 4) << " (gaussian; rel_err "
                  << fixed(k.rel_err.value, 5) << " vs "
                  << nullCell(k.rel_err, core::ProbeNullKind::Gaussian, 5) << "), "
                  << fixed(k.ratio_permuted, 4) << " (permuted), " << fixed(k.ratio_row_col, 4)
                  << " (rows and columns permuted: keeps the importance-ordered column norms)\n";
        const auto& e = pr.basis_energy;
        std::cout << "2x2 basis energy: I " << fixed(100 * e.shares[0].value, 1) << "%, J "
                  << fixed(100 * e.shares[1].value, 1) << "%, K " << fixed(100 * e.shares[2].value, 1)
                  << "%, L " << fixed(100 * e.shares[3].value, 1) << "%; complex "
                  << fixed(100 * e.complex_share.value, 1) << "% vs "
                  << nullCell(e.complex_share, core::ProbeNullKind::Gaussian) << "\n";
        std::cout << "Clifford violation at n = 2: " << fixed(pr.clifford.violation.value, 4) << " vs "
                  << nullCell(pr.clifford.violation, core::ProbeNullKind::Gaussian) << "\n";
        printAngleRows(pr.angles, "angles of " + std::to_string(pr.angles.blocks) + " column blocks");
        std::cout << "  (z against Haar O(" << s.hidden << "); " << ps.null_draws << " null draws, seed "
                  << ps.seed << ")\n";
    }
}

int runToy(const std::vector<std::string>& argv) {
    Args args(argv,
              {"features", "hidden", "sparsity", "seed", "steps", "out", "batch", "lr", "importance-decay",
               "null-draws", "log-interval"},
              {"json", "quiet"});
    core::ToyModelSettings s = toySettings(args);
    const std::string out = args.require("out");
    core::ToyRequest rq;
    rq.base = s;
    rq.null_draws = static_cast<int>(args.getInt("null-draws", 20, 2, 100000));
    rq.resolveDefaults();
    rq.validate();
    s = rq.base;
    core::ProbeSettings ps;
    ps.null_draws = rq.null_draws;
    ps.seed = s.seed;
    const bool probes = s.hidden % 2 == 0 && s.features % 2 == 0 && s.features % s.hidden == 0;

    core::ToyModelResult r;
    core::ToyProbeReport pr;
    {
        JobProgress jp(!args.flag("quiet"));
        auto train = jp.progress.sub(0.0, probes ? 0.6 : 1.0);
        r = core::runToyModels(rq, train).front();
        if (probes) {
            auto probe = jp.progress.sub(0.6, 1.0);
            pr = core::probeToyWeights(r.w, ps, &probe);
        }
    }
    std::filesystem::create_directories(out);
    const std::filesystem::path dir(out);
    {
        std::ostringstream csv;
        csv << std::setprecision(9);
        for (int64_t i = 0; i < r.w.rows; ++i) {
            for (int64_t j = 0; j < r.w.cols; ++j) csv << (j ? "," : "") << r.w.values[i * r.w.cols + j];
            csv << "\n";
        }
        core::writeTextFile((dir / "toy_W.csv").string(), csv.str());
    }
    const nlohmann::json j = toyResultJson(r, pr, s, probes);
    core::writeTextFile((dir / "toy_result.json").string(), j.dump(1) + "\n");
    if (args.flag("json")) {
        nlohmann::json brief = j;
        brief.erase("w");
        brief["out"] = out;
        printJson(brief);
        return 0;
    }
    printToySummary(r, pr, s, ps, probes);
    std::cout << "wrote " << (dir / "toy_W.csv").string() << " and " << (dir / "toy_result.json").string()
              << "\n";
    return 0;
}

}  // namespace

Command toyCommand() {
    return {
        "toy", "train the toy model of superposition (Elhage et al. 2022) and probe its W",
        "Usage: kronscope-cli toy --out DIR [--features 80] [--hidden 20] [--sparsity S] [--seed N] [--steps "
        "K]\n"
        "                         [--batch 1024] [--lr 0.001] [--importance-decay 0.9] [--log-interval K]\n"
        "                         [--null-draws 20] [--quiet] [--json]\n"
        "x_i = 0 with probability S (the sparsity: S = P(x_i = 0), default 0.9), else U[0, 1]; h = W x;\n"
        "x' = ReLU(W^T h + b); loss = mean over the batch of sum_i I_i (x_i - x'_i)^2, I_i = decay^i. AdamW "
        "(weight\n"
        "decay 0.01), constant lr, default 4000 steps; --seed reproduces a run exactly. The seed's \"S = "
        "0.01 to\n"
        "1.0\" is the feature probability 1 - S. A loss point every --log-interval K steps (default max(1, "
        "steps / 200),\n"
        "as the Toy page); hidden must be below features (superposition).\n"
        "Writes DIR/toy_W.csv (hidden rows x features columns) and DIR/toy_result.json: settings, loss "
        "history, W,\n"
        "b, feature norms, and the probes on W: kron-ratio and Clifford at n = 2, 2x2 basis energies, and "
        "rotation\n"
        "angles of the polar factors of W's hidden x hidden column blocks (pooled) against Haar O(hidden). W "
        "W^T is\n"
        "not used: it is symmetric positive semi-definite, so its polar factor is the identity.\n",
        runToy};
}

}  // namespace kronscope::cli
