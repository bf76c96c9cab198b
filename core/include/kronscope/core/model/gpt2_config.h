#pragma once
// GPT-2 hyper-parameters as Hugging Face's config.json describes them.
#include <cstdint>
#include <string>

namespace kronscope::core {

struct Gpt2Config {
    int64_t vocab_size = 50257;
    int64_t n_positions = 1024;
    int64_t n_embd = 768;
    int64_t n_layer = 12;
    int64_t n_head = 12;
    int64_t n_inner = 0;  // 0 = 4 * n_embd (config.json's null)
    double layer_norm_epsilon = 1e-5;
    std::string activation_function = "gelu_new";
    std::string model_type = "gpt2";

    int64_t innerDim() const { return n_inner > 0 ? n_inner : 4 * n_embd; }
    /// Every weight of the model: embeddings, block matrices and biases, LayerNorms (the head is tied).
    int64_t parameterCount() const;
    int64_t headDim() const { return n_embd / n_head; }
    /// Weights in the 4 * n_layer block matrices (84,934,656 for GPT-2 small).
    int64_t blockMatrixWeights() const;
    /// Throws InputError naming the field when the numbers cannot describe a GPT-2
    /// (non-positive sizes, n_embd not divisible by n_head, unsupported activation).
    void validate(const std::string& source) const;

    /// Parses a config.json (file path) or its text; fields missing from the file keep GPT-2 small's defaults
    /// except the ones a checkpoint must state (n_embd, n_layer, n_head, vocab_size).
    static Gpt2Config fromFile(const std::string& path);
    static Gpt2Config fromJsonText(const std::string& text, const std::string& source);
    /// The config.json a Hugging Face GPT2Config would write for these values.
    std::string toJsonText() const;

    /// "gpt2", "gpt2-medium", ... when the sizes match a released GPT-2, else "custom".
    std::string sizeName() const;
};

}  // namespace kronscope::core
