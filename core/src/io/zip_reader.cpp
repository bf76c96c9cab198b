#include "io/zip_reader.h"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/text_util.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core {

namespace {

constexpr uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50;
constexpr uint32_t kEnd64Sig = 0x06064b50, kLocator64Sig = 0x07064b50;
constexpr uint64_t kMaxCentralDirectory = uint64_t{256} << 20;
constexpr uint64_t kMaxEntries = 1'000'000;

uint16_t u16(const uint8_t* p) {
    return static_cast<uint16_t>(p[0] | (p[1] << 8));
}
uint32_t u32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
           (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}
uint64_t u64(const uint8_t* p) {
    return static_cast<uint64_t>(u32(p)) | (static_cast<uint64_t>(u32(p + 4)) << 32);
}

}  // namespace

uint32_t crc32Of(const void* data, size_t n, uint32_t crc) {
    const auto* p = static_cast<const Bytef*>(data);
    uLong c = crc;
    while (n > 0) {  // zlib takes a uInt length
        const uInt piece = static_cast<uInt>(std::min<size_t>(n, uInt{1} << 30));
        c = ::crc32(c, p, piece);
        p += piece;
        n -= piece;
    }
    return static_cast<uint32_t>(c);
}

ZipReader::ZipReader(int fd, const uint8_t* data, uint64_t size, std::string name)
    : fd_(fd), data_(data), size_(size), name_(std::move(name)) {
    readDirectory();
}

void ZipReader::fail(const std::string& rule) const {
    throw InputError(text::printable(name_) + ": " + rule);
}

void ZipReader::readAt(uint64_t offset, void* dst, size_t n) const {
    if (offset > size_ || n > size_ - offset)
        fail("needs bytes " + std::to_string(offset) + ".." + std::to_string(offset + n) +
             " but the file has " + std::to_string(size_) + " (truncated?)");
    if (fd_ < 0) {
        if (n) std::memcpy(dst, data_ + offset, n);
        return;
    }
    auto* out = static_cast<uint8_t*>(dst);
    size_t done = 0;
    while (done < n) {
        const ssize_t got = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) fail("read failed: " + text::errnoMessage(errno));
        if (got == 0)
            fail("ended at byte " + std::to_string(offset + done) +
                 " while being read (was it cut short by another process?)");
        done += static_cast<size_t>(got);
    }
}

const ZipEntry* ZipReader::find(const std::string& name) const {
    const auto it = index_.find(name);
    return it == index_.end() ? nullptr : &entries_[it->second];
}

uint64_t ZipReader::findEndRecord(uint64_t& cd_offset, uint64_t& cd_size, uint64_t& count) const {
    if (size_ < 22)
        fail("not a zip archive (" + std::to_string(size_) + " bytes, no end of central directory)");
    // The end record is the last 22 bytes plus a comment of at most 65,535 bytes.
    const uint64_t tail = std::min<uint64_t>(size_, 22 + 65535);
    std::vector<uint8_t> buf(static_cast<size_t>(tail));
    readAt(size_ - tail, buf.data(), buf.size());
    for (size_t i = buf.size() - 22 + 1; i-- > 0;) {
        if (u32(&buf[i]) != kEndSig) continue;
        const uint8_t* e = &buf[i];
        const uint64_t at = size_ - tail + i;
        if (i + 22 + u16(e + 20) != buf.size()) continue;  // the comment must reach the end exactly
        if (u16(e + 4) != 0 || u16(e + 6) != 0) fail("multi-disk zip archives are not supported");
        count = u16(e + 10);
        cd_size = u32(e + 12);
        cd_offset = u32(e + 16);
        if (count == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) {
            if (at < 20) fail("zip64 end record is missing");
            uint8_t loc[20];
            readAt(at - 20, loc, 20);
            if (u32(loc) != kLocator64Sig) fail("zip64 end-record locator is missing");
            const uint64_t end64 = u64(loc + 8);
            uint8_t rec[56];
            if (end64 > at || at - end64 < 56) fail("zip64 end record lies outside the archive");
            readAt(end64, rec, 56);
            if (u32(rec) != kEnd64Sig) fail("zip64 end record has a wrong signature");
            count = u64(rec + 32);
            cd_size = u64(rec + 40);
            cd_offset = u64(rec + 48);
            return end64;
        }
        return at;
    }
    fail("not a zip archive (no end of central directory record)");
}

