#include "kronscope/core/codec/reproduce_json.h"

namespace kronscope::core {

Json toJson(const Reproduction& r) {
    Json rows = Json::array();
    for (const auto& x : r.rows)
        rows.push_back(
            {{"quantity", x.quantity}, {"seed", x.seed}, {"ours", x.ours}, {"verdict", x.verdict}});
    return {{"recipe", r.recipe},
            {"title", r.title},
            {"source", r.source},
            {"settings", r.settings},
            {"rows", rows}};
}

Reproduction reproductionFromJson(const JsonIn& j) {
    Reproduction r;
    r.recipe = j.at("recipe").string();
    r.title = j.at("title").string();
    r.source = j.at("source").string();
    r.settings = j.at("settings").string();
    const auto rows = j.at("rows");
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto x = rows[i];
        r.rows.push_back({x.at("quantity").string(), x.at("seed").string(), x.at("ours").string(),
                          x.at("verdict").string()});
    }
    return r;
}

}  // namespace kronscope::core
