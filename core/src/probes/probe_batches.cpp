#include "kronscope/core/probes/probes.h"
#include "kronscope/core/model/matrix_targets.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "decompose/decomposition_impl.h"
#include "decompose/null_draws.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/hash.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/surgery/surgery.h"
#include "probes/probe_kernels.h"

namespace kronscope::core {

using namespace probe_detail;

// ---- model batches

std::vector<MatrixRef> selectProbeMatrices(const WeightSource& model, const std::string& spec_in) {
    const auto all = model.matrices();
    const std::string spec = spec_in.empty() ? "all" : spec_in;
    std::vector<MatrixRef> out;
    if (spec == "all") return all;
    if (spec == "attn" || spec == "mlp") {
        for (const auto& m : all)
            if (m.kind.rfind(spec + ".", 0) == 0) out.push_back(m);
        return out;
    }
    if (spec.find(':') != std::string::npos || spec.find('+') != std::string::npos) {
        const auto targets = MatrixTargets::parse(spec);
        for (const auto& m : all)
            if (targets.selects(m)) out.push_back(m);
        if (out.empty()) throw InputError("matrix selection '" + spec + "' selects no block matrix");
        return out;
    }
    size_t start = 0;
    while (start <= spec.size()) {
        const size_t comma = std::min(spec.find(',', start), spec.size());
        std::string name = spec.substr(start, comma - start);
        start = comma + 1;
        if (name.empty()) continue;
        if (name.size() > 7 && name.compare(name.size() - 7, 7, ".weight") == 0) name.resize(name.size() - 7);
        auto it = std::find_if(all.begin(), all.end(), [&](const MatrixRef& m) { return m.name == name; });
        if (it == all.end())
            throw InputError("unknown block matrix '" + name +
                             "' (names look like h.0.attn.c_proj; use all, attn, "
                             "mlp or a comma list)");
        out.push_back(*it);
    }
    if (out.empty()) throw InputError("empty matrix selection");
    return out;
}

namespace {

/// Why a probe with block size n cannot take m ("" when it can): n must divide both sides.
std::string shapeMisfit(const MatrixRef& m, int64_t n) {
    if (n >= 1 && m.rows % n == 0 && m.cols % n == 0) return "";
    return m.name + ": " + dims(m.rows, m.cols) + " is not divisible by the block size " + std::to_string(n);
}

template <typename Result, typename Fn>
std::vector<Result> forEachMatrix(const WeightSource& model, const std::vector<MatrixRef>& matrices,
                                  const ProbeSettings& s, Progress& progress, const std::string& what,
                                  std::vector<std::string>& skipped, int64_t block, Fn fn) {
    std::vector<Result> out;
    const double count = static_cast<double>(matrices.size());
    for (size_t i = 0; i < matrices.size(); ++i) {
        progress.throwIfCancelled();
        const auto& m = matrices[i];
        if (auto why = shapeMisfit(m, block); !why.empty()) {
            skipped.push_back(why);
            continue;
        }
        progress.report(i / count, what + " " + m.name);
        auto sub = progress.sub(i / count, (i + 1) / count);
        const auto w = toTensor(model.originalMatrix(m.name), m.name);
        Result r = fn(w, probeSeed(s.seed, m.name), &sub);
        r.matrix = m.name;
        r.layer = m.layer;
        out.push_back(std::move(r));
    }
    if (out.empty() && !skipped.empty())
        throw InputError(what + ": no selected matrix fits (" + skipped[0] + ")");
    progress.report(1.0, what + " done");
    return out;
}

}  // namespace

KronRatioReport probeKronRatios(const WeightSource& model, const std::vector<MatrixRef>& matrices,
                                const ProbeSettings& settings, Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    const auto start = std::chrono::steady_clock::now();
    KronRatioReport rep;
    rep.settings = settings;
    rep.matrices = forEachMatrix<KronRatioResult>(model, matrices, settings, progress, "Kronecker ratio",
                                                  rep.skipped, settings.block_size,
                                                  [&](const torch::Tensor& w, uint64_t seed, Progress* p) {
                                                      return kronRatioOf(w, settings, seed, p);
                                                  });
    rep.seconds = secondsSince(start);
    return rep;
}

BasisEnergyReport probeBasisEnergies(const WeightSource& model, const std::vector<MatrixRef>& matrices,
                                     const ProbeSettings& settings, Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    const auto start = std::chrono::steady_clock::now();
    BasisEnergyReport rep;
    rep.settings = settings;
    rep.matrices =
        forEachMatrix<BasisEnergyResult>(model, matrices, settings, progress, "2x2 basis energy", rep.skipped,
                                         2, [&](const torch::Tensor& w, uint64_t seed, Progress* p) {
                                             return basisEnergyOf(w, settings, seed, p);
                                         });
    aggregateBasisLayers(rep);
    rep.seconds = secondsSince(start);
    return rep;
}

void aggregateBasisLayers(BasisEnergyReport& rep) {
    std::map<int, std::vector<const BasisEnergyResult*>> by_layer;
    std::vector<const BasisEnergyResult*> all;
    for (const auto& r : rep.matrices) {
        by_layer[r.layer].push_back(&r);
        all.push_back(&r);
    }
    rep.layers.clear();
    for (const auto& [layer, list] : by_layer)
        rep.layers.push_back(aggregateBasisEnergy(list, "layer " + std::to_string(layer), layer));
    rep.model = aggregateBasisEnergy(all, "model", -1);
}

CliffordReport probeCliffords(const WeightSource& model, const std::vector<MatrixRef>& matrices,
                              const ProbeSettings& settings, Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    const auto start = std::chrono::steady_clock::now();
    CliffordReport rep;
    rep.settings = settings;
    rep.matrices = forEachMatrix<CliffordResult>(model, matrices, settings, progress, "Clifford violation",
                                                 rep.skipped, settings.block_size,
                                                 [&](const torch::Tensor& w, uint64_t seed, Progress* p) {
                                                     return cliffordOfMatrix(w, settings, seed, p);
                                                 });
    rep.seconds = secondsSince(start);
    return rep;
}

namespace {

/// The angles of one part of matrix m (the whole matrix, or q, k or v of c_attn) from the settings' source
/// into r; returns why the part was skipped ("" when it was not).
std::string anglesOfPart(AngleProbeResult& r, const MatrixF& pw, const MatrixRef& m, const std::string& label,
                         const ProbeSettings& settings, int64_t head_dim, HaarCache& cache, Progress& psub) {
    const bool attention = m.kind.rfind("attn.", 0) == 0;
    if (settings.angle_source == AngleSource::Whole) {
        if (pw.rows != pw.cols) {
            return m.name + ": " + dims(pw.rows, pw.cols) + " is not square (whole needs square parts)";
        }
        r.pooled = polarAngles({toTensor(pw, label)}, settings, label, &cache, &psub);
    } else if (settings.angle_source == AngleSource::HeadBlocks) {
        if (!attention || head_dim < 1 || pw.rows != pw.cols || pw.rows % head_dim != 0) {
            return m.name + (head_dim < 1 ? ": the heads are separate matrices in this model (use whole or "
                                            "factors)"
                                          : ": heads apply to attention's n_embd x n_embd parts");
        }
        const auto blocks = toTensors(diagonalBlocks(pw, head_dim));
        auto p0 = psub.sub(0.0, 0.5);
        r.pooled = polarAngles(blocks, settings, label + " heads", &cache, &p0);
        for (size_t h = 0; h < blocks.size(); ++h) {
            const double n = static_cast<double>(blocks.size());
            auto p1 = psub.sub(0.5 + 0.5 * h / n, 0.5 + 0.5 * (h + 1) / n);
            r.per_block.push_back(
                polarAngles({blocks[h]}, settings, label + " head " + std::to_string(h), &cache, &p1));
        }
    } else if (settings.angle_source == AngleSource::KroneckerFactors) {
        const auto tw = toTensor(pw, label);
        const auto spec = specFor(pw.rows, pw.cols, settings);
        const torch::Tensor f =
            squareFactors(fitKroneckerFactors(tw, spec), settings.small_first);  // (r, n, n)
        std::vector<torch::Tensor> blocks;
        for (int64_t k = 0; k < f.size(0); ++k) blocks.push_back(f[k]);
        auto p0 = psub.sub(0.0, 0.5);
        r.pooled = polarAngles(blocks, settings, "factors of " + label, &cache, &p0);
        auto p1 = psub.sub(0.5, 1.0);
        for (size_t k = 0; k < blocks.size(); ++k)
            r.per_block.push_back(polarAngles({blocks[k]}, settings,
                                              "factor " + std::to_string(k) + " of " + label, &cache, &p1));
    } else {
        if (pw.rows % 2 != 0 || pw.cols % 2 != 0) {
            return m.name + ": 2x2 tiles need even rows and cols";
        }
        r.pooled =
            tileAnglesProbe(toTensor(pw, label), settings, probeSeed(settings.seed, m.name), label, &psub);
    }
    return "";
}

}  // namespace

AngleReport probeAngles(const WeightSource& model, const std::vector<MatrixRef>& matrices,
                        const ProbeSettings& settings, Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    const auto start = std::chrono::steady_clock::now();
    const int64_t head_dim = model.attentionHeadDim();
    AngleReport rep;
    rep.settings = settings;
    HaarCache cache;
    const double count = static_cast<double>(matrices.size());
    for (size_t i = 0; i < matrices.size(); ++i) {
        progress.throwIfCancelled();
        const auto& m = matrices[i];
        progress.report(i / count, "rotation angles " + m.name);
        auto sub = progress.sub(i / count, (i + 1) / count);
        const MatrixF w = model.originalMatrix(m.name);
        const AngleSource src = settings.angle_source;
        // Parts: c_attn splits into q, k, v for whole and heads; other sources use the matrix as stored.
        std::vector<std::pair<std::string, MatrixF>> parts;
        if (m.kind == "attn.c_attn" && (src == AngleSource::Whole || src == AngleSource::HeadBlocks)) {
            for (const char* p : {"q", "k", "v"}) parts.emplace_back(p, attentionPart(w, p));
        } else {
            parts.emplace_back("", w);
        }
        for (size_t j = 0; j < parts.size(); ++j) {
            const auto& [part, pw] = parts[j];
            auto psub =
                sub.sub(static_cast<double>(j) / parts.size(), static_cast<double>(j + 1) / parts.size());
            const std::string label = m.name + (part.empty() ? "" : " " + part);
            AngleProbeResult r;
            r.matrix = m.name;
            r.layer = m.layer;
            r.part = part;
            r.source = src;
            const std::string skip = anglesOfPart(r, pw, m, label, settings, head_dim, cache, psub);
            if (!skip.empty()) {
                rep.skipped.push_back(skip);
                continue;
            }
            rep.results.push_back(std::move(r));
        }
    }
    progress.report(1.0, "rotation angles done");
    rep.seconds = secondsSince(start);
    return rep;
}

// ---- toy model

ToyProbeReport probeToyWeights(const MatrixF& w, const ProbeSettings& settings_in, Progress* progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    SmallProblemThreads threads(entries(w));
    const auto start = std::chrono::steady_clock::now();
    ProbeSettings s = settings_in;
    s.block_size = 2;
    s.terms = 2;
    s.small_first = true;
    s.validate();
    const auto t = toTensor(w, "toy model W");
    ToyProbeReport rep;
    rep.settings = s;
    // Each probe on its quarter of the progress range.
    auto quarter = [&](int q, const std::function<void(Progress*)>& fn) {
        if (!progress) return fn(nullptr);
        auto sub = progress->sub(q / 4.0, (q + 1) / 4.0);
        fn(&sub);
    };
    quarter(0, [&](Progress* p) { rep.kron_ratio = kronRatioOf(t, s, s.seed, p); });
    quarter(1, [&](Progress* p) { rep.basis_energy = basisEnergyOf(t, s, s.seed, p); });
    quarter(2, [&](Progress* p) { rep.clifford = cliffordOfMatrix(t, s, s.seed, p); });
    quarter(3, [&](Progress* p) {
        rep.angles = polarAngles(toTensors(squareColumnBlocks(w)), s, "toy W column blocks", nullptr, p);
    });
    rep.kron_ratio.matrix = rep.basis_energy.matrix = rep.clifford.matrix = "toy W";
    rep.seconds = secondsSince(start);
    return rep;
}

}  // namespace kronscope::core
