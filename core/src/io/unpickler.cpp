// The pickle machine of the PyTorch archive reader (see io/torch_archive.h): the opcodes a state dict (and
// nanoGPT's checkpoint dict) needs and eight globals, nothing else; it never executes anything.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "io/torch_archive_impl.h"

namespace kronscope::core {

using namespace pickle;

const char* pickle::kindName(Kind k) {
    static const char* names[] = {"None",  "bool", "int",  "float",  "str",     "bytes",
                                  "tuple", "list", "dict", "global", "storage", "tensor"};
    return names[static_cast<int>(k)];
}

/// One value of the pickle. Containers hold indices into the arena, so nothing recurses and a cycle built
/// through the memo is harmless.

namespace {

constexpr size_t kMaxValues = size_t{4} << 20;
constexpr size_t kMaxDims = 8;

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

}  // namespace

uint32_t unpickle(TorchArchive::Impl& archive, const std::vector<uint8_t>& pickle) {
    return Unpickler(archive, pickle).run();
}

}  // namespace kronscope::core
