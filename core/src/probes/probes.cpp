#include "kronscope/core/probes/probes.h"

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

// ---- small API

const char* probeNullName(ProbeNullKind kind) {
    return nullKindName(kind);
}

const ProbeNull* ProbeScore::null(ProbeNullKind kind) const {
    for (const auto& n : nulls)
        if (n.kind == kind) return &n;
    return nullptr;
}

double ProbeScore::z(ProbeNullKind kind) const {
    const auto* n = null(kind);
    return n ? n->z : 0.0;
}

const char* angleSourceName(AngleSource source) {
    switch (source) {
        case AngleSource::Whole:
            return "whole";
        case AngleSource::HeadBlocks:
            return "heads";
        case AngleSource::KroneckerFactors:
            return "factors";
        case AngleSource::Blocks2x2:
            return "blocks2x2";
    }
    return "?";
}

AngleSource parseAngleSource(const std::string& name) {
    for (auto s :
         {AngleSource::Whole, AngleSource::HeadBlocks, AngleSource::KroneckerFactors, AngleSource::Blocks2x2})
        if (name == angleSourceName(s)) return s;
    throw InputError("unknown angle source '" + name + "' (whole, heads, factors or blocks2x2)");
}

const char* basis2x2Name(Basis2x2 x) {
    static const char* names[] = {"I", "J", "K", "L"};
    return names[static_cast<int>(x)];
}

std::array<double, 4> basis2x2Coefficients(const std::array<double, 4>& m) {
    return {(m[0] + m[3]) / 2, (m[2] - m[1]) / 2, (m[0] - m[3]) / 2, (m[1] + m[2]) / 2};
}

void ProbeSettings::validate() const {
    if (block_size < 1)
        throw InputError("block size n must be at least 1 (got " + std::to_string(block_size) + ")");
    if (terms < 0)
        throw InputError("terms r must be 0 (= n) or positive (got " + std::to_string(terms) + ")");
    if (null_draws < 2)
        throw InputError("a null model needs at least 2 draws (got " + std::to_string(null_draws) + ")");
    if (histogram_bins < 1) throw InputError("the angle histogram needs at least 1 bin");
    if (max_fold < 1) throw InputError("k-fold scores need max_fold >= 1");
}

std::string ProbeSettings::describe() const {
    return "n = " + std::to_string(block_size) + ", r = " + std::to_string(effectiveTerms()) + ", " +
           (small_first ? "small factor first" : "small factor second") + ", " + std::to_string(null_draws) +
           " null draws (" + (permuted_null ? "gaussian + permuted" : "gaussian") + "), seed " +
           std::to_string(seed) + ", angles: " + angleSourceName(angle_source) + ", " +
           std::to_string(histogram_bins) + " bins, S_1..S_" + std::to_string(max_fold);
}

uint64_t probeSeed(uint64_t seed, const std::string& name) {
    Fnv1a h;
    h.update(name);
    uint64_t z = seed ^ h.value();  // splitmix64
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (z ^ (z >> 31)) >> 1;  // 63 bits: fits the CLI's --seed and JSON integers
}

// ---- single matrices

KronRatioResult probeKronRatio(const MatrixF& w, const ProbeSettings& settings, Progress* progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    SmallProblemThreads threads(entries(w));
    return kronRatioOf(toTensor(w, "Kronecker ratio"), settings, settings.seed, progress);
}

BasisEnergyResult probeBasisEnergy(const MatrixF& w, const ProbeSettings& settings, Progress* progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    SmallProblemThreads threads(entries(w));
    return basisEnergyOf(toTensor(w, "2x2 basis energy"), settings, settings.seed, progress);
}

BasisEnergyAggregate aggregateBasisEnergy(const std::vector<const BasisEnergyResult*>& results,
                                          const std::string& label, int layer) {
    BasisEnergyAggregate agg;
    agg.label = label;
    agg.layer = layer;
    agg.matrices = static_cast<int>(results.size());
    if (results.empty()) return agg;
    for (const auto* r : results) agg.energy += r->energy;
    auto combine = [&](const std::function<const ProbeScore&(const BasisEnergyResult&)>& pick) {
        ProbeScore out;
        out.name = pick(*results.front()).name;
        for (const auto* r : results)
            out.value += agg.energy > 0 ? pick(*r).value * r->energy / agg.energy : 0.0;
        // Null draw d: each matrix's d-th null share weighted by the matrix's own energy.
        for (const auto& n0 : pick(*results.front()).nulls) {
            std::vector<double> samples(n0.samples.size(), 0.0);
            for (const auto* r : results) {
                const auto* n = pick(*r).null(n0.kind);
                if (!n || n->samples.size() != samples.size())
                    throw InputError("basis energy aggregate: results have different null settings");
                for (size_t d = 0; d < samples.size(); ++d)
                    samples[d] += agg.energy > 0 ? n->samples[d] * r->energy / agg.energy : 0.0;
            }
            out.nulls.push_back(summarize(n0.kind, n0.seed, samples, out.value));
        }
        return out;
    };
    for (int i = 0; i < 4; ++i)
        agg.shares[i] = combine([i](const BasisEnergyResult& r) -> const ProbeScore& { return r.shares[i]; });
    agg.complex_share =
        combine([](const BasisEnergyResult& r) -> const ProbeScore& { return r.complex_share; });
    return agg;
}

