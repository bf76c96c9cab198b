#pragma once
// Checkpoint conversion (`kronscope-cli convert`, File > Save Model as Safetensors): any checkpoint Kronscope
// reads (safetensors, sharded safetensors, pytorch_model.bin, nanoGPT's ckpt.pt) written in the Hugging Face
// safetensors layout. The output folder is built beside the destination and renamed into place when
// complete, so a failed or cancelled conversion leaves nothing that looks like a checkpoint.
#include <cstdint>
#include <string>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::core {

struct ConvertRequest {
    std::string out;            // the folder to create (it must not exist, or be empty)
    std::string dtype = "F32";  // F32, F16, BF16
    /// InputError naming the field, before anything is read or written.
    void validate() const;
};

struct ConvertResult {
    ConvertRequest request;
    std::string source, source_format, source_layout, source_dtype, source_hash;
    std::string out_hash;   // the written checkpoint's content hash
    std::string tokenizer;  // the tokenizer files copied ("" when none)
    int64_t parameters = 0;
    uint64_t bytes = 0;  // of model.safetensors
};

/// Writes `model`'s original weights (never a surgery's) to request.out. The caller holds the model.
ConvertResult runConvert(const Gpt2Model& model, const ConvertRequest& request, Progress& progress);

}  // namespace kronscope::core
