#include "kronscope/core/io/torch_archive.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_map>

#include "base/text_util.h"
#include "io/zip_reader.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core {

namespace {

constexpr uint64_t kMaxPickleBytes = uint64_t{64} << 20;
constexpr size_t kMaxValues = size_t{4} << 20;
constexpr size_t kMaxDims = 8;

enum class Kind : uint8_t {
    None,
    Bool,
    Int,
    Float,
    String,
    Bytes,
    Tuple,
    List,
    Dict,
    Global,
    Storage,
    Tensor
};

const char* kindName(Kind k) {
    static const char* names[] = {"None",  "bool", "int",  "float",  "str",     "bytes",
                                  "tuple", "list", "dict", "global", "storage", "tensor"};
    return names[static_cast<int>(k)];
}

/// One value of the pickle. Containers hold indices into the arena, so nothing recurses and a cycle built
/// through the memo is harmless.
struct Value {
    Kind kind = Kind::None;
    int64_t i = 0;  // Bool, Int; Storage and Tensor: their index
    double f = 0;
    std::string s;                // String, Bytes; Global: "module.name"
    std::vector<uint32_t> items;  // Tuple, List; Dict: key, value, key, value, ...
};

struct StorageRec {
    std::string key;
    DType dtype = DType::F32;
    int64_t numel = 0;
    const ZipEntry* entry = nullptr;
};

struct TensorRec {
    uint32_t storage = 0;
    int64_t offset = 0;
    std::vector<int64_t> sizes, strides;
};

struct StorageType {
    const char* global;
    DType dtype;
};
// Weights are F32, F16 or BF16; Bool and Byte storages hold the attention-mask buffers that transformers
// saved with GPT-2 (the loader skips those names).
constexpr StorageType kStorageTypes[] = {{"torch.FloatStorage", DType::F32},
                                         {"torch.HalfStorage", DType::F16},
                                         {"torch.BFloat16Storage", DType::BF16},
                                         {"torch.BoolStorage", DType::BOOL},
                                         {"torch.ByteStorage", DType::U8}};
constexpr const char* kCallables[] = {"collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
                                      "torch._utils._rebuild_parameter"};

const char* opcodeName(uint8_t op) {
    switch (op) {
        case 'i':
            return "INST";
        case 'o':
            return "OBJ";
        case 0x81:
            return "NEWOBJ";
        case 0x92:
            return "NEWOBJ_EX";
        case 'P':
            return "PERSID";
        case 'I':
            return "INT";
        case 'L':
            return "LONG";
        case 'F':
            return "FLOAT";
        case 'S':
            return "STRING";
        case 'V':
            return "UNICODE";
        case 'T':
            return "BINSTRING";
        case 'U':
            return "SHORT_BINSTRING";
        case 'p':
            return "PUT";
        case 'g':
            return "GET";
        case '0':
            return "POP";
        case '1':
            return "POP_MARK";
        case '2':
            return "DUP";
        case 'l':
            return "LIST";
        case 'd':
            return "DICT";
        case 0x82:
            return "EXT1";
        case 0x83:
            return "EXT2";
        case 0x84:
            return "EXT4";
        case 0x8b:
            return "LONG4";
        case 0x8f:
            return "EMPTY_SET";
        case 0x90:
            return "ADDITEMS";
        case 0x91:
            return "FROZENSET";
        case 0x96:
            return "BYTEARRAY8";
        case 0x97:
            return "NEXT_BUFFER";
        case 0x98:
            return "READONLY_BUFFER";
        default:
            return "unknown";
    }
}

}  // namespace

struct TorchArchive::Impl {
    std::string path;
    int fd = -1;
    std::unique_ptr<ZipReader> zip;
    std::string prefix;
    std::vector<Value> values;
    uint32_t root = 0;
    std::vector<StorageRec> storages;
    std::unordered_map<std::string, uint32_t> storage_by_key;
    std::vector<TensorRec> tensor_recs;
    std::vector<TensorInfo> tensors;
    std::vector<uint32_t> rec_of_tensor;  // tensors[k] -> tensor_recs index
    mutable std::vector<char> crc_checked;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        if (fd >= 0) ::close(fd);
    }
    [[noreturn]] void fail(const std::string& rule) const {
        throw InputError(text::printable(path) + ": " + rule);
    }
    const Value* dictGet(uint32_t dict, const std::string& key) const;
};

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

