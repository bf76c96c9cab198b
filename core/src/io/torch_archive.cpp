#include "kronscope/core/io/torch_archive.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_map>

#include "io/torch_archive_impl.h"

namespace kronscope::core {

using namespace pickle;

const Value* TorchArchive::Impl::dictGet(uint32_t dict, const std::string& key) const {
    const Value& d = values[dict];
    if (d.kind != Kind::Dict) return nullptr;
    for (size_t k = 0; k + 1 < d.items.size(); k += 2) {
        const Value& kv = values[d.items[k]];
        if (kv.kind == Kind::String && kv.s == key) return &values[d.items[k + 1]];
    }
    return nullptr;
}

namespace {

constexpr uint64_t kMaxPickleBytes = uint64_t{64} << 20;

/// Opens `path` as a regular file without blocking on a FIFO.
int openRegular(const std::string& path, uint64_t& size) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) throw InputError(text::printable(path) + ": cannot open: " + text::errnoMessage(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw InputError(text::printable(path) + ": not a regular file");
    }
    size = static_cast<uint64_t>(st.st_size);
    return fd;
}

std::string sniffBytes(const uint8_t* b, size_t n) {
    if (n >= 4 && std::memcmp(b, "PK\x03\x04", 4) == 0) return "zip";
    if (n >= 4 && std::memcmp(b, "PK\x05\x06", 4) == 0) return "zip";  // an empty archive
    if (n >= 262 && std::memcmp(b + 257, "ustar", 5) == 0) return "legacy-tar";
    if (n >= 2 && b[0] == 0x80 && b[1] >= 2 && b[1] <= 5) return "legacy-pickle";
    if (n >= 9 && b[8] == '{') return "safetensors";
    return "unknown";
}

}  // namespace

std::string sniffCheckpointFile(const std::string& path) {
    try {
        uint64_t size = 0;
        const int fd = openRegular(path, size);
        uint8_t buf[512];
        const ssize_t got = ::pread(fd, buf, sizeof buf, 0);
        ::close(fd);
        return got > 0 ? sniffBytes(buf, static_cast<size_t>(got)) : "unknown";
    } catch (const InputError&) {
        return "unknown";
    }
}

TorchArchive::TorchArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TorchArchive::TorchArchive(TorchArchive&&) noexcept = default;
TorchArchive& TorchArchive::operator=(TorchArchive&&) noexcept = default;
TorchArchive::~TorchArchive() = default;

namespace {

void readArchive(TorchArchive::Impl& a, const uint8_t* data, uint64_t size) {
    uint8_t head[512];
    const size_t n = static_cast<size_t>(std::min<uint64_t>(size, sizeof head));
    if (a.fd >= 0) {
        const ssize_t got = ::pread(a.fd, head, n, 0);
        if (got != static_cast<ssize_t>(n)) a.fail("cannot read its first bytes");
    } else if (n) {
        std::memcpy(head, data, n);
    }
    const std::string kind = sniffBytes(head, n);
    if (kind == "legacy-pickle" || kind == "legacy-tar")
        a.fail(
            "PyTorch's legacy format (saved by torch < 1.6) is not read; load it in Python and save it "
            "again with torch >= 1.6 (torch.save writes the zip format) or as safetensors");
    if (kind != "zip") a.fail("not a PyTorch zip archive (torch.save's format) nor a legacy pickle");
    a.zip = std::make_unique<ZipReader>(a.fd, data, size, a.path);
    const auto& entries = a.zip->entries();
    if (entries.empty()) a.fail("the zip archive is empty");
    a.prefix = entries.front().name.substr(0, entries.front().name.find('/'));
    for (const auto& e : entries)
        if (e.name.size() <= a.prefix.size() || e.name.compare(0, a.prefix.size() + 1, a.prefix + "/") != 0)
            a.fail("entry " + text::quoteInput(e.name) + " is outside the archive folder " +
                   text::quoteInput(a.prefix) + "/ (not written by torch.save)");
    const ZipEntry* pkl = a.zip->find(a.prefix + "/data.pkl");
    if (!pkl) a.fail("no " + a.prefix + "/data.pkl (not written by torch.save; a TorchScript archive?)");
    const std::vector<uint8_t> pickle = a.zip->readEntry(*pkl, kMaxPickleBytes);
    a.root = unpickle(a, pickle);
    a.crc_checked.assign(a.storages.size(), 0);
}

}  // namespace

