#pragma once
// The one grammar for choosing block matrices, parsed once into a struct and used by surgery, probes, the
// structure map and every lab: "all", "attn", "mlp", "layers:A-B" (or "layers:A"), "kinds:K1,K2" (c_attn,
// attn.c_proj, c_fc, mlp.c_proj, or the full kind names), "matrices:h.0.mlp.c_fc,h.3.attn.c_attn". Parts join
// with '+' as an intersection, e.g. "attn+layers:6-11".
#include <string>
#include <vector>

#include "kronscope/core/model/gpt2_model.h"  // MatrixRef

namespace kronscope::core {

struct MatrixTargets {
    struct Part {
        enum class Kind { All, Attn, Mlp, Layers, Kinds, Matrices } kind = Kind::All;
        int first_layer = 0, last_layer = 0;  // Layers: inclusive range
        std::vector<std::string> names;       // Kinds: full kind names; Matrices: matrix names (no ".weight")
    };
    std::string spec = "all";  // as given (shown with results)
    std::vector<Part> parts;   // all must select a matrix; empty selects every matrix

    static MatrixTargets all() { return parse("all"); }
    /// Throws InputError naming the bad part. "" is "all".
    static MatrixTargets parse(const std::string& spec);
    bool selects(const MatrixRef& m) const;
    /// The model's block matrices this selects, in model order; InputError when none.
    std::vector<MatrixRef> select(const Gpt2Model& model) const;
};

/// "c_fc" -> "mlp.c_fc" etc.; InputError for an unknown kind.
std::string normalizeMatrixKind(const std::string& kind);

}  // namespace kronscope::core