/// The pickle machine: the opcodes a state dict (and nanoGPT's checkpoint dict) needs, nothing else.
class Unpickler {
  public:
    Unpickler(TorchArchive::Impl& a, const std::vector<uint8_t>& p) : a_(a), p_(p) {}

    uint32_t run() {
        while (true) {
            op_at_ = pos_;
            const uint8_t op = byte();
            if (op == '.') return pop();
            step(op);
        }
    }

  private:
    [[noreturn]] void fail(const std::string& rule) const {
        a_.fail(a_.prefix + "/data.pkl byte " + std::to_string(op_at_) + ": " + rule);
    }
    uint8_t byte() {
        if (pos_ >= p_.size()) fail("the pickle ends without STOP");
        return p_[pos_++];
    }
    const uint8_t* take(uint64_t n) {
        if (n > p_.size() - pos_) fail("the pickle ends inside an opcode's argument");
        const uint8_t* at = p_.data() + pos_;
        pos_ += static_cast<size_t>(n);
        return at;
    }
    uint64_t le(int n) {
        const uint8_t* b = take(static_cast<uint64_t>(n));
        uint64_t v = 0;
        for (int k = n - 1; k >= 0; --k) v = (v << 8) | b[k];
        return v;
    }
    uint32_t make(Value v) {
        if (a_.values.size() >= kMaxValues) fail("more than 4,194,304 values (a pickle bomb?)");
        a_.values.push_back(std::move(v));
        return static_cast<uint32_t>(a_.values.size() - 1);
    }
    uint32_t makeInt(Kind k, int64_t i) {
        Value v;
        v.kind = k;
        v.i = i;
        return make(std::move(v));
    }
    void push(uint32_t id) { stack_.push_back(id); }
    uint32_t pop() {
        if (stack_.size() <= (marks_.empty() ? 0 : marks_.back())) fail("the stack is empty here");
        const uint32_t id = stack_.back();
        stack_.pop_back();
        return id;
    }
    uint32_t top() {
        if (stack_.size() <= (marks_.empty() ? 0 : marks_.back())) fail("the stack is empty here");
        return stack_.back();
    }
    std::vector<uint32_t> popMark() {
        if (marks_.empty()) fail("no MARK to pop to");
        const size_t m = marks_.back();
        marks_.pop_back();
        std::vector<uint32_t> out(stack_.begin() + static_cast<std::ptrdiff_t>(m), stack_.end());
        stack_.resize(m);
        return out;
    }
    Value& at(uint32_t id) { return a_.values[id]; }
    Value& container(uint32_t id, Kind k, const char* op) {
        Value& v = at(id);
        if (v.kind != k)
            fail(std::string(op) + " needs a " + kindName(k) + " below its items, found a " +
                 kindName(v.kind));
        return v;
    }

    void pushString(Kind k, uint64_t n) {
        const uint8_t* b = take(n);
        Value v;
        v.kind = k;
        v.s.assign(reinterpret_cast<const char*>(b), static_cast<size_t>(n));
        push(make(std::move(v)));
    }
    std::string line() {
        std::string s;
        while (true) {
            const uint8_t c = byte();
            if (c == '\n') return s;
            if (s.size() >= 256) fail("GLOBAL name longer than 256 bytes");
            s.push_back(static_cast<char>(c));
        }
    }
    void global(const std::string& module, const std::string& name) {
        const std::string full = module + "." + name;
        bool allowed = false;
        for (const auto& t : kStorageTypes) allowed |= full == t.global;
        for (const char* c : kCallables) allowed |= full == c;
        if (!allowed)
            fail("pickle global " + text::quoteInput(full) +
                 " is not allowed (a state dict needs only collections.OrderedDict, "
                 "torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter and the Float / Half / "
                 "BFloat16 / Bool / Byte storage types)");
        Value v;
        v.kind = Kind::Global;
        v.s = full;
        push(make(std::move(v)));
    }
    int64_t intOf(uint32_t id, const char* what) {
        const Value& v = at(id);
        if (v.kind != Kind::Int) fail(std::string(what) + " must be an int, found a " + kindName(v.kind));
        return v.i;
    }
    std::vector<int64_t> intTuple(uint32_t id, const char* what) {
        const Value& v = at(id);
        if (v.kind != Kind::Tuple) fail(std::string(what) + " must be a tuple, found a " + kindName(v.kind));
        if (v.items.size() > kMaxDims) fail(std::string(what) + " has more than 8 dimensions");
        std::vector<int64_t> out;
        for (uint32_t k : v.items) out.push_back(intOf(k, what));
        return out;
    }
    void emptyDict(uint32_t id, const char* what) {
        const Value& v = at(id);
        if (v.kind != Kind::Dict || !v.items.empty())
            fail(std::string(what) + " must be an empty OrderedDict (no hooks), found a " + kindName(v.kind));
    }

