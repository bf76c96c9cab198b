#pragma once
// IEEE 754 binary16 for the compression lab: round to nearest even directly from double (as numpy's
// float16(float64) does: no double rounding through float32), and back.
#include <cmath>
#include <cstdint>

namespace kronscope::core {

/// The float16 bits of v rounded to nearest even; +-inf beyond 65504 (after rounding), NaN stays NaN.
inline uint16_t halfBits(double v) {
    const uint16_t sign = std::signbit(v) ? 0x8000 : 0;
    double a = std::fabs(v);
    if (std::isnan(v)) return 0x7e00;
    if (a == 0.0) return sign;
    int e = 0;
    std::frexp(a, &e);  // a = m 2^e, m in [0.5, 1)
    // ulp of binary16 at a: 2^(e - 11) for normals (e - 1 >= -14), 2^-24 for subnormals.
    const int ulp_exp = std::max(e - 11, -24);
    const double r = std::nearbyint(std::ldexp(a, -ulp_exp));  // ties to even (default rounding mode)
    a = std::ldexp(r, ulp_exp);
    if (a >= 65520.0 || a > 65504.0) return static_cast<uint16_t>(sign | 0x7c00);
    if (a < std::ldexp(1.0, -14))  // subnormal: bits = a / 2^-24
        return static_cast<uint16_t>(sign | static_cast<uint16_t>(std::ldexp(a, 24)));
    std::frexp(a, &e);
    const int exp_field = e - 1 + 15;                                         // a = 1.f * 2^(e-1)
    const auto frac = static_cast<uint16_t>(std::ldexp(a, 11 - e) - 1024.0);  // 10 fraction bits
    return static_cast<uint16_t>(sign | (exp_field << 10) | frac);
}

inline double halfValue(uint16_t b) {
    const int exp_field = (b >> 10) & 0x1f, frac = b & 0x3ff;
    const double s = (b & 0x8000) ? -1.0 : 1.0;
    if (exp_field == 0) return s * std::ldexp(frac, -24);
    if (exp_field == 31) return frac ? NAN : s * INFINITY;
    return s * std::ldexp(1024 + frac, exp_field - 25);
}

}  // namespace kronscope::core
