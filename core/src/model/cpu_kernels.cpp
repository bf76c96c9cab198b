// Fused CPU kernels of the inference forward pass: see cpu_kernels.h. The AVX2/FMA code is compiled for that
// target function by function (target attributes, internal linkage), so the rest of the build keeps the
// distribution's baseline and the choice is made at run time (kernelsAvailable).
#include "model/cpu_kernels.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <thread>
#include <vector>

#include "kronscope/core/base/build_info.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define KS_HAVE_X86 1
#define KS_AVX2 __attribute__((target("avx2,fma")))
#else
#define KS_HAVE_X86 0
#endif

namespace kronscope::core::cpu {

namespace {

/// Runs fn(begin, end) over [0, n) split into contiguous ranges, one per thread (at most desiredThreads()),
/// the first range on the calling thread. The workers are started for the call and joined before it returns:
/// between calls nothing spins (the BLAS's own workers do, and would lose cores to spinning peers).
template <class F>
void parallelRanges(int64_t n, int64_t min_per_thread, F&& fn) {
    const int64_t threads =
        std::max<int64_t>(1, std::min<int64_t>(desiredThreads(), n / std::max<int64_t>(1, min_per_thread)));
    if (threads <= 1 || n <= 1) {
        fn(int64_t{0}, n, 0);
        return;
    }
    std::vector<std::thread> workers;
    workers.reserve(static_cast<size_t>(threads - 1));
    auto bounds = [&](int64_t w) { return n * w / threads; };
    int64_t started = 1;
    try {
        for (; started < threads; ++started)
            workers.emplace_back([&fn, w = started, b = bounds(started), e = bounds(started + 1)] {
                fn(b, e, static_cast<int>(w));
            });
    } catch (...) {
        // No more threads: the calling thread takes the ranges that did not start.
    }
    fn(bounds(0), bounds(1), 0);
    for (int64_t w = started; w < threads; ++w) fn(bounds(w), bounds(w + 1), static_cast<int>(w));
    for (auto& t : workers) t.join();
}

bool cpuSupported() {
#if KS_HAVE_X86
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

#if KS_HAVE_X86

/// e^x for 8 floats (Cephes' expf: x = n ln 2 + r, |r| <= ln(2)/2, e^r by a degree-6 polynomial, 2^n through
/// the exponent bits); relative error ~1e-7 on [-87.3, 88.4], clamped outside.
KS_AVX2 inline __m256 exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.3365447505531f)),
                      _mm256_set1_ps(88.3762626647949f));
    __m256 n =
        _mm256_floor_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504088896341f), _mm256_set1_ps(0.5f)));
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 p = _mm256_set1_ps(1.9875691500e-4f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
    p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    const __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvttps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(e));
}

KS_AVX2 inline float hmax8(__m256 v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    m = _mm_max_ss(m, _mm_movehdup_ps(m));
    return _mm_cvtss_f32(m);
}