void ZipReader::readDirectory() {
    uint64_t cd_offset = 0, cd_size = 0, count = 0;
    const uint64_t end = findEndRecord(cd_offset, cd_size, count);
    if (cd_offset > end || cd_size > end - cd_offset) fail("the central directory lies outside the archive");
    if (cd_size > kMaxCentralDirectory) fail("central directory of " + std::to_string(cd_size) + " bytes");
    if (count > kMaxEntries) fail(std::to_string(count) + " entries (at most 1,000,000)");
    std::vector<uint8_t> cd(static_cast<size_t>(cd_size));
    readAt(cd_offset, cd.data(), cd.size());
    size_t pos = 0;
    for (uint64_t k = 0; k < count; ++k) {
        if (pos + 46 > cd.size() || u32(&cd[pos]) != kCentralSig)
            fail("central directory entry " + std::to_string(k) + " is cut short or has a wrong signature");
        const uint8_t* c = &cd[pos];
        const uint16_t flags = u16(c + 8), method = u16(c + 10);
        ZipEntry e;
        e.crc32 = u32(c + 16);
        uint64_t csize = u32(c + 20), usize = u32(c + 24), lho = u32(c + 42);
        const size_t n = u16(c + 28), m = u16(c + 30), comment = u16(c + 32);
        if (pos + 46 + n + m + comment > cd.size())
            fail("central directory entry " + std::to_string(k) + " is cut short");
        e.name.assign(reinterpret_cast<const char*>(c + 46), n);
        // The zip64 extra field carries, in this order, whichever of the three values were 0xFFFFFFFF.
        for (size_t x = 0; x + 4 <= m;) {
            const uint8_t* f = c + 46 + n + x;
            const size_t len = u16(f + 2);
            if (x + 4 + len > m) fail("entry " + text::quoteInput(e.name) + ": extra field is cut short");
            if (u16(f) == 0x0001) {
                size_t q = 4;
                auto take = [&](uint64_t& v) {
                    if (v != 0xFFFFFFFF) return;
                    if (q + 8 > 4 + len)
                        fail("entry " + text::quoteInput(e.name) + ": zip64 field is cut short");
                    v = u64(f + q);
                    q += 8;
                };
                take(usize);
                take(csize);
                take(lho);
            }
            x += 4 + len;
        }
        if (flags & 0x1) fail("entry " + text::quoteInput(e.name) + " is encrypted");
        if (method != 0)
            fail("entry " + text::quoteInput(e.name) + " is compressed (method " + std::to_string(method) +
                 "); torch.save stores entries uncompressed");
        if (csize != usize) fail("entry " + text::quoteInput(e.name) + ": stored sizes differ");
        e.size = usize;
        // The local header: signature, the same name, then the bytes.
        uint8_t local[30];
        readAt(lho, local, 30);
        if (u32(local) != kLocalSig)
            fail("entry " + text::quoteInput(e.name) + ": local header has a wrong signature");
        const size_t ln = u16(local + 26), lm = u16(local + 28);
        std::string lname(ln, '\0');
        readAt(lho + 30, lname.data(), ln);
        if (lname != e.name)
            fail("entry " + text::quoteInput(e.name) + ": the local header names it " +
                 text::quoteInput(lname));
        e.data_offset = lho + 30 + ln + lm;
        if (e.data_offset > cd_offset || e.size > cd_offset - e.data_offset)
            fail("entry " + text::quoteInput(e.name) + " runs into the central directory or past the end");
        if (!index_.emplace(e.name, entries_.size()).second)
            fail("entry " + text::quoteInput(e.name) + " appears twice");
        entries_.push_back(std::move(e));
        header_offsets_.push_back(lho);
        pos += 46 + n + m + comment;
    }
    checkLayout();
}

void ZipReader::checkLayout() {
    std::vector<size_t> order(entries_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return header_offsets_[a] < header_offsets_[b]; });
    for (size_t k = 1; k < order.size(); ++k) {
        const ZipEntry& prev = entries_[order[k - 1]];
        if (prev.data_offset + prev.size > header_offsets_[order[k]])
            fail("entries " + text::quoteInput(prev.name) + " and " +
                 text::quoteInput(entries_[order[k]].name) + " overlap");
    }
}

std::vector<uint8_t> ZipReader::readEntry(const ZipEntry& e, uint64_t limit) const {
    if (e.size > limit)
        fail("entry " + text::quoteInput(e.name) + " has " + std::to_string(e.size) + " bytes (at most " +
             std::to_string(limit) + ")");
    std::vector<uint8_t> out(static_cast<size_t>(e.size));
    readAt(e.data_offset, out.data(), out.size());
    if (crc32Of(out.data(), out.size()) != e.crc32)
        fail("entry " + text::quoteInput(e.name) + ": CRC-32 mismatch");
    return out;
}

void ZipReader::verifyCrc(const ZipEntry& e) const {
    std::vector<uint8_t> buf(std::min<uint64_t>(e.size, uint64_t{4} << 20));
    uint32_t crc = 0;
    for (uint64_t done = 0; done < e.size;) {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(buf.size(), e.size - done));
        readAt(e.data_offset + done, buf.data(), n);
        crc = crc32Of(buf.data(), n, crc);
        done += n;
    }
    if (crc != e.crc32) fail("entry " + text::quoteInput(e.name) + ": CRC-32 mismatch");
}

}  // namespace kronscope::core
