#pragma once
// Private to core/src/io: a strict reader of zip archives with stored (uncompressed) entries, the kind
// torch.save writes (miniz, entries aligned to 64 bytes, zip64 when the archive passes 4 GiB). It reads the
// end-of-central-directory record (and its zip64 form), the central directory and every local header, and
// refuses: compressed or encrypted entries, sizes that disagree, names that differ between the central
// directory and the local header, duplicate names, entries that overlap one another or the central
// directory, and anything past the end of the file. Bytes are read with pread (a file cut short meanwhile
// is an error naming it) or from a caller's buffer. No torch.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kronscope::core {

struct ZipEntry {
    std::string name;
    uint64_t data_offset = 0;  // where the entry's bytes start in the file
    uint64_t size = 0;
    uint32_t crc32 = 0;
};

class ZipReader {
  public:
    /// `fd` >= 0: an open regular file of `size` bytes (not owned); else `data` holds `size` bytes.
    ZipReader(int fd, const uint8_t* data, uint64_t size, std::string name);

    const std::string& name() const { return name_; }
    const std::vector<ZipEntry>& entries() const { return entries_; }
    /// The entry called `name`, or nullptr.
    const ZipEntry* find(const std::string& name) const;
    /// Copies `n` bytes from file offset `offset`; InputError if the file is shorter than that.
    void readAt(uint64_t offset, void* dst, size_t n) const;
    /// The whole entry, its CRC-32 checked. InputError when it is larger than `limit`.
    std::vector<uint8_t> readEntry(const ZipEntry& e, uint64_t limit) const;
    /// Checks the entry's CRC-32 by reading it in pieces (InputError naming the entry when it differs).
    void verifyCrc(const ZipEntry& e) const;

    [[noreturn]] void fail(const std::string& rule) const;

  private:
    void readDirectory();
    uint64_t findEndRecord(uint64_t& cd_offset, uint64_t& cd_size, uint64_t& count) const;
    void checkLayout();

    int fd_;
    const uint8_t* data_;
    uint64_t size_;
    std::string name_;
    std::vector<ZipEntry> entries_;
    std::map<std::string, size_t> index_;
    std::vector<uint64_t> header_offsets_;  // local header of each entry, for the overlap check
};

/// zlib's CRC-32 of `n` bytes, continuing from `crc` (0 to start).
uint32_t crc32Of(const void* data, size_t n, uint32_t crc = 0);

}  // namespace kronscope::core
