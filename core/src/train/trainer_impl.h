#pragma once
// Internal (torch) side of the trainer, for tests. Never included by views or app.
#include <torch/torch.h>

namespace kronscope::core {

/// Mean next-token cross-entropy of GPT-2's tied head, loss = mean_n -ln softmax(h_n wte^T)[y_n], with the
/// value and gradients of torch's cross_entropy(h wte^T, y) but no (N, V) temporaries: the logits are written
/// into `scratch`, turned into probabilities in place and, in backward, into the logits' gradient. The
/// trainer keeps one scratch for the whole run, so a step allocates no vocabulary-sized tensor (on a CPU, the
/// page faults of fresh 400 MB buffers cost about as much as the head's matmuls). Same three matmuls as the
/// unfused head. scratch must not be reused before this loss's backward() ran.
/// h: (N, C), wte: (V, C), targets: (N) int64, scratch: (N, V) contiguous, same dtype and device as h.
torch::Tensor tiedHeadCrossEntropy(const torch::Tensor& h, const torch::Tensor& wte,
                                   const torch::Tensor& targets, const torch::Tensor& scratch);

}  // namespace kronscope::core