KS_AVX2 inline float hsum8(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

/// C[r][0, 16) = sum_k A[r * lda + k] * B[k * 16 + (0, 16)] for r < M: the register tile of both attention
/// products (12 accumulators; B is a packed panel of 16 columns).
template <int M>
KS_AVX2 inline void tile16(int64_t K, const float* A, int64_t lda, const float* B, float* C, int64_t ldc) {
    __m256 c0[M], c1[M];
#pragma GCC unroll 6
    for (int r = 0; r < M; ++r) c0[r] = c1[r] = _mm256_setzero_ps();
    for (int64_t k = 0; k < K; ++k) {
        const __m256 b0 = _mm256_loadu_ps(B + k * 16), b1 = _mm256_loadu_ps(B + k * 16 + 8);
#pragma GCC unroll 6
        for (int r = 0; r < M; ++r) {
            const __m256 a = _mm256_broadcast_ss(A + r * lda + k);
            c0[r] = _mm256_fmadd_ps(a, b0, c0[r]);
            c1[r] = _mm256_fmadd_ps(a, b1, c1[r]);
        }
    }
#pragma GCC unroll 6
    for (int r = 0; r < M; ++r) {
        _mm256_storeu_ps(C + r * ldc, c0[r]);
        _mm256_storeu_ps(C + r * ldc + 8, c1[r]);
    }
}

KS_AVX2 void tile16(int m, int64_t K, const float* A, int64_t lda, const float* B, float* C, int64_t ldc) {
    switch (m) {
        case 6:
            tile16<6>(K, A, lda, B, C, ldc);
            break;
        case 5:
            tile16<5>(K, A, lda, B, C, ldc);
            break;
        case 4:
            tile16<4>(K, A, lda, B, C, ldc);
            break;
        case 3:
            tile16<3>(K, A, lda, B, C, ldc);
            break;
        case 2:
            tile16<2>(K, A, lda, B, C, ldc);
            break;
        default:
            tile16<1>(K, A, lda, B, C, ldc);
            break;
    }
}

/// Row of scores s[0, width) of which the first n count: s[j] <- exp(scale (s[j] - max)) for j < n, 0 after;
/// returns 1 / sum.
KS_AVX2 float softmaxRow(float* s, int64_t n, int64_t width, float scale) {
    __m256 vmax = _mm256_set1_ps(-std::numeric_limits<float>::infinity());
    int64_t j = 0;
    for (; j + 8 <= n; j += 8) vmax = _mm256_max_ps(vmax, _mm256_loadu_ps(s + j));
    float mx = hmax8(vmax);
    for (; j < n; ++j) mx = std::max(mx, s[j]);
    const __m256 vs = _mm256_set1_ps(scale), vb = _mm256_set1_ps(-mx * scale);
    const __m256 limit = _mm256_set1_ps(static_cast<float>(n));
    __m256 idx = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256 eight = _mm256_set1_ps(8.0f);
    __m256 sum = _mm256_setzero_ps();
    for (j = 0; j < width; j += 8) {
        __m256 e = exp8(_mm256_fmadd_ps(_mm256_loadu_ps(s + j), vs, vb));
        e = _mm256_and_ps(e, _mm256_cmp_ps(idx, limit, _CMP_LT_OQ));
        _mm256_storeu_ps(s + j, e);
        sum = _mm256_add_ps(sum, e);
        idx = _mm256_add_ps(idx, eight);
    }
    return 1.0f / hsum8(sum);
}

/// One (batch, head): K^T and V packed into 16-wide panels (zero past T), then 6 query rows at a time: their
/// scores against the keys up to the last row's (rounded up to 16), the causal softmax, the value product
/// written into y and scaled by 1 / sum. Scratch: kt and vp (Tp * D each), s (6 * Tp).
KS_AVX2 void attendHead(int64_t T, int64_t D, float scale, const float* q, int64_t qr, const float* k,
                        int64_t kr, const float* v, int64_t vr, float* y, int64_t yr, float* kt, float* vp,
                        float* s) {
    const int64_t P = (T + 15) / 16, Tp = P * 16, strips = D / 16;
    for (int64_t p = 0; p < P; ++p) {
        float* panel = kt + p * D * 16;
        for (int64_t jj = 0; jj < 16; ++jj) {
            const int64_t j = p * 16 + jj;
            if (j < T) {
                const float* kj = k + j * kr;
                for (int64_t d = 0; d < D; ++d) panel[d * 16 + jj] = kj[d];
            } else {
                for (int64_t d = 0; d < D; ++d) panel[d * 16 + jj] = 0.0f;
            }
        }
    }
    for (int64_t j = 0; j < Tp; ++j)
        for (int64_t st = 0; st < strips; ++st) {
            float* dst = vp + (st * Tp + j) * 16;
            if (j < T) {
                std::memcpy(dst, v + j * vr + st * 16, 16 * sizeof(float));
            } else {
                std::memset(dst, 0, 16 * sizeof(float));
            }
        }
    float inv[6];
    for (int64_t i0 = 0; i0 < T; i0 += 6) {
        const int m = static_cast<int>(std::min<int64_t>(6, T - i0));
        const int64_t last = i0 + m - 1, np = last / 16 + 1, width = np * 16;
        for (int64_t p = 0; p < np; ++p) tile16(m, D, q + i0 * qr, qr, kt + p * D * 16, s + p * 16, Tp);
        for (int r = 0; r < m; ++r) inv[r] = softmaxRow(s + r * Tp, i0 + r + 1, width, scale);
        for (int64_t st = 0; st < strips; ++st)
            tile16(m, width, s, Tp, vp + st * Tp * 16, y + i0 * yr + st * 16, yr);
        for (int r = 0; r < m; ++r) {
            float* row = y + (i0 + r) * yr;
            const __m256 f = _mm256_set1_ps(inv[r]);
            for (int64_t d = 0; d < D; d += 8)
                _mm256_storeu_ps(row + d, _mm256_mul_ps(_mm256_loadu_ps(row + d), f));
        }
    }
}

/// GELU (tanh form) of x[0, n) in place: x / (1 + exp(-2 u)), u = sqrt(2/pi) (x + 0.044715 x^3).
KS_AVX2 void geluRange(float* x, int64_t n) {
    constexpr float c0 = 0.7978845608028654f, c1 = 0.7978845608028654f * 0.044715f;
    const __m256 v0 = _mm256_set1_ps(-2.0f * c0), v1 = _mm256_set1_ps(-2.0f * c1), one = _mm256_set1_ps(1.0f);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 a = _mm256_loadu_ps(x + i);
        const __m256 t = _mm256_mul_ps(a, _mm256_fmadd_ps(_mm256_mul_ps(a, a), v1, v0));  // -2u
        _mm256_storeu_ps(x + i, _mm256_div_ps(a, _mm256_add_ps(one, exp8(t))));
    }
    for (; i < n; ++i) {
        const float a = x[i];
        const float t = std::min(88.3762626647949f, -2.0f * (c0 * a + c1 * a * a * a));
        x[i] = a / (1.0f + std::exp(t));
    }
}

