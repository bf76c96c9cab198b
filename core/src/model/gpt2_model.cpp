#include "kronscope/core/model/gpt2_model.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <system_error>
#include <tuple>

#include "model/checkpoint_files.h"
#include "model/gpt2_impl.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/hash.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/memory.h"
#include "kronscope/core/io/safetensors.h"

namespace kronscope::core {

namespace fs = std::filesystem;

const char* matrixKindName(int slot) {
    static const char* names[] = {"attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"};
    return names[slot];
}

std::vector<PerplexityWindow> perplexityWindows(int64_t n, int64_t max_length, int64_t stride) {
    // The Hugging Face fixed-length recipe (science.md): for begin in range(0, n, stride) ... break at n.
    // Labels shift inside the model, so a window of length L scores min(trg_len, L - 1) tokens.
    std::vector<PerplexityWindow> out;
    int64_t prev_end = 0;
    for (int64_t begin = 0; begin < n; begin += stride) {
        const int64_t end = std::min(begin + max_length, n);
        const int64_t trg_len = end - prev_end;
        const int64_t len = end - begin;
        out.push_back({begin, end, std::max<int64_t>(0, std::min(trg_len, len - 1))});
        prev_end = end;
        if (end == n) break;
    }
    return out;
}

torch::Device parseDevice(const std::string& spec) {
    if (spec == "cpu") return torch::kCPU;
    if (spec.rfind("cuda", 0) == 0) {
        if (!torch::cuda::is_available())
            throw InputError(
                "device '" + spec +
                "': CUDA is not available (this LibTorch build is CPU only or no GPU is visible)");
        int index = 0;
        if (spec.size() > 4) {
            if (spec[4] != ':') throw InputError("device '" + spec + "': expected cpu, cuda or cuda:N");
            try {
                index = std::stoi(spec.substr(5));
            } catch (...) {
                throw InputError("device '" + spec + "': expected cpu, cuda or cuda:N");
            }
        }
        if (index < 0 || index >= static_cast<int>(torch::cuda::device_count()))
            throw InputError("device '" + spec + "': there are " +
                             std::to_string(torch::cuda::device_count()) + " CUDA device(s)");
        return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
    }
    throw InputError("device '" + spec + "': expected cpu, cuda or cuda:N");
}

at::Generator dropoutGenerator(const torch::Device& device, uint64_t seed) {
    if (!device.is_cuda()) return at::detail::createCPUGenerator(seed);
    auto gen = at::globalContext().defaultGenerator(device).clone();
    gen.set_current_seed(seed);
    return gen;
}

namespace {

/// The compute dtype of a load option, and whether float32 matmuls may use TF32 ("tf32").
std::pair<torch::ScalarType, bool> parseDtype(const std::string& spec, const torch::Device& device) {
    if (spec == "f32" || spec == "fp32" || spec == "float32") return {torch::kFloat32, false};
    if (spec == "bf16" || spec == "f16" || spec == "fp16" || spec == "tf32") {
        if (!device.is_cuda())
            throw InputError("dtype '" + spec + "' is only supported on CUDA devices; use f32 on the CPU");
        if (spec == "tf32") return {torch::kFloat32, true};
        return {spec == "bf16" ? torch::kBFloat16 : torch::kFloat16, false};
    }
    throw InputError("dtype '" + spec + "': expected f32, tf32, bf16 or f16");
}

std::string dtypeLabel(torch::ScalarType t, bool tf32) {
    switch (t) {
        case torch::kBFloat16:
            return "bf16";
        case torch::kFloat16:
            return "f16";
        default:
            return tf32 ? "tf32" : "f32";
    }
}

}  // namespace

torch::Tensor toFloatTensor(const TensorArchive& file, const TensorInfo& info) {
    torch::ScalarType st;
    switch (info.dtype) {
        case DType::F32:
            st = torch::kFloat32;
            break;
        case DType::F16:
            st = torch::kFloat16;
            break;
        case DType::BF16:
            st = torch::kBFloat16;
            break;
        case DType::F64:
            st = torch::kFloat64;
            break;
        default:
            throw InputError(file.path() + ": tensor '" + info.name + "' has dtype " + dtypeName(info.dtype) +
                             "; GPT-2 weights must be F32, F16 or BF16");
    }
    std::vector<int64_t> shape(info.shape.begin(), info.shape.end());
    // The mapping may not be aligned for the element type: copy bytes into a fresh tensor first.
    auto raw = torch::empty(shape, torch::TensorOptions().dtype(st));
    file.copyTensor(info, raw.data_ptr());
    return st == torch::kFloat32 ? raw : raw.to(torch::kFloat32);
}

namespace {

std::string shapeText(const std::vector<int64_t>& s) {
    return formatShape(s);
}

}  // namespace

std::pair<int, int> Gpt2Model::Impl::parseMatrixName(const std::string& name) const {
    std::string n = name;
    if (n.rfind("transformer.", 0) == 0) n = n.substr(12);
    if (n.size() > 7 && n.compare(n.size() - 7, 7, ".weight") == 0) n = n.substr(0, n.size() - 7);
    if (n.rfind("h.", 0) == 0) {
        const auto dot = n.find('.', 2);
        if (dot != std::string::npos) {
            int layer = -1;
            try {
                layer = std::stoi(n.substr(2, dot - 2));
            } catch (...) {
            }
            const std::string kind = n.substr(dot + 1);
            for (int s = 0; s < 4; ++s)
                if (kind == matrixKindName(s) && layer >= 0 && layer < config.n_layer) return {layer, s};
        }
    }
    throw InputError("unknown matrix '" + name +
                     "' (expected h.L.attn.c_attn, h.L.attn.c_proj, h.L.mlp.c_fc or "
                     "h.L.mlp.c_proj with L in 0.." +
                     std::to_string(config.n_layer - 1) + ")");
}

Gpt2Model::Gpt2Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gpt2Model::~Gpt2Model() = default;

namespace {

/// GPT-2's tensors and shapes for config c, in bare names. A config that implies far more tensors than the
/// file holds is refused first, before its names are built (n_layer = 1e6 would build 12 M names); near
/// misses get the list of missing tensors.
std::map<std::string, std::vector<int64_t>> expectedShapes(const Gpt2Config& c, uint64_t held,
                                                           const std::string& fname) {
    const uint64_t needed = 4 + 12 * static_cast<uint64_t>(c.n_layer);
    if (needed > 4 * held + 100)
        throw InputError(fname + ": missing tensors: config.json's n_layer=" + std::to_string(c.n_layer) +
                         " implies " + std::to_string(needed) + " tensors, the file holds " +
                         std::to_string(held) + " (does config.json match the weights?)");
    const int64_t C = c.n_embd, F = c.innerDim(), V = c.vocab_size, P = c.n_positions;
    std::map<std::string, std::vector<int64_t>> expected = {
        {"wte.weight", {V, C}}, {"wpe.weight", {P, C}}, {"ln_f.weight", {C}}, {"ln_f.bias", {C}}};
    for (int64_t l = 0; l < c.n_layer; ++l) {
        const std::string p = "h." + std::to_string(l) + ".";
        expected[p + "ln_1.weight"] = {C};
        expected[p + "ln_1.bias"] = {C};
        expected[p + "ln_2.weight"] = {C};
        expected[p + "ln_2.bias"] = {C};
        expected[p + "attn.c_attn.weight"] = {C, 3 * C};
        expected[p + "attn.c_attn.bias"] = {3 * C};
        expected[p + "attn.c_proj.weight"] = {C, C};
        expected[p + "attn.c_proj.bias"] = {C};
        expected[p + "mlp.c_fc.weight"] = {C, F};
        expected[p + "mlp.c_fc.bias"] = {F};
        expected[p + "mlp.c_proj.weight"] = {F, C};
        expected[p + "mlp.c_proj.bias"] = {C};
    }
    return expected;
}

/// A tensor and the file that holds it.
struct Located {
    const TensorArchive* file = nullptr;
    const TensorInfo* info = nullptr;
};

/// The files' tensors by bare name (causal-mask buffers skipped), each with its expected shape.
struct TensorIndex {
    std::map<std::string, Located> found;
    Located lm_head;
    bool prefixed = false, bare = false;
    bool nanogpt = false;                                // Linear weights [out, in]: transposed on load
    std::map<std::string, std::vector<int64_t>> absent;  // nanoGPT's bias=False: these biases are zero
};

/// nanoGPT's layout of the expected tensors: nn.Linear stores [out, in], the transpose of HF's Conv1D; with
/// bias=False there are no Linear or LayerNorm biases.
void toNanoGptLayout(std::map<std::string, std::vector<int64_t>>& expected, bool bias, TensorIndex& ix) {
    for (auto it = expected.begin(); it != expected.end();) {
        const std::string& n = it->first;
        const bool is_bias = n.size() > 5 && n.compare(n.size() - 5, 5, ".bias") == 0;
        if (is_bias && !bias) {
            ix.absent[n] = it->second;
            it = expected.erase(it);
            continue;
        }
        if (n.rfind("h.", 0) == 0 && !is_bias && it->second.size() == 2)
            std::swap(it->second[0], it->second[1]);
        ++it;
    }
}

TensorIndex indexTensors(const std::vector<std::unique_ptr<TensorArchive>>& files, const std::string& fname,
                         const Gpt2Config& c, bool nanogpt, bool bias) {
    uint64_t held = 0;
    for (const auto& f : files) held += f->tensors().size();
    auto expected = expectedShapes(c, held, fname);
    TensorIndex ix;
    ix.nanogpt = nanogpt;
    if (nanogpt) toNanoGptLayout(expected, bias, ix);
    for (const auto& fp : files)
        for (const auto& t : fp->tensors()) {
            const TensorArchive& file = *fp;
            const std::string& where = file.path();
            std::string n = t.name;
            // torch.compile wraps the module: its state dict's keys start with "_orig_mod.".
            if (nanogpt && n.rfind("_orig_mod.", 0) == 0) n = n.substr(10);
            if (n == "lm_head.weight") {
                ix.lm_head = {&file, &t};
                continue;
            }
            if (n.rfind("transformer.", 0) == 0) {
                n = n.substr(12);
                ix.prefixed = true;
            } else {
                ix.bare = true;
            }
            // Causal-mask buffers (h.N.attn.bias, h.N.attn.masked_bias) are not weights.
            const auto ends_with = [&](const char* s) {
                const size_t k = std::strlen(s);
                return n.size() >= k && n.compare(n.size() - k, k, s) == 0;
            };
            if (n.rfind("h.", 0) == 0 && (ends_with(".attn.bias") || ends_with(".attn.masked_bias")))
                continue;
            if (!expected.count(n))
                throw InputError(where + ": unexpected tensor '" + t.name +
                                 "' (not part of a GPT-2 with n_layer=" + std::to_string(c.n_layer) +
                                 (nanogpt ? (bias ? "" : " and bias=False") +
                                                std::string("; does model_args match the weights?)")
                                          : "; does config.json match the weights?)"));
            if (ix.found.count(n))
                throw InputError(where + ": tensor '" + n +
                                 "' appears twice (bare and prefixed, or in two shards)");
            ix.found[n] = {&file, &t};
        }
    std::vector<std::string> missing;
    for (const auto& [name, shape] : expected)
        if (!ix.found.count(name)) missing.push_back(name);
    if (!missing.empty()) {
        std::string list;
        for (size_t i = 0; i < missing.size() && i < 4; ++i) list += (i ? ", " : "") + missing[i];
        if (missing.size() > 4) list += ", ... (" + std::to_string(missing.size()) + " in all)";
        throw InputError(fname + ": missing tensor(s) " + list);
    }
    for (const auto& [name, at] : ix.found) {
        if (at.info->shape != expected.at(name))
            throw InputError(at.file->path() + ": tensor '" + at.info->name + "' has shape " +
                             shapeText(at.info->shape) + " but " + (nanogpt ? "model_args" : "config.json") +
                             " implies " + shapeText(expected.at(name)));
    }
    const std::vector<int64_t> head_shape{c.vocab_size, c.n_embd};
    if (ix.lm_head.info && ix.lm_head.info->shape != head_shape)
        throw InputError(ix.lm_head.file->path() + ": tensor 'lm_head.weight' has shape " +
                         shapeText(ix.lm_head.info->shape) + " but config.json implies " +
                         shapeText(head_shape));
    return ix;
}

/// Whether every value is finite. For float32 on the CPU a loop over the values: torch::isfinite would
/// allocate a bool tensor per weight, and those short-lived buffers, interleaved with the weights, left
/// the heap fragmented by about 15% of a GPT-2 XL's size.
bool allFinite(const torch::Tensor& t) {
    if (!t.device().is_cpu() || t.scalar_type() != torch::kFloat32 || !t.is_contiguous())
        return torch::isfinite(t).all().item<bool>();
    const float* v = t.data_ptr<float>();
    const int64_t n = t.numel();
    bool finite = true;
    for (int64_t i = 0; i < n; ++i) finite &= std::isfinite(v[i]);
    return finite;
}

/// Reads the indexed tensors into impl (checks finiteness, moves them to impl's device and dtype).
void loadWeights(Gpt2Model::Impl& impl, const TensorIndex& ix, Progress* progress) {
    const auto opts = torch::TensorOptions().device(impl.device).dtype(impl.dtype);
    size_t done = 0;
    const size_t total = ix.found.size();
    auto get = [&](const std::string& name) {
        const auto zero = ix.absent.find(name);
        if (zero != ix.absent.end()) return torch::zeros(zero->second);
        const Located& at = ix.found.at(name);
        auto t = toFloatTensor(*at.file, *at.info);
        if (ix.nanogpt && t.dim() == 2 && name.rfind("h.", 0) == 0) t = t.t().contiguous();
        if (!allFinite(t))
            impl.warnings.push_back(at.file->path() + ": tensor '" + at.info->name +
                                    "' contains NaN or Inf values");
        if (progress) {
            progress->throwIfCancelled();
            progress->report(static_cast<double>(++done) / static_cast<double>(total), "loading " + name);
        }
        return t;
    };
    auto dev = [&](const torch::Tensor& t) { return t.to(opts).contiguous(); };
    impl.wte = dev(get("wte.weight"));
    impl.wpe = dev(get("wpe.weight"));
    impl.lnf_w = dev(get("ln_f.weight"));
    impl.lnf_b = dev(get("ln_f.bias"));
    for (int64_t l = 0; l < impl.config.n_layer; ++l) {
        const std::string p = "h." + std::to_string(l) + ".";
        Gpt2Block b;
        b.ln1_w = dev(get(p + "ln_1.weight"));
        b.ln1_b = dev(get(p + "ln_1.bias"));
        b.ln2_w = dev(get(p + "ln_2.weight"));
        b.ln2_b = dev(get(p + "ln_2.bias"));
        std::array<torch::Tensor, 4> orig;
        for (int s = 0; s < 4; ++s) {
            orig[s] = get(p + matrixKindName(s) + ".weight");
            b.linear[s].weight = dev(orig[s]);
            b.linear[s].bias = dev(get(p + matrixKindName(s) + ".bias"));
        }
        impl.blocks.push_back(std::move(b));
        impl.original.push_back(std::move(orig));
    }
    if (ix.lm_head.info &&
        !torch::equal(toFloatTensor(*ix.lm_head.file, *ix.lm_head.info).to(opts), impl.wte))
        impl.warnings.push_back(ix.lm_head.file->path() +
                                ": 'lm_head.weight' differs from 'wte.weight'; GPT-2 ties them, so "
                                "Kronscope uses wte as Hugging Face does");
}

}  // namespace

namespace {

/// nanoGPT's model_args as a Gpt2Config: GPT-2's shapes with nn.GELU() (the exact, erf form) and LayerNorm
/// eps 1e-5, as nanoGPT's model.py computes.
Gpt2Config configFromModelArgs(const std::map<std::string, PickleScalar>& args, const std::string& where,
                               bool& bias) {
    auto integer = [&](const char* key) {
        const auto it = args.find(key);
        if (it == args.end()) throw InputError(where + ": model_args has no " + key);
        if (it->second.kind != PickleScalar::Kind::Int)
            throw InputError(where + ": model_args[" + key + "] is not an integer");
        return it->second.i;
    };
    Gpt2Config c;
    c.n_layer = integer("n_layer");
    c.n_head = integer("n_head");
    c.n_embd = integer("n_embd");
    c.n_positions = integer("block_size");
    c.vocab_size = integer("vocab_size");
    c.n_inner = 0;
    c.activation_function = "gelu";
    bias = true;
    const auto b = args.find("bias");
    if (b != args.end()) {
        if (b->second.kind != PickleScalar::Kind::Bool)
            throw InputError(where + ": model_args[bias] is not a bool");
        bias = b->second.b;
    }
    c.validate(where + " (model_args)");
    return c;
}

std::string formatLabel(const CheckpointFiles& cf, bool nanogpt) {
    const std::string file = cf.weights.front().filename().string();
    switch (cf.format) {
        case CheckpointFormat::Safetensors:
            return "safetensors (" + file + ")";
        case CheckpointFormat::ShardedSafetensors:
            return "sharded safetensors (" + std::to_string(cf.weights.size()) + " shards, " +
                   cf.index.filename().string() + ")";
        case CheckpointFormat::Torch:
            return nanogpt ? "nanoGPT checkpoint (" + file + ", PyTorch zip archive)"
                           : "PyTorch state dict (" + file + ", zip archive)";
    }
    return file;
}

}  // namespace

std::unique_ptr<Gpt2Model> Gpt2Model::load(const std::string& directory, const LoadOptions& options,
                                           Progress* progress) {
    torch::NoGradGuard no_grad;
    const CheckpointFiles cf = findCheckpointFiles(directory);
    auto impl = std::make_unique<Impl>();
    impl->directory = fs::absolute(cf.directory).lexically_normal().string();
    impl->device = parseDevice(options.device);
    std::tie(impl->dtype, impl->tf32) = parseDtype(options.dtype, impl->device);
    // Messages about the weights as a whole name the weights file, or the index of a sharded checkpoint.
    const std::string fname = cf.index.empty() ? cf.weights.front().string() : cf.index.string();
    impl->weights_file = fs::absolute(fs::path(fname)).lexically_normal().string();
    impl->source = fs::absolute(fs::path(directory)).lexically_normal().string();
    const OpenedWeights opened = openWeightFiles(cf);
    bool bias = true;
    impl->config = opened.nanogpt ? configFromModelArgs(opened.model_args, fname, bias)
                                  : Gpt2Config::fromFile(cf.config.string());
    impl->format = formatLabel(cf, opened.nanogpt);
    if (!cf.config.empty() && !opened.nanogpt) impl->hashed_files.push_back(cf.config.string());
    if (!cf.index.empty()) impl->hashed_files.push_back(cf.index.string());
    for (const auto& w : cf.weights) impl->hashed_files.push_back(w.string());
    // Every result names the model by this hash, so it is always needed: a large checkpoint's is computed on
    // another core while this one loads (0.6 s of a GPT-2 small's 548 MB here).
    std::error_code size_error;
    uintmax_t hashed_bytes = 0;
    for (const auto& f : impl->hashed_files) hashed_bytes += fs::file_size(f, size_error);
    if (!size_error && hashed_bytes >= (uintmax_t{64} << 20)) {
        try {
            impl->hash_pending = std::async(std::launch::async, contentHashOfFiles, impl->hashed_files);
        } catch (const std::system_error&) {
            // No thread to spare: contentHash() hashes on first use instead.
        }
    }
    const TensorIndex ix = indexTensors(opened.files, fname, impl->config, opened.nanogpt, bias);
    if (ix.prefixed && ix.bare)
        impl->warnings.push_back(fname + ": mixes bare and 'transformer.' prefixed keys");
    impl->key_layout = opened.nanogpt ? "nanoGPT" : ix.prefixed ? "prefixed" : "bare";
    impl->stored_dtype = dtypeName(ix.found.at("h.0.attn.c_attn.weight").info->dtype);
    if (impl->device.is_cpu())  // the weights in the compute dtype, plus float32 copies of the block matrices
        checkMemoryFits(
            fname + ": loading this model",
            4.0 * static_cast<double>(impl->config.parameterCount() + impl->config.blockMatrixWeights()));
    loadWeights(*impl, ix, progress);
    return std::unique_ptr<Gpt2Model>(new Gpt2Model(std::move(impl)));
}

const Gpt2Config& Gpt2Model::config() const {
    return impl_->config;
}
const std::string& Gpt2Model::directory() const {
    return impl_->directory;
}
const std::vector<std::string>& Gpt2Model::warnings() const {
    return impl_->warnings;
}
std::string Gpt2Model::keyLayout() const {
    return impl_->key_layout;
}
std::string Gpt2Model::format() const {
    return impl_->format;
}
std::string Gpt2Model::weightsFile() const {
    return impl_->weights_file;
}
std::string Gpt2Model::source() const {
    return impl_->source;
}
std::string Gpt2Model::storedDtype() const {
    return impl_->stored_dtype;
}
std::string Gpt2Model::device() const {
    return impl_->device.str();
}
std::string Gpt2Model::dtype() const {
    return dtypeLabel(impl_->dtype, impl_->tf32);
}

int64_t Gpt2Model::attentionHeadDim() const {
    return impl_->config.n_head > 0 ? impl_->config.n_embd / impl_->config.n_head : 0;
}

std::string Gpt2Model::contentHash() const {
    // config.json and model.safetensors (sharded: the index and the shards in name order), as read.
    std::call_once(impl_->hash_once, [this] {
        impl_->hash =
            impl_->hash_pending.valid() ? impl_->hash_pending.get() : contentHashOfFiles(impl_->hashed_files);
    });
    return impl_->hash;
}

std::vector<MatrixRef> Gpt2Model::matrices() const {
    std::vector<MatrixRef> out;
    for (int l = 0; l < impl_->config.n_layer; ++l)
        for (int s = 0; s < 4; ++s) {
            const auto& w = impl_->original[static_cast<size_t>(l)][s];
            out.push_back({"h." + std::to_string(l) + "." + matrixKindName(s), l, matrixKindName(s),
                           w.size(0), w.size(1)});
        }
    return out;
}

static MatrixF toMatrixF(const torch::Tensor& t) {
    auto c = t.to(torch::kCPU, torch::kFloat32).contiguous();
    MatrixF m;
    m.rows = c.size(0);
    m.cols = c.size(1);
    m.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return m;
}

MatrixF Gpt2Model::matrix(const std::string& name) const {
    torch::NoGradGuard no_grad;
    const auto [l, s] = impl_->parseMatrixName(name);
    const Linear& lin = impl_->blocks[static_cast<size_t>(l)].linear[s];
    if (lin.factored) {
        // Materialize the factored form: rows of I through the operator.
        const auto n = impl_->original[static_cast<size_t>(l)][s].size(0);
        auto eye = torch::eye(n, torch::TensorOptions().device(impl_->device).dtype(impl_->dtype));
        return toMatrixF(lin.factored(eye));
    }
    return toMatrixF(lin.weight);
}

MatrixF Gpt2Model::originalMatrix(const std::string& name) const {
    const auto [l, s] = impl_->parseMatrixName(name);
    return toMatrixF(impl_->original[static_cast<size_t>(l)][s]);
}

torch::Tensor idsTensor(const std::vector<int32_t>& ids, int64_t vocab, const torch::Device& device) {
    for (size_t i = 0; i < ids.size(); ++i)
        if (ids[i] < 0 || ids[i] >= vocab)
            throw InputError("token id " + std::to_string(ids[i]) + " at position " + std::to_string(i) +
                             " is outside the model's vocabulary (size " + std::to_string(vocab) + ")");
    auto t = torch::empty({static_cast<int64_t>(ids.size())}, torch::kLong);
    auto* p = t.data_ptr<int64_t>();
    for (size_t i = 0; i < ids.size(); ++i) p[i] = ids[i];
    return t.to(device);
}

std::vector<float> Gpt2Model::logits(const std::vector<int32_t>& ids) const {
    const ForwardScope scope(impl_->device, impl_->tf32);
    torch::InferenceMode guard;
    const auto& c = impl_->config;
    if (ids.empty()) return {};
    if (static_cast<int64_t>(ids.size()) > c.n_positions)
        throw InputError("sequence of " + std::to_string(ids.size()) +
                         " tokens is longer than n_positions (" + std::to_string(c.n_positions) + ")");
    auto x = idsTensor(ids, c.vocab_size, impl_->device).unsqueeze(0);
    auto h = impl_->hidden(x)[0];                                                                  // (T, C)
    auto logits = torch::matmul(h, impl_->wte.t()).to(torch::kCPU, torch::kFloat32).contiguous();  // (T, V)
    return std::vector<float>(logits.data_ptr<float>(), logits.data_ptr<float>() + logits.numel());
}

PerplexityResult Gpt2Model::perplexity(const std::vector<int32_t>& all_ids, const PerplexitySettings& s,
                                       Progress& progress) const {
    const ForwardScope scope(impl_->device, impl_->tf32);
    torch::InferenceMode guard;
    const auto& c = impl_->config;
    if (s.max_length < 2) throw InputError("max_length must be at least 2");
    if (s.max_length > c.n_positions)
        throw InputError("max_length " + std::to_string(s.max_length) +
                         " is larger than the model's n_positions (" + std::to_string(c.n_positions) + ")");
    if (s.stride < 1) throw InputError("stride must be at least 1");
    if (s.max_tokens < 0) throw InputError("max_tokens must be >= 0");
    int64_t n = static_cast<int64_t>(all_ids.size());
    if (s.max_tokens > 0) n = std::min(n, s.max_tokens);
    if (n < 2)
        throw InputError("the text has " + std::to_string(n) + " token(s); perplexity needs at least 2");

    const auto t0 = std::chrono::steady_clock::now();
    const auto ids =
        idsTensor(std::vector<int32_t>(all_ids.begin(), all_ids.begin() + n), c.vocab_size, impl_->device);
    const auto windows = perplexityWindows(n, s.max_length, s.stride);
    const int64_t batch = windowsPerBatch(s.batch_windows, impl_->device);

    double nll_sum = 0.0;
    int64_t scored = 0, tokens_run = 0;
    const auto batches = perplexityBatches(windows, batch);
    for (const auto& [i, j] : batches) {
        progress.throwIfCancelled();
        const auto x = windowBatch(ids, windows, i, j);  // (b, L)
        const auto [nll, k] = impl_->scoreWindows(impl_->hidden(x), x, windows, i, j);
        nll_sum += nll;
        scored += k;
        tokens_run += x.numel();
        progress.report(static_cast<double>(j) / static_cast<double>(windows.size()),
                        "window " + std::to_string(j) + "/" + std::to_string(windows.size()));
    }
    PerplexityResult r;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.nll_sum = nll_sum;
    r.tokens_scored = scored;
    r.ppl = std::exp(nll_sum / static_cast<double>(scored));
    r.windows = static_cast<int64_t>(windows.size());
    r.tokens_total = n;
    r.max_length = s.max_length;
    r.stride = s.stride;
    r.tokens_per_second = static_cast<double>(tokens_run) / std::max(r.seconds, 1e-9);
    r.device = device();
    r.dtype = dtype();
    r.text_name = s.text_name;
    r.tokenizer = s.tokenizer;
    return r;
}

std::vector<int32_t> Gpt2Model::generate(const std::vector<int32_t>& prompt, const GenerationSettings& s,
                                         Progress* progress) const {
    useAllCores();
    torch::InferenceMode guard;
    const auto& c = impl_->config;
    if (prompt.empty()) throw InputError("the prompt is empty");
    if (s.max_new_tokens < 0) throw InputError("max_new_tokens must be >= 0");
    if (s.sample && !(s.temperature > 0.0)) throw InputError("temperature must be > 0");
    std::vector<int32_t> out = prompt;
    idsTensor(prompt, c.vocab_size, impl_->device);  // validates ids
    auto gen = at::detail::createCPUGenerator(s.seed);
    for (int64_t step = 0; step < s.max_new_tokens; ++step) {
        if (progress) progress->throwIfCancelled();
        const size_t ctx = std::min<size_t>(out.size(), static_cast<size_t>(c.n_positions));
        std::vector<int32_t> window(out.end() - static_cast<std::ptrdiff_t>(ctx), out.end());
        auto x = idsTensor(window, c.vocab_size, impl_->device).unsqueeze(0);
        auto h = impl_->hidden(x)[0][static_cast<int64_t>(ctx) - 1];                  // (C)
        auto logits = torch::matmul(impl_->wte, h).to(torch::kCPU, torch::kFloat32);  // (V)
        int64_t next;
        if (!s.sample) {
            next = logits.argmax().item<int64_t>();
        } else {
            logits = logits / s.temperature;
            if (s.top_k > 0 && s.top_k < logits.size(0)) {
                auto kth = std::get<0>(logits.topk(s.top_k)).min();
                logits = logits.masked_fill(logits < kth, -std::numeric_limits<float>::infinity());
            }
            auto probs = torch::softmax(logits, -1);
            next = torch::multinomial(probs, 1, false, gen).item<int64_t>();
        }
        out.push_back(static_cast<int32_t>(next));
        if (progress)
            progress->report(static_cast<double>(step + 1) / static_cast<double>(s.max_new_tokens),
                             "generating");
        if (s.stop_at_eos && next == 50256 && c.vocab_size > 50256) break;
    }
    return out;
}

}  // namespace kronscope::core
