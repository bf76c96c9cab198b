#pragma once
// Internal text helpers shared by the file readers (safetensors, session files): strict UTF-8 checks and
// one-line, printable quoting of untrusted strings for error messages. Header-only so that the fuzzer can
// compile a reader on its own.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>

namespace kronscope::core::text {

/// Names and values quoted in messages are cut to this many bytes.
constexpr size_t kMaxQuoted = 200;

/// The UTF-8 sequence starting at s[i] (RFC 3629: no overlongs, surrogates or code points above U+10FFFF):
/// its length, or 0 and why it is not well-formed.
struct Utf8Sequence {
    size_t length = 0;
    const char* problem = nullptr;  // set when length == 0
};

inline Utf8Sequence utf8Sequence(const unsigned char* s, size_t n, size_t i) {
    const unsigned char c = s[i];
    if (c < 0x80) return {1, nullptr};
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    const char* range_error = nullptr;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c == 0xE0) {
        len = 3, lo = 0xA0, range_error = "overlong encoding";
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
        len = 3;
    } else if (c == 0xED) {
        len = 3, hi = 0x9F, range_error = "surrogate code point";
    } else if (c == 0xF0) {
        len = 4, lo = 0x90, range_error = "overlong encoding";
    } else if (c >= 0xF1 && c <= 0xF3) {
        len = 4;
    } else if (c == 0xF4) {
        len = 4, hi = 0x8F, range_error = "code point above U+10FFFF";
    } else if (c == 0xC0 || c == 0xC1) {
        return {0, "overlong encoding"};
    } else if (c >= 0xF5) {
        return {0, c >= 0xF8 ? "invalid byte" : "code point above U+10FFFF"};
    } else {
        return {0, "unexpected continuation byte"};
    }
    for (size_t k = 1; k < len; ++k) {
        if (i + k >= n) return {0, "truncated sequence"};
        const unsigned char b = s[i + k];
        if (b < 0x80 || b > 0xBF) return {0, "truncated sequence"};
        if (k == 1 && (b < lo || b > hi)) return {0, range_error};
    }
    return {len, nullptr};
}

/// Length of the well-formed UTF-8 sequence starting at s[i], or 0 if there is none.
inline size_t utf8SequenceLength(const unsigned char* s, size_t n, size_t i) {
    return utf8Sequence(s, n, i).length;
}

/// The first byte of `s` that is not part of well-formed UTF-8: its offset (npos if `s` is valid) and why.
struct Utf8Problem {
    size_t offset = std::string_view::npos;
    const char* problem = nullptr;
    explicit operator bool() const { return offset != std::string_view::npos; }
};

inline Utf8Problem findInvalidUtf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {  // ASCII fast path, 8 bytes at a time
            uint64_t word;
            std::memcpy(&word, p + i, 8);
            if ((word & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        const Utf8Sequence seq = utf8Sequence(p, n, i);
        if (seq.length == 0) return {i, seq.problem};
        i += seq.length;
    }
    return {};
}

/// Offset of the first byte that is not part of well-formed UTF-8, or npos if `s` is valid.
inline size_t firstInvalidUtf8(std::string_view s) {
    return findInvalidUtf8(s).offset;
}

/// `s` made safe for a one-line message: control characters, backslashes and bytes that are not UTF-8
/// escaped, long strings cut.
inline std::string printable(std::string_view s, size_t max_bytes = kMaxQuoted) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::string out;
    size_t i = 0;
    while (i < s.size() && i < max_bytes) {
        const size_t len = utf8SequenceLength(p, s.size(), i);
        const unsigned char c = p[i];
        if (len == 1 && c >= 0x20 && c != 0x7F && c != '\\') {
            out += static_cast<char>(c);
        } else if (len > 1) {
            out.append(s.data() + i, len);
        } else if (c == '\\') {
            out += "\\\\";
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        }
        i += len > 0 ? len : 1;
    }
    if (i < s.size()) out += "...";
    return out;
}

/// A piece of untrusted input (a line of a file, a JSON value) for a message: printable() cut at 80 bytes
/// and quoted.
inline std::string quoteInput(std::string_view s) {
    return "\"" + printable(s, 80) + "\"";
}

inline std::string errnoMessage(int err) {
    return std::error_code(err, std::generic_category()).message();
}

}  // namespace kronscope::core::text