TorchArchive TorchArchive::open(const std::string& path) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    uint64_t size = 0;
    impl->fd = openRegular(path, size);
    readArchive(*impl, nullptr, size);
    TorchArchive out(std::move(impl));
    if (out.isStateDict("")) out.selectStateDict("");
    return out;
}

TorchArchive TorchArchive::parse(const uint8_t* data, size_t size, const std::string& name) {
    auto impl = std::make_unique<Impl>();
    impl->path = name;
    readArchive(*impl, data, size);
    TorchArchive out(std::move(impl));
    if (out.isStateDict("")) out.selectStateDict("");
    return out;
}

const std::string& TorchArchive::path() const {
    return impl_->path;
}
const std::vector<TensorInfo>& TorchArchive::tensors() const {
    return impl_->tensors;
}
const std::string& TorchArchive::archiveName() const {
    return impl_->prefix;
}
size_t TorchArchive::storageCount() const {
    return impl_->storages.size();
}

std::vector<std::string> TorchArchive::rootKeys() const {
    std::vector<std::string> out;
    const Value& r = impl_->values[impl_->root];
    if (r.kind != Kind::Dict) return out;
    for (size_t k = 0; k + 1 < r.items.size(); k += 2)
        if (impl_->values[r.items[k]].kind == Kind::String) out.push_back(impl_->values[r.items[k]].s);
    return out;
}

namespace {

/// root itself ("") or root[key], or nullptr.
const Value* member(const TorchArchive::Impl& a, const std::string& key) {
    return key.empty() ? &a.values[a.root] : a.dictGet(a.root, key);
}

}  // namespace

bool TorchArchive::isStateDict(const std::string& key) const {
    const Value* d = member(*impl_, key);
    if (!d || d->kind != Kind::Dict || d->items.empty()) return false;
    for (size_t k = 0; k + 1 < d->items.size(); k += 2)
        if (impl_->values[d->items[k]].kind != Kind::String ||
            impl_->values[d->items[k + 1]].kind != Kind::Tensor)
            return false;
    return true;
}

void TorchArchive::selectStateDict(const std::string& key) {
    Impl& a = *impl_;
    const std::string what = key.empty() ? "the saved object" : "[" + text::quoteInput(key) + "]";
    const Value* d = member(a, key);
    if (!d) a.fail("has no " + what);
    if (d->kind != Kind::Dict)
        a.fail(what + " is a " + std::string(kindName(d->kind)) + ", not a state dict");
    std::vector<TensorInfo> infos;
    std::vector<uint32_t> recs;
    std::unordered_map<std::string, int> seen;
    for (size_t k = 0; k + 1 < d->items.size(); k += 2) {
        const Value& name = a.values[d->items[k]];
        const Value& t = a.values[d->items[k + 1]];
        if (name.kind != Kind::String)
            a.fail(what + " has a key that is a " + std::string(kindName(name.kind)));
        if (t.kind != Kind::Tensor)
            a.fail(what + "[" + text::quoteInput(name.s) + "] is a " + kindName(t.kind) + ", not a tensor");
        if (seen[name.s]++) a.fail("tensor " + text::quoteInput(name.s) + " appears twice in " + what);
        const TensorRec& r = a.tensor_recs[static_cast<size_t>(t.i)];
        TensorInfo info;
        info.name = name.s;
        info.dtype = a.storages[r.storage].dtype;
        info.shape = r.sizes;
        info.end = static_cast<uint64_t>(*checkedNumel(r.sizes)) * dtypeSize(info.dtype);
        infos.push_back(std::move(info));
        recs.push_back(static_cast<uint32_t>(t.i));
    }
    a.tensors = std::move(infos);
    a.rec_of_tensor = std::move(recs);
}

