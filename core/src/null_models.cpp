#include "kronscope/core/null_models.h"

#include <torch/torch.h>

#include <cmath>
#include <cstdio>

#include "decomposition_impl.h"
#include "kronscope/core/build_info.h"
#include "kronscope/core/error.h"

namespace kronscope::core {

const char* nullKindName(NullKind k) { return k == NullKind::Gaussian ? "gaussian" : "permuted"; }

std::string NullStats::describe(int precision) const {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s null: %.*f ± %.*f (%d draws, seed %llu)", nullKindName(kind), precision, mean,
                  precision, std, draws, static_cast<unsigned long long>(seed));
    return buf;
}

namespace {

template <typename Score>
NullStats runNull(const MatrixF& w, NullKind kind, int draws, uint64_t seed, Progress* progress, Score score) {
    useAllCores();
    torch::NoGradGuard no_grad;
    if (draws < 2) throw InputError("a null model needs at least 2 draws");
    if (w.values.empty()) throw InputError("empty matrix");
    // w as a (rows, cols) float32 tensor (copied: MatrixF is const).
    auto wt = torch::from_blob(const_cast<float*>(w.values.data()), {w.rows, w.cols}, torch::kFloat32).clone();
    auto gen = at::detail::createCPUGenerator(seed);
    std::vector<double> scores;
    for (int d = 0; d < draws; ++d) {
        if (progress) progress->throwIfCancelled();
        torch::Tensor x;
        if (kind == NullKind::Gaussian) {
            x = torch::randn({w.rows, w.cols}, gen, torch::TensorOptions().dtype(torch::kFloat32));
        } else {
            auto perm = torch::randperm(wt.numel(), gen, torch::TensorOptions().dtype(torch::kLong));
            x = wt.reshape({-1}).index_select(0, perm).view({w.rows, w.cols});
        }
        scores.push_back(score(x));
        if (progress) progress->report(static_cast<double>(d + 1) / draws, "null draw " + std::to_string(d + 1));
    }
    NullStats s;
    s.kind = kind;
    s.draws = draws;
    s.seed = seed;
    for (double v : scores) s.mean += v / draws;
    double var = 0.0;
    for (double v : scores) var += (v - s.mean) * (v - s.mean);
    s.std = std::sqrt(var / (draws - 1));
    return s;
}

}  // namespace

NullStats kroneckerErrorNull(const MatrixF& w, const KroneckerSpec& spec, NullKind kind, int draws, uint64_t seed,
                             Progress* progress) {
    spec.validate(w.rows, w.cols);
    return runNull(w, kind, draws, seed, progress,
                   [&](const torch::Tensor& x) { return fitKroneckerFactors(x, spec).rel_err; });
}

NullStats svdErrorNull(const MatrixF& w, int64_t rank, NullKind kind, int draws, uint64_t seed, Progress* progress) {
    return runNull(w, kind, draws, seed, progress,
                   [&](const torch::Tensor& x) { return fitLowRankFactors(x, rank).rel_err; });
}

}  // namespace kronscope::core
