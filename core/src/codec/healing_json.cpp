#include "kronscope/core/codec/healing_json.h"

#include <cmath>

#include "kronscope/core/base/error.h"

namespace kronscope::core {

namespace {

Json num(double v) {
    return std::isfinite(v) ? Json(v) : Json();
}

Json settingsJson(const HealRequest& rq) {
    const auto& s = rq.settings;
    return {{"model", rq.model},
            {"corpus", rq.corpus},
            {"validation", rq.validation},
            {"method", s.method},
            {"block_size", s.block_size},
            {"targets", s.targets},
            {"init", s.init},
            {"train_dense", s.train_dense},
            {"distill", s.distill},
            {"temperature", s.temperature},
            {"context_length", s.context_length},
            {"batch_size", s.batch_size},
            {"steps", s.steps},
            {"warmup", s.warmup},
            {"eval_interval", s.eval_interval},
            {"eval_windows", s.eval_windows},
            {"lr", s.lr},
            {"min_lr_ratio", s.min_lr_ratio},
            {"weight_decay", s.weight_decay},
            {"grad_clip", s.grad_clip},
            {"seed", s.seed},
            {"device", s.device},
            {"out_dir", s.out_dir}};
}

HealRequest requestFrom(const JsonIn& j) {
    HealRequest rq;
    auto& s = rq.settings;
    rq.model = j.at("model").string();
    rq.corpus = j.at("corpus").string();
    rq.validation = j.at("validation").string();
    s.method = j.at("method").string();
    s.block_size = j.at("block_size").integer();
    s.targets = j.at("targets").string();
    s.init = j.at("init").string();
    s.train_dense = j.at("train_dense").boolean();
    s.distill = j.at("distill").number();
    s.temperature = j.at("temperature").number();
    s.context_length = j.at("context_length").integer();
    s.batch_size = j.at("batch_size").integer();
    s.steps = j.at("steps").integer();
    s.warmup = j.at("warmup").integer();
    s.eval_interval = j.at("eval_interval").integer();
    s.eval_windows = j.at("eval_windows").integer();
    s.lr = j.at("lr").number();
    s.min_lr_ratio = j.at("min_lr_ratio").number();
    s.weight_decay = j.at("weight_decay").number();
    s.grad_clip = j.at("grad_clip").number();
    s.seed = seedFromJson(j.at("seed"));
    s.device = j.at("device").string();
    s.out_dir = j.at("out_dir").string();
    try {
        rq.validate();
    } catch (const InputError& e) {
        j.fail(e.what());
    }
    return rq;
}

}  // namespace

Json toJson(const HealingResult& h) {
    const auto& r = h.run;
    Json hist = Json::array(), mats = Json::array();
    for (const auto& e : r.history)
        hist.push_back({{"step", e.step},
                        {"train_loss", num(e.train_loss)},
                        {"val_ppl", num(e.val_ppl)},
                        {"lr", e.lr},
                        {"seconds", e.seconds}});
    for (const auto& m : r.matrices)
        mats.push_back({{"matrix", m.matrix},
                        {"method", m.method},
                        {"params", m.params},
                        {"dense_params", m.dense_params},
                        {"init_rel_err", num(m.init_rel_err)},
                        {"factored", m.factored}});
    return {{"analysis", "heal"},
            {"method", r.settings.method},
            {"block_size", r.settings.block_size},
            {"init", r.settings.init},
            {"settings", r.settings.describe()},
            {"request", settingsJson(h.request)},
            {"ppl_original", num(r.ppl_original)},
            {"ppl_surgery", num(r.ppl_surgery)},
            {"ppl_healed", num(r.ppl_healed)},
            {"params", r.params},
            {"params_original", r.params_original},
            {"params_trainable", r.params_trainable},
            {"steps", r.steps},
            {"seconds", r.seconds},
            {"steps_per_second", r.steps_per_second},
            {"tokens_per_second", r.tokens_per_second},
            {"eval_tokens", r.eval_tokens},
            {"corpus", h.corpus_name},
            {"heldout", h.heldout_name},
            {"train_tokens", h.train_tokens},
            {"heldout_tokens", h.heldout_tokens},
            {"model_hash", r.model_hash},
            {"out", r.settings.out_dir},
            {"matrices", mats},
            {"history", hist},
            {"cancelled", r.cancelled},
            {"complete", r.complete},
            {"resumable", r.resumable}};
}

HealingResult healingFromJson(const JsonIn& j) {
    HealingResult h;
    h.request = requestFrom(j.at("request"));
    auto& r = h.run;
    r.settings = h.request.settings;
    r.ppl_original = j.at("ppl_original").number();
    r.ppl_surgery = j.at("ppl_surgery").number();
    r.ppl_healed = j.at("ppl_healed").number();
    r.params = j.at("params").integer();
    r.params_original = j.at("params_original").integer();
    r.params_trainable = j.at("params_trainable").integer();
    r.steps = j.at("steps").integer();
    r.seconds = j.number("seconds", 0.0);
    r.steps_per_second = j.number("steps_per_second", 0.0);
    r.tokens_per_second = j.number("tokens_per_second", 0.0);
    r.eval_tokens = j.at("eval_tokens").integer();
    h.corpus_name = j.at("corpus").string();
    h.heldout_name = j.at("heldout").string();
    h.train_tokens = j.integer("train_tokens", 0);
    h.heldout_tokens = j.integer("heldout_tokens", 0);
    r.model_hash = j.at("model_hash").string();
    r.cancelled = j.at("cancelled").boolean();
    // Sessions written before resumable runs: complete unless cancelled.
    r.complete = j.has("complete") ? j.at("complete").boolean() : !r.cancelled;
    r.resumable = j.has("resumable") && j.at("resumable").boolean();
    const auto mats = j.at("matrices");
    for (size_t i = 0; i < mats.size(); ++i) {
        const auto m = mats[i];
        r.matrices.push_back({m.at("matrix").string(), m.at("method").string(), m.at("params").integer(),
                              m.at("dense_params").integer(), m.at("init_rel_err").number(),
                              m.at("factored").boolean()});
    }
    const auto hist = j.at("history");
    for (size_t i = 0; i < hist.size(); ++i) {
        const auto e = hist[i];
        r.history.push_back({e.at("step").integer(), e.at("train_loss").number(), e.at("val_ppl").number(),
                             e.at("lr").number(), e.at("seconds").number()});
    }
    if (r.history.empty()) j.fail("a healing run without its evaluations");
    return h;
}

}  // namespace kronscope::core
