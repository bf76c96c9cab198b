// The GPT-2 forward pass shared by Gpt2Model, the trainer and the labs (embeddings, blocks with causal
// attention, ln_f), the perplexity windows' batching, and the language-model head's scoring of windows.
#include <ATen/record_function.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <vector>

#include "kronscope/core/base/build_info.h"
#include "model/cpu_kernels.h"
#include "model/gpt2_impl.h"

namespace kronscope::core {

torch::Tensor gpt2Embed(const Gpt2Config& config, const torch::Tensor& wte, const torch::Tensor& wpe,
                        const torch::Tensor& ids, const Dropout* dropout) {
    // ids: (B, T) int64
    const int64_t B = ids.size(0), T = ids.size(1), C = config.n_embd;
    auto pos = torch::arange(T, torch::TensorOptions().dtype(torch::kLong).device(ids.device()));
    auto x = wte.index_select(0, ids.reshape({-1})).view({B, T, C}) + wpe.index_select(0, pos).unsqueeze(0);
    if (dropout != nullptr && dropout->p > 0.0) x = (*dropout)(x);
    return x;  // (B, T, C)
}

namespace {

/// Causal self-attention of q, k, v (B, H, T, D) -> (B, H, T, D).
///
/// Inference (no dropout, nothing requiring grad): in blocks of query rows. Block [i0, i1) scores only the
/// keys [0, i1) (the later ones are masked anyway), which skips nearly half of the score and value products
/// of the full T x T form; each block's scores (B, H, rows, i1) stay small (below), so that no layer maps and
/// faults in a fresh buffer. The scale is folded into the queries (T * D products, not T * T),
/// the causal mask of the diagonal block is added (0 / -inf) rather than filled through a boolean mask, and
/// each block's value product is written straight into its rows of the result (no concatenation). Row for row
/// it is the softmax of the masked full product. On the CPU in float32 the fused kernel (cpu_kernels.h) does
/// the same; on CUDA with LibTorch 2.x, scaled-dot-product attention.
///
/// Training (dropout, or autograd): the full T x T form as before, so that dropout masks are drawn as
/// before and the saved tensors are the ones autograd expects.
torch::Tensor causalAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                              double scale, const Dropout* dropout) {
    const int64_t B = q.size(0), H = q.size(1), T = q.size(2), D = q.size(3);
    const bool drop = dropout != nullptr && dropout->p > 0.0;
    const auto bool_opts = torch::TensorOptions().dtype(torch::kBool).device(q.device());
    const float neg_inf = -std::numeric_limits<float>::infinity();
    if (drop || q.requires_grad() || k.requires_grad() || v.requires_grad()) {
        const auto causal = torch::ones({T, T}, bool_opts).triu(1);
        // mul_ and masked_fill_ act on the fresh matmul output, which no backward function keeps.
        auto att = torch::matmul(q, k.transpose(-2, -1)).mul_(scale);  // (B, H, T, T)
        att.masked_fill_(causal, neg_inf);
        att = torch::softmax(att, -1);
        if (drop) att = (*dropout)(att);
        return torch::matmul(att, v);  // (B, H, T, D)
    }
    if (q.device().is_cpu() && q.scalar_type() == torch::kFloat32 && k.scalar_type() == torch::kFloat32 &&
        v.scalar_type() == torch::kFloat32 && q.stride(3) == 1 && k.stride(3) == 1 && v.stride(3) == 1 &&
        cpu::attentionFits(D) && cpu::kernelsAvailable()) {
        // The fused kernel (cpu_kernels.h): every head on the cores in parallel, its scores kept in cache.
        const auto heads = [](const torch::Tensor& t) {
            return cpu::HeadsView{t.data_ptr<float>(), t.stride(0), t.stride(1), t.stride(2)};
        };
        auto y = torch::empty({B, T, H, D}, q.options());
        RECORD_FUNCTION("kronscope::attention", std::vector<c10::IValue>());  // named in profiles
        cpu::causalAttention(B, H, T, D, static_cast<float>(scale), heads(q), heads(k), heads(v),
                             y.data_ptr<float>(), T * H * D, H * D);
        return y.permute({0, 2, 1, 3});
    }
#if TORCH_VERSION_MAJOR >= 2
    // CUDA with LibTorch 2.x: scaled-dot-product attention, which picks the flash or memory-efficient kernel
    // for the dtype and GPU (bf16 / f16 flash, f32 memory-efficient) and never forms the T x T scores. Its
    // default scale is 1 / sqrt(D), GPT-2's. LibTorch 1.13 has no public form of it: the blocks below.
    if (q.device().is_cuda() && std::abs(scale * std::sqrt(static_cast<double>(D)) - 1.0) < 1e-12)
        return at::scaled_dot_product_attention(q, k, v, {}, /*dropout_p=*/0.0, /*is_causal=*/true);
#endif
    // 64 query rows per block (fewer when B * H * T is large): each block's scores (B, H, 64, i1), 3 MB for
    // GPT-2 small, stay in cache through the add, the softmax and the value product. Measured here at T =
    // 1024: ~530-640 ms of attention per window at 64 rows against ~650-720 at 128-256 and ~800 at 512 (the
    // softmax of a 25 MB block runs from memory).
    const int64_t budget = int64_t{6} << 20;  // floats per score block, at most
    const int64_t rows =
        std::min(T, std::max<int64_t>(16, std::min<int64_t>(64, budget / std::max<int64_t>(1, B * H * T))));
    // (B * H, T, D) operands: the scaled queries are a fresh tensor; with B = 1 the key and value views of
    // the qkv projection already are (H, T, D) matrices with row stride 3C, which BLAS takes as they are.
    const auto q3 = (q * scale).reshape({B * H, T, D});
    const auto k3 = (B == 1 ? k : k.contiguous()).reshape({B * H, T, D});
    const auto v3 = (B == 1 ? v : v.contiguous()).reshape({B * H, T, D});
    const auto mask = torch::zeros({rows, rows}, q.options())
                          .masked_fill_(torch::ones({rows, rows}, bool_opts).triu(1), neg_inf);
    // The result in the caller's (B, T, H, D) layout: with B = 1 each block's value product is written
    // through an (H, n, D) view with row stride C, so that no transposing copy of the output follows.
    const auto y = torch::empty(B == 1 ? std::vector<int64_t>{B, T, H, D} : std::vector<int64_t>{B * H, T, D},
                                q.options());
    auto y3 = B == 1 ? y.permute({0, 2, 1, 3}).squeeze(0) : y;
    for (int64_t i0 = 0; i0 < T; i0 += rows) {
        const int64_t i1 = std::min(T, i0 + rows), n = i1 - i0;
        auto att = torch::bmm(q3.slice(1, i0, i1), k3.slice(1, 0, i1).transpose(1, 2));  // (BH, n, i1)
        att.slice(2, i0, i1).add_(mask.slice(0, 0, n).slice(1, 0, n));
        auto out = y3.slice(1, i0, i1);  // the block's rows of the result, written by the value product
        at::bmm_out(out, torch::softmax(att, -1), v3.slice(1, 0, i1));
    }
    return B == 1 ? y.permute({0, 2, 1, 3}) : y.view({B, H, T, D});
}

/// Whether block matrix `lin` applied to x can take the CPU kernels' form (cpuLinear): float32 on the CPU,
/// the plain weight (not a surgery's factored form), nothing to differentiate.
bool cpuLinearFits(const Linear& lin, const torch::Tensor& x) {
    const bool grad = torch::GradMode::is_enabled() &&
                      (x.requires_grad() || lin.weight.requires_grad() || lin.bias.requires_grad());
    return !grad && !lin.factored && x.device().is_cpu() && x.scalar_type() == torch::kFloat32 &&
           lin.weight.scalar_type() == torch::kFloat32 && lin.bias.scalar_type() == torch::kFloat32 &&
           lin.bias.dim() == 1 && lin.bias.is_contiguous() && cpu::kernelsAvailable();
}

/// x W + b, then GPT-2's tanh GELU when `gelu`: the product written by mm, the bias (and the GELU) added in
/// one pass on every core (cpu_kernels.h), instead of addmm's single-threaded copy of the broadcast bias
/// into its output (~110 ms of a GPT-2-small window here) and a GELU pass after.
torch::Tensor cpuLinear(const Linear& lin, const torch::Tensor& x, bool gelu) {
    // addmm with beta = 0 ignores the bias and copies nothing (named addmm in profiles, as the block
    // matmuls are elsewhere).
    auto y = torch::addmm(lin.bias, x, lin.weight, /*beta=*/0);
    if (!y.is_contiguous()) y = y.contiguous();
    RECORD_FUNCTION(gelu ? "kronscope::bias_gelu" : "kronscope::bias", std::vector<c10::IValue>());
    cpu::addBiasRows(y.data_ptr<float>(), y.size(0), y.size(1), lin.bias.data_ptr<float>(), gelu);
    return y;
}

torch::Tensor project(const Linear& lin, const torch::Tensor& x) {
    return cpuLinearFits(lin, x) ? cpuLinear(lin, x, false) : lin(x);
}

}  // namespace

