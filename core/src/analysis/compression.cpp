#include "kronscope/core/analysis/compression.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "kronscope/core/analysis/perplexity.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/model/matrix_targets.h"

namespace kronscope::core {

namespace fs = std::filesystem;

// ---- statistics

double statValue(const TensorStats& s, const std::string& key) {
    if (key == "kurtosis") return s.kurtosis;
    if (key == "std") return s.std;
    if (key == "max_abs") return s.max_abs;
    if (key == "outlier_share") return s.outlier_share;
    if (key == "mean") return s.mean;
    throw InputError("statistic: '" + key + "' is not one of kurtosis, std, max_abs, outlier_share, mean");
}

std::vector<size_t> StatsResult::ranked(const std::string& key) const {
    std::vector<size_t> idx(tensors.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::vector<double> v;
    for (const auto& t : tensors) v.push_back(statValue(t, key));
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return v[a] > v[b]; });
    return idx;
}

StatsResult runTensorStats(const Gpt2Model& model, Progress& progress) {
    StatsResult out;
    out.model_hash = model.contentHash();
    out.settings =
        "mean, std (ddof 0), excess kurtosis (Fisher, biased), max |w|, share of |w - mean| > 6 std; "
        "original weights, row view";
    const auto tensors = checkpointTensors(model);
    const auto units = tensorUnits(tensors, model.config().n_embd);
    for (size_t i = 0; i < tensors.size(); ++i) {
        progress.throwIfCancelled();
        const auto& t = tensors[i];
        auto add = [&](const std::string& name, const std::string& kind, int64_t r0, int64_t rows) {
            TensorStats s = tensorStats(t.values.data() + r0 * t.cols, rows * t.cols);
            s.name = name, s.kind = kind, s.layer = t.layer, s.rows = rows, s.cols = t.cols;
            out.tensors.push_back(s);
        };
        add(t.name, t.kind, 0, t.rows);
        if (t.kind == "attn.c_attn")
            for (const auto& u : units)
                if (u.tensor == i) add(u.name, u.kind, u.first_row, u.rows);
        progress.report(static_cast<double>(i + 1) / static_cast<double>(tensors.size()), t.name);
    }
    return out;
}

void checkSameArchitecture(const Gpt2Model& a, const Gpt2Model& b) {
    const auto &x = a.config(), &y = b.config();
    auto diff = [&](const char* field, int64_t u, int64_t v) {
        if (u != v)
            throw InputError(std::string("the checkpoints differ in ") + field + ": " + std::to_string(u) +
                             " vs " + std::to_string(v) + " (" + a.directory() + " vs " + b.directory() +
                             ")");
    };
    diff("n_layer", x.n_layer, y.n_layer);
    diff("n_embd", x.n_embd, y.n_embd);
    diff("n_head", x.n_head, y.n_head);
    diff("inner dimension", x.innerDim(), y.innerDim());
    diff("vocab_size", x.vocab_size, y.vocab_size);
    diff("n_positions", x.n_positions, y.n_positions);
}

// ---- quantization

void QuantizeRequest::validate() const {
    settings.validate();
    if (damage && text_path.empty()) throw InputError("damage: the damage ranking needs a text");
}

namespace {

void checkProtect(const std::string& spec, const Gpt2Model& model) {
    const auto& c = model.config();
    parseProtectSpec(spec, tensorUnits(checkpointLayout(c), c.n_embd), static_cast<int>(c.n_layer));
}

}  // namespace

void QuantizeRequest::validateFor(const Gpt2Model& model) const {
    validate();
    checkProtect(settings.protect, model);
}

void PruneSweepRequest::validateFor(const Gpt2Model& model) const {
    validate();
    checkProtect(settings.protect, model);
}

namespace {

/// Tokenizes the request's text (or nothing) and fills the text name.
std::optional<TokenizedText> maybeText(const Gpt2Model& model, const std::string& path,
                                       PerplexitySettings& s) {
    if (path.empty()) return std::nullopt;
    auto text = tokenizeTextFile(model, path);
    describeText(s, text);
    return text;
}

}  // namespace