/// y[0, n) += bias[0, n), then GELU (tanh form) when `gelu`: as geluRange, one pass.
KS_AVX2 void biasRow(float* y, const float* bias, int64_t n, bool gelu) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, _mm256_add_ps(_mm256_loadu_ps(y + i), _mm256_loadu_ps(bias + i)));
    for (; i < n; ++i) y[i] += bias[i];
    if (gelu) geluRange(y, n);
}

/// logsumexp(x[0, n)) - x[target], in double.
KS_AVX2 double rowNll(const float* x, int64_t n, int64_t target) {
    __m256 vmax = _mm256_set1_ps(-std::numeric_limits<float>::infinity());
    int64_t j = 0;
    for (; j + 8 <= n; j += 8) vmax = _mm256_max_ps(vmax, _mm256_loadu_ps(x + j));
    float mx = hmax8(vmax);
    for (; j < n; ++j) mx = std::max(mx, x[j]);
    const __m256 vb = _mm256_set1_ps(-mx);
    // Float partial sums of 512 terms (32 per lane), added in double: ~1e-7 relative for GPT-2's 50,257.
    double sum = 0.0;
    j = 0;
    while (j + 16 <= n) {
        __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
        const int64_t block_end = std::min(n, j + 512);
        for (; j + 16 <= block_end; j += 16) {
            s0 = _mm256_add_ps(s0, exp8(_mm256_add_ps(_mm256_loadu_ps(x + j), vb)));
            s1 = _mm256_add_ps(s1, exp8(_mm256_add_ps(_mm256_loadu_ps(x + j + 8), vb)));
        }
        sum += static_cast<double>(hsum8(_mm256_add_ps(s0, s1)));
    }
    for (; j < n; ++j) sum += std::exp(static_cast<double>(x[j]) - mx);
    return static_cast<double>(mx) + std::log(sum) - static_cast<double>(x[target]);
}

#endif  // KS_HAVE_X86

