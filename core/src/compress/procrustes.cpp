#include "kronscope/core/compress/procrustes.h"

#include <torch/torch.h>

#include <cmath>

#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core {

const char* procrustesSideName(ProcrustesSide s) {
    return s == ProcrustesSide::Left ? "left" : "right";
}

ProcrustesSide parseProcrustesSide(const std::string& s) {
    if (s == "right") return ProcrustesSide::Right;
    if (s == "left") return ProcrustesSide::Left;
    throw InputError("side: '" + s + "' is not left or right");
}

namespace {

torch::Tensor toTensor64(const MatrixF& m) {
    return torch::from_blob(const_cast<float*>(m.values.data()), {m.rows, m.cols}, torch::kFloat32)
        .to(torch::kFloat64);
}

MatrixF toMatrix(const torch::Tensor& t) {
    auto c = t.to(torch::kFloat32).contiguous();
    MatrixF m;
    m.rows = c.size(0), m.cols = c.size(1);
    m.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return m;
}

void checkShapes(const MatrixF& a, const MatrixF& b) {
    if (a.rows != b.rows || a.cols != b.cols)
        throw InputError("procrustes: A is " + std::to_string(a.rows) + "x" + std::to_string(a.cols) +
                         " and B is " + std::to_string(b.rows) + "x" + std::to_string(b.cols) +
                         " (they must have the same shape)");
    if (a.rows < 1 || a.cols < 1) throw InputError("procrustes: empty matrices");
}

/// Side left works on the transposes: R A ~ B  <=>  A^T R^T ~ B^T.
std::pair<torch::Tensor, torch::Tensor> oriented(const torch::Tensor& a, const torch::Tensor& b,
                                                 ProcrustesSide side) {
    if (side == ProcrustesSide::Left) return {a.t().contiguous(), b.t().contiguous()};
    return {a, b};
}

/// 1 - ||A R - B||^2 / ||A - B||^2 with ||A R - B||^2 = ||A||^2 + ||B||^2 - 2 ||A^T B||_* (right side, on the
/// oriented pair); the nuclear norm through thin QR: A^T = Qa Ra, B^T = Qb Rb, A^T B = Qa (Ra Rb^T) Qb^T.
double reductionOf(const torch::Tensor& a, const torch::Tensor& b) {
    torch::Tensor nuc;
    if (a.size(0) < a.size(1)) {
        const auto qa = at::linalg_qr(a.t(), "reduced"), qb = at::linalg_qr(b.t(), "reduced");
        nuc = at::linalg_svdvals(at::matmul(std::get<1>(qa), std::get<1>(qb).t())).sum();
    } else {
        nuc = at::linalg_svdvals(at::matmul(a.t(), b)).sum();
    }
    const double na = a.pow(2).sum().item<double>(), nb = b.pow(2).sum().item<double>();
    const double base = (a - b).pow(2).sum().item<double>();
    const double resid = std::max(0.0, na + nb - 2.0 * nuc.item<double>());
    return base > 0 ? 1.0 - resid / base : std::nan("");
}

/// Share of ||R - I||^2 in the top `rank` singular values of R - I.
double shareOf(const torch::Tensor& r, int64_t rank) {
    const auto s2 = at::linalg_svdvals(r - torch::eye(r.size(0), torch::kFloat64)).pow(2);
    const double total = s2.sum().item<double>();
    return total > 0 ? s2.slice(0, 0, rank).sum().item<double>() / total : 0.0;
}

}  // namespace

ProcrustesFit procrustesFit(const MatrixF& am, const MatrixF& bm, ProcrustesSide side) {
    checkShapes(am, bm);
    useAllCores();
    torch::NoGradGuard no_grad;
    const auto [a, b] = oriented(toTensor64(am), toTensor64(bm), side);
    // argmin ||A R - B||: svd(A^T B) = U S V^T, R = U V^T (not V U^T).
    const auto usv = at::linalg_svd(at::matmul(a.t(), b), false);
    const auto r = at::matmul(std::get<0>(usv), std::get<2>(usv));
    ProcrustesFit f;
    const double base = (a - b).pow(2).sum().item<double>();
    const double resid = (at::matmul(a, r) - b).pow(2).sum().item<double>();
    f.reduction = base > 0 ? 1.0 - resid / base : std::nan("");  // A == B: undefined
    const double na = a.norm().item<double>(), nb = b.norm().item<double>();
    f.cosine = na > 0 && nb > 0 ? (a * b).sum().item<double>() / (na * nb) : 0.0;
    f.residual = nb > 0 ? std::sqrt(resid) / nb : 0.0;
    // Left side: R A ~ B with R = (the oriented R)^T.
    f.rotation = toMatrix(side == ProcrustesSide::Left ? r.t() : r);
    return f;
}

