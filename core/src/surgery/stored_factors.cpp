// A healed checkpoint's stored factors, installed as a factored surgery (surgery.h installStoredFactors).
#include <torch/torch.h>

#include <filesystem>
#include <map>

#include "decompose/decomposition_impl.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/io/safetensors.h"
#include "kronscope/core/surgery/surgery.h"
#include "model/gpt2_impl.h"

namespace kronscope::core {

namespace {

torch::Tensor readF32(const SafetensorsFile& f, const std::string& name) {
    const TensorInfo* info = f.find(name);
    if (!info) throw InputError(f.path() + ": no tensor '" + name + "'");
    if (info->dtype != DType::F32) throw InputError(f.path() + ": tensor '" + name + "' is not F32");
    auto t = torch::empty(info->shape, torch::kFloat32);
    f.copyTensor(*info, t.data_ptr());
    if (!torch::isfinite(t).all().item<bool>())
        throw InputError(f.path() + ": tensor '" + name + "' holds NaN or Inf values");
    return t;
}

}  // namespace

int64_t installStoredFactors(Gpt2Model& model) {
    const auto path = std::filesystem::path(model.directory()) / kStoredFactorsFile;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return 0;
    const auto file = SafetensorsFile::open(path.string());
    torch::NoGradGuard no_grad;
    auto& impl = model.impl();
    revertSurgery(model);
    const auto opts = torch::TensorOptions().device(impl.device).dtype(impl.dtype);
    std::map<std::string, bool> matrices;  // name -> Kronecker
    for (const auto& t : file.tensors()) {
        for (const auto& [suffix, kron] :
             {std::make_pair(std::string(".kron_a"), true), std::make_pair(std::string(".lowrank_u"), false)})
            if (t.name.size() > suffix.size() &&
                t.name.compare(t.name.size() - suffix.size(), suffix.size(), suffix) == 0)
                matrices[t.name.substr(0, t.name.size() - suffix.size())] = kron;
    }
    try {
        for (const auto& [name, kron] : matrices) {
            std::pair<int, int> at;
            try {
                at = impl.parseMatrixName(name);
            } catch (const std::exception&) {
                throw InputError(file.path() + ": '" + name + "' is not a block matrix of this model");
            }
            const torch::Tensor& w =
                impl.original[static_cast<size_t>(at.first)][static_cast<size_t>(at.second)];
            const int64_t m = w.size(0), p = w.size(1);
            Linear& lin = impl.blocks[static_cast<size_t>(at.first)].linear[static_cast<size_t>(at.second)];
            auto shapeError = [&] {
                return InputError(file.path() + ": the factors of " + name + " do not multiply to its " +
                                  std::to_string(m) + " x " + std::to_string(p));
            };
            if (kron) {
                auto a = readF32(file, name + ".kron_a"), s = readF32(file, name + ".kron_s");
                if (a.dim() != 3 || s.dim() != 3 || a.size(0) != s.size(0) || a.size(1) * s.size(1) != m ||
                    a.size(2) * s.size(2) != p)
                    throw shapeError();
                a = a.to(opts).contiguous(), s = s.to(opts).contiguous();
                lin.factored = [a, s](const torch::Tensor& x) { return applyKronecker(x, a, s); };
            } else {
                auto u = readF32(file, name + ".lowrank_u"), v = readF32(file, name + ".lowrank_v");
                if (u.dim() != 2 || v.dim() != 2 || u.size(0) != m || v.size(1) != p ||
                    u.size(1) != v.size(0))
                    throw shapeError();
                u = u.to(opts).contiguous(), v = v.to(opts).contiguous();
                lin.factored = [u, v](const torch::Tensor& x) { return x.matmul(u).matmul(v); };
            }
            lin.replaced = true;
        }
    } catch (...) {
        revertSurgery(model);
        throw;
    }
    return static_cast<int64_t>(matrices.size());
}

}  // namespace kronscope::core
