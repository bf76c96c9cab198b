#pragma once
// Internal (torch) side of Gpt2Model, shared by core modules such as surgery. Never included by views or app.
#include <torch/torch.h>

#include <array>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <optional>

#include "kronscope/core/io/safetensors.h"
#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::core {

/// y = x W + b for a Conv1D weight W [in, out]; `factored` replaces x W when a surgery installs a
/// factored form (Kronecker sum, low-rank product) that never materializes W.
struct Linear {
    torch::Tensor weight;                                         // [in, out], the weights used now
    torch::Tensor bias;                                           // [out]
    std::function<torch::Tensor(const torch::Tensor&)> factored;  // x: (N, in) -> (N, out)
    bool replaced = false;  // a surgery installed `weight` or `factored`; the original is in Impl::original

    torch::Tensor operator()(const torch::Tensor& x) const {
        // x: (N, in)
        if (factored) return factored(x).add_(bias);
        return torch::addmm(bias, x, weight);
    }
};

enum MatrixSlot { kAttnQkv = 0, kAttnProj = 1, kMlpFc = 2, kMlpProj = 3 };
const char* matrixKindName(int slot);

struct Gpt2Block {
    torch::Tensor ln1_w, ln1_b, ln2_w, ln2_b;
    std::array<Linear, 4> linear;  // indexed by MatrixSlot
};

/// Training-time dropout (GPT-2's embd_pdrop, attn_pdrop and resid_pdrop, one rate for all three).
/// Masks are drawn on the tensor's own device from `gen`, a private generator of that device's type
/// (dropoutGenerator): a seeded CPU run draws the same masks whatever its thread count, a CUDA run draws them
/// on the GPU (drawing 10 M Bernoulli numbers per step on the CPU and copying them made CUDA training 10x
/// slower), and the generator's state is saved with a resumable run.
struct Dropout {
    double p = 0.0;
    at::Generator gen;
    /// x * mask / (1 - p), mask ~ Bernoulli(1 - p) elementwise; x itself when p == 0.
    torch::Tensor operator()(const torch::Tensor& x) const {
        if (p <= 0.0) return x;
        auto keep = torch::empty(x.sizes(), torch::TensorOptions().dtype(x.scalar_type()).device(x.device()))
                        .bernoulli_(1.0 - p, gen)
                        .div_(1.0 - p);
        return x * keep;
    }
};

/// A private generator for `device`'s type seeded with `seed`: a CPU generator (mt19937), or on CUDA a copy
/// of the device's default generator (Philox) reseeded, so that nothing else draws from it.
at::Generator dropoutGenerator(const torch::Device& device, uint64_t seed);

/// Observes the forward pass without changing it (activation capture, error propagation): each callback gets
/// a tensor the pass goes on using, and must not modify it.
struct ForwardTap {
    /// The input X of block matrix `slot` of layer `layer`, (B*T, in), as the matrix receives it.
    std::function<void(int layer, int slot, const torch::Tensor& input)> matrix_input;
    /// The residual stream after block `layer`, (B, T, C).
    std::function<void(int layer, const torch::Tensor& residual)> residual;
};

/// Token + position embeddings: ids (B, T) -> x (B, T, C), with embd dropout when given.
torch::Tensor gpt2Embed(const Gpt2Config& config, const torch::Tensor& wte, const torch::Tensor& wpe,
                        const torch::Tensor& ids, const Dropout* dropout = nullptr);
/// The blocks from `first_layer` on: the residual stream entering that layer (B, T, C) -> after the last
/// block (before ln_f). A scan that changes nothing below layer l starts here from the cached stream.
torch::Tensor gpt2Blocks(const Gpt2Config& config, const std::vector<Gpt2Block>& blocks, torch::Tensor x,
                         size_t first_layer, const Dropout* dropout = nullptr,
                         const ForwardTap* tap = nullptr);

/// The GPT-2 forward pass up to ln_f, shared by Gpt2Model and the trainer (trainer.cpp):
/// ids (B, T) int64 on the weights' device -> hidden states (B, T, C). The logits are h @ wte^T (tied head).
/// Autograd-safe: its in-place ops only touch tensors that no backward function saved.
/// `dropout` (training only) applies to the embeddings, the attention probabilities and both residual
/// branches, where Hugging Face's GPT2Model applies embd_pdrop, attn_pdrop and resid_pdrop.
torch::Tensor gpt2Hidden(const Gpt2Config& config, const torch::Tensor& wte, const torch::Tensor& wpe,
                         const std::vector<Gpt2Block>& blocks, const torch::Tensor& lnf_w,
                         const torch::Tensor& lnf_b, const torch::Tensor& ids,
                         const Dropout* dropout = nullptr, const ForwardTap* tap = nullptr);

/// The batches of equal-length windows Gpt2Model::perplexity runs together: [first, end) index pairs.
/// The NLL sum of positions h (S, C) against `targets` (S) under the tied head wte (V, C): logsumexp(logits)
/// - logit[target] per row, `rows` positions per logits matmul (float32 logits, whatever h's dtype), summed
/// in float64 on h's device and read back once (not once per chunk: on CUDA each read waits for the queue).
/// The head of CUDA and half precision; the CPU in float32 has its own (scoreWindows).
double headNllSum(const torch::Tensor& h, const torch::Tensor& targets, const torch::Tensor& wte,
                  int64_t rows);