QuantizeResult runQuantize(Gpt2Model& model, const QuantizeRequest& rq, Progress& progress) {
    rq.validateFor(model);
    if (!rq.artifact_path.empty()) checkWritableOutput(rq.artifact_path);
    QuantizeResult out;
    out.request = rq;
    out.settings = rq.settings.describe();
    out.model_hash = model.contentHash();
    PerplexitySettings ps = rq.ppl;
    const auto text = maybeText(model, rq.text_path, ps);
    if (text) out.text_hash = text->hash;
    const auto& c = model.config();
    const auto tensors = checkpointTensors(model);
    const bool measure = text.has_value();
    const double q_end = measure ? (rq.damage ? 0.15 : 0.5) : 1.0;
    auto pq = progress.sub(0.0, q_end);
    const auto q = quantizeCheckpoint(tensors, static_cast<int>(c.n_layer), c.n_embd, rq.settings, pq);
    out.bytes = q.bytes(), out.payload_bytes = static_cast<int64_t>(q.payload.size());
    out.fp16_bytes = q.fp16_bytes, out.weights = q.weights, out.mse = q.mse, out.rel_mse = q.rel_mse;
    out.units = q.units;
    if (measure) {
        const bool base = rq.baseline || rq.damage;
        const double b_end = q_end + (base ? (rq.damage ? 0.05 : 0.2) : 0.0);
        auto pb = progress.sub(q_end, b_end);
        if (base) out.baseline = model.perplexity(text->ids, ps, pb);
        const double p_end = rq.damage ? b_end + 0.05 : 1.0;
        auto pp = progress.sub(b_end, p_end);
        out.ppl = perplexityQuantized(model, q, text->ids, ps, pp);
        if (rq.damage) {
            const auto units = tensorUnits(tensors, c.n_embd);
            for (size_t u = 0; u < units.size(); ++u) {
                const double f0 =
                    p_end + (1.0 - p_end) * static_cast<double>(u) / static_cast<double>(units.size());
                const double f1 =
                    p_end + (1.0 - p_end) * static_cast<double>(u + 1) / static_cast<double>(units.size());
                auto pu = progress.sub(f0, f1);
                auto pu_q = pu.sub(0.0, 0.3);
                const auto one = quantizeCheckpoint(tensors, static_cast<int>(c.n_layer), c.n_embd,
                                                    rq.settings, pu_q, static_cast<int>(u), false);
                DamageRow row;
                row.unit = units[u].name;
                for (const auto& uq : one.units)
                    if (uq.name == row.unit) row.rel_mse = uq.rel_mse;
                auto pu_p = pu.sub(0.3, 1.0);
                row.ppl = perplexityQuantized(model, one, text->ids, ps, pu_p).ppl;
                row.delta_ppl = row.ppl - out.baseline->ppl;
                out.damage.push_back(row);
            }
            std::stable_sort(
                out.damage.begin(), out.damage.end(),
                [](const DamageRow& a, const DamageRow& b) { return a.delta_ppl > b.delta_ppl; });
        }
    }
    if (!rq.artifact_path.empty()) writeQuantizedArtifact(rq.artifact_path, q, c, out.model_hash);
    return out;
}

// ---- pruning x int-k

void PruneSweepRequest::validate() const {
    if (prunes.empty()) throw InputError("prune: give at least one percentage");
    if (bits.empty()) throw InputError("bits: give at least one");
    QuantizeSettings s = settings;
    for (const double p : prunes) s.prune = p, s.validate();
    for (const int b : bits) s.bits = b, s.validate();
}