double procrustesReduction(const MatrixF& am, const MatrixF& bm, ProcrustesSide side) {
    checkShapes(am, bm);
    torch::NoGradGuard no_grad;
    const auto [a, b] = oriented(toTensor64(am), toTensor64(bm), side);
    return reductionOf(a, b);
}

NullStats procrustesNull(const MatrixF& am, const MatrixF& bm, ProcrustesSide side, NullKind kind, int draws,
                         uint64_t seed, Progress* progress) {
    checkShapes(am, bm);
    if (kind == NullKind::Haar) throw InputError("procrustes null: expected gaussian or permuted");
    if (draws < 2) throw InputError("null draws: " + std::to_string(draws) + " (a null needs at least 2)");
    useAllCores();
    torch::NoGradGuard no_grad;
    const auto a32 =
        torch::from_blob(const_cast<float*>(am.values.data()), {am.rows, am.cols}, torch::kFloat32);
    const auto b32 =
        torch::from_blob(const_cast<float*>(bm.values.data()), {bm.rows, bm.cols}, torch::kFloat32);
    const double na = a32.to(torch::kFloat64).norm().item<double>(),
                 nb = b32.to(torch::kFloat64).norm().item<double>();
    // A's and B's null draws come from one seeded generator each (seed, seed + 1), draw by draw.
    auto gen_a = at::detail::createCPUGenerator(seed), gen_b = at::detail::createCPUGenerator(seed + 1);
    std::vector<double> samples;
    for (int d = 0; d < draws; ++d) {
        if (progress) {
            progress->throwIfCancelled();
            progress->report(static_cast<double>(d) / draws, "null draw " + std::to_string(d + 1));
        }
        torch::Tensor x, y;
        if (kind == NullKind::Gaussian) {
            x = torch::randn({am.rows, am.cols}, gen_a, torch::kFloat64);
            y = torch::randn({bm.rows, bm.cols}, gen_b, torch::kFloat64);
            x = x * (na / x.norm().item<double>());  // the shapes and norms of A and B
            y = y * (nb / y.norm().item<double>());
        } else {
            x = a32.reshape({-1})
                    .index({torch::randperm(am.rows * am.cols, gen_a)})
                    .reshape({am.rows, am.cols})
                    .to(torch::kFloat64);
            y = b32.reshape({-1})
                    .index({torch::randperm(bm.rows * bm.cols, gen_b)})
                    .reshape({bm.rows, bm.cols})
                    .to(torch::kFloat64);
        }
        const auto [xo, yo] = oriented(x, y, side);
        samples.push_back(reductionOf(xo, yo));
    }
    const auto mom = NullMoments::of(samples);
    NullStats s;
    s.kind = kind, s.draws = draws, s.seed = seed, s.mean = mom.mean, s.std = mom.std;
    return s;
}

double lowRankRotationShare(const MatrixF& rm, int64_t rank) {
    if (rm.rows != rm.cols) throw InputError("rotation: not square");
    if (rank < 1 || rank > rm.rows)
        throw InputError("rank: " + std::to_string(rank) + " (expected 1.." + std::to_string(rm.rows) + ")");
    torch::NoGradGuard no_grad;
    return shareOf(toTensor64(rm), rank);
}

NullStats lowRankRotationNull(int64_t size, int64_t rank, int draws, uint64_t seed, Progress* progress) {
    if (rank < 1 || rank > size)
        throw InputError("rank: " + std::to_string(rank) + " (expected 1.." + std::to_string(size) + ")");
    if (draws < 2) throw InputError("null draws: " + std::to_string(draws) + " (a null needs at least 2)");
    useAllCores();
    torch::NoGradGuard no_grad;
    auto gen = at::detail::createCPUGenerator(seed);
    std::vector<double> samples;
    for (int d = 0; d < draws; ++d) {
        if (progress) {
            progress->throwIfCancelled();
            progress->report(static_cast<double>(d) / draws, "Haar draw " + std::to_string(d + 1));
        }
        // Haar O(N): QR of a Gaussian, Q * sign(diag(R)).
        const auto qr = at::linalg_qr(torch::randn({size, size}, gen, torch::kFloat64), "reduced");
        const auto q = std::get<0>(qr) * torch::sign(torch::diagonal(std::get<1>(qr))).unsqueeze(0);
        samples.push_back(shareOf(q, rank));
    }
    const auto mom = NullMoments::of(samples);
    NullStats s;
    s.kind = NullKind::Haar, s.draws = draws, s.seed = seed, s.mean = mom.mean, s.std = mom.std;
    return s;
}

}  // namespace kronscope::core
