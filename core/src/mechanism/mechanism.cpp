#include "kronscope/core/mechanism/mechanism.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "decompose/decomposition_impl.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/memory.h"
#include "kronscope/core/surgery/surgery.h"
#include "model/gpt2_impl.h"

namespace kronscope::core {

namespace {

/// The windows of a text: strided (science.md) for perplexity, or non-overlapping (stride = max_length).
struct Windows {
    torch::Tensor ids;
    std::vector<PerplexityWindow> windows;
    std::vector<std::pair<size_t, size_t>> batches;
};

Windows windowsOf(const Gpt2Model& model, const std::vector<int32_t>& all, int64_t max_length, int64_t stride,
                  int64_t max_tokens, int64_t batch) {
    const auto& c = model.config();
    if (max_length < 2 || max_length > c.n_positions)
        throw InputError("max_length: " + std::to_string(max_length) + " (expected 2.." +
                         std::to_string(c.n_positions) + ")");
    int64_t n = static_cast<int64_t>(all.size());
    if (max_tokens > 0) n = std::min(n, max_tokens);
    if (n < 2)
        throw InputError("the text has " + std::to_string(n) + " token(s); the analysis needs at least 2");
    Windows w;
    w.ids = idsTensor(std::vector<int32_t>(all.begin(), all.begin() + n), c.vocab_size, model.impl().device);
    w.windows = perplexityWindows(n, max_length, stride);
    w.batches = perplexityBatches(w.windows, windowsPerBatch(batch, model.impl().device));
    return w;
}

torch::Tensor lnf(const Gpt2Model::Impl& impl, const torch::Tensor& x) {
    return torch::layer_norm(x, {impl.config.n_embd}, impl.lnf_w, impl.lnf_b, impl.config.layer_norm_epsilon);
}

torch::Tensor originalF64(const Gpt2Model& model, const std::string& name) {
    const auto [l, s] = model.impl().parseMatrixName(name);
    return model.impl().original[static_cast<size_t>(l)][s].to(torch::kFloat64);  // [in, out]
}

struct Fits {
    torch::Tensor w, kron, svd;  // float64 [in, out]
    int64_t kron_params = 0, svd_params = 0;
};

Fits fitsOf(const Gpt2Model& model, const MatrixRef& m, int64_t n) {
    Fits f;
    f.w = originalF64(model, m.name);
    const auto spec = KroneckerSpec::forBlockSize(m.rows, m.cols, n);
    const auto kf = fitKroneckerFactors(f.w, spec);
    f.kron = materializeKronecker(kf.a, kf.s);
    const int64_t rank = matchedSvdRank(m.rows, m.cols, spec.params());
    const auto lf = fitLowRankFactors(f.w, rank);
    f.svd = materializeLowRank(lf.u, lf.s, lf.vt);
    f.kron_params = spec.params();
    f.svd_params = rank * (m.rows + m.cols);
    return f;
}

void requireUnmodified(const Gpt2Model& model) {
    if (activeSurgeryCount(model) > 0)
        throw InputError("the model has an active surgery; the mechanism lab measures the unmodified model");
}

/// Bytes of the residual streams entering every layer (and after the last) for `tokens` positions.
double cacheBytes(const Gpt2Model& model, int64_t tokens) {
    const auto& c = model.config();
    return static_cast<double>(tokens) * static_cast<double>(c.n_embd) * static_cast<double>(c.n_layer + 1) *
           static_cast<double>(torch::elementSize(model.impl().dtype));
}

double cacheLimitBytes(double limit_gb) {
    if (limit_gb > 0) return limit_gb * 1e9;
    const int64_t avail = availableMemoryBytes();
    return avail > 0 ? static_cast<double>(avail) / 3.0 : 2e9;
}

}  // namespace

// ---- activation capture

ActivationGrams captureActivations(const Gpt2Model& model, const std::vector<int32_t>& ids,
                                   const CaptureWindows& cw, const MatrixTargets& targets,
                                   Progress& progress) {
    useAllCores();
    requireUnmodified(model);
    torch::InferenceMode guard;
    const auto& impl = model.impl();
    ActivationGrams out;
    out.matrices = targets.select(model);
    std::map<std::pair<int, int>, size_t> index;
    std::vector<torch::Tensor> grams;
    const auto f64 = torch::TensorOptions().dtype(torch::kFloat64).device(impl.device);
    for (size_t i = 0; i < out.matrices.size(); ++i) {
        const auto [l, s] = impl.parseMatrixName(out.matrices[i].name);
        index[{l, s}] = i;
        grams.push_back(torch::zeros({out.matrices[i].rows, out.matrices[i].rows}, f64));
    }
    std::vector<double> res2(static_cast<size_t>(impl.config.n_layer), 0.0);
    ForwardTap tap;
    tap.matrix_input = [&](int l, int s, const torch::Tensor& x) {
        const auto it = index.find({l, s});
        if (it == index.end()) return;
        const auto xd = x.to(torch::kFloat64);
        grams[it->second].addmm_(xd.t(), xd);
    };
    tap.residual = [&](int l, const torch::Tensor& h) {
        res2[static_cast<size_t>(l)] += h.to(torch::kFloat64).pow(2).sum().item<double>();
    };
    const auto w = windowsOf(model, ids, cw.max_length, cw.max_length, cw.max_tokens, 4);
    double nll = 0.0;
    for (const auto& [i, j] : w.batches) {
        progress.throwIfCancelled();
        const auto x = windowBatch(w.ids, w.windows, i, j);
        const auto h = gpt2Hidden(impl.config, impl.wte, impl.wpe, impl.blocks, impl.lnf_w, impl.lnf_b, x,
                                  nullptr, &tap);
        const auto [s, k] = impl.scoreWindows(h, x, w.windows, i, j);
        nll += s;
        out.tokens_scored += k;
        out.positions += x.numel();
        progress.report(static_cast<double>(j) / static_cast<double>(w.windows.size()),
                        "capture: window " + std::to_string(j));
    }
    for (auto& g : grams) {
        auto c = g.to(torch::kCPU).contiguous();
        out.grams.emplace_back(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
    }
    for (const double r : res2)
        out.residual_rms.push_back(std::sqrt(r / static_cast<double>(out.positions * impl.config.n_embd)));
    out.mean_nll = out.tokens_scored > 0 ? nll / static_cast<double>(out.tokens_scored) : 0.0;
    return out;
}

// ---- activation-weighted error

std::vector<MatrixErrorRow> activationErrors(const Gpt2Model& model, const ActivationGrams& grams, int64_t n,
                                             Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    std::vector<MatrixErrorRow> rows;
    for (size_t i = 0; i < grams.matrices.size(); ++i) {
        progress.throwIfCancelled();
        const auto& m = grams.matrices[i];
        const auto f = fitsOf(model, m, n);
        const auto g =
            torch::from_blob(const_cast<double*>(grams.grams[i].data()), {m.rows, m.rows}, torch::kFloat64);
        // ||X E||_F^2 = tr(E^T G E) = sum(E .* (G E))
        auto quad = [&](const torch::Tensor& e) { return (e * torch::matmul(g, e)).sum().item<double>(); };
        const double xw = quad(f.w), nw = f.w.norm().item<double>();
        auto fit = [&](const torch::Tensor& fitted, int64_t params) {
            const auto e = f.w - fitted;
            FitError fe;
            fe.act_rel_err = xw > 0 ? std::sqrt(std::max(0.0, quad(e)) / xw) : 0.0;
            fe.rel_err = nw > 0 ? e.norm().item<double>() / nw : 0.0;
            fe.params = params;
            return fe;
        };
        rows.push_back({m.name, m.kind, m.layer, fit(f.kron, f.kron_params), fit(f.svd, f.svd_params)});
        progress.report(static_cast<double>(i + 1) / static_cast<double>(grams.matrices.size()), m.name);
    }
    return rows;
}

// ---- conditioning

namespace {

SpectrumStats spectrumOf(const torch::Tensor& w) {
    const auto s = at::linalg_svdvals(w);  // float64, descending
    SpectrumStats st;
    const double smax = s[0].item<double>(), smin = s[s.size(0) - 1].item<double>();
    st.cond = smin > 0 ? smax / smin : std::numeric_limits<double>::infinity();
    const double tol =
        static_cast<double>(std::max(w.size(0), w.size(1))) * std::numeric_limits<double>::epsilon() * smax;
    st.numerical_rank = (s > tol).sum().item<int64_t>();
    const double total = s.sum().item<double>();
    if (total > 0) {
        const auto p = s / total;
        const auto nz = p.masked_select(p > 0);
        st.effective_rank = std::exp(-(nz * nz.log()).sum().item<double>());
    }
    return st;
}

}  // namespace

std::vector<ConditioningRow> conditioningRows(const Gpt2Model& model, const MatrixTargets& targets, int64_t n,
                                              Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    const auto mats = targets.select(model);
    std::vector<ConditioningRow> rows;
    for (size_t i = 0; i < mats.size(); ++i) {
        progress.throwIfCancelled();
        const auto f = fitsOf(model, mats[i], n);
        rows.push_back({mats[i].name, mats[i].kind, mats[i].layer, std::min(mats[i].rows, mats[i].cols),
                        spectrumOf(f.w), spectrumOf(f.kron), spectrumOf(f.svd)});
        progress.report(static_cast<double>(i + 1) / static_cast<double>(mats.size()), mats[i].name);
    }
    return rows;
}

SpectrumStats medianOf(const std::vector<ConditioningRow>& rows, int which) {
    SpectrumStats m;
    if (rows.empty()) return m;
    auto pick = [&](const ConditioningRow& r) {
        return which == 0 ? r.original : which == 1 ? r.kron : r.svd;
    };
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        const size_t k = v.size();
        return k % 2 ? v[k / 2] : 0.5 * (v[k / 2 - 1] + v[k / 2]);
    };
    std::vector<double> cond, rank, erank;
    for (const auto& r : rows) {
        const auto s = pick(r);
        cond.push_back(s.cond), rank.push_back(static_cast<double>(s.numerical_rank)),
            erank.push_back(s.effective_rank);
    }
    m.cond = median(cond);
    m.numerical_rank = static_cast<int64_t>(std::llround(median(rank)));
    m.effective_rank = median(erank);
    return m;
}

// ---- perplexity with replaced weights

namespace {

void installWeight(Gpt2Model& model, const std::string& name, const torch::Tensor& w_in_out) {
    auto& impl = model.impl();
    const auto [l, s] = impl.parseMatrixName(name);
    Linear& lin = impl.blocks[static_cast<size_t>(l)].linear[s];
    lin.weight = w_in_out.to(torch::TensorOptions().device(impl.device).dtype(impl.dtype)).contiguous();
    lin.factored = nullptr;
    lin.replaced = true;
}

/// Reverts the model's surgery when it goes out of scope (also on error and cancel).
struct RevertOnExit {
    Gpt2Model& model;
    ~RevertOnExit() { revertSurgery(model); }
};

double pplOf(const Gpt2Model& model, const TextWindow& text, Progress& progress) {
    return model.perplexity(text.ids, text.ppl, progress).ppl;
}

}  // namespace

NullspaceResult nullspaceSweep(Gpt2Model& model, const TextWindow& text, const MatrixTargets& targets,
                               int64_t n, const std::vector<double>& eps, uint64_t seed, Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    RevertOnExit revert{model};
    NullspaceResult out;
    const double steps = 3.0 + static_cast<double>(eps.size());
    double step = 0;
    auto next = [&] {
        const double a = step++;
        return progress.sub(a / steps, (a + 1) / steps);
    };
    {
        auto p = next();
        out.baseline_ppl = pplOf(model, text, p);
    }
    for (const auto method : {SurgeryMethod::Kronecker, SurgeryMethod::Svd}) {
        auto p = next();
        auto pa = p.sub(0.0, 0.2), pb = p.sub(0.2, 1.0);
        applySurgery(model, SurgeryPlan::uniform(model, method, n, targets), pa);
        (method == SurgeryMethod::Kronecker ? out.kron_ppl : out.svd_ppl) = pplOf(model, text, pb);
        revertSurgery(model);
    }
    // W_svd and N_perp per matrix.
    const auto mats = targets.select(model);
    auto gen = at::detail::createCPUGenerator(seed);
    std::vector<torch::Tensor> w_svd, noise;
    for (const auto& m : mats) {
        const auto w = originalF64(model, m.name);
        const auto spec = KroneckerSpec::forBlockSize(m.rows, m.cols, n);
        const auto lf = fitLowRankFactors(w, matchedSvdRank(m.rows, m.cols, spec.params()));
        const auto ws = materializeLowRank(lf.u, lf.s, lf.vt);
        const auto u = lf.u, v = lf.vt.t();
        auto g = torch::randn({m.rows, m.cols}, gen, torch::kFloat64);
        g = g - torch::matmul(u, torch::matmul(u.t(), g));  // (I - U U^T) G
        g = g - torch::matmul(torch::matmul(g, v), v.t());  // ... (I - V V^T)
        const double target = (w - ws).norm().item<double>(), norm = g.norm().item<double>();
        w_svd.push_back(ws);
        noise.push_back(norm > 0 ? g * (target / norm) : g);
    }
    for (const double e : eps) {
        auto p = next();
        for (size_t i = 0; i < mats.size(); ++i) installWeight(model, mats[i].name, w_svd[i] + e * noise[i]);
        NullspacePoint pt;
        pt.eps = e;
        pt.ppl = pplOf(model, text, p);
        const double gap = out.svd_ppl - out.kron_ppl;
        pt.gap_reduction = gap != 0 ? (out.svd_ppl - pt.ppl) / gap : 0.0;
        out.points.push_back(pt);
        revertSurgery(model);
    }
    return out;
}

// ---- single-matrix scan

namespace {

/// The text's window batches and, when it fits, the unmodified residual stream entering every layer.
struct PrefixCache {
    Windows w;
    std::vector<std::vector<torch::Tensor>>
        streams;  // [batch][layer 0..L]: entering layer l (L: after the last)
    bool on = false;
    double gb = 0.0;

