#include "kronscope/core/compress/tensors.h"

#include <torch/torch.h>

#include <cmath>

#include "kronscope/core/base/error.h"
#include "model/gpt2_impl.h"

namespace kronscope::core {

namespace {

CheckpointTensor rowView(std::string name, std::string kind, int layer, const torch::Tensor& t,
                         bool transpose) {
    auto c = t.detach().to(torch::kCPU, torch::kFloat32);
    if (transpose) c = c.t();
    c = c.contiguous();
    CheckpointTensor out;
    out.name = std::move(name);
    out.kind = std::move(kind);
    out.layer = layer;
    out.rows = c.dim() == 2 ? c.size(0) : 1;
    out.cols = c.dim() == 2 ? c.size(1) : c.numel();
    out.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return out;
}

}  // namespace

std::vector<CheckpointTensor> checkpointTensors(const Gpt2Model& model) {
    torch::NoGradGuard no_grad;
    const auto& impl = model.impl();
    std::vector<CheckpointTensor> out;
    out.push_back(rowView("wte", "wte", -1, impl.wte, false));
    out.push_back(rowView("wpe", "wpe", -1, impl.wpe, false));
    for (size_t l = 0; l < impl.blocks.size(); ++l) {
        const auto& b = impl.blocks[l];
        const std::string h = "h." + std::to_string(l) + ".";
        const int layer = static_cast<int>(l);
        auto vec = [&](const std::string& kind, const torch::Tensor& t) {
            out.push_back(rowView(h + kind, kind, layer, t, false));
        };
        auto mat = [&](int slot) {
            const std::string kind = matrixKindName(slot);
            out.push_back(rowView(h + kind, kind, layer, impl.original[l][slot], true));
            vec(kind + ".bias", b.linear[slot].bias);
        };
        vec("ln_1.weight", b.ln1_w);
        vec("ln_1.bias", b.ln1_b);
        mat(kAttnQkv);
        mat(kAttnProj);
        vec("ln_2.weight", b.ln2_w);
        vec("ln_2.bias", b.ln2_b);
        mat(kMlpFc);
        mat(kMlpProj);
    }
    out.push_back(rowView("ln_f.weight", "ln_f.weight", -1, impl.lnf_w, false));
    out.push_back(rowView("ln_f.bias", "ln_f.bias", -1, impl.lnf_b, false));
    return out;
}

std::vector<CheckpointTensor> checkpointLayout(const Gpt2Config& c) {
    std::vector<CheckpointTensor> out;
    auto add = [&](std::string name, std::string kind, int layer, int64_t rows, int64_t cols) {
        CheckpointTensor t;
        t.name = std::move(name), t.kind = std::move(kind), t.layer = layer, t.rows = rows, t.cols = cols;
        out.push_back(std::move(t));
    };
    const int64_t C = c.n_embd, F = c.innerDim();
    add("wte", "wte", -1, c.vocab_size, C);
    add("wpe", "wpe", -1, c.n_positions, C);
    for (int l = 0; l < c.n_layer; ++l) {
        const std::string h = "h." + std::to_string(l) + ".";
        auto vec = [&](const std::string& k, int64_t n) { add(h + k, k, l, 1, n); };
        vec("ln_1.weight", C), vec("ln_1.bias", C);
        add(h + "attn.c_attn", "attn.c_attn", l, 3 * C, C), vec("attn.c_attn.bias", 3 * C);
        add(h + "attn.c_proj", "attn.c_proj", l, C, C), vec("attn.c_proj.bias", C);
        vec("ln_2.weight", C), vec("ln_2.bias", C);
        add(h + "mlp.c_fc", "mlp.c_fc", l, F, C), vec("mlp.c_fc.bias", F);
        add(h + "mlp.c_proj", "mlp.c_proj", l, C, F), vec("mlp.c_proj.bias", C);
    }
    add("ln_f.weight", "ln_f.weight", -1, 1, C), add("ln_f.bias", "ln_f.bias", -1, 1, C);
    return out;
}

std::vector<TensorUnit> tensorUnits(const std::vector<CheckpointTensor>& tensors, int64_t n_embd) {
    std::vector<TensorUnit> units;
    for (size_t i = 0; i < tensors.size(); ++i) {
        const auto& t = tensors[i];
        if (!t.matrix()) continue;
        if (t.kind == "attn.c_attn" && t.rows == 3 * n_embd) {
            const char* parts[] = {"q", "k", "v"};
            for (int k = 0; k < 3; ++k)
                units.push_back(
                    {t.name + "." + parts[k], t.kind + "." + parts[k], t.layer, i, k * n_embd, n_embd});
        } else {
            units.push_back({t.name, t.kind, t.layer, i, 0, t.rows});
        }
    }
    return units;
}

TensorStats tensorStats(const float* v, int64_t n) {
    TensorStats s;
    if (n <= 0) return s;
    double sum = 0.0, max_abs = 0.0;
    for (int64_t i = 0; i < n; ++i) {
        sum += v[i];
        max_abs = std::max(max_abs, std::fabs(static_cast<double>(v[i])));
    }
    const double mean = sum / static_cast<double>(n);
    double m2 = 0.0, m4 = 0.0;
    for (int64_t i = 0; i < n; ++i) {
        const double d = v[i] - mean, d2 = d * d;
        m2 += d2;
        m4 += d2 * d2;
    }
    m2 /= static_cast<double>(n);
    m4 /= static_cast<double>(n);
    s.mean = mean;
    s.std = std::sqrt(m2);
    s.kurtosis = m2 > 0.0 ? m4 / (m2 * m2) - 3.0 : 0.0;
    s.max_abs = max_abs;
    int64_t outliers = 0;
    if (s.std > 0.0)
        for (int64_t i = 0; i < n; ++i)
            if (std::fabs(v[i] - mean) > 6.0 * s.std) ++outliers;
    s.outlier_share = static_cast<double>(outliers) / static_cast<double>(n);
    return s;
}

}  // namespace kronscope::core

namespace kronscope::core {

MatrixF unitMatrix(const Gpt2Model& model, const std::string& name) {
    torch::NoGradGuard no_grad;
    const auto& impl = model.impl();
    torch::Tensor t;
    if (name == "wte") {
        t = impl.wte;
    } else if (name == "wpe") {
        t = impl.wpe;
    } else {
        std::string base = name;
        int part = -1;
        for (int k = 0; k < 3; ++k) {
            const std::string suffix = std::string(".") + "qkv"[k];
            if (name.size() > suffix.size() && name.compare(name.size() - 2, 2, suffix) == 0 &&
                name.find("attn.c_attn") != std::string::npos)
                base = name.substr(0, name.size() - 2), part = k;
        }
        const auto [l, s] = impl.parseMatrixName(base);
        t = impl.original[static_cast<size_t>(l)][s].t();
        if (part >= 0) {
            if (s != kAttnQkv) throw InputError("matrix '" + name + "': only attn.c_attn has q, k, v rows");
            const int64_t c = impl.config.n_embd;
            t = t.slice(0, part * c, (part + 1) * c);
        }
    }
    auto c = t.to(torch::kCPU, torch::kFloat32).contiguous();
    MatrixF m;
    m.rows = c.size(0), m.cols = c.size(1);
    m.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return m;
}

}  // namespace kronscope::core