    uint32_t persistentLoad(uint32_t pid);
    uint32_t rebuildTensor(const std::vector<uint32_t>& args);
    void reduce();
    void step(uint8_t op);
    bool scalarOp(uint8_t op);
    bool containerOp(uint8_t op);
    bool objectOp(uint8_t op);

    TorchArchive::Impl& a_;
    const std::vector<uint8_t>& p_;
    size_t pos_ = 0, op_at_ = 0;
    std::vector<uint32_t> stack_;
    std::vector<size_t> marks_;
    std::unordered_map<uint64_t, uint32_t> memo_;
};

uint32_t Unpickler::persistentLoad(uint32_t pid) {
    const Value& t = at(pid);
    if (t.kind != Kind::Tuple || t.items.size() != 5 || at(t.items[0]).kind != Kind::String ||
        at(t.items[0]).s != "storage")
        fail("persistent id must be ('storage', type, key, location, numel)");
    const Value& type = at(t.items[1]);
    const Value& key = at(t.items[2]);
    if (key.kind != Kind::String || at(t.items[3]).kind != Kind::String)
        fail("persistent id: the storage key and location must be strings");
    const int64_t numel = intOf(t.items[4], "storage numel");
    const StorageType* st = nullptr;
    for (const auto& s : kStorageTypes)
        if (type.kind == Kind::Global && type.s == s.global) st = &s;
    if (!st)
        fail("persistent id: " + std::string(kindName(type.kind)) +
             " is not one of the allowed storage types");
    if (key.s.empty() || key.s.size() > 32 || !std::all_of(key.s.begin(), key.s.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c));
        }))
        fail("storage key " + text::quoteInput(key.s) + " is not a plain name");
    const auto found = a_.storage_by_key.find(key.s);
    if (found != a_.storage_by_key.end()) {
        const StorageRec& r = a_.storages[found->second];
        if (r.dtype != st->dtype || r.numel != numel)
            fail("storage " + key.s + " is referenced with two different types or sizes");
        Value v;
        v.kind = Kind::Storage;
        v.i = found->second;
        return make(std::move(v));
    }
    const std::string entry_name = a_.prefix + "/data/" + key.s;
    const ZipEntry* e = a_.zip->find(entry_name);
    if (!e) fail("storage " + key.s + " has no entry " + entry_name + " in the archive");
    const uint64_t es = dtypeSize(st->dtype);
    if (numel < 0 || static_cast<uint64_t>(numel) > e->size / es ||
        static_cast<uint64_t>(numel) * es != e->size)
        fail("storage " + key.s + " claims " + std::to_string(numel) + " elements of " + std::to_string(es) +
             " bytes but its entry has " + std::to_string(e->size) + " bytes");
    a_.storages.push_back({key.s, st->dtype, numel, e});
    a_.storage_by_key[key.s] = static_cast<uint32_t>(a_.storages.size() - 1);
    Value v;
    v.kind = Kind::Storage;
    v.i = static_cast<int64_t>(a_.storages.size() - 1);
    return make(std::move(v));
}

