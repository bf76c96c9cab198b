#pragma once
// Internal text helpers shared by the file readers (safetensors, session files): strict UTF-8 checks and
// one-line, printable quoting of untrusted strings for error messages. Header-only so that the fuzzer can
// compile a reader on its own.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>

namespace kronscope::core::text {

/// Names and values quoted in messages are cut to this many bytes.
constexpr size_t kMaxQuoted = 200;

/// Length of the well-formed UTF-8 sequence (RFC 3629: no overlongs, surrogates or code points above
/// U+10FFFF) starting at s[i], or 0 if there is none.
inline size_t utf8SequenceLength(const unsigned char* s, size_t n, size_t i) {
    const unsigned char c = s[i];
    if (c < 0x80) return 1;
    size_t len = 0;
    uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n - i < len) return 0;
    for (size_t k = 1; k < len; ++k) {
        if ((s[i + k] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return 0;
    if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return 0;
    return len;
}

/// Offset of the first byte that is not part of well-formed UTF-8, or npos if `s` is valid.
inline size_t firstInvalidUtf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (size_t i = 0; i < s.size();) {
        const size_t len = utf8SequenceLength(p, s.size(), i);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

/// `s` made safe for a one-line message: control characters, backslashes and bytes that are not UTF-8
/// escaped, long strings cut.
inline std::string printable(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::string out;
    size_t i = 0;
    while (i < s.size() && i < kMaxQuoted) {
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

inline std::string errnoMessage(int err) { return std::error_code(err, std::generic_category()).message(); }

}  // namespace kronscope::core::text
