#include "kronscope/core/model/matrix_targets.h"

#include <sstream>
#include <stdexcept>

#include "kronscope/core/base/error.h"

namespace kronscope::core {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, sep))
        if (!item.empty()) out.push_back(item);
    return out;
}

bool hasPrefix(const std::string& s, const char* prefix) {
    return s.rfind(prefix, 0) == 0;
}

/// "3" or "2-5" -> [first, last]; throws std::invalid_argument.
void parseLayerRange(const std::string& r, int& first, int& last) {
    const auto dash = r.find('-');
    size_t used = 0;
    const std::string a = r.substr(0, dash);
    first = std::stoi(a, &used);
    if (used != a.size()) throw std::invalid_argument("trailing");
    last = first;
    if (dash != std::string::npos) {
        const std::string b = r.substr(dash + 1);
        last = std::stoi(b, &used);
        if (used != b.size()) throw std::invalid_argument("trailing");
    }
    if (first < 0 || last < first) throw std::invalid_argument("range");
}

}  // namespace

std::string normalizeMatrixKind(const std::string& k) {
    if (k == "c_attn" || k == "attn.c_attn") return "attn.c_attn";
    if (k == "attn.c_proj") return "attn.c_proj";
    if (k == "c_fc" || k == "mlp.c_fc") return "mlp.c_fc";
    if (k == "mlp.c_proj") return "mlp.c_proj";
    throw InputError("targets: unknown matrix kind '" + k + "' (c_attn, attn.c_proj, c_fc, mlp.c_proj)");
}

MatrixTargets MatrixTargets::parse(const std::string& spec) {
    MatrixTargets t;
    t.spec = spec.empty() ? "all" : spec;
    using K = Part::Kind;
    for (const auto& text : split(t.spec, '+')) {
        Part part;
        if (text == "all") {
            part.kind = K::All;
        } else if (text == "attn") {
            part.kind = K::Attn;
        } else if (text == "mlp") {
            part.kind = K::Mlp;
        } else if (hasPrefix(text, "layers:")) {
            part.kind = K::Layers;
            try {
                parseLayerRange(text.substr(7), part.first_layer, part.last_layer);
            } catch (const std::exception&) {
                throw InputError("targets: '" + text + "' is not a layer range like layers:0-5");
            }
        } else if (hasPrefix(text, "kinds:")) {
            part.kind = K::Kinds;
            for (const auto& k : split(text.substr(6), ',')) part.names.push_back(normalizeMatrixKind(k));
            if (part.names.empty()) throw InputError("targets: '" + text + "' names no kinds");
        } else if (hasPrefix(text, "matrices:")) {
            part.kind = K::Matrices;
            for (auto n : split(text.substr(9), ',')) {
                if (n.size() > 7 && n.compare(n.size() - 7, 7, ".weight") == 0) n.resize(n.size() - 7);
                part.names.push_back(n);
            }
            if (part.names.empty()) throw InputError("targets: '" + text + "' names no matrices");
        } else {
            throw InputError("targets: unknown part '" + text +
                             "' (all, attn, mlp, layers:A-B, kinds:K1,K2, matrices:NAME,NAME; join with +)");
        }
        t.parts.push_back(std::move(part));
    }
    return t;
}

bool MatrixTargets::selects(const MatrixRef& m) const {
    using K = Part::Kind;
    auto in = [](const std::vector<std::string>& names, const std::string& x) {
        for (const auto& n : names)
            if (n == x) return true;
        return false;
    };
    for (const auto& p : parts) {
        bool ok = true;
        switch (p.kind) {
            case K::All:
                break;
            case K::Attn:
                ok = hasPrefix(m.kind, "attn.");
                break;
            case K::Mlp:
                ok = hasPrefix(m.kind, "mlp.");
                break;
            case K::Layers:
                ok = m.layer >= p.first_layer && m.layer <= p.last_layer;
                break;
            case K::Kinds:
                ok = in(p.names, m.kind);
                break;
            case K::Matrices:
                ok = in(p.names, m.name);
                break;
        }
        if (!ok) return false;
    }
    return true;
}

std::vector<MatrixRef> MatrixTargets::select(const Gpt2Model& model) const {
    std::vector<MatrixRef> out;
    for (const auto& m : model.matrices())
        if (selects(m)) out.push_back(m);
    if (out.empty()) throw InputError("targets '" + spec + "' select no matrix of this model");
    return out;
}

}  // namespace kronscope::core