struct Scratch {
    std::vector<float> kt, vp, s;
};

}  // namespace

bool kernelsAvailable() {
    static const bool on = [] {
        if (const char* e = std::getenv("KRONSCOPE_CPU_KERNELS"); e != nullptr && std::strcmp(e, "0") == 0)
            return false;
        return cpuSupported();
    }();
    return on;
}

bool attentionFits(int64_t D) {
    return D > 0 && D % 16 == 0;
}

void causalAttention(int64_t B, int64_t H, int64_t T, int64_t D, float scale, const HeadsView& q,
                     const HeadsView& k, const HeadsView& v, float* y, int64_t y_batch, int64_t y_row) {
#if KS_HAVE_X86
    const int64_t Tp = (T + 15) / 16 * 16;
    // Scratch per worker, kept by the calling thread between calls (a fresh 0.5 MB would be mapped and
    // faulted in every layer).
    thread_local std::vector<Scratch> kept;
    std::vector<Scratch>& scratch = kept;  // the caller's, named in the workers through this reference
    const size_t workers = static_cast<size_t>(std::max(1, desiredThreads()));
    if (scratch.size() < workers) scratch.resize(workers);
    parallelRanges(B * H, 1, [&](int64_t begin, int64_t end, int w) {
        Scratch& sc = scratch[static_cast<size_t>(w)];
        if (sc.kt.size() < static_cast<size_t>(Tp * D)) sc.kt.resize(static_cast<size_t>(Tp * D));
        if (sc.vp.size() < static_cast<size_t>(Tp * D)) sc.vp.resize(static_cast<size_t>(Tp * D));
        if (sc.s.size() < static_cast<size_t>(6 * Tp)) sc.s.resize(static_cast<size_t>(6 * Tp));
        for (int64_t bh = begin; bh < end; ++bh) {
            const int64_t b = bh / H, h = bh % H;
            attendHead(T, D, scale, q.ptr + b * q.batch + h * q.head, q.row, k.ptr + b * k.batch + h * k.head,
                       k.row, v.ptr + b * v.batch + h * v.head, v.row, y + b * y_batch + h * D, y_row,
                       sc.kt.data(), sc.vp.data(), sc.s.data());
        }
    });
#else
    (void)B, (void)H, (void)T, (void)D, (void)scale, (void)q, (void)k, (void)v, (void)y, (void)y_batch,
        (void)y_row;
    std::abort();  // kernelsAvailable() is false here: never called
#endif
}

void geluTanhInPlace(float* x, int64_t n) {
#if KS_HAVE_X86
    constexpr int64_t grain = 1 << 16;
    parallelRanges((n + grain - 1) / grain, 4, [&](int64_t begin, int64_t end, int) {
        const int64_t a = begin * grain, b = std::min(n, end * grain);
        if (b > a) geluRange(x + a, b - a);
    });
#else
    (void)x, (void)n;
    std::abort();
#endif
}

void addBiasRows(float* y, int64_t rows, int64_t cols, const float* bias, bool gelu) {
#if KS_HAVE_X86
    parallelRanges(rows, std::max<int64_t>(1, 16384 / std::max<int64_t>(1, cols)),
                   [&](int64_t begin, int64_t end, int) {
                       for (int64_t r = begin; r < end; ++r) biasRow(y + r * cols, bias, cols, gelu);
                   });
#else
    (void)y, (void)rows, (void)cols, (void)bias, (void)gelu;
    std::abort();
#endif
}

void rowsNll(const float* x, int64_t rows, int64_t cols, int64_t ld, const int64_t* target, double* nll) {
#if KS_HAVE_X86
    parallelRanges(rows, 8, [&](int64_t begin, int64_t end, int) {
        for (int64_t r = begin; r < end; ++r) nll[r] = rowNll(x + r * ld, cols, target[r]);
    });
#else
    (void)x, (void)rows, (void)cols, (void)ld, (void)target, (void)nll;
    std::abort();
#endif
}

}  // namespace kronscope::core::cpu
