#include "kronscope/core/analysis/reproduce.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

namespace kronscope::core {

namespace {

std::string num(double v) {
    if (!std::isfinite(v)) return v > 0 ? "inf" : "-";
    char b[64];
    if (std::abs(v) >= 1e5 || (std::abs(v) < 1e-3 && v != 0.0))
        std::snprintf(b, sizeof b, "%.3g", v);
    else
        std::snprintf(b, sizeof b, "%.4g", v);
    return b;
}

const char* verdict(bool holds) {
    return holds ? "holds" : "does not hold";
}

constexpr const char* kOtherModel = "value (other model)";
constexpr const char* kNotMeasured = "not measured";

/// The PPL of the row with this method, block size and targets ("" = any targets).
std::optional<double> pplOf(const std::vector<SweepRow>& rows, const std::string& method, int64_t n,
                            const std::string& targets = "") {
    for (const auto& r : rows)
        if (r.method == method && r.block_size == n && (targets.empty() || r.targets == targets))
            return r.ppl.ppl;
    return std::nullopt;
}

std::optional<double> baselineOf(const std::vector<SweepRow>& rows) {
    for (const auto& r : rows)
        if (r.method == "baseline") return r.ppl.ppl;
    return std::nullopt;
}

void valueRow(Reproduction& out, const std::string& quantity, double seed, std::optional<double> ours) {
    out.rows.push_back({quantity, num(seed), ours ? num(*ours) : "-", ours ? kOtherModel : kNotMeasured});
}

}  // namespace

std::string Reproduction::summary() const {
    int claims = 0, hold = 0;
    for (const auto& r : rows) {
        if (r.verdict == "holds") ++claims, ++hold;
        if (r.verdict == "does not hold") ++claims;
    }
    return std::to_string(hold) + " of " + std::to_string(claims) + " claims hold on this model";
}

Reproduction reproduceExperiment3(const std::vector<SweepRow>& rows) {
    Reproduction out{"seed000-exp3",
                     "Seed 000 Experiment 3: surgery sweep",
                     "seed 000 (GPT-2 small, WikiText-2 test, all 48 block matrices)",
                     "",
                     {}};
    valueRow(out, "PPL, unmodified", 29.88, baselineOf(rows));
    const std::map<int64_t, std::pair<double, double>> seed{
        {2, {36853, 6147}}, {4, {29019, 7118}}, {8, {5509, 5156}}, {16, {4487, 6166}}, {32, {4750, 9037}}};
    for (const auto& [n, ks] : seed) {
        valueRow(out, "PPL, Kronecker n = " + std::to_string(n), ks.first, pplOf(rows, "kron", n, "all"));
        valueRow(out, "PPL, SVD n = " + std::to_string(n), ks.second, pplOf(rows, "svd", n, "all"));
    }
    for (const auto& [n, ks] : seed) {
        if (n == 8) continue;  // "roughly tied": no winner claimed
        const std::string seed_winner = ks.first < ks.second ? "Kronecker" : "SVD";
        const auto k = pplOf(rows, "kron", n, "all"), s = pplOf(rows, "svd", n, "all");
        if (!k || !s) {
            out.rows.push_back({"lower PPL at n = " + std::to_string(n), seed_winner, "-", kNotMeasured});
            continue;
        }
        const std::string ours = *k < *s ? "Kronecker" : "SVD";
        out.rows.push_back(
            {"lower PPL at n = " + std::to_string(n), seed_winner, ours, verdict(ours == seed_winner)});
    }
    return out;
}

Reproduction reproduceSurgeryByTarget(const std::vector<SweepRow>& rows, int64_t n_layer) {
    Reproduction out{"seed000-targets",
                     "Seed 000: Kronecker surgery by target (n = 16)",
                     "seed 000 (GPT-2 small, WikiText-2 test)",
                     "",
                     {}};
    const int64_t half = n_layer / 2;
    const std::string early = "layers:0-" + std::to_string(half - 1),
                      late = "layers:" + std::to_string(half) + "-" + std::to_string(n_layer - 1);
    const auto base = baselineOf(rows);
    valueRow(out, "PPL, unmodified", 29.88, base);
    const auto all = pplOf(rows, "kron", 16, "all"), attn = pplOf(rows, "kron", 16, "attn"),
               mlp = pplOf(rows, "kron", 16, "mlp"), e = pplOf(rows, "kron", 16, early),
               l = pplOf(rows, "kron", 16, late);
    auto ratio = [&](std::optional<double> p) {
        return p && base ? std::optional<double>(*p / *base) : std::nullopt;
    };
    valueRow(out, "PPL / baseline, all", 4487 / 29.88, ratio(all));
    valueRow(out, "PPL / baseline, attention only", 66, ratio(attn));
    valueRow(out, "PPL / baseline, MLP only", 268, ratio(mlp));
    valueRow(out, "PPL / baseline, early layers (" + early + ")", 216, ratio(e));
    valueRow(out, "PPL / baseline, late layers (" + late + ")", 70, ratio(l));
    auto claim = [&](const std::string& q, const std::string& seed_text, std::optional<double> a,
                     std::optional<double> b, const std::string& a_name, const std::string& b_name) {
        if (!a || !b) {
            out.rows.push_back({q, seed_text, "-", kNotMeasured});
            return;
        }
        out.rows.push_back({q, seed_text,
                            *a < *b ? a_name + " (" + num(*a) + " < " + num(*b) + ")"
                                    : b_name + " (" + num(*b) + " <= " + num(*a) + ")",
                            verdict(*a < *b)});
    };
    claim("degrades less: attention or MLP", "attention (66x vs 268x)", attn, mlp, "attention", "MLP");
    claim("degrades less: late or early layers", "late (70x vs 216x)", l, e, "late", "early");
    return out;
}

Reproduction reproduceHybrid(const std::vector<SweepRow>& rows) {
    Reproduction out{"seed000-hybrid",
                     "Seed 000: hybrid surgery (n = 16)",
                     "seed 000 (GPT-2 small, WikiText-2 test)",
                     "",
                     {}};
    const auto k = pplOf(rows, "kron", 16, "all"), rh = pplOf(rows, "reverse-hybrid", 16, "all"),
               s = pplOf(rows, "svd", 16, "all"), h = pplOf(rows, "hybrid", 16, "all");
    valueRow(out, "PPL, all Kronecker", 4487, k);
    valueRow(out, "PPL, reverse hybrid (SVD attention, Kronecker MLP)", 5125, rh);
    valueRow(out, "PPL, all SVD", 6166, s);
    valueRow(out, "PPL, hybrid (Kronecker attention, SVD MLP)", 11725, h);
    if (k && rh && s && h) {
        out.rows.push_back({"hybrid is the worst of the four", "yes (11,725)",
                            *h > std::max({*k, *rh, *s}) ? "yes" : "no",
                            verdict(*h > std::max({*k, *rh, *s}))});
        out.rows.push_back({"all Kronecker is the best of the four", "yes (4,487)",
                            *k < std::min({*rh, *s, *h}) ? "yes" : "no",
                            verdict(*k < std::min({*rh, *s, *h}))});
        out.rows.push_back(
            {"all Kronecker beats all SVD", "yes (4,487 < 6,166)", *k < *s ? "yes" : "no", verdict(*k < *s)});
    } else {
        out.rows.push_back({"the ordering kron < reverse hybrid < svd < hybrid", "holds", "-", kNotMeasured});
    }
    return out;
}

Reproduction reproduceConditioning(const MechanismResult& r) {
    Reproduction out{"seed000-conditioning",
                     "Seed 000 mechanism: conditioning (n = 16)",
                     "seed 000 (GPT-2 small, 48 block matrices, n = 16)",
                     "",
                     {}};
    const bool has = !r.conditioning.empty();
    auto v = [&](double x) { return has ? std::optional<double>(x) : std::nullopt; };
    valueRow(out, "median cond(W)", 83.8, v(r.median_original.cond));
    valueRow(out, "median cond(W_kron)", 52.5, v(r.median_kron.cond));
    valueRow(out, "median cond(W_svd)", 2.9e16, v(r.median_svd.cond));
    if (!has) {
        out.rows.push_back({"W_svd numerically singular, W_kron not", "holds", "-", kNotMeasured});
        return out;
    }
    const bool singular = !std::isfinite(r.median_svd.cond) || r.median_svd.cond > 1e12;
    const bool kron_ok = std::isfinite(r.median_kron.cond) && r.median_kron.cond < 1e6;
    out.rows.push_back(
        {"W_svd numerically singular (median cond > 1e12)", "yes (2.9e16)",
         singular ? "yes (" + num(r.median_svd.cond) + ")" : "no (" + num(r.median_svd.cond) + ")",
         verdict(singular)});
    out.rows.push_back({"W_kron well conditioned (median cond < 1e6)", "yes (52.5)",
                        (kron_ok ? "yes (" : "no (") + num(r.median_kron.cond) + ")", verdict(kron_ok)});
    return out;
}

Reproduction reproduceActivationError(const MechanismResult& r) {
    Reproduction out{"seed000-activation-error",
                     "Seed 000 mechanism: activation-weighted error (n = 16)",
                     "seed 000 (GPT-2 small, 48 block matrices, WikiText-2 activations)",
                     "",
                     {}};
    if (r.errors.empty()) {
        out.rows.push_back({"matrices where Kronecker has the lower activation-weighted error", "0 of 48",
                            "-", kNotMeasured});
        return out;
    }
    int kron_act = 0, kron_frob = 0;
    for (const auto& e : r.errors) {
        kron_act += e.kron.act_rel_err < e.svd.act_rel_err;
        kron_frob += e.kron.rel_err < e.svd.rel_err;
    }
    const std::string of = " of " + std::to_string(r.errors.size());
    out.rows.push_back({"matrices where Kronecker has the lower activation-weighted error", "0 of 48",
                        std::to_string(kron_act) + of, verdict(kron_act == 0)});
    out.rows.push_back({"matrices where Kronecker has the lower Frobenius error",
                        "0 of 48 (SVD wins every "
                        "per-matrix metric)",
                        std::to_string(kron_frob) + of, verdict(kron_frob == 0)});
    return out;
}

Reproduction reproducePruningZstd(const PruneSweepResult& r) {
    Reproduction out{"seed001-finding8",
                     "Seed 001 finding 8: pruning x zstd",
                     "seed 001 (20 M-parameter speedrun model, int6 + zstd-22)",
                     "",
                     {}};
    std::map<double, int64_t> bytes;  // int6 rows (or the first bit width)
    const int bits = r.rows.empty() ? 6 : r.rows.front().bits;
    for (const auto& row : r.rows)
        if (row.bits == bits) bytes[row.prune] = row.bytes;
    auto at = [&](double p) {
        return bytes.count(p) ? std::optional<double>(static_cast<double>(bytes[p])) : std::nullopt;
    };
    for (const double p : {0.0, 1.0, 3.0, 5.0})
        out.rows.push_back({"artifact bytes, " + num(p) + "% pruned (int" + std::to_string(bits) + ")", "-",
                            at(p) ? num(*at(p)) : "-", at(p) ? kOtherModel : kNotMeasured});
    if (at(0) && at(3)) {
        const double delta = *at(3) - *at(0);
        out.rows.push_back({"3% pruning enlarges the artifact", "yes (+728 KB)",
                            (delta > 0 ? "yes (+" : "no (") + num(delta / 1024.0) + " KB)",
                            verdict(delta > 0)});
    } else {
        out.rows.push_back({"3% pruning enlarges the artifact", "yes (+728 KB)", "-", kNotMeasured});
    }
    bool monotone = true;
    std::optional<int64_t> last;
    for (const auto& [p, b] : bytes) {
        if (last && b > *last) monotone = false;
        last = b;
    }
    if (bytes.size() >= 3)
        out.rows.push_back({"bytes are not monotonic in the pruned share", "yes",
                            monotone ? "no (monotonic)" : "yes", verdict(!monotone)});
    return out;
}

Reproduction reproduceModular(const ModularAnalysisResult& r) {
    Reproduction out{"seed002-findings",
                     "Seed 002: findings on the open modular model",
                     "seed 002 (1-layer modular-arithmetic transformers, p = 113)",
                     "",
                     {}};
    for (const auto& c : r.claims) out.rows.push_back({c.finding, c.seed, c.ours, c.verdict});
    if (r.has_positional && r.claims.empty())
        out.rows.push_back({"positional-embedding correlation", "0.95 (nanda), -0.64 (miiii)",
                            num(r.positional_pearson), kOtherModel});
    return out;
}

}  // namespace kronscope::core