CliffordScore cliffordViolation(const std::vector<float>& factors, int64_t terms, int64_t n) {
    torch::NoGradGuard no_grad;
    if (terms < 1 || n < 1 || static_cast<int64_t>(factors.size()) != terms * n * n)
        throw InputError("Clifford violation: " + std::to_string(factors.size()) + " values are not " +
                         std::to_string(terms) + " factors of " + dims(n, n));
    SmallProblemThreads threads(static_cast<int64_t>(factors.size()) * terms);  // ~ the products' size
    const auto t = torch::from_blob(const_cast<float*>(factors.data()), {terms, n, n}, torch::kFloat32);
    return cliffordOf(t);
}

CliffordResult probeClifford(const MatrixF& w, const ProbeSettings& settings, Progress* progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    SmallProblemThreads threads(entries(w));
    return cliffordOfMatrix(toTensor(w, "Clifford violation"), settings, settings.seed, progress);
}

RotationAngles probeRotationAngles(const std::vector<MatrixF>& squares, const ProbeSettings& settings,
                                   const std::string& source, Progress* progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    SmallProblemThreads threads(entries(squares));
    return polarAngles(toTensors(squares), settings, source, nullptr, progress);
}

RotationAngles probeBlockAngles2x2(const MatrixF& w, const ProbeSettings& settings, const std::string& source,
                                   Progress* progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    SmallProblemThreads threads(entries(w));
    return tileAnglesProbe(toTensor(w, "2x2 tile angles"), settings, settings.seed, source, progress);
}

MatrixF polarFactor(const MatrixF& square) {
    useAllCores();
    torch::NoGradGuard no_grad;
    SmallProblemThreads threads(entries(square));
    const auto t = toTensor(square, "polar factor");
    if (t.size(0) != t.size(1))
        throw InputError("polar factor of a non-square " + dims(t.size(0), t.size(1)) + " matrix");
    return toMatrix(polarBatch(t.to(torch::kFloat64).unsqueeze(0))[0]);
}

std::vector<double> eigenAngles(const MatrixF& orthogonal) {
    useAllCores();
    torch::NoGradGuard no_grad;
    SmallProblemThreads threads(entries(orthogonal));
    const auto t = toTensor(orthogonal, "eigen-angles");
    if (t.size(0) != t.size(1))
        throw InputError("eigen-angles of a non-square " + dims(t.size(0), t.size(1)) + " matrix");
    return toDoubles(std::get<0>(eigenAnglesBatch(t.to(torch::kFloat64).unsqueeze(0)).sort()));
}

std::vector<double> foldScores(const std::vector<double>& angles, int max_fold) {
    torch::NoGradGuard no_grad;
    const auto t = torch::tensor(angles, torch::kFloat64);
    return foldOf(t, max_fold);
}

MatrixF haarOrthogonal(int64_t n, uint64_t seed) {
    torch::NoGradGuard no_grad;
    if (n < 1) throw InputError("Haar O(N) needs N >= 1");
    SmallProblemThreads threads(n * n);
    auto gen = at::detail::createCPUGenerator(seed);
    return toMatrix(haarBatch(1, n, gen)[0]);
}

MatrixF attentionPart(const MatrixF& c_attn, const std::string& part) {
    const int64_t index = part == "q" ? 0 : part == "k" ? 1 : part == "v" ? 2 : -1;
    if (index < 0) throw InputError("attention part must be q, k or v (got '" + part + "')");
    if (c_attn.cols != 3 * c_attn.rows)
        throw InputError("c_attn must be [n_embd, 3 n_embd] (got " + dims(c_attn.rows, c_attn.cols) + ")");
    MatrixF out;
    out.rows = out.cols = c_attn.rows;
    out.values.resize(static_cast<size_t>(out.rows * out.cols));
    for (int64_t i = 0; i < out.rows; ++i)
        std::copy_n(c_attn.values.begin() + i * c_attn.cols + index * out.cols, out.cols,
                    out.values.begin() + i * out.cols);
    return out;
}

std::vector<MatrixF> diagonalBlocks(const MatrixF& w, int64_t block) {
    if (block < 1 || w.rows % block != 0 || w.cols % block != 0)
        throw InputError(dims(w.rows, w.cols) + " is not divisible into " + dims(block, block) + " blocks");
    std::vector<MatrixF> out;
    for (int64_t b = 0; b < std::min(w.rows, w.cols) / block; ++b) {
        MatrixF m;
        m.rows = m.cols = block;
        m.values.resize(static_cast<size_t>(block * block));
        for (int64_t i = 0; i < block; ++i)
            std::copy_n(w.values.begin() + (b * block + i) * w.cols + b * block, block,
                        m.values.begin() + i * block);
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<MatrixF> squareColumnBlocks(const MatrixF& w) {
    if (w.rows < 1 || w.cols % w.rows != 0)
        throw InputError(dims(w.rows, w.cols) + " does not split into " + dims(w.rows, w.rows) +
                         " column blocks");
    std::vector<MatrixF> out;
    for (int64_t b = 0; b < w.cols / w.rows; ++b) {
        MatrixF m;
        m.rows = m.cols = w.rows;
        m.values.resize(static_cast<size_t>(w.rows * w.rows));
        for (int64_t i = 0; i < w.rows; ++i)
            std::copy_n(w.values.begin() + i * w.cols + b * w.rows, w.rows, m.values.begin() + i * w.rows);
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace kronscope::core