    PrefixCache(const Gpt2Model& model, const TextWindow& text, bool non_overlapping, double limit_gb) {
        const auto& p = text.ppl;
        w = windowsOf(model, text.ids, p.max_length, non_overlapping ? p.max_length : p.stride, p.max_tokens,
                      p.batch_windows);
        int64_t tokens = 0;
        for (const auto& win : w.windows) tokens += win.end - win.begin;
        gb = cacheBytes(model, tokens) / 1e9;
        on = gb * 1e9 <= cacheLimitBytes(limit_gb);
    }

    void build(const Gpt2Model& model, Progress& progress) {
        const auto& impl = model.impl();
        torch::InferenceMode guard;
        for (const auto& [i, j] : w.batches) {
            progress.throwIfCancelled();
            std::vector<torch::Tensor> s;
            s.push_back(gpt2Embed(impl.config, impl.wte, impl.wpe, windowBatch(w.ids, w.windows, i, j)));
            ForwardTap tap;
            tap.residual = [&](int, const torch::Tensor& h) { s.push_back(h); };
            gpt2Blocks(impl.config, impl.blocks, s.front(), 0, nullptr, &tap);
            streams.push_back(std::move(s));
            progress.report(static_cast<double>(j) / static_cast<double>(w.windows.size()), "prefix cache");
        }
    }

