#pragma once
// Content hashing, once for the whole core: 64-bit FNV-1a (Fowler-Noll-Vo), shown as 16 hex digits. Used for
// model and text content hashes, token-id hashes of training data and per-matrix null seeds. The offset basis
// is 1469598103934665603, the value Kronscope has used since its first release (the published FNV-1a basis is
// 14695981039346656037, one digit longer). It is kept: every hash in existing sessions, sweep tables, trainer
// states and null seeds was made with it. Kronscope's hashes identify content within Kronscope; they are not
// interchangeable with other tools' FNV-1a values.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kronscope::core {

/// Incremental 64-bit FNV-1a: feed bytes in any number of pieces; the hash is that of their concatenation.
class Fnv1a {
  public:
    static constexpr uint64_t kOffset = 1469598103934665603ULL;
    static constexpr uint64_t kPrime = 1099511628211ULL;

    void update(const void* data, size_t size) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (size_t i = 0; i < size; ++i) {
            h_ ^= p[i];
            h_ *= kPrime;
        }
    }
    void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
    uint64_t value() const { return h_; }
    /// 16 lower-case hex digits.
    std::string hex() const;

  private:
    uint64_t h_ = kOffset;
};

/// 64-bit FNV-1a of bytes as 16 hex digits (text and model content hashes).
std::string contentHashOf(std::string_view bytes);
/// FNV-1a of the files' bytes one after another (a model's config.json and weights), read in 1 MiB chunks.
std::string contentHashOfFiles(const std::vector<std::string>& paths);

}  // namespace kronscope::core
