#include "kronscope/core/surgery/surgery.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "decompose/decomposition_impl.h"
#include "model/gpt2_impl.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core {

const char* methodName(SurgeryMethod m) {
    switch (m) {
        case SurgeryMethod::Kronecker:
            return "kron";
        case SurgeryMethod::Svd:
            return "svd";
        default:
            return "none";
    }
}

// ---- plans ----

SurgeryPlan SurgeryPlan::uniform(const Gpt2Model& model, SurgeryMethod method, int64_t n,
                                 const MatrixTargets& targets, const SurgeryOptions& o) {
    SurgeryPlan plan;
    for (const auto& m : model.matrices())
        if (targets.selects(m))
            plan.entries.push_back({m.name, method, n, o.terms, o.small_first, o.rescale});
    plan.label = std::string(methodName(method)) + " n=" + std::to_string(n) + " on " + targets.spec;
    if (plan.entries.empty())
        throw InputError("targets '" + targets.spec + "' select no matrix of this model");
    return plan;
}

SurgeryPlan SurgeryPlan::hybrid(const Gpt2Model& model, int64_t n, const MatrixTargets& targets, bool reverse,
                                const SurgeryOptions& o) {
    SurgeryPlan plan;
    for (const auto& m : model.matrices()) {
        if (!targets.selects(m)) continue;
        const bool attn = m.kind.rfind("attn.", 0) == 0;
        const SurgeryMethod method = (attn != reverse) ? SurgeryMethod::Kronecker : SurgeryMethod::Svd;
        plan.entries.push_back({m.name, method, n, o.terms, o.small_first, o.rescale});
    }
    plan.label = std::string(reverse ? "reverse-hybrid" : "hybrid") + " n=" + std::to_string(n) + " on " +
                 targets.spec;
    if (plan.entries.empty())
        throw InputError("targets '" + targets.spec + "' select no matrix of this model");
    return plan;
}

SurgeryPlan SurgeryPlan::named(const Gpt2Model& model, const std::string& method, int64_t n,
                               const MatrixTargets& targets, const SurgeryOptions& o) {
    if (method == "kron") return uniform(model, SurgeryMethod::Kronecker, n, targets, o);
    if (method == "svd") return uniform(model, SurgeryMethod::Svd, n, targets, o);
    if (method == "hybrid") return hybrid(model, n, targets, false, o);
    if (method == "reverse-hybrid") return hybrid(model, n, targets, true, o);
    throw InputError("method '" + method + "': expected kron, svd, hybrid or reverse-hybrid");
}

int64_t SurgeryPlan::params(const Gpt2Model& model, int64_t* dense_params) const {
    int64_t total = 0, dense = 0;
    const auto mats = model.matrices();
    for (const auto& e : entries) {
        const auto it =
            std::find_if(mats.begin(), mats.end(), [&](const MatrixRef& m) { return m.name == e.matrix; });
        if (it == mats.end()) throw InputError("plan names unknown matrix '" + e.matrix + "'");
        dense += it->params();
        if (e.method == SurgeryMethod::None) {
            total += it->params();
            continue;
        }
        KroneckerSpec spec = KroneckerSpec::forBlockSize(it->rows, it->cols, e.block_size, e.small_first);
        if (e.terms > 0) spec.terms = e.terms;
        if (e.method == SurgeryMethod::Kronecker)
            total += spec.params();
        else
            total += matchedSvdRank(it->rows, it->cols, spec.params()) * (it->rows + it->cols);
    }
    if (dense_params) *dense_params = dense;
    return total;
}

// ---- apply / revert ----

void revertSurgery(Gpt2Model& model) {
    auto& impl = model.impl();
    const auto opts = torch::TensorOptions().device(impl.device).dtype(impl.dtype);
    for (size_t l = 0; l < impl.blocks.size(); ++l)
        for (int s = 0; s < 4; ++s) {
            Linear& lin = impl.blocks[l].linear[s];
            if (!lin.replaced) continue;
            lin.factored = nullptr;
            lin.weight = impl.original[l][s].to(opts).contiguous();
            lin.replaced = false;
        }
}

