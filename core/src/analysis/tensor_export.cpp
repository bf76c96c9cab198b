#include "kronscope/core/analysis/tensor_export.h"

#include <torch/torch.h>

#include <cstdio>

#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/io/array_file.h"
#include "model/gpt2_impl.h"

namespace kronscope::core {

namespace {

const char* const kKinds[4] = {"attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"};

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::vector<float> floats(const torch::Tensor& t) {
    const auto c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

/// A checkpoint tensor by name; false when the name is not one.
bool checkpointTensor(const Gpt2Model& model, std::string name, std::vector<float>* values,
                      std::vector<int64_t>* shape) {
    const auto& im = model.impl();
    torch::Tensor t;
    if (name == "wte" || name == "wte.weight")
        t = im.wte;
    else if (name == "wpe" || name == "wpe.weight")
        t = im.wpe;
    else if (name == "ln_f.weight")
        t = im.lnf_w;
    else if (name == "ln_f.bias")
        t = im.lnf_b;
    else if (name.rfind("h.", 0) == 0) {
        const auto dot = name.find('.', 2);
        if (dot == std::string::npos) return false;
        int layer = -1;
        try {
            size_t used = 0;
            layer = std::stoi(name.substr(2, dot - 2), &used);
            if (used != dot - 2) return false;
        } catch (const std::exception&) {
            return false;
        }
        if (layer < 0 || layer >= static_cast<int>(im.blocks.size())) return false;
        const std::string rest = name.substr(dot + 1);
        const auto& b = im.blocks[static_cast<size_t>(layer)];
        if (rest == "ln_1.weight")
            t = b.ln1_w;
        else if (rest == "ln_1.bias")
            t = b.ln1_b;
        else if (rest == "ln_2.weight")
            t = b.ln2_w;
        else if (rest == "ln_2.bias")
            t = b.ln2_b;
        for (int slot = 0; slot < 4 && !t.defined(); ++slot) {
            const std::string kind = kKinds[slot];
            if (rest == kind || rest == kind + ".weight")
                t = im.original[static_cast<size_t>(layer)][static_cast<size_t>(slot)];
            else if (rest == kind + ".bias")
                t = b.linear[static_cast<size_t>(slot)].bias;
        }
    }
    if (!t.defined()) return false;
    *values = floats(t);
    *shape = t.sizes().vec();
    return true;
}

}  // namespace

void TensorExportRequest::validate() const {
    if (tensor.empty()) throw InputError("tensor: name one (kronscope-cli export --list shows them)");
    bool known = false;
    for (const auto& ext : arrayFileExtensions()) known = known || endsWith(out, ext);
    if (out.empty() || !known)
        throw InputError("out: '" + out + "' is not a .npy, .csv or .safetensors file");
}

TensorExportResult exportedTensor(const Gpt2Model& model, const std::string& tensor,
                                  std::vector<float>* values) {
    TensorExportResult r;
    r.request.tensor = tensor;
    r.model_hash = model.contentHash();
    const auto at = tensor.find('@');
    if (at == std::string::npos) {
        if (!checkpointTensor(model, tensor, values, &r.shape))
            throw InputError("tensor '" + tensor +
                             "': not a tensor of this checkpoint (kronscope-cli export "
                             "--list shows the names)");
        r.description = tensor + ": as stored in the checkpoint (float32)";
        return r;
    }
    std::string matrix = tensor.substr(0, at);
    if (endsWith(matrix, ".weight")) matrix.resize(matrix.size() - 7);
    const std::string spec = tensor.substr(at + 1);
    const auto colon = spec.find(':');
    const std::string method = colon == std::string::npos ? spec : spec.substr(0, colon);
    const std::string part = colon == std::string::npos ? "" : spec.substr(colon + 1);
    const bool kron = method.rfind("kron", 0) == 0, svd = method.rfind("svd", 0) == 0;
    int64_t n = 0;
    try {
        size_t used = 0;
        const std::string digits = method.substr(kron ? 4 : 3);
        n = std::stoll(digits, &used);
        if (used != digits.size()) n = 0;
    } catch (const std::exception&) {
        n = 0;
    }
    if ((!kron && !svd) || n < 1 || part.empty())
        throw InputError("tensor '" + tensor + "': expected MATRIX@kronN:PART or MATRIX@svdN:PART (e.g. " +
                         "h.0.mlp.c_fc@kron4:fit)");
    const MatrixF w = model.originalMatrix(matrix);  // InputError for an unknown matrix
    const KroneckerSpec ks = KroneckerSpec::forBlockSize(w.rows, w.cols, n);
    char desc[256];
    if (kron) {
        const bool need_matrices = part == "fit" || part == "error";
        if (!need_matrices && part != "A" && part != "S" && part != "spectrum")
            throw InputError("tensor '" + tensor + "': part '" + part +
                             "' is not fit, error, A, S or spectrum");
        KroneckerResult k = fitKronecker(w, ks, need_matrices);
        r.rel_err = k.rel_err;
        if (part == "fit")
            *values = std::move(k.approximation.values), r.shape = {w.rows, w.cols};
        else if (part == "error")
            *values = std::move(k.error.values), r.shape = {w.rows, w.cols};
        else if (part == "A")
            *values = std::move(k.a), r.shape = {k.terms, ks.m1, ks.p1};
        else if (part == "S")
            *values = std::move(k.s), r.shape = {k.terms, ks.m2, ks.p2};
        else {
            values->assign(k.singular_values.begin(), k.singular_values.end());
            r.shape = {static_cast<int64_t>(values->size())};
        }
        std::snprintf(desc, sizeof desc, "%s: nearest Kronecker sum, %s (rel. error %.6g)", tensor.c_str(),
                      k.settings.c_str(), k.rel_err);
    } else {
        const bool need_matrices = part == "fit" || part == "error";
        if (!need_matrices && part != "U" && part != "s" && part != "Vt" && part != "spectrum")
            throw InputError("tensor '" + tensor + "': part '" + part +
                             "' is not fit, error, U, s, Vt or spectrum");
        const int64_t rank = matchedSvdRank(w.rows, w.cols, ks.params());
        SvdResult v = fitTruncatedSvd(w, rank, need_matrices);
        r.rel_err = v.rel_err;
        if (part == "fit")
            *values = std::move(v.approximation.values), r.shape = {w.rows, w.cols};
        else if (part == "error")
            *values = std::move(v.error.values), r.shape = {w.rows, w.cols};
        else if (part == "U")
            *values = std::move(v.u), r.shape = {w.rows, v.rank};
        else if (part == "s")
            *values = std::move(v.s), r.shape = {v.rank};
        else if (part == "Vt")
            *values = std::move(v.vt), r.shape = {v.rank, w.cols};
        else {
            values->assign(v.singular_values.begin(), v.singular_values.end());
            r.shape = {static_cast<int64_t>(values->size())};
        }
        std::snprintf(desc, sizeof desc,
                      "%s: truncated SVD at rank %lld (matched to Kronecker at n = %lld; "
                      "rel. error %.6g)",
                      tensor.c_str(), static_cast<long long>(v.rank), static_cast<long long>(n), v.rel_err);
    }
    r.description = desc;
    return r;
}

TensorExportResult runTensorExport(const Gpt2Model& model, const TensorExportRequest& request) {
    request.validate();
    checkWritableOutput(request.out);
    std::vector<float> values;
    TensorExportResult r = exportedTensor(model, request.tensor, &values);
    r.request = request;
    writeArrayFile(request.out, request.tensor, r.shape, values);
    return r;
}

std::vector<std::string> exportableTensors(const Gpt2Model& model) {
    std::vector<std::string> names{"wte.weight", "wpe.weight"};
    for (int64_t l = 0; l < model.config().n_layer; ++l) {
        const std::string h = "h." + std::to_string(l) + ".";
        names.push_back(h + "ln_1.weight"), names.push_back(h + "ln_1.bias");
        for (int slot = 0; slot < 2; ++slot)
            names.push_back(h + kKinds[slot] + ".weight"), names.push_back(h + kKinds[slot] + ".bias");
        names.push_back(h + "ln_2.weight"), names.push_back(h + "ln_2.bias");
        for (int slot = 2; slot < 4; ++slot)
            names.push_back(h + kKinds[slot] + ".weight"), names.push_back(h + kKinds[slot] + ".bias");
    }
    names.push_back("ln_f.weight"), names.push_back("ln_f.bias");
    names.push_back("MATRIX@kronN:fit|error|A|S|spectrum  (e.g. h.0.mlp.c_fc@kron4:fit)");
    names.push_back("MATRIX@svdN:fit|error|U|s|Vt|spectrum  (rank matched to Kronecker at n)");
    return names;
}

}  // namespace kronscope::core
