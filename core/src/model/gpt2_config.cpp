#include "kronscope/core/model/gpt2_config.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "base/text_util.h"

namespace kronscope::core {

int64_t Gpt2Config::parameterCount() const {
    const int64_t c = n_embd, f = innerDim();
    const int64_t per_layer = 4 * c + (3 * c + c + f + c);  // LayerNorms, biases
    return vocab_size * c + n_positions * c + 2 * c + blockMatrixWeights() + n_layer * per_layer;
}

int64_t Gpt2Config::blockMatrixWeights() const {
    const int64_t c = n_embd, f = innerDim();
    return n_layer * (c * 3 * c + c * c + c * f + f * c);
}

namespace {

int64_t maxConfigValue(const std::string& key) {
    if (key == "n_layer") return int64_t{1} << 16;
    if (key == "n_embd" || key == "n_head") return int64_t{1} << 20;
    if (key == "n_inner") return int64_t{1} << 22;
    return int64_t{1} << 24;  // vocab_size, n_positions
}

}  // namespace

void Gpt2Config::validate(const std::string& source) const {
    auto positive = [&](const char* name, int64_t v) {
        if (v <= 0) throw InputError(source + ": " + name + " must be positive, got " + std::to_string(v));
    };
    positive("vocab_size", vocab_size);
    positive("n_positions", n_positions);
    positive("n_embd", n_embd);
    positive("n_layer", n_layer);
    positive("n_head", n_head);
    for (const auto& [name, v] : {std::pair<const char*, int64_t>{"vocab_size", vocab_size},
                                  {"n_positions", n_positions},
                                  {"n_embd", n_embd},
                                  {"n_layer", n_layer},
                                  {"n_head", n_head},
                                  {"n_inner", n_inner}})
        if (v > maxConfigValue(name))
            throw InputError(source + ": " + name + " is " + std::to_string(v) + ", more than the limit of " +
                             std::to_string(maxConfigValue(name)));
    if (n_inner < 0) throw InputError(source + ": n_inner must be positive or null");
    if (n_embd % n_head != 0)
        throw InputError(source + ": n_embd (" + std::to_string(n_embd) + ") is not divisible by n_head (" +
                         std::to_string(n_head) + ")");
    if (!(layer_norm_epsilon > 0.0 && layer_norm_epsilon < 1.0))
        throw InputError(source + ": layer_norm_epsilon must be in (0, 1)");
    if (activation_function != "gelu_new" && activation_function != "gelu_pytorch_tanh" &&
        activation_function != "gelu_fast" && activation_function != "gelu")
        throw InputError(source + ": activation_function '" + activation_function +
                         "' is not supported (GPT-2 uses gelu_new, the tanh form; gelu, the exact form, is "
                         "nanoGPT's)");
    if (model_type != "gpt2")
        throw InputError(source + ": model_type is '" + model_type + "', expected 'gpt2'");
}

Gpt2Config Gpt2Config::fromFile(const std::string& path) {
    // A regular file of at most 16 MiB (GPT-2's is under 1 kB): a FIFO, a folder or /dev/zero is refused.
    return fromJsonText(readTextFile(path, "config.json", int64_t{16} << 20), path);
}

Gpt2Config Gpt2Config::fromJsonText(const std::string& text, const std::string& source) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const std::exception& e) {
        throw InputError(source + ": not valid JSON (" + text::printable(e.what(), 160) + ")");
    }
    if (!j.is_object()) throw InputError(source + ": config is not a JSON object");
    Gpt2Config c;
    // Bounds far above any GPT-2 (n_embd 1600, 48 layers, 50257 tokens) that keep every shape and parameter
    // count inside int64: 2^64 - 1 is not read as -1, 2^62 never makes a negative shape.
    auto getInt = [&](const char* key, int64_t& out, bool required, const char* alias = nullptr) {
        const nlohmann::json* v = nullptr;
        if (j.contains(key))
            v = &j[key];
        else if (alias && j.contains(alias))
            v = &j[alias];
        if (!v || v->is_null()) {
            if (required) throw InputError(source + ": missing '" + key + "'");
            return;
        }
        if (!v->is_number_integer()) throw InputError(source + ": '" + key + "' must be an integer");
        // Read as int64 only when it fits (validate() bounds what does): 2^64 - 1 must not become -1.
        const int64_t limit = maxConfigValue(key);
        if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(limit))
            throw InputError(source + ": '" + key + "' is " + v->dump() + ", more than the limit of " +
                             std::to_string(limit));
        out = v->get<int64_t>();
    };
    getInt("vocab_size", c.vocab_size, true);
    getInt("n_positions", c.n_positions, false, "n_ctx");
    getInt("n_embd", c.n_embd, true);
    getInt("n_layer", c.n_layer, true);
    getInt("n_head", c.n_head, true);
    getInt("n_inner", c.n_inner, false);
    if (j.contains("layer_norm_epsilon") && !j["layer_norm_epsilon"].is_null()) {
        if (!j["layer_norm_epsilon"].is_number())
            throw InputError(source + ": 'layer_norm_epsilon' must be a number");
        c.layer_norm_epsilon = j["layer_norm_epsilon"].get<double>();
    }
    if (j.contains("activation_function") && j["activation_function"].is_string())
        c.activation_function = j["activation_function"].get<std::string>();
    if (j.contains("model_type") && j["model_type"].is_string())
        c.model_type = j["model_type"].get<std::string>();
    c.validate(source);
    return c;
}

std::string Gpt2Config::toJsonText() const {
    nlohmann::ordered_json j;
    j["activation_function"] = activation_function;
    j["architectures"] = {"GPT2LMHeadModel"};
    j["attn_pdrop"] = 0.1;
    j["bos_token_id"] = 50256;
    j["embd_pdrop"] = 0.1;
    j["eos_token_id"] = 50256;
    j["initializer_range"] = 0.02;
    j["layer_norm_epsilon"] = layer_norm_epsilon;
    j["model_type"] = "gpt2";
    j["n_embd"] = n_embd;
    j["n_head"] = n_head;
    j["n_inner"] = n_inner > 0 ? nlohmann::ordered_json(n_inner) : nlohmann::ordered_json(nullptr);
    j["n_layer"] = n_layer;
    j["n_positions"] = n_positions;
    j["reorder_and_upcast_attn"] = false;
    j["resid_pdrop"] = 0.1;
    j["scale_attn_by_inverse_layer_idx"] = false;
    j["scale_attn_weights"] = true;
    j["summary_activation"] = nullptr;
    j["summary_first_dropout"] = 0.1;
    j["summary_proj_to_labels"] = true;
    j["summary_type"] = "cls_index";
    j["summary_use_proj"] = true;
    j["use_cache"] = true;
    j["vocab_size"] = vocab_size;
    return j.dump(2) + "\n";
}

std::string Gpt2Config::sizeName() const {
    if (vocab_size != 50257 || n_positions != 1024 || innerDim() != 4 * n_embd) return "custom";
    if (n_embd == 768 && n_layer == 12 && n_head == 12) return "gpt2";
    if (n_embd == 768 && n_layer == 6 && n_head == 12) return "distilgpt2";
    if (n_embd == 1024 && n_layer == 24 && n_head == 16) return "gpt2-medium";
    if (n_embd == 1280 && n_layer == 36 && n_head == 20) return "gpt2-large";
    if (n_embd == 1600 && n_layer == 48 && n_head == 25) return "gpt2-xl";
    return "custom";
}

}  // namespace kronscope::core