std::map<std::string, PickleScalar> TorchArchive::scalarDict(const std::string& key) const {
    const Impl& a = *impl_;
    const Value* d = a.dictGet(a.root, key);
    if (!d) a.fail("has no [" + text::quoteInput(key) + "]");
    if (d->kind != Kind::Dict)
        a.fail("[" + text::quoteInput(key) + "] is a " + kindName(d->kind) + ", not a dict");
    std::map<std::string, PickleScalar> out;
    for (size_t k = 0; k + 1 < d->items.size(); k += 2) {
        const Value& name = a.values[d->items[k]];
        const Value& v = a.values[d->items[k + 1]];
        if (name.kind != Kind::String)
            a.fail("[" + text::quoteInput(key) + "] has a key that is not a string");
        PickleScalar s;
        switch (v.kind) {
            case Kind::None:
                break;
            case Kind::Bool:
                s.kind = PickleScalar::Kind::Bool, s.b = v.i != 0;
                break;
            case Kind::Int:
                s.kind = PickleScalar::Kind::Int, s.i = v.i;
                break;
            case Kind::Float:
                s.kind = PickleScalar::Kind::Float, s.f = v.f;
                break;
            case Kind::String:
                s.kind = PickleScalar::Kind::String, s.s = v.s;
                break;
            default:
                a.fail("[" + text::quoteInput(key) + "][" + text::quoteInput(name.s) + "] is a " +
                       kindName(v.kind) + ", not a number, bool, string or None");
        }
        out[name.s] = s;
    }
    return out;
}

void TorchArchive::copyTensor(const TensorInfo& info, void* dst) const {
    const Impl& a = *impl_;
    if (a.tensors.empty() || &info < &a.tensors.front() || &info > &a.tensors.back())
        throw InputError(a.path + ": copyTensor was given a tensor of another file");
    const TensorRec& r = a.tensor_recs[a.rec_of_tensor[static_cast<size_t>(&info - &a.tensors.front())]];
    const StorageRec& s = a.storages[r.storage];
    const size_t es = dtypeSize(s.dtype);
    const int64_t numel = *checkedNumel(r.sizes);
    if (numel == 0) return;
    bool contiguous = true;
    int64_t expect = 1;
    for (size_t d = r.sizes.size(); d-- > 0;) {
        if (r.sizes[d] != 1 && r.strides[d] != expect) contiguous = false;
        expect *= r.sizes[d];
    }
    const bool whole = contiguous && r.offset == 0 && numel == s.numel;
    char& checked = a.crc_checked[r.storage];
    if (whole) {  // the common case: read once, check the CRC on the bytes read
        a.zip->readAt(s.entry->data_offset, dst, static_cast<size_t>(numel) * es);
        if (!checked && crc32Of(dst, static_cast<size_t>(numel) * es) != s.entry->crc32)
            a.fail("entry " + text::quoteInput(s.entry->name) + ": CRC-32 mismatch");
        checked = 1;
        return;
    }
    if (!checked) a.zip->verifyCrc(*s.entry);
    checked = 1;
    if (contiguous) {
        a.zip->readAt(s.entry->data_offset + static_cast<uint64_t>(r.offset) * es, dst,
                      static_cast<size_t>(numel) * es);
        return;
    }
    // A strided view: read the span it touches, then gather row-major.
    int64_t span = 1;
    for (size_t d = 0; d < r.sizes.size(); ++d) span += (r.sizes[d] - 1) * r.strides[d];
    std::vector<uint8_t> buf(static_cast<size_t>(span) * es);
    a.zip->readAt(s.entry->data_offset + static_cast<uint64_t>(r.offset) * es, buf.data(), buf.size());
    std::vector<int64_t> idx(r.sizes.size(), 0);
    auto* out = static_cast<uint8_t*>(dst);
    for (int64_t k = 0; k < numel; ++k) {
        int64_t src = 0;
        for (size_t d = 0; d < idx.size(); ++d) src += idx[d] * r.strides[d];
        std::memcpy(out + static_cast<size_t>(k) * es, buf.data() + static_cast<size_t>(src) * es, es);
        for (size_t d = idx.size(); d-- > 0;) {
            if (++idx[d] < r.sizes[d]) break;
            idx[d] = 0;
        }
    }
}

}  // namespace kronscope::core
