#pragma once
// Per-row symmetric int-k quantization of a GPT-2 checkpoint, its artifact bytes (int-k codes + float16
// scales, one zstd frame) and the artifact file (science.md, "Compression and checkpoint comparison").
//
// Conventions where science.md is silent (stated in the README too):
//  - Codes are computed against the stored (float16) scale: s = half(c_r / (2^(k-1) - 1)), q = clamp(round(w
//  /
//    s)) with round half away from zero, w' = q * s. So the dequantized model in memory is exactly what the
//    artifact decodes to. A row whose scale is 0 in float16 gets codes 0.
//  - Clip search: for each t in {0.9, 0.99, 0.999, 0.9999, 0.99999, 1.0} c_r = quantile(|w_r|, t) (numpy's
//    default linear interpolation); the lowest row MSE wins, ties keep the smaller t.
//  - Pruning zeroes, per quantized tensor (not protected), the floor(p / 100 * entries) entries of smallest
//    |w| (ties by position), before quantization.
//  - fp16 rows: floor(x / 100 * rows) rows of wte, those with the highest Shannon entropy (bits) of their
//  int-k
//    codes (ties by row), are kept in float16.
//  - A tensor with float16 rows serializes as: the codes of its int-k rows (row-major), their scales
//    (float16), then its float16 rows (row-major). Without float16 rows this is science.md's form; a tensor
//    entirely in float16 is its float16 values.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/compress/tensors.h"
#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::core {

/// The tensors a protect spec keeps in float16: items joined by ','; an item is a unit name
/// ("h.7.attn.c_attn.k", "wte", "h.3.mlp.c_fc"), or a unit kind for every layer ("k", "q", "v", "c_attn"
/// (all three), "attn.c_proj", "c_fc", "mlp.c_proj", "wte", "wpe"), optionally after a layer selector and a
/// '/': "layers:6-11/k", "layers:7/c_fc", "last:2/k" (the last two layers' K). "" protects nothing.
/// Returns the selected unit indices; InputError naming the item that is malformed or selects nothing.
std::vector<size_t> parseProtectSpec(const std::string& spec, const std::vector<TensorUnit>& units,
                                     int n_layer);

struct QuantizeSettings {
    int bits = 6;              // k, 2..8
    bool clip_search = false;  // GPTQ-lite per-row clip search
    std::string protect;       // protect spec (parseProtectSpec)
    double fp16_rows = 0.0;    // percent of wte rows kept in float16 (highest code entropy), 0..100
    double prune = 0.0;        // percent of the smallest |w| zeroed per quantized tensor, 0..100
    int zstd_level = 22;       // 1..22
    /// InputError naming the field.
    void validate() const;
    /// "int6, clip search, protect last:2/k, 10% wte rows fp16, prune 3%, zstd -22"
    std::string describe() const;
};

/// One unit (or 1-D tensor) of the quantized checkpoint.
struct UnitQuantization {
    std::string name, kind;
    int layer = -1;
    int64_t rows = 0, cols = 0;
    std::string storage;        // "int6", "fp16", "int6 + 103 fp16 rows"
    int64_t fp16_rows = 0;      // rows stored as float16
    double mse = 0.0;           // mean of (w - w')^2 over the unit
    double rel_mse = 0.0;       // mse / mean(w^2)
    double pruned_share = 0.0;  // share of entries zeroed by pruning
};

/// The quantized checkpoint: per-unit errors, the serialized payload and its zstd frame, and the dequantized
/// tensors (what the artifact decodes to), aligned with checkpointTensors().
struct QuantizedCheckpoint {
    QuantizeSettings settings;
    std::vector<UnitQuantization> units;    // quantized units, then the 1-D tensors (float16)
    std::vector<std::string> tensor_names;  // key order, row-view names (CheckpointTensor::name)
    std::vector<CheckpointTensor> dequantized;
    std::vector<std::vector<int64_t>> fp16_row_lists;  // per tensor: its float16 rows, ascending
    std::string payload;                               // uncompressed, science.md's order
    std::string frame;                                 // one zstd frame of the payload
    double mse = 0.0;                                  // over the entries of every 2-D tensor
    double rel_mse = 0.0;
    int64_t weights = 0;     // entries of every tensor in the artifact
    int64_t fp16_bytes = 0;  // the same tensors as float16, uncompressed (a reference)
    int64_t bytes() const { return static_cast<int64_t>(frame.size()); }
};

/// Quantizes `tensors` (checkpointTensors of a model with `n_layer` layers and width `n_embd`). `only_unit`
/// >= 0 quantizes that unit alone (every other tensor float16: the damage ranking); without `compress` the
/// frame stays empty (errors and the dequantized tensors only). Compression runs on every
/// core (libzstd's workers: the frame is the same whatever their number). Cancellable between tensors.
QuantizedCheckpoint quantizeCheckpoint(const std::vector<CheckpointTensor>& tensors, int n_layer,
                                       int64_t n_embd, const QuantizeSettings& settings, Progress& progress,
                                       int only_unit = -1, bool compress = true);

/// Per-row int-k codes then float16 scales of one matrix (row view, no clip search): the artifact form of a
/// single tensor, for the transport comparison of the Procrustes lab.
std::string quantizedMatrixPayload(const MatrixF& w, int bits);

/// One zstd frame of `bytes` at `level` on every core; InputError on a libzstd error.
std::string zstdCompress(const std::string& bytes, int level);
/// Decompresses one frame whose content size is declared and equals `expected_size`; InputError naming
/// `what` otherwise (a truncated, corrupt or oversized frame).
std::string zstdDecompress(const std::string& frame, int64_t expected_size, const std::string& what);

/// Strided perplexity of `model` with the dequantized tensors of `q` in place of its own; the model's
/// tensors are restored afterwards (also on error and cancel). The caller holds the model.
PerplexityResult perplexityQuantized(Gpt2Model& model, const QuantizedCheckpoint& q,
                                     const std::vector<int32_t>& ids, const PerplexitySettings& settings,
                                     Progress& progress);

// ---- the artifact file: "KSQUANT1", a little-endian uint64 header length, a JSON header (the model's
// config, the settings, every tensor's name, shape and row storage, the payload's size and hash), then the
// zstd frame. Loading checks every size against the header before it allocates.

/// Writes the artifact atomically; InputError naming the file.
void writeQuantizedArtifact(const std::string& path, const QuantizedCheckpoint& q, const Gpt2Config& config,
                            const std::string& model_hash);
struct QuantizedArtifact {
    Gpt2Config config;
    QuantizeSettings settings;
    std::string model_hash;
    int64_t frame_bytes = 0;
    std::vector<CheckpointTensor> tensors;  // decoded, key order
};
/// Reads and decodes an artifact; InputError "PATH: ..." naming the problem for a truncated, corrupt or
/// malicious file.
QuantizedArtifact readQuantizedArtifact(const std::string& path);
/// Writes the decoded artifact as a Hugging Face checkpoint folder (config.json, model.safetensors in F32,
/// the tokenizer files copied from `tokenizer_dir` when it has them).
void writeDequantizedCheckpoint(const QuantizedArtifact& artifact, const std::string& directory,
                                const std::string& tokenizer_dir);

}  // namespace kronscope::core
