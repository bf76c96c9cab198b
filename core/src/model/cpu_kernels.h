#pragma once
// Fused CPU kernels of the inference forward pass (attention, GELU, the head's log-sum-exp), written for
// x86-64 with AVX2 and FMA and chosen at run time. Each one replaces a chain of LibTorch ops that runs on one
// thread here (the CPU forward pass gives LibTorch's own ops half the cores, see ForwardScope) and spends
// its time reading and writing memory; each one runs on every core (desiredThreads()) with threads of its
// own that block, not spin, between calls. Where they cannot run (another CPU, KRONSCOPE_CPU_KERNELS=0) the
// forward pass keeps its LibTorch form, which tests/core/test_cpu_kernels.cpp compares them with.
// No torch here: plain float buffers with strides.
#include <cstdint>

namespace kronscope::core::cpu {

/// Whether the kernels run on this CPU (AVX2 and FMA) and are not switched off (KRONSCOPE_CPU_KERNELS=0).
bool kernelsAvailable();

/// A (B, H, T, D) operand with unit stride along D; element (b, h, t, d) is at
/// ptr[b * batch + h * head + t * row + d].
struct HeadsView {
    const float* ptr = nullptr;
    int64_t batch = 0, head = 0, row = 0;
};

/// Causal softmax attention of every (batch, head): y(b, t, h, :) = sum_{j <= t} softmax_j(scale q_t . k_j)
/// v_j, for y in the (B, T, H, D) layout with row stride `y_row` (between consecutive t) and `y_batch`.
/// Only the keys j <= t are scored. Requires D % 16 == 0 (attentionFits).
void causalAttention(int64_t B, int64_t H, int64_t T, int64_t D, float scale, const HeadsView& q,
                     const HeadsView& k, const HeadsView& v, float* y, int64_t y_batch, int64_t y_row);
bool attentionFits(int64_t D);

/// x <- GELU(x) in GPT-2's tanh form, 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), computed as
/// x / (1 + exp(-2 u)) (the same function, without tanh's cancellation for negative x).
void geluTanhInPlace(float* x, int64_t n);

/// y[r, :] += bias for every row of the contiguous (rows, cols) matrix y, then GPT-2's tanh GELU when `gelu`
/// (one pass over y instead of addmm's copy of the broadcast bias into its output and a GELU pass after).
void addBiasRows(float* y, int64_t rows, int64_t cols, const float* bias, bool gelu);

/// Per row r of the (rows, cols) matrix x with row stride ld: logsumexp(x[r, :]) - x[r, target[r]], in
/// nll[r] (double). Rows run in parallel; each row's value does not depend on the thread count.
void rowsNll(const float* x, int64_t rows, int64_t cols, int64_t ld, const int64_t* target, double* nll);

}  // namespace kronscope::core::cpu
