#include "kronscope/core/codec/session_state.h"

#include "base/text_util.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core {

int sessionStateVersion(const Json& state, const std::string& file) {
    if (!state.is_object())
        throw InputError(text::printable(file) + ": the session state is not a JSON object");
    if (!state.contains("state_version")) return 1;
    const auto& v = state["state_version"];
    if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > (1 << 20))
        throw InputError(text::printable(file) + ": state_version is not a positive integer");
    return static_cast<int>(v.get<int64_t>());
}

namespace {

/// v1 -> v2: results into the codec's forms.
void upgrade1to2(Json& s) {
    if (s.contains("sweep") && s["sweep"].is_object() && s["sweep"].contains("rows") &&
        s["sweep"]["rows"].is_array()) {
        for (auto& row : s["sweep"]["rows"]) {
            if (!row.is_object() || !row.contains("ppl") || !row["ppl"].is_object()) continue;
            const Json ppl = row["ppl"];
            row.erase("ppl");
            for (auto it = ppl.begin(); it != ppl.end(); ++it) row[it.key()] = it.value();
        }
    }
    if (s.contains("decomposition") && s["decomposition"].is_object()) {
        auto& d = s["decomposition"];
        Json rq = Json::object();
        for (const char* key :
             {"matrix", "kronecker", "block_size", "terms", "small_first", "rescale", "null_draws"})
            if (d.contains(key)) rq[key] = d[key];
        rq["seed"] = 0;               // v1 always drew its null from seed 0
        rq["permuted_null"] = false;  // and only the Gaussian one
        d["request"] = rq;
    }
    if (s.contains("structure_map") && s["structure_map"].is_object()) {
        auto& m = s["structure_map"];
        Json rq = Json::object();
        static const char* names[] = {"kron-ratio", "kron-err", "svd-err"};
        if (m.contains("metric") && m["metric"].is_number_integer()) {
            const auto k = m["metric"].get<int64_t>();
            rq["metric"] = (k >= 0 && k < 3) ? Json(names[k]) : Json(nullptr);
        } else {
            rq["metric"] = m.value("metric", Json(nullptr));
        }
        for (const char* key : {"block_sizes", "null_draws", "seed"})
            if (m.contains(key)) rq[key] = m[key];
        rq["targets"] = "all";  // v1 maps covered every block matrix
        m["request"] = rq;
        if (m.contains("values") && m["values"].is_array())
            for (auto& v : m["values"])
                if (v.is_number() && v.get<double>() < 0) v = nullptr;  // v1 wrote empty cells as -1
    }
}

}  // namespace

void upgradeSessionState(Json& state, const std::string& file) {
    int v = sessionStateVersion(state, file);
    if (v > kSessionStateVersion)
        throw InputError(text::printable(file) + ": the session state has version " + std::to_string(v) +
                         ", newer than this Kronscope reads (" + std::to_string(kSessionStateVersion) +
                         "); open it with a newer Kronscope");
    if (v == 1) upgrade1to2(state), v = 2;
    state["state_version"] = v;
}

}  // namespace kronscope::core