    /// Sum of NLL and positions scored by the model as it is now, running from `first_layer` (cache on) or
    /// from the embeddings.
    std::pair<double, int64_t> score(const Gpt2Model& model, int first_layer, Progress& progress) const {
        const auto& impl = model.impl();
        torch::InferenceMode guard;
        double nll = 0.0;
        int64_t k = 0;
        for (size_t b = 0; b < w.batches.size(); ++b) {
            progress.throwIfCancelled();
            const auto [i, j] = w.batches[b];
            const auto x = windowBatch(w.ids, w.windows, i, j);
            torch::Tensor in;
            size_t first = 0;
            if (on) {
                in = streams[b][static_cast<size_t>(first_layer)];
                first = static_cast<size_t>(first_layer);
            } else {
                in = gpt2Embed(impl.config, impl.wte, impl.wpe, x);
            }
            const auto h = lnf(impl, gpt2Blocks(impl.config, impl.blocks, in, first));
            const auto [s, c] = impl.scoreWindows(h, x, w.windows, i, j);
            nll += s, k += c;
            progress.report(static_cast<double>(j) / static_cast<double>(w.windows.size()));
        }
        return {nll, k};
    }
};

SurgeryMethod methodOf(const std::string& m) {
    if (m == "kron") return SurgeryMethod::Kronecker;
    if (m == "svd") return SurgeryMethod::Svd;
    throw InputError("method: '" + m + "' is not kron or svd");
}

}  // namespace

int64_t scanCellCount(int64_t matrices, int64_t methods, int64_t block_sizes) {
    return 1 + methods * block_sizes * (matrices + 1);
}

void finishScanAdditivity(double baseline_mean_nll, const std::vector<ScanRow>& rows,
                          std::vector<Additivity>& additivity) {
    for (auto& add : additivity) {
        add.full_delta_nll = add.full_mean_nll - baseline_mean_nll;
        add.sum_single_delta_nll = 0.0;
        for (const auto& row : rows)
            if (row.method == add.method && row.block_size == add.block_size)
                add.sum_single_delta_nll += row.mean_nll - baseline_mean_nll;
    }
}

namespace {

/// An unsharded scan cancelled inside a group: the group's additivity goes (not all its matrices ran).
void dropPartialGroups(ScanResult& out, int64_t matrices) {
    auto partial = [&](const Additivity& a) {
        return std::count_if(out.rows.begin(), out.rows.end(), [&](const ScanRow& r) {
                   return r.method == a.method && r.block_size == a.block_size;
               }) < matrices;
    };
    out.additivity.erase(std::remove_if(out.additivity.begin(), out.additivity.end(), partial),
                         out.additivity.end());
}

}  // namespace

ScanResult singleMatrixScan(Gpt2Model& model, const TextWindow& text, const MatrixTargets& targets,
                            const std::vector<int64_t>& block_sizes, const std::vector<std::string>& methods,
                            double cache_limit_gb, Progress& progress, ScanShard shard) {
    const ForwardScope scope(model.impl().device, model.impl().tf32);  // forward passes and fits
    torch::NoGradGuard no_grad;
    requireUnmodified(model);
    RevertOnExit revert{model};
    ScanResult out;
    PrefixCache cache(model, text, false, cache_limit_gb);
    out.prefix_reuse = cache.on, out.cache_gb = cache.gb;
    const auto mats = targets.select(model);
    const int64_t M = static_cast<int64_t>(mats.size());
    const int64_t total =
        scanCellCount(M, static_cast<int64_t>(methods.size()), static_cast<int64_t>(block_sizes.size()));
    double units = cache.on ? 1 : 0;  // the cells this shard runs (and building the cache), for the progress
    for (int64_t c = 0; c < total; ++c) units += shard.runs(c) ? 1 : 0;
    double done = 0;
    auto next = [&] {
        const double a = done++;
        return progress.sub(a / units, (a + 1) / units);
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    out.baseline_mean_nll = out.baseline_ppl = nan;
    try {
        if (cache.on) {  // the prefix every cell starts from (a shard without cell 0 builds it too)
            auto p = next();
            cache.build(model, p);
        }
        if (shard.runs(0)) {
            auto p = next();
            const auto [nll, k] = cache.score(model, static_cast<int>(model.config().n_layer), p);
            out.baseline_mean_nll = nll / static_cast<double>(k);
            out.baseline_ppl = std::exp(out.baseline_mean_nll);
        }
        int64_t cell = 1;
        for (const auto& method : methods)
            for (const int64_t n : block_sizes) {
                if (shard.runs(cell)) {
                    auto p = next();
                    auto pa = p.sub(0.0, 0.3), pb = p.sub(0.3, 1.0);
                    applySurgery(model, SurgeryPlan::uniform(model, methodOf(method), n, targets), pa);
                    const auto [nll, k] = cache.score(model, mats.front().layer, pb);
                    revertSurgery(model);
                    Additivity add;
                    add.method = method, add.block_size = n, add.cell = cell;
                    add.full_mean_nll = nll / static_cast<double>(k);
                    add.full_ppl = std::exp(add.full_mean_nll);
                    add.full_delta_nll = add.sum_single_delta_nll = nan;
                    out.additivity.push_back(add);
                }
                ++cell;
                for (const auto& m : mats) {
                    if (!shard.runs(cell)) {
                        ++cell;
                        continue;
                    }
                    auto p = next();
                    SurgeryPlan plan;
                    plan.entries.push_back({m.name, methodOf(method), n, 0, true, false});
                    plan.label = method + " n=" + std::to_string(n) + " on " + m.name;
                    auto pa = p.sub(0.0, 0.1), pb = p.sub(0.1, 1.0);
                    applySurgery(model, plan, pa);
                    const auto [nll, k] = cache.score(model, m.layer, pb);
                    revertSurgery(model);
                    ScanRow row{m.name, m.kind, method, m.layer, n, 0.0, nll / static_cast<double>(k),
                                cell++};
                    row.ppl = std::exp(row.mean_nll);
                    out.rows.push_back(row);
                }
            }
    } catch (const Cancelled&) {
        out.complete = false;
        if (shard.count <= 0) dropPartialGroups(out, M);
    }
    if (shard.count <= 0) finishScanAdditivity(out.baseline_mean_nll, out.rows, out.additivity);
    return out;
}

// ---- error propagation

std::vector<PropagationRun> errorPropagation(Gpt2Model& model, const TextWindow& text,
                                             const MatrixTargets& targets, int64_t n, double cache_limit_gb,
                                             Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    requireUnmodified(model);
    RevertOnExit revert{model};
    PrefixCache cache(model, text, true, cache_limit_gb);
    if (!cache.on)
        throw InputError("propagation: the original residual streams need " + std::to_string(cache.gb) +
                         " GB, more than the limit; lower max_tokens (or raise the cache limit)");
    auto pc = progress.sub(0.0, 0.1);
    cache.build(model, pc);
    const auto& impl = model.impl();
    const int L = static_cast<int>(impl.config.n_layer);
    std::vector<PropagationRun> runs;
    const std::vector<std::string> configs{"kron", "svd", "hybrid", "reverse-hybrid"};
    for (size_t c = 0; c < configs.size(); ++c) {
        auto p = progress.sub(0.1 + 0.9 * static_cast<double>(c) / 4.0,
                              0.1 + 0.9 * static_cast<double>(c + 1) / 4.0);
        auto pa = p.sub(0.0, 0.3);
        applySurgery(model, SurgeryPlan::named(model, configs[c], n, targets), pa);
        std::vector<double> diff2(static_cast<size_t>(L), 0.0), ref2(static_cast<size_t>(L), 0.0),
            cos(static_cast<size_t>(L), 0.0);
        int64_t positions = 0;
        double nll = 0.0;
        int64_t scored = 0;
        torch::InferenceMode guard;
        for (size_t b = 0; b < cache.w.batches.size(); ++b) {
            p.throwIfCancelled();
            const auto [i, j] = cache.w.batches[b];
            const auto x = windowBatch(cache.w.ids, cache.w.windows, i, j);
            ForwardTap tap;
            tap.residual = [&](int l, const torch::Tensor& h) {
                const auto h0 = cache.streams[b][static_cast<size_t>(l + 1)].to(torch::kFloat64);
                const auto h1 = h.to(torch::kFloat64);
                diff2[static_cast<size_t>(l)] += (h1 - h0).pow(2).sum().item<double>();
                ref2[static_cast<size_t>(l)] += h0.pow(2).sum().item<double>();
                cos[static_cast<size_t>(l)] += torch::cosine_similarity(h1, h0, -1).sum().item<double>();
            };
            const auto h =
                lnf(impl, gpt2Blocks(impl.config, impl.blocks, cache.streams[b][0], 0, nullptr, &tap));
            const auto [s, k] = impl.scoreWindows(h, x, cache.w.windows, i, j);
            nll += s, scored += k;
            positions += x.numel();
        }
        revertSurgery(model);
        PropagationRun run;
        run.config = configs[c];
        for (int l = 0; l < L; ++l) {
            run.rel_err.push_back(ref2[static_cast<size_t>(l)] > 0 ? std::sqrt(diff2[static_cast<size_t>(l)] /
                                                                               ref2[static_cast<size_t>(l)])
                                                                   : 0.0);
            run.cosine.push_back(cos[static_cast<size_t>(l)] / static_cast<double>(positions));
        }
        run.ppl = std::exp(nll / static_cast<double>(scored));
        runs.push_back(run);
    }
    return runs;
}

}  // namespace kronscope::core