torch::Tensor gpt2Blocks(const Gpt2Config& config, const std::vector<Gpt2Block>& blocks, torch::Tensor x,
                         size_t first_layer, const Dropout* dropout, const ForwardTap* tap) {
    const bool drop = dropout != nullptr && dropout->p > 0.0;
    const int64_t B = x.size(0), T = x.size(1), C = config.n_embd, H = config.n_head, D = C / H;
    const double eps = config.layer_norm_epsilon;
    const double scale = 1.0 / std::sqrt(static_cast<double>(D));
    const bool inputs = tap != nullptr && tap->matrix_input;
    const bool exact_gelu = config.activation_function == "gelu";
    for (size_t l = first_layer; l < blocks.size(); ++l) {
        const auto& blk = blocks[l];
        const int layer = static_cast<int>(l);
        auto a = torch::layer_norm(x, {C}, blk.ln1_w, blk.ln1_b, eps).view({B * T, C});
        if (inputs) tap->matrix_input(layer, kAttnQkv, a);
        auto qkv = project(blk.linear[kAttnQkv], a).view({B, T, 3, H, D}).permute({2, 0, 3, 1, 4});
        // qkv: (3, B, H, T, D)
        auto y = causalAttention(qkv[0], qkv[1], qkv[2], scale, dropout)
                     .permute({0, 2, 1, 3})
                     .reshape({B * T, C});  // (B*T, C)
        if (inputs) tap->matrix_input(layer, kAttnProj, y);
        auto attn_out = project(blk.linear[kAttnProj], y).view({B, T, C});
        x = x + (drop ? (*dropout)(attn_out) : attn_out);
        auto m = torch::layer_norm(x, {C}, blk.ln2_w, blk.ln2_b, eps).view({B * T, C});
        if (inputs) tap->matrix_input(layer, kMlpFc, m);
        // gelu_new (GPT-2's tanh form), or the exact erf form of nn.GELU() for nanoGPT's models.
        torch::Tensor h;  // (B*T, F)
        if (!exact_gelu && cpuLinearFits(blk.linear[kMlpFc], m)) {
            h = cpuLinear(blk.linear[kMlpFc], m, /*gelu=*/true);  // bias and GELU in one pass
        } else {
            h = blk.linear[kMlpFc](m);
            if (h.requires_grad()) {
                h = torch::gelu(h, exact_gelu ? "none" : "tanh");
            } else if (!exact_gelu && h.device().is_cpu() && h.scalar_type() == torch::kFloat32 &&
                       h.is_contiguous() && cpu::kernelsAvailable()) {
                RECORD_FUNCTION("kronscope::gelu", std::vector<c10::IValue>());
                cpu::geluTanhInPlace(h.data_ptr<float>(), h.numel());
            } else {  // in place on the fresh matmul output: nothing differentiates through it
                h = at::gelu_(h, exact_gelu ? "none" : "tanh");
            }
        }
        if (inputs) tap->matrix_input(layer, kMlpProj, h);
        auto mlp_out = project(blk.linear[kMlpProj], h).view({B, T, C});
        x = x + (drop ? (*dropout)(mlp_out) : mlp_out);
        if (tap != nullptr && tap->residual) tap->residual(layer, x);
    }
    return x;
}