/// Windows per forward pass: `requested` when > 0, else 4 on the CPU (larger batches gain nothing there: the
/// matmuls already run at the BLAS's rate) and 32 on CUDA (32 windows of 1,024 tokens keep a GPU busy).
int64_t windowsPerBatch(int64_t requested, const torch::Device& device);

std::vector<std::pair<size_t, size_t>> perplexityBatches(const std::vector<PerplexityWindow>& windows,
                                                         int64_t batch);
/// Checked token ids as an int64 tensor on `device`; InputError naming the first id outside the vocabulary.
torch::Tensor idsTensor(const std::vector<int32_t>& ids, int64_t vocab, const torch::Device& device);
/// Token ids of windows [i, j) stacked: (j - i, L).
torch::Tensor windowBatch(const torch::Tensor& ids, const std::vector<PerplexityWindow>& windows, size_t i,
                          size_t j);

/// A safetensors tensor as a float32 CPU tensor (copied; F16/BF16/F64 converted); InputError naming the file
/// and tensor for other dtypes.
torch::Tensor toFloatTensor(const TensorArchive& file, const TensorInfo& info);

/// "cpu", "cuda", "cuda:N" -> a device; InputError when CUDA is missing or the index is out of range.
torch::Device parseDevice(const std::string& spec);

/// The settings of a forward pass on `device`, for the guard's lifetime (restored after).
/// Threads (the setting is per thread): on the CPU with a LibTorch whose matmuls go to a BLAS with its own
/// thread pool (OpenBLAS, as Debian's; not MKL, which runs on LibTorch's OpenMP threads), LibTorch's own ops
/// get half the cores (at least one): the BLAS threads keep spinning on every core between matmuls, and
/// OpenMP workers for the element-wise ops in between fight them for the cores (on 2 cores one intra-op
/// thread runs a GPT-2 small window ~13% faster than two: bench_ppl). KRONSCOPE_THREADS, when set, is used as
/// given. Precision: with `tf32` on CUDA, float32 matmuls may use TF32 tensor cores (cuBLAS; LibTorch's
/// allow_tf32 flag, process-wide, so two TF32 and strict f32 passes at the same moment would share it).
class ForwardScope {
  public:
    ForwardScope(const torch::Device& device, bool tf32);
    ~ForwardScope();
    ForwardScope(const ForwardScope&) = delete;
    ForwardScope& operator=(const ForwardScope&) = delete;

  private:
    int saved_ = 0;
    bool tf32_set_ = false, tf32_saved_ = false;
};

struct Gpt2Model::Impl {
    Gpt2Config config;
    std::string directory;
    std::vector<std::string> warnings;
    std::string key_layout, stored_dtype, format, weights_file, source;
    torch::Device device{torch::kCPU};
    torch::ScalarType dtype = torch::kFloat32;
    bool tf32 = false;  // float32 weights, TF32 matmuls on CUDA ("tf32")

    torch::Tensor wte, wpe, lnf_w, lnf_b;  // on device, compute dtype
    std::vector<Gpt2Block> blocks;
    /// Original block matrices, float32 on CPU, indexed [layer][slot]. Never modified.
    std::vector<std::array<torch::Tensor, 4>> original;

    /// wte transposed to (C, V) and contiguous, for the CPU head: OpenBLAS runs h @ wte^T 15-40% faster with
    /// B stored this way (NN) than through the transposed view (NT) at the head's shapes. Made on first use
    /// (+V*C floats), for the wte storage it was made from (wte is never written in place).
    mutable std::mutex head_mutex;
    mutable torch::Tensor wte_t;
    mutable const void* wte_t_source = nullptr;
    torch::Tensor headWeightT() const;

    std::vector<std::string> hashed_files;  // the files the content hash covers, in order
    mutable std::once_flag hash_once;
    mutable std::string hash;
    /// The hash of a checkpoint that was large to hash (FNV-1a reads ~1 GB/s on one core), started on its own
    /// thread while the weights load; contentHash() takes it. It hashes its own copy of the file list; an
    /// unfinished one is waited for when the model is destroyed.
    mutable std::future<std::string> hash_pending;

    /// Hidden states after ln_f: ids (B, T) int64 on device -> (B, T, C).
    torch::Tensor hidden(const torch::Tensor& ids) const;
    /// NLL sum (double) and count of the scored positions of windows [i, j): h (b, L, C) after ln_f, x (b, L)
    /// their ids. The one scorer of Gpt2Model::perplexity and the mechanism lab's scans.
    std::pair<double, int64_t> scoreWindows(const torch::Tensor& h, const torch::Tensor& x,
                                            const std::vector<PerplexityWindow>& windows, size_t i,
                                            size_t j) const;
    /// Parses "h.3.mlp.c_fc" into (layer, slot); throws InputError for unknown names.
    std::pair<int, int> parseMatrixName(const std::string& name) const;
};

}  // namespace kronscope::core