PruneSweepResult runPruneSweep(Gpt2Model& model, const PruneSweepRequest& rq, Progress& progress,
                               const PruneRowCallback& on_row) {
    rq.validate();
    PruneSweepResult out;
    out.request = rq;
    out.model_hash = model.contentHash();
    PerplexitySettings ps = rq.ppl;
    const auto text = maybeText(model, rq.text_path, ps);
    if (text) out.text_hash = text->hash, out.text_name = ps.text_name, out.tokenizer = text->tokenizer;
    QuantizeSettings s = rq.settings;
    s.prune = 0, s.bits = rq.bits.front();
    out.settings = "magnitude pruning per unit, then " + s.describe() + "; bits and prune as listed";
    const auto& c = model.config();
    const auto tensors = checkpointTensors(model);
    const size_t total = rq.bits.size() * rq.prunes.size();
    size_t done = 0;
    try {
        for (const int b : rq.bits)
            for (const double p : rq.prunes) {
                const double f0 = static_cast<double>(done) / static_cast<double>(total);
                const double f1 = static_cast<double>(done + 1) / static_cast<double>(total);
                auto pq = progress.sub(f0, text ? (f0 + f1) / 2 : f1);
                s.bits = b, s.prune = p;
                const auto q = quantizeCheckpoint(tensors, static_cast<int>(c.n_layer), c.n_embd, s, pq);
                PruneSweepRow row;
                row.prune = p, row.bits = b, row.bytes = q.bytes(), row.mse = q.mse, row.rel_mse = q.rel_mse;
                row.ppl = std::nan("");
                if (text) {
                    auto pp = progress.sub((f0 + f1) / 2, f1);
                    const auto r = perplexityQuantized(model, q, text->ids, ps, pp);
                    row.ppl = r.ppl, row.tokens_scored = r.tokens_scored;
                }
                out.rows.push_back(row);
                if (on_row) on_row(row);
                ++done;
            }
    } catch (const Cancelled&) {
        out.complete = false;
    }
    return out;
}

// ---- Procrustes

void ProcrustesRequest::validate() const {
    if (a.empty() || b.empty()) throw InputError("matrices: name both A and B (e.g. h.3.mlp.c_proj)");
    if (null_draws < 2)
        throw InputError("null draws: " + std::to_string(null_draws) + " (a null needs at least 2)");
    if (rank < 0) throw InputError("rank: " + std::to_string(rank) + " (expected >= 0; 0 = a quarter of R)");
    if (bits < 2 || bits > 8) throw InputError("bits: " + std::to_string(bits) + " (expected 2..8)");
    if (zstd_level < 1 || zstd_level > 22)
        throw InputError("zstd level: " + std::to_string(zstd_level) + " (expected 1..22)");
}

std::string ProcrustesRequest::describe() const {
    return std::string("orthogonal Procrustes, side ") + procrustesSideName(side) + " (R = U V^T from svd(" +
           (side == ProcrustesSide::Right ? "A^T B" : "B A^T") + ")); nulls: " + std::to_string(null_draws) +
           " Gaussian pairs with A's and B's norms and " + std::to_string(null_draws) +
           " permuted pairs, seed " + std::to_string(seed);
}

