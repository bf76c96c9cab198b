#include "kronscope/core/decompose/null_models.h"

#include <torch/torch.h>

#include <cmath>
#include <cstdio>
#include <functional>

#include "decompose/decomposition_impl.h"
#include "decompose/null_draws.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core {

const char* nullKindName(NullKind k) {
    switch (k) {
        case NullKind::Gaussian:
            return "gaussian";
        case NullKind::Permuted:
            return "permuted";
        case NullKind::Haar:
            return "haar";
        case NullKind::RowColPermuted:
            return "row-col-permuted";
    }
    return "?";
}

NullMoments NullMoments::of(const std::vector<double>& samples) {
    NullMoments m;
    if (samples.empty()) return m;
    const auto n = static_cast<double>(samples.size());
    for (double v : samples) m.mean += v / n;
    double var = 0.0;
    for (double v : samples) var += (v - m.mean) * (v - m.mean);
    m.std = samples.size() > 1 ? std::sqrt(var / (n - 1)) : 0.0;
    return m;
}

std::string NullStats::describe(int precision) const {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s null: %.*f ± %.*f (%d draws, seed %llu)", nullKindName(kind),
                  precision, mean, precision, std, draws, static_cast<unsigned long long>(seed));
    return buf;
}

NullDraws drawMatrixNull(const torch::Tensor& w32, NullKind kind, int draws, uint64_t seed,
                         Progress* progress, const DrawScorer& score) {
    // w32: (rows, cols) float32, contiguous
    if (kind == NullKind::Haar)
        throw InputError("a Haar null has no matrix draws: use the rotation-angle probe");
    auto gen = at::detail::createCPUGenerator(seed);
    NullDraws out;
    out.kind = kind;
    out.seed = seed;
    const int64_t rows = w32.size(0), cols = w32.size(1);
    for (int d = 0; d < draws; ++d) {
        if (progress) progress->throwIfCancelled();
        torch::Tensor x;
        if (kind == NullKind::Gaussian) {
            x = torch::randn({rows, cols}, gen, torch::TensorOptions().dtype(torch::kFloat32));
        } else if (kind == NullKind::RowColPermuted) {
            const auto pr = torch::randperm(rows, gen, torch::TensorOptions().dtype(torch::kLong));
            const auto pc = torch::randperm(cols, gen, torch::TensorOptions().dtype(torch::kLong));
            x = w32.index_select(0, pr).index_select(1, pc).contiguous();
        } else {
            auto perm = torch::randperm(w32.numel(), gen, torch::TensorOptions().dtype(torch::kLong));
            x = w32.reshape({-1}).index_select(0, perm).view({rows, cols});
        }
        const auto values = score(x);
        if (out.scores.empty()) out.scores.resize(values.size());
        for (size_t i = 0; i < values.size() && i < out.scores.size(); ++i)
            out.scores[i].push_back(values[i]);
        if (progress)
            progress->report(static_cast<double>(d + 1) / draws, "null draw " + std::to_string(d + 1));
    }
    return out;
}

namespace {

/// One score's null over `draws` matrices shaped like w, summarized.
NullStats runNull(const MatrixF& w, NullKind kind, int draws, uint64_t seed, Progress* progress,
                  const std::function<double(const torch::Tensor&)>& score) {
    useAllCores();
    torch::NoGradGuard no_grad;
    if (draws < 2) throw InputError("a null model needs at least 2 draws");
    if (w.values.empty()) throw InputError("empty matrix");
    // w as a (rows, cols) float32 tensor (copied: MatrixF is const).
    auto wt =
        torch::from_blob(const_cast<float*>(w.values.data()), {w.rows, w.cols}, torch::kFloat32).clone();
    const auto drawn = drawMatrixNull(wt, kind, draws, seed, progress,
                                      [&](const torch::Tensor& x) { return std::vector<double>{score(x)}; });
    NullStats s;
    s.kind = kind;
    s.draws = draws;
    s.seed = seed;
    const auto m = NullMoments::of(drawn.scores.at(0));
    s.mean = m.mean;
    s.std = m.std;
    return s;
}

}  // namespace

NullStats kroneckerErrorNull(const MatrixF& w, const KroneckerSpec& spec, NullKind kind, int draws,
                             uint64_t seed, Progress* progress) {
    spec.validate(w.rows, w.cols);
    return runNull(w, kind, draws, seed, progress,
                   [&](const torch::Tensor& x) { return fitKroneckerFactors(x, spec).rel_err; });
}

NullStats svdErrorNull(const MatrixF& w, int64_t rank, NullKind kind, int draws, uint64_t seed,
                       Progress* progress) {
    return runNull(w, kind, draws, seed, progress,
                   [&](const torch::Tensor& x) { return fitLowRankFactors(x, rank).rel_err; });
}

}  // namespace kronscope::core