torch::Tensor gpt2Hidden(const Gpt2Config& config, const torch::Tensor& wte, const torch::Tensor& wpe,
                         const std::vector<Gpt2Block>& blocks, const torch::Tensor& lnf_w,
                         const torch::Tensor& lnf_b, const torch::Tensor& ids, const Dropout* dropout,
                         const ForwardTap* tap) {
    auto x = gpt2Blocks(config, blocks, gpt2Embed(config, wte, wpe, ids, dropout), 0, dropout, tap);
    return torch::layer_norm(x, {config.n_embd}, lnf_w, lnf_b, config.layer_norm_epsilon);
}

torch::Tensor Gpt2Model::Impl::hidden(const torch::Tensor& ids) const {
    return gpt2Hidden(config, wte, wpe, blocks, lnf_w, lnf_b, ids);
}

int64_t windowsPerBatch(int64_t requested, const torch::Device& device) {
    if (requested > 0) return requested;
    return device.is_cuda() ? 32 : 4;
}

std::vector<std::pair<size_t, size_t>> perplexityBatches(const std::vector<PerplexityWindow>& windows,
                                                         int64_t batch) {
    std::vector<std::pair<size_t, size_t>> out;
    size_t i = 0;
    while (i < windows.size()) {
        // Windows of equal length run together.
        const int64_t len = windows[i].end - windows[i].begin;
        size_t j = i;
        while (j < windows.size() && static_cast<int64_t>(j - i) < batch &&
               windows[j].end - windows[j].begin == len)
            ++j;
        out.emplace_back(i, j);
        i = j;
    }
    return out;
}

