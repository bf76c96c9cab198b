#pragma once
// Data out (`kronscope-cli export`, the GUI's "Export data…"): one tensor of a loaded GPT-2, or a fit,
// factor or error map computed from one of its block matrices, written as .npy, .csv or .safetensors
// (io/array_file.h) so that it can be read in NumPy as it is.
//
// Tensor names:
//  - a checkpoint tensor by its bare Hugging Face name: wte.weight, wpe.weight, ln_f.weight, ln_f.bias,
//    h.L.ln_1.weight / .bias, h.L.ln_2.weight / .bias, h.L.attn.c_attn.weight / .bias, h.L.attn.c_proj.*,
//    h.L.mlp.c_fc.*, h.L.mlp.c_proj.* (block matrices as stored, [in, out], the original weights whatever
//    surgery is active); "h.L.mlp.c_fc" alone means its weight;
//  - MATRIX@kronN:PART, PART one of fit, error (W - fit), A (terms x m1 x p1), S (terms x m2 x p2), spectrum
//    (the singular values of the rearranged R(W)): the nearest Kronecker sum at block size n, r = n terms,
//    small factor first (the Decomposition page's defaults);
//  - MATRIX@svdN:PART, PART one of fit, error, U (rows x k), s (k), Vt (k x cols), spectrum (all singular
//    values of W): the truncated SVD at the rank k matched to Kronecker's parameter count at n.
#include <cstdint>
#include <string>
#include <vector>

#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::core {

struct TensorExportRequest {
    std::string tensor;  // a name as above
    std::string out;     // .npy, .csv or .safetensors
    /// InputError naming the field (empty name, an output that is not .npy / .csv / .safetensors).
    void validate() const;
};

struct TensorExportResult {
    TensorExportRequest request;
    std::vector<int64_t> shape;
    std::string description;  // "h.0.mlp.c_fc@kron4:fit: nearest Kronecker sum ... (rel. error 0.93)"
    std::string model_hash;
    double rel_err = 0.0;  // of the fit, for derived tensors; 0 otherwise
};

/// The tensor's values (float32, row-major) and shape. InputError naming an unknown tensor, part or a block
/// size that does not divide the matrix.
TensorExportResult exportedTensor(const Gpt2Model& model, const std::string& tensor,
                                  std::vector<float>* values);

/// Computes the tensor and writes request.out (atomically: nothing partial is left on failure).
TensorExportResult runTensorExport(const Gpt2Model& model, const TensorExportRequest& request);

/// Every checkpoint tensor name of `model` (file order), then the derived name patterns.
std::vector<std::string> exportableTensors(const Gpt2Model& model);

}  // namespace kronscope::core