ProcrustesResult runProcrustes(const Gpt2Model& am, const Gpt2Model& bm, const ProcrustesRequest& rq,
                               Progress& progress) {
    rq.validate();
    ProcrustesResult out;
    out.request = rq;
    out.settings = rq.describe();
    out.a_model = am.directory(), out.b_model = bm.directory();
    out.a_model_hash = am.contentHash(), out.b_model_hash = bm.contentHash();
    const MatrixF a = unitMatrix(am, rq.a), b = unitMatrix(bm, rq.b);
    out.rows = a.rows, out.cols = a.cols;
    if (a.rows != b.rows || a.cols != b.cols)
        throw InputError("procrustes: " + rq.a + " is " + std::to_string(a.rows) + "x" +
                         std::to_string(a.cols) + " and " + rq.b + " is " + std::to_string(b.rows) + "x" +
                         std::to_string(b.cols) + " (they must have the same shape)");
    const double rot_share = rq.rotation ? 0.5 : 0.1;
    auto p0 = progress.sub(0.0, rot_share * 0.3);
    p0.report(0.0, "Procrustes fit");
    ProcrustesFit fit;
    if (rq.rotation) {
        fit = procrustesFit(a, b, rq.side);
        out.reduction = fit.reduction, out.residual = fit.residual;
    } else {
        out.reduction = procrustesReduction(a, b, rq.side);
    }
    {
        // cosine without R
        double ab = 0, aa = 0, bb = 0;
        for (size_t i = 0; i < a.values.size(); ++i)
            ab += double(a.values[i]) * b.values[i], aa += double(a.values[i]) * a.values[i],
                bb += double(b.values[i]) * b.values[i];
        out.cosine = aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0.0;
    }
    auto pg = progress.sub(rot_share * 0.3, rot_share + (1 - rot_share) * 0.5);
    out.gaussian = procrustesNull(a, b, rq.side, NullKind::Gaussian, rq.null_draws, rq.seed, &pg);
    auto pp = progress.sub(rot_share + (1 - rot_share) * 0.5, rq.rotation ? 0.9 : 1.0);
    out.permuted = procrustesNull(a, b, rq.side, NullKind::Permuted, rq.null_draws, rq.seed + 2, &pp);
    out.low_rank_share = std::nan("");
    if (rq.rotation) {
        out.rotation_size = fit.rotation.rows;
        out.rank =
            rq.rank > 0 ? std::min(rq.rank, out.rotation_size) : std::max<int64_t>(1, out.rotation_size / 4);
        out.low_rank_share = lowRankRotationShare(fit.rotation, out.rank);
        auto ph = progress.sub(0.9, 0.97);
        out.haar = lowRankRotationNull(out.rotation_size, out.rank, rq.null_draws, rq.seed + 4, &ph);
        progress.report(0.97, "transport artifact");
        const std::string prototype = quantizedMatrixPayload(a, rq.bits);  // A, in both artifacts
        out.transport_bytes = static_cast<int64_t>(
            zstdCompress(prototype + quantizedMatrixPayload(fit.rotation, rq.bits), rq.zstd_level).size());
        out.plain_bytes = static_cast<int64_t>(
            zstdCompress(prototype + quantizedMatrixPayload(b, rq.bits), rq.zstd_level).size());
    }
    progress.report(1.0, "done");
    return out;
}

void CompareRequest::validate() const {
    MatrixTargets::parse(targets);
    if (null_draws < 2)
        throw InputError("null draws: " + std::to_string(null_draws) + " (a null needs at least 2)");
}

CompareResult runCompare(const Gpt2Model& a, const Gpt2Model& b, const CompareRequest& rq,
                         Progress& progress) {
    rq.validate();
    checkSameArchitecture(a, b);
    CompareResult out;
    out.request = rq;
    out.a_model = a.directory(), out.b_model = b.directory();
    out.a_model_hash = a.contentHash(), out.b_model_hash = b.contentHash();
    ProcrustesRequest pr;
    pr.side = rq.side, pr.null_draws = rq.null_draws, pr.seed = rq.seed, pr.rotation = false;
    out.settings = "same matrix of both checkpoints; " + pr.describe() + "; targets " + rq.targets;
    auto ps = progress.sub(0.0, 0.05);
    const auto sa = runTensorStats(a, ps), sb = runTensorStats(b, ps);
    for (size_t i = 0; i < sa.tensors.size(); ++i)
        out.stats.push_back({sa.tensors[i].name, sa.tensors[i], sb.tensors[i]});
    const auto mats = MatrixTargets::parse(rq.targets).select(a);
    try {
        for (size_t i = 0; i < mats.size(); ++i) {
            auto pm =
                progress.sub(0.05 + 0.95 * static_cast<double>(i) / static_cast<double>(mats.size()),
                             0.05 + 0.95 * static_cast<double>(i + 1) / static_cast<double>(mats.size()));
            pr.a = pr.b = mats[i].name;
            out.rows.push_back(runProcrustes(a, b, pr, pm));
        }
    } catch (const Cancelled&) {
        out.complete = false;
    }
    return out;
}

}  // namespace kronscope::core