int64_t activeSurgeryCount(const Gpt2Model& model) {
    const auto& impl = model.impl();
    int64_t n = 0;
    for (size_t l = 0; l < impl.blocks.size(); ++l)
        for (int s = 0; s < 4; ++s)
            if (impl.blocks[l].linear[s].replaced) ++n;
    return n;
}

SurgeryResult applySurgery(Gpt2Model& model, const SurgeryPlan& plan, Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    auto& impl = model.impl();
    revertSurgery(model);
    const auto t0 = std::chrono::steady_clock::now();
    const auto opts = torch::TensorOptions().device(impl.device).dtype(impl.dtype);
    SurgeryResult result;
    result.label = plan.label;
    try {
        for (size_t i = 0; i < plan.entries.size(); ++i) {
            progress.throwIfCancelled();
            const MatrixSurgery& e = plan.entries[i];
            const auto [layer, slot] = impl.parseMatrixName(e.matrix);
            const torch::Tensor& w = impl.original[static_cast<size_t>(layer)][slot];  // [in, out], f32 CPU
            Linear& lin = impl.blocks[static_cast<size_t>(layer)].linear[slot];
            MatrixSurgeryResult r;
            r.matrix = e.matrix;
            r.method = e.method;
            r.dense_params = w.numel();
            const int64_t m = w.size(0), p = w.size(1);
            if (e.method == SurgeryMethod::None) {
                r.params = r.dense_params;
            } else {
                lin.replaced = true;
                KroneckerSpec spec = KroneckerSpec::forBlockSize(m, p, e.block_size, e.small_first);
                if (e.terms > 0) spec.terms = e.terms;
                spec.rescale = e.rescale;
                if (e.method == SurgeryMethod::Kronecker) {
                    auto f = fitKroneckerFactors(w, spec);
                    r.params = spec.params();
                    r.rel_err = f.rel_err;
                    r.settings = spec.label();
                    const int64_t flops = kroneckerApplyFlops(f.terms, spec.m1, spec.p1, spec.m2, spec.p2);
                    if (flops < denseApplyFlops(m, p)) {
                        auto a = f.a.to(opts).contiguous(), s = f.s.to(opts).contiguous();
                        lin.factored = [a, s](const torch::Tensor& x) { return applyKronecker(x, a, s); };
                        r.factored = true;
                    } else {
                        lin.weight = materializeKronecker(f.a, f.s).to(opts).contiguous();
                    }
                } else {
                    const int64_t rank = matchedSvdRank(m, p, spec.params());
                    auto f = fitLowRankFactors(w, rank);
                    r.params = f.rank * (m + p);
                    r.rel_err = f.rel_err;
                    r.settings = "rank " + std::to_string(f.rank) +
                                 " (matched to Kronecker n=" + std::to_string(e.block_size) + ")";
                    if (lowRankApplyFlops(m, p, f.rank) < denseApplyFlops(m, p)) {
                        auto u = f.u.to(opts).contiguous(), s = f.s.to(opts).contiguous(),
                             vt = f.vt.to(opts).contiguous();
                        lin.factored = [u, s, vt](const torch::Tensor& x) {
                            return applyLowRank(x, u, s, vt);
                        };
                        r.factored = true;
                    } else {
                        lin.weight = materializeLowRank(f.u, f.s, f.vt).to(opts).contiguous();
                    }
                }
            }
            result.params += r.params;
            result.dense_params += r.dense_params;
            result.matrices.push_back(std::move(r));
            progress.report(static_cast<double>(i + 1) / static_cast<double>(plan.entries.size()),
                            "fitting " + e.matrix);
        }
    } catch (...) {
        revertSurgery(model);
        throw;
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

// ---- sweeps ----

void checkSweepSettings(const SweepSettings& s, const Gpt2Model* model) {
    if (s.block_sizes.empty()) throw InputError("block sizes: give at least one");
    for (const auto n : s.block_sizes)
        if (n < 1) throw InputError("block sizes: " + std::to_string(n) + " is not a positive integer");
    if (s.methods.empty())
        throw InputError("methods: give at least one of kron, svd, hybrid, reverse-hybrid");
    for (const auto& m : s.methods)
        if (m != "kron" && m != "svd" && m != "hybrid" && m != "reverse-hybrid")
            throw InputError("methods: '" + m + "' is not one of kron, svd, hybrid, reverse-hybrid");
    if (s.targets.empty()) throw InputError("targets: give at least one (e.g. all, attn, mlp, layers:0-5)");
    for (const auto& t : s.targets) MatrixTargets::parse(t);
    if (s.shard_count < 0 || (s.shard_count > 0 && (s.shard_index < 0 || s.shard_index >= s.shard_count)))
        throw InputError("shard: " + std::to_string(s.shard_index) + "/" + std::to_string(s.shard_count) +
                         " needs 0 <= I < N");
    if (!model) return;
    for (const auto n : s.block_sizes)
        for (const auto& m : model->matrices())
            KroneckerSpec::forBlockSize(m.rows, m.cols, n, s.options.small_first);
}

namespace {
double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

SweepThroughput sweepThroughput(const std::vector<SweepRow>& rows) {
    SweepThroughput t;
    for (const auto& row : rows) {
        if (!(row.seconds > 0.0)) continue;  // rows from files written before cells were timed
        ++t.evaluations;
        t.seconds += row.seconds;
        // tokens_per_second is tokens run / evaluation seconds (PerplexityResult), hence the tokens run.
        t.tokens += std::round(row.ppl.tokens_per_second * row.ppl.seconds);
    }
    if (t.known()) {
        t.evaluations_per_minute = 60.0 * static_cast<double>(t.evaluations) / t.seconds;
        t.tokens_per_second = t.tokens / t.seconds;
    }
    return t;
}

SweepResult runSweep(Gpt2Model& model, const std::vector<int32_t>& ids, const std::string& text_hash,
                     const SweepSettings& s, Progress& progress,
                     const std::function<void(const SweepRow&)>& on_row) {
    SweepResult out;
    out.model_dir = model.directory();
    out.model_hash = model.contentHash();
    out.text_name = s.ppl.text_name;
    out.text_hash = text_hash;
    out.app_version = buildInfo().app_version;
    out.ppl_settings = s.ppl;
    checkSweepSettings(s, &model);  // everything before the first long step
    std::vector<MatrixTargets> targets;
    for (const auto& t : s.targets) targets.push_back(MatrixTargets::parse(t));

    const size_t cells = (s.baseline ? 1 : 0) + targets.size() * s.methods.size() * s.block_sizes.size();
    auto owned = [&](size_t cell) {
        return s.shard_count <= 0 || static_cast<int64_t>(cell) % s.shard_count == s.shard_index;
    };
    size_t steps = 0;
    for (size_t k = 0; k < cells; ++k) steps += owned(k) ? 1 : 0;
    steps = std::max<size_t>(steps, 1);
    size_t step = 0, cell = 0;
    auto emit = [&](SweepRow row) {
        out.rows.push_back(row);
        if (on_row) on_row(out.rows.back());
    };
    try {
        if (s.baseline && owned(cell++)) {
            auto sub = progress.sub(0.0, 1.0 / static_cast<double>(steps));
            SweepRow row;
            row.cell = 0;
            row.method = "baseline";
            row.targets = "none";
            const auto t0 = std::chrono::steady_clock::now();
            revertSurgery(model);
            row.ppl = model.perplexity(ids, s.ppl, sub);
            row.seconds = secondsSince(t0);
            emit(row);
            ++step;
        }
        for (const auto& t : targets)
            for (const auto& method : s.methods)
                for (const auto n : s.block_sizes) {
                    const size_t this_cell = cell++;
                    if (!owned(this_cell)) continue;
                    const double a = static_cast<double>(step) / static_cast<double>(steps);
                    const double b = static_cast<double>(step + 1) / static_cast<double>(steps);
                    auto fit = progress.sub(a, a + 0.3 * (b - a));
                    auto eval = progress.sub(a + 0.3 * (b - a), b);
                    const auto t0 = std::chrono::steady_clock::now();
                    const auto plan = SurgeryPlan::named(model, method, n, t, s.options);
                    const auto sr = applySurgery(model, plan, fit);
                    SweepRow row;
                    row.cell = static_cast<int64_t>(this_cell);
                    row.method = method;
                    row.block_size = n;
                    row.targets = t.spec;
                    row.matrices = static_cast<int64_t>(sr.matrices.size());
                    row.params = sr.params;
                    row.dense_params = sr.dense_params;
                    for (const auto& m : sr.matrices)
                        row.mean_rel_err += m.rel_err / static_cast<double>(sr.matrices.size());
                    row.ppl = model.perplexity(ids, s.ppl, eval);
                    revertSurgery(model);
                    row.seconds = secondsSince(t0);
                    emit(row);
                    ++step;
                }
        out.complete = true;
    } catch (const Cancelled&) {
        revertSurgery(model);
        out.complete = false;
        return out;
    } catch (...) {
        revertSurgery(model);
        throw;
    }
    revertSurgery(model);
    return out;
}

namespace {
std::string fmt(double v, int prec) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", prec, v);
    return buf;
}
std::string millions(int64_t p) {
    return fmt(static_cast<double>(p) / 1e6, 2) + "M";
}
}  // namespace

std::string sweepToMarkdown(const SweepResult& r) {
    std::ostringstream os;
    os << "Model `" << r.model_dir << "` (hash " << r.model_hash << "), text `" << r.text_name << "` (hash "
       << r.text_hash << "), max_length " << r.ppl_settings.max_length << ", stride " << r.ppl_settings.stride
       << (r.ppl_settings.max_tokens > 0 ? ", first " + std::to_string(r.ppl_settings.max_tokens) + " tokens"
                                         : "")
       << ", Kronscope " << r.app_version << (r.complete ? "" : " (incomplete: cancelled, or shards missing)")
       << "\n\n";
    os << "| Method | Block size | Targets | Matrices | Params | PPL | Tokens scored | Mean rel. error |\n";
    os << "|---|---|---|---|---|---|---|---|\n";
    for (const auto& row : r.rows) {
        os << "| " << row.method << " | " << (row.block_size ? std::to_string(row.block_size) : "-") << " | "
           << row.targets << " | " << row.matrices << " | " << (row.matrices ? millions(row.params) : "-")
           << " | " << fmt(row.ppl.ppl, 2) << " | " << row.ppl.tokens_scored << " | "
           << (row.matrices ? fmt(row.mean_rel_err, 4) : "-") << " |\n";
    }
    const auto t = sweepThroughput(r.rows);
    if (t.known())
        os << "\nThroughput: " << fmt(t.evaluations_per_minute, 2) << " evaluations/min, "
           << fmt(t.tokens_per_second, 0) << " tokens/s through the model (cells timed: " << t.evaluations
           << ", " << fmt(t.seconds, 1) << " s of surgery + evaluation, " << r.rows.front().ppl.device << " "
           << r.rows.front().ppl.dtype << ")\n";
    return os.str();
}

std::string sweepToCsv(const SweepResult& r) {
    std::ostringstream os;
    os << "method,block_size,targets,matrices,params,dense_params,mean_rel_err,ppl,nll_sum,tokens_scored,"
          "windows,"
          "max_length,stride,max_tokens,seconds,cell_seconds,device,dtype,model,model_hash,text,text_hash,"
          "app_version\n";
    auto q = [](const std::string& s) {
        std::string o = "\"";
        for (char c : s) o += (c == '"') ? std::string("\"\"") : std::string(1, c);
        return o + "\"";
    };
    for (const auto& row : r.rows) {
        os << row.method << "," << row.block_size << "," << q(row.targets) << "," << row.matrices << ","
           << row.params << "," << row.dense_params << "," << fmt(row.mean_rel_err, 6) << ","
           << fmt(row.ppl.ppl, 6) << "," << fmt(row.ppl.nll_sum, 6) << "," << row.ppl.tokens_scored << ","
           << row.ppl.windows << "," << row.ppl.max_length << "," << row.ppl.stride << ","
           << r.ppl_settings.max_tokens << "," << fmt(row.ppl.seconds, 3) << "," << fmt(row.seconds, 3) << ","
           << row.ppl.device << "," << row.ppl.dtype << "," << q(r.model_dir) << "," << r.model_hash << ","
           << q(r.text_name) << "," << r.text_hash << "," << r.app_version << "\n";
    }
    return os.str();
}

}  // namespace kronscope::core
