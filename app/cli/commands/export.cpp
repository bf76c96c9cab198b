// kronscope-cli export: one tensor, fit, factor or error map as .npy / .csv / .safetensors
// (core/analysis/tensor_export.h).
#include <cstdio>
#include <iostream>

#include "cli_args.h"
#include "common.h"
#include "kronscope/core/analysis/tensor_export.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"

namespace kronscope::cli {

namespace {

int runExport(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "tensor", "out"}, {"json", "quiet", "list"});
    if (args.flag("list")) {
        auto model = loadModel(args, false);
        for (const auto& name : core::exportableTensors(*model)) std::cout << name << "\n";
        return 0;
    }
    core::TensorExportRequest rq;
    rq.tensor = args.require("tensor");
    rq.out = args.require("out");
    try {
        rq.validate();  // before the model is read
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    auto model = loadModel(args, !args.flag("quiet") && !args.flag("json"));
    const core::TensorExportResult r = core::runTensorExport(*model, rq);
    std::string shape;
    for (size_t i = 0; i < r.shape.size(); ++i) shape += (i ? " x " : "") + std::to_string(r.shape[i]);
    if (args.flag("json")) {
        printJson({{"tensor", r.request.tensor},
                   {"out", r.request.out},
                   {"shape", r.shape},
                   {"description", r.description},
                   {"model_hash", r.model_hash},
                   {"app_version", core::buildInfo().app_version}});
        return 0;
    }
    std::printf("%s\nwrote %s (%s, float32)\n", r.description.c_str(), r.request.out.c_str(), shape.c_str());
    return 0;
}

}  // namespace

Command exportCommand() {
    return {
        "export", "write a weight, fit, factor or error map as .npy, .csv or .safetensors",
        "Usage: kronscope-cli export --model MODEL --tensor NAME --out FILE.npy|.csv|.safetensors [--json]\n"
        "       kronscope-cli export --model MODEL --list\n"
        "NAME: a checkpoint tensor by its Hugging Face name (wte.weight, h.0.attn.c_attn.weight,\n"
        "h.3.ln_2.bias, ...; block matrices as stored, [in, out], the original weights), or\n"
        "  MATRIX@kronN:fit|error|A|S|spectrum   nearest Kronecker sum at block size n (r = n terms,\n"
        "                                        small factor first); A: terms x m1 x p1, S: terms x m2 x "
        "p2\n"
        "  MATRIX@svdN:fit|error|U|s|Vt|spectrum truncated SVD at the rank matched to Kronecker at n\n"
        "e.g. --tensor h.0.mlp.c_fc@kron16:error --out err.npy. .npy: NumPy 1.0 '<f4' C order (np.load);\n"
        ".csv: last dimension across, no header (np.loadtxt(f, delimiter=',')); .safetensors: one F32\n"
        "tensor named NAME. Written atomically: a failed export leaves no file.\n",
        runExport};
}

}  // namespace kronscope::cli