torch::Tensor windowBatch(const torch::Tensor& ids, const std::vector<PerplexityWindow>& windows, size_t i,
                          size_t j) {
    std::vector<torch::Tensor> rows;
    for (size_t w = i; w < j; ++w) rows.push_back(ids.slice(0, windows[w].begin, windows[w].end));
    return torch::stack(rows);  // (b, L)
}

namespace {

/// Positions per LM-head matmul on the CPU: the wte^T panel (C x V) is read once per chunk, so larger chunks
/// read it less often; 512 rows ran the head at ~177 GFLOP/s here against ~122 at 128.
constexpr int64_t kCpuHeadRows = 512;

/// The CPU head's (kCpuHeadRows, V) float logits buffer, kept per thread between chunks, windows and calls:
/// at 103 MB for GPT-2 it is above glibc's mmap threshold, so a fresh one would be mapped and faulted in at
/// every chunk.
torch::Tensor cpuHeadBuffer(int64_t rows, int64_t vocab) {
    thread_local torch::Tensor buffer;
    if (!buffer.defined() || buffer.size(1) != vocab || buffer.size(0) < rows)
        buffer = torch::empty({std::max(rows, kCpuHeadRows), vocab}, torch::kFloat32);
    return buffer.narrow(0, 0, rows);
}

}  // namespace

torch::Tensor Gpt2Model::Impl::headWeightT() const {
    std::lock_guard<std::mutex> lock(head_mutex);
    if (!wte_t.defined() || wte_t_source != wte.data_ptr()) {
        wte_t = wte.t().contiguous();
        wte_t_source = wte.data_ptr();
    }
    return wte_t;
}

ForwardScope::ForwardScope(const torch::Device& device, bool tf32) {
    useAllCores();
    saved_ = at::get_num_threads();
    if (tf32 && device.is_cuda()) {
        tf32_saved_ = at::globalContext().allowTF32CuBLAS();
        at::globalContext().setAllowTF32CuBLAS(true);
        tf32_set_ = true;
    }
    if (!device.is_cpu() || std::getenv("KRONSCOPE_THREADS") != nullptr || at::hasMKL()) return;
    const int n = std::max(1, desiredThreads() / 2);
    if (n != saved_) at::set_num_threads(n);
}

ForwardScope::~ForwardScope() {
    if (tf32_set_) at::globalContext().setAllowTF32CuBLAS(tf32_saved_);
    if (at::get_num_threads() != saved_) at::set_num_threads(saved_);
}

