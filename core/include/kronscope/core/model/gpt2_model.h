#pragma once
// A GPT-2 language model in LibTorch that reads Hugging Face checkpoints (config.json + model.safetensors),
// runs on CPU or CUDA, measures strided perplexity (science.md) and generates text.
// The public interface uses plain types only: views and the GUI never see torch.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kronscope/core/model/gpt2_config.h"
#include "kronscope/core/model/weight_source.h"
#include "kronscope/core/base/progress.h"

namespace kronscope::core {

struct PerplexitySettings {
    int64_t max_length = 1024;  // tokens per window (<= n_positions)
    int64_t stride = 1024;      // step between window starts
    int64_t max_tokens = 0;     // 0 = the whole text; else only its first max_tokens tokens
    int64_t batch_windows = 0;  // windows of equal length run together; 0: 4 on the CPU, 32 on CUDA
    std::string text_name;      // shown next to every PPL
    std::string tokenizer;      // the tokenizer files that made the ids (Gpt2Tokenizer::source())
};

struct PerplexityResult {
    double ppl = 0.0;
    double nll_sum = 0.0;  // natural log, summed in double
    int64_t tokens_scored = 0;
    int64_t windows = 0;
    int64_t tokens_total = 0;  // tokens of the text used (after max_tokens)
    int64_t max_length = 0, stride = 0;
    double seconds = 0.0;
    double tokens_per_second = 0.0;  // tokens run through the model per second (windows overlap)
    std::string device, dtype, text_name;
    std::string tokenizer;  // from PerplexitySettings
};

struct GenerationSettings {
    int64_t max_new_tokens = 20;
    bool sample = false;  // false: greedy (argmax)
    int64_t top_k = 0;    // 0 = whole vocabulary
    double temperature = 1.0;
    uint64_t seed = 0;
    bool stop_at_eos = true;
};

struct LoadOptions {
    std::string device = "cpu";  // "cpu", "cuda", "cuda:1"
    std::string dtype = "f32";   // "f32", or on CUDA "tf32" (f32 with TF32 matmuls), "bf16", "f16"
};

/// The windows science.md's recipe visits: input ids[begin, end), the last `scored` tokens are targets.
struct PerplexityWindow {
    int64_t begin = 0, end = 0, scored = 0;
};
std::vector<PerplexityWindow> perplexityWindows(int64_t num_tokens, int64_t max_length, int64_t stride);

class Gpt2Model : public WeightSource {
  public:
    /// Loads and validates a checkpoint directory. Throws InputError naming the file, tensor and problem.
    static std::unique_ptr<Gpt2Model> load(const std::string& directory, const LoadOptions& options = {},
                                           Progress* progress = nullptr);
    ~Gpt2Model() override;

    const Gpt2Config& config() const;
    const std::string& directory() const override;
    /// Non-fatal findings while loading (NaN/Inf weights, untied lm_head), one line each naming the tensor.
    const std::vector<std::string>& warnings() const;
    std::string keyLayout() const;  // "bare", "prefixed" or "nanoGPT"
    /// The file format read: "safetensors", "safetensors, 3 shards", "PyTorch zip archive
    /// (pytorch_model.bin)", "nanoGPT checkpoint (ckpt.pt)".
    std::string format() const;
    /// The weights file, or the index of a sharded checkpoint, that was read.
    std::string weightsFile() const;
    /// What was opened, absolute: the folder, or the weights file when one was named (a ckpt_2000.pt). Reopen
    /// with this (sessions, recent files).
    std::string source() const;
    std::string storedDtype() const;  // dtype of the block matrices in the file: "F32", "F16", "BF16"
    std::string device() const;
    std::string dtype() const;
    /// 64-bit FNV-1a of config.json and model.safetensors, hex. Computed once on first use.
    std::string contentHash() const override;

    std::vector<MatrixRef> matrices() const override;
    /// The block matrix `name` ("h.0.mlp.c_fc") as currently used by the model (original unless replaced).
    MatrixF matrix(const std::string& name) const;
    /// The original weights from the checkpoint, whatever replacements are active.
    MatrixF originalMatrix(const std::string& name) const override;
    /// n_embd / n_head: the head blocks of the square attention parts (the angle probe's heads source).
    int64_t attentionHeadDim() const override;

    /// Logits (T, V) for one sequence, row-major, float32. T <= n_positions.
    std::vector<float> logits(const std::vector<int32_t>& ids) const;
    PerplexityResult perplexity(const std::vector<int32_t>& ids, const PerplexitySettings& settings,
                                Progress& progress) const;
    /// Returns prompt + new tokens.
    std::vector<int32_t> generate(const std::vector<int32_t>& prompt, const GenerationSettings& settings,
                                  Progress* progress = nullptr) const;

    struct Impl;
    /// Internal: the torch side, for other core modules (surgery). Not for views.
    Impl& impl() { return *impl_; }
    const Impl& impl() const { return *impl_; }

  private:
    explicit Gpt2Model(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace kronscope::core