uint32_t Unpickler::rebuildTensor(const std::vector<uint32_t>& args) {
    if (args.size() != 6 && args.size() != 7)
        fail("_rebuild_tensor_v2 takes 6 or 7 arguments, got " + std::to_string(args.size()));
    const Value& s = at(args[0]);
    if (s.kind != Kind::Storage)
        fail("_rebuild_tensor_v2: the first argument is a " + std::string(kindName(s.kind)) +
             ", not a storage");
    const StorageRec& storage = a_.storages[static_cast<size_t>(s.i)];
    TensorRec r;
    r.storage = static_cast<uint32_t>(s.i);
    r.offset = intOf(args[1], "storage offset");
    r.sizes = intTuple(args[2], "size");
    r.strides = intTuple(args[3], "stride");
    if (at(args[4]).kind != Kind::Bool) fail("requires_grad must be a bool");
    emptyDict(args[5], "backward_hooks");
    if (args.size() == 7 && at(args[6]).kind != Kind::None) emptyDict(args[6], "metadata");
    if (r.sizes.size() != r.strides.size()) fail("size and stride have different lengths");
    const auto numel = checkedNumel(r.sizes);
    if (!numel) fail("tensor size " + formatShape(r.sizes) + " is negative or overflows");
    if (r.offset < 0) fail("negative storage offset");
    // The last element's position, overflow-checked, must be inside the storage.
    if (*numel > 0) {
        uint64_t last = static_cast<uint64_t>(r.offset);
        for (size_t d = 0; d < r.sizes.size(); ++d) {
            if (r.strides[d] < 0) fail("negative stride");
            const uint64_t step = static_cast<uint64_t>(r.sizes[d] - 1);
            const uint64_t stride = static_cast<uint64_t>(r.strides[d]);
            if (stride != 0 && step > (uint64_t{1} << 62) / stride) fail("tensor strides overflow");
            last += step * stride;
            if (last >= (uint64_t{1} << 62)) fail("tensor strides overflow");
        }
        if (last >= static_cast<uint64_t>(storage.numel))
            fail("a tensor of size " + formatShape(r.sizes) + " at offset " + std::to_string(r.offset) +
                 " reaches element " + std::to_string(last) + " of storage " + storage.key + ", which has " +
                 std::to_string(storage.numel));
    }
    a_.tensor_recs.push_back(std::move(r));
    return makeInt(Kind::Tensor, static_cast<int64_t>(a_.tensor_recs.size() - 1));
}

void Unpickler::reduce() {
    const uint32_t args_id = pop();
    const uint32_t fn_id = pop();
    const Value& fn = at(fn_id);
    const Value& args = at(args_id);
    if (fn.kind != Kind::Global) fail("REDUCE on a " + std::string(kindName(fn.kind)) + ", not a callable");
    if (args.kind != Kind::Tuple)
        fail("REDUCE arguments are a " + std::string(kindName(args.kind)) + ", not a tuple");
    const std::vector<uint32_t> a = args.items;
    if (fn.s == "collections.OrderedDict") {
        if (!a.empty()) fail("OrderedDict is called with arguments");
        Value d;
        d.kind = Kind::Dict;
        push(make(std::move(d)));
    } else if (fn.s == "torch._utils._rebuild_tensor_v2") {
        push(rebuildTensor(a));
    } else if (fn.s == "torch._utils._rebuild_parameter") {
        if (a.size() != 3 || at(a[0]).kind != Kind::Tensor || at(a[1]).kind != Kind::Bool)
            fail("_rebuild_parameter takes (tensor, requires_grad, hooks)");
        emptyDict(a[2], "backward_hooks");
        push(a[0]);
    } else {
        fail(fn.s + " cannot be called");
    }
}

/// PROTO, FRAME, MARK and the opcodes that push a scalar.
bool Unpickler::scalarOp(uint8_t op) {
    switch (op) {
        case 0x80: {  // PROTO
            const int v = byte();
            if (v < 2 || v > 5) fail("pickle protocol " + std::to_string(v) + " (expected 2 to 5)");
            return true;
        }
        case 0x95:
            take(8);
            return true;  // FRAME: a length hint
        case '(':
            marks_.push_back(stack_.size());
            return true;
        case 'N':
            push(make(Value{}));
            return true;
        case 0x88:
            push(makeInt(Kind::Bool, 1));
            return true;
        case 0x89:
            push(makeInt(Kind::Bool, 0));
            return true;
        case 'J':
            push(makeInt(Kind::Int, static_cast<int32_t>(le(4))));
            return true;
        case 'K':
            push(makeInt(Kind::Int, static_cast<int64_t>(le(1))));
            return true;
        case 'M':
            push(makeInt(Kind::Int, static_cast<int64_t>(le(2))));
            return true;
        case 0x8a: {  // LONG1: little-endian two's complement of n bytes
            const int n = byte();
            if (n > 8) fail("an integer of " + std::to_string(n) + " bytes (at most 8)");
            uint64_t v = n ? le(n) : 0;
            if (n > 0 && n < 8 && (v >> (8 * n - 1)) & 1) v |= ~uint64_t{0} << (8 * n);
            push(makeInt(Kind::Int, static_cast<int64_t>(v)));
            return true;
        }
        case 'G': {  // BINFLOAT: big-endian double
            const uint8_t* b = take(8);
            uint64_t bits = 0;
            for (int k = 0; k < 8; ++k) bits = (bits << 8) | b[k];
            Value v;
            v.kind = Kind::Float;
            std::memcpy(&v.f, &bits, 8);
            push(make(std::move(v)));
            return true;
        }
        case 'X':
            pushString(Kind::String, le(4));
            return true;
        case 0x8c:
            pushString(Kind::String, le(1));
            return true;
        case 0x8d:
            pushString(Kind::String, le(8));
            return true;
        case 'B':
            pushString(Kind::Bytes, le(4));
            return true;
        case 'C':
            pushString(Kind::Bytes, le(1));
            return true;
        default:
            return false;
    }
}