std::pair<double, int64_t> Gpt2Model::Impl::scoreWindows(const torch::Tensor& h, const torch::Tensor& x,
                                                         const std::vector<PerplexityWindow>& windows,
                                                         size_t i, size_t j) const {
    const int64_t len = x.size(1);
    // Only scored positions reach the head: window w scores its last `scored` tokens, predicted by the hidden
    // states one position earlier.
    std::vector<torch::Tensor> hs, targets;
    int64_t scored = 0;
    for (size_t w = i; w < j; ++w) {
        const int64_t k = windows[w].scored;
        if (k == 0) continue;
        hs.push_back(h[static_cast<int64_t>(w - i)].slice(0, len - 1 - k, len - 1));  // (k, C)
        targets.push_back(x[static_cast<int64_t>(w - i)].slice(0, len - k, len));     // (k)
        scored += k;
    }
    double nll_sum = 0.0;
    if (hs.empty()) return {nll_sum, scored};
    const auto hcat = hs.size() == 1 ? hs[0] : torch::cat(hs);                 // (S, C)
    const auto tcat = targets.size() == 1 ? targets[0] : torch::cat(targets);  // (S)
    const int64_t S = hcat.size(0), V = wte.size(0);
    if (device.is_cpu() && wte.scalar_type() == torch::kFloat32) {
        // NLL = logsumexp(logits) - logit[target], in place in the kept buffer: h @ wte^T (NN), the target
        // logits gathered, then max, subtract, exp and sum over the row.
        const auto w_t = headWeightT();  // (C, V)
        for (int64_t a = 0; a < S; a += kCpuHeadRows) {
            const int64_t b = std::min(a + kCpuHeadRows, S);
            auto logits = cpuHeadBuffer(b - a, V);  // (s, V)
            torch::mm_out(logits, hcat.slice(0, a, b), w_t);
            if (cpu::kernelsAvailable()) {
                // logsumexp - logit[target] per row, fused and on every core (cpu_kernels.h). The targets
                // are token ids the embedding has already looked up, so they index the vocabulary.
                const auto t = tcat.slice(0, a, b).contiguous();
                std::vector<double> nll(static_cast<size_t>(b - a));
                RECORD_FUNCTION("kronscope::head_nll", std::vector<c10::IValue>());
                cpu::rowsNll(logits.data_ptr<float>(), b - a, V, logits.stride(0), t.data_ptr<int64_t>(),
                             nll.data());
                for (double x : nll) nll_sum += x;
                continue;
            }
            const auto target = logits.gather(1, tcat.slice(0, a, b).unsqueeze(1)).squeeze(1);  // (s)
            const auto row_max = logits.amax(1, /*keepdim=*/true);                              // (s, 1)
            logits.sub_(row_max).exp_();
            const auto lse = logits.sum(1).log_().add_(row_max.squeeze(1));  // (s)
            nll_sum += (lse.to(torch::kFloat64) - target.to(torch::kFloat64)).sum().item<double>();
        }
        return {nll_sum, scored};
    }
    // Elsewhere (CUDA, half precision): (chunk, V) float32 logits of at most 256 MB per matmul (~1,300
    // positions of GPT-2's vocabulary: a batch of 32 full windows in 25 matmuls).
    const int64_t head_chunk = std::max<int64_t>(16, (int64_t{64} << 20) / std::max<int64_t>(1, V));
    return {headNllSum(hcat, tcat, wte, head_chunk), scored};
}

double headNllSum(const torch::Tensor& h, const torch::Tensor& targets, const torch::Tensor& wte,
                  int64_t rows) {
    const int64_t S = h.size(0);
    auto total = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(h.device()));
    for (int64_t a = 0; a < S; a += rows) {
        const int64_t b = std::min(a + rows, S);
        const auto logits = torch::matmul(h.slice(0, a, b), wte.t()).to(torch::kFloat32);  // (s, V)
        const auto target = logits.gather(1, targets.slice(0, a, b).unsqueeze(1)).squeeze(1);
        total.add_((torch::logsumexp(logits, 1) - target).sum(torch::kFloat64));
    }
    return total.item<double>();
}

}  // namespace kronscope::core