/// Tuples, lists and dicts, and the opcodes that fill them.
bool Unpickler::containerOp(uint8_t op) {
    switch (op) {
        case ')': {
            Value v;
            v.kind = Kind::Tuple;
            push(make(std::move(v)));
            return true;
        }
        case 't':
        case 0x85:
        case 0x86:
        case 0x87: {
            Value v;
            v.kind = Kind::Tuple;
            if (op == 't') {
                v.items = popMark();
            } else {
                v.items.resize(static_cast<size_t>(op - 0x84));
                for (size_t k = v.items.size(); k-- > 0;) v.items[k] = pop();
            }
            push(make(std::move(v)));
            return true;
        }
        case ']':
        case '}': {
            Value v;
            v.kind = op == ']' ? Kind::List : Kind::Dict;
            push(make(std::move(v)));
            return true;
        }
        case 'a': {
            const uint32_t x = pop();
            container(top(), Kind::List, "APPEND").items.push_back(x);
            return true;
        }
        case 'e': {
            const auto xs = popMark();
            auto& l = container(top(), Kind::List, "APPENDS").items;
            l.insert(l.end(), xs.begin(), xs.end());
            return true;
        }
        case 's': {
            const uint32_t v = pop(), k = pop();
            auto& d = container(top(), Kind::Dict, "SETITEM").items;
            d.push_back(k);
            d.push_back(v);
            return true;
        }
        case 'u': {
            const auto xs = popMark();
            if (xs.size() % 2) fail("SETITEMS with an odd number of items");
            auto& d = container(top(), Kind::Dict, "SETITEMS").items;
            d.insert(d.end(), xs.begin(), xs.end());
            return true;
        }
        default:
            return false;
    }
}

/// GLOBAL, REDUCE, BINPERSID, BUILD and the memo.
bool Unpickler::objectOp(uint8_t op) {
    switch (op) {
        case 'c': {
            const std::string module = line();
            global(module, line());
            return true;
        }
        case 0x93: {  // STACK_GLOBAL
            const uint32_t n = pop(), m = pop();
            if (at(n).kind != Kind::String || at(m).kind != Kind::String)
                fail("STACK_GLOBAL needs two strings");
            global(at(m).s, at(n).s);
            return true;
        }
        case 'R':
            reduce();
            return true;
        case 'Q':
            push(persistentLoad(pop()));
            return true;
        case 'b': {  // BUILD: only an OrderedDict's attribute dict (the state dict's _metadata), ignored
            const uint32_t state = pop();
            const Kind target = at(top()).kind, sk = at(state).kind;
            if (target != Kind::Dict || (sk != Kind::Dict && sk != Kind::None))
                fail(std::string("BUILD sets the state of a ") + kindName(target) + " from a " +
                     kindName(sk) + " (only an OrderedDict's attributes are accepted)");
            return true;
        }
        case 'q':
            memo_[le(1)] = top();
            return true;
        case 'r':
            memo_[le(4)] = top();
            return true;
        case 0x94:
            memo_[memo_.size()] = top();
            return true;
        case 'h':
        case 'j': {
            const uint64_t k = le(op == 'h' ? 1 : 4);
            const auto it = memo_.find(k);
            if (it == memo_.end()) fail("memo " + std::to_string(k) + " was never stored");
            push(it->second);
            return true;
        }
        default:
            return false;
    }
}

void Unpickler::step(uint8_t op) {
    if (scalarOp(op) || containerOp(op) || objectOp(op)) return;
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", op);
    fail(std::string("pickle opcode ") + hex + " (" + opcodeName(op) + ") is not allowed");
}

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
    a.root = Unpickler(a, pickle).run();
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
