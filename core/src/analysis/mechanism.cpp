#include "kronscope/core/analysis/mechanism.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "kronscope/core/analysis/perplexity.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/surgery/surgery.h"

namespace kronscope::core {

const char* mechanismAnalysisName(MechanismAnalysis a) {
    switch (a) {
        case MechanismAnalysis::ActivationError:
            return "activation-error";
        case MechanismAnalysis::Conditioning:
            return "conditioning";
        case MechanismAnalysis::Nullspace:
            return "nullspace";
        case MechanismAnalysis::Scan:
            return "scan";
        case MechanismAnalysis::Propagation:
            return "propagation";
    }
    return "?";
}

MechanismAnalysis parseMechanismAnalysis(const std::string& name) {
    for (int i = 0; i <= 4; ++i)
        if (name == mechanismAnalysisName(static_cast<MechanismAnalysis>(i)))
            return static_cast<MechanismAnalysis>(i);
    throw InputError("analysis: '" + name +
                     "' is not one of activation-error, conditioning, nullspace, scan, propagation");
}

void MechanismRequest::validate() const {
    if (block_sizes.empty()) throw InputError("block sizes: give at least one");
    for (const auto n : block_sizes)
        if (n < 1) throw InputError("block sizes: " + std::to_string(n) + " is not a positive integer");
    if (analysis != MechanismAnalysis::Scan && block_sizes.size() != 1)
        throw InputError("block sizes: " + std::string(mechanismAnalysisName(analysis)) +
                         " takes one block size");
    if (methods.empty()) throw InputError("methods: give kron, svd or both");
    for (const auto& m : methods)
        if (m != "kron" && m != "svd") throw InputError("methods: '" + m + "' is not kron or svd");
    if (analysis == MechanismAnalysis::Nullspace) {
        if (eps.empty()) throw InputError("eps: give at least one value");
        for (const double e : eps)
            if (!(e >= 0.0 && e <= 100.0))
                throw InputError("eps: " + std::to_string(e) + " (expected 0..100)");
    }
    if (analysis != MechanismAnalysis::Conditioning && text_path.empty())
        throw InputError("text: choose a text file");
    if (shard_count < 0 || (shard_count > 0 && (shard_index < 0 || shard_index >= shard_count)))
        throw InputError("shard: " + std::to_string(shard_index) + "/" + std::to_string(shard_count) +
                         " (expected I/N with 0 <= I < N)");
    if (shard_count > 0 && analysis != MechanismAnalysis::Scan)
        throw InputError("shard: only the scan is sharded (" + std::string(mechanismAnalysisName(analysis)) +
                         " runs on one machine)");
    if (!(cache_gb >= 0.0)) throw InputError("cache: " + std::to_string(cache_gb) + " GB (expected >= 0)");
}

void MechanismRequest::validateFor(const Gpt2Model& model) const {
    validate();
    for (const auto& m : targets.select(model))
        for (const auto n : block_sizes)
            if (m.rows % n != 0 || m.cols % n != 0)
                throw InputError("block sizes: " + std::to_string(n) + " does not divide " + m.name + " (" +
                                 std::to_string(m.rows) + " x " + std::to_string(m.cols) + ")");
}

std::string MechanismRequest::describe() const {
    std::ostringstream o;
    o << mechanismAnalysisName(analysis) << "; block size";
    if (block_sizes.size() > 1) o << "s";
    for (size_t i = 0; i < block_sizes.size(); ++i) o << (i ? "," : " ") << block_sizes[i];
    o << " (Kronecker r = n terms, small factor first; SVD at the Kronecker parameter count); targets "
      << targets.spec;
    if (analysis == MechanismAnalysis::Scan) {
        o << "; methods";
        for (size_t i = 0; i < methods.size(); ++i) o << (i ? "," : " ") << methods[i];
    }
    if (analysis == MechanismAnalysis::Nullspace) {
        o << "; eps";
        for (size_t i = 0; i < eps.size(); ++i) o << (i ? "," : " ") << eps[i];
        o << "; noise seed " << seed;
    }
    if (analysis == MechanismAnalysis::ActivationError || analysis == MechanismAnalysis::Propagation)
        o << "; non-overlapping windows of " << ppl.max_length << " tokens";
    else if (analysis != MechanismAnalysis::Conditioning)
        o << "; max_length " << ppl.max_length << ", stride " << ppl.stride;
    if (analysis != MechanismAnalysis::Conditioning && ppl.max_tokens > 0)
        o << ", first " << ppl.max_tokens << " tokens";
    return o.str();
}

namespace {

std::string num(double v, const char* fmt) {
    if (std::isinf(v)) return "inf";
    if (!std::isfinite(v)) return "-";
    char b[64];
    std::snprintf(b, sizeof b, fmt, v);
    return b;
}

}  // namespace

std::string scanTable(const MechanismResult& r, const std::string& model_dir, bool csv) {
    std::ostringstream o;
    if (csv) {
        o << "matrix,kind,layer,method,block_size,ppl,mean_nll\n";
        for (const auto& s : r.scan)
            o << s.matrix << "," << s.kind << "," << s.layer << "," << s.method << "," << s.block_size << ","
              << num(s.ppl, "%.17g") << "," << num(s.mean_nll, "%.17g") << "\n";
        o << "all targeted,all,,"
          << "baseline,0," << num(r.baseline_ppl, "%.17g") << "," << num(r.baseline_mean_nll, "%.17g")
          << "\n";
        for (const auto& a : r.additivity)
            o << "all targeted,all,," << a.method << "," << a.block_size << "," << num(a.full_ppl, "%.17g")
              << "," << num(a.full_mean_nll, "%.17g") << "\n";
        return o.str();
    }
    o << "baseline PPL " << num(r.baseline_ppl, "%.4f") << "; prefix reuse "
      << (r.prefix_reuse ? "on" : "off") << " (cache " << num(r.cache_gb, "%.2f")
      << " GB)\n| matrix | method | n | PPL | mean NLL |\n|---|---|---|---|---|\n";
    for (const auto& s : r.scan)
        o << "| " << s.matrix << " | " << s.method << " | " << s.block_size << " | " << num(s.ppl, "%.4f")
          << " | " << num(s.mean_nll, "%.6f") << " |\n";
    o << "\n| method | n | full PPL | full change in mean NLL | sum of single changes "
         "|\n|---|---|---|---|---|\n";
    for (const auto& a : r.additivity)
        o << "| " << a.method << " | " << a.block_size << " | " << num(a.full_ppl, "%.4f") << " | "
          << num(a.full_delta_nll, "%.6f") << " | " << num(a.sum_single_delta_nll, "%.6f") << " |\n";
    o << "\n"
      << r.settings << (r.text_name.empty() ? "" : "; text " + r.text_name) << "; model " << model_dir << " ("
      << r.model_hash << ")\n";
    return o.str();
}

MechanismResult runMechanismAnalysis(Gpt2Model& model, const MechanismRequest& rq, Progress& progress) {
    rq.validateFor(model);
    MechanismResult out;
    out.request = rq;
    out.settings = rq.describe();
    out.model_hash = model.contentHash();
    revertSurgery(model);
    TextWindow text;
    text.ppl = rq.ppl;
    if (!rq.text_path.empty() && rq.analysis != MechanismAnalysis::Conditioning) {
        const auto t = tokenizeTextFile(model, rq.text_path);
        text.ids = t.ids;
        out.text_hash = t.hash;
        describeText(text.ppl, t);
        out.text_name = text.ppl.text_name;
        out.tokenizer = t.tokenizer;
    }
    progress.report(0.05, "tokenized");
    auto p = progress.sub(0.05, 1.0);
    const int64_t n = rq.block_sizes.front();
    try {
        switch (rq.analysis) {
            case MechanismAnalysis::ActivationError: {
                auto pc = p.sub(0.0, 0.6), pe = p.sub(0.6, 1.0);
                const auto grams = captureActivations(model, text.ids, {rq.ppl.max_length, rq.ppl.max_tokens},
                                                      rq.targets, pc);
                out.positions = grams.positions;
                out.errors = activationErrors(model, grams, n, pe);
                break;
            }
            case MechanismAnalysis::Conditioning:
                out.conditioning = conditioningRows(model, rq.targets, n, p);
                out.median_original = medianOf(out.conditioning, 0);
                out.median_kron = medianOf(out.conditioning, 1);
                out.median_svd = medianOf(out.conditioning, 2);
                break;
            case MechanismAnalysis::Nullspace: {
                const auto r = nullspaceSweep(model, text, rq.targets, n, rq.eps, rq.seed, p);
                out.baseline_ppl = r.baseline_ppl, out.kron_ppl = r.kron_ppl, out.svd_ppl = r.svd_ppl;
                out.nullspace = r.points;
                break;
            }
            case MechanismAnalysis::Scan: {
                const auto r = singleMatrixScan(model, text, rq.targets, rq.block_sizes, rq.methods,
                                                rq.cache_gb, p, ScanShard{rq.shard_index, rq.shard_count});
                out.baseline_ppl = r.baseline_ppl, out.baseline_mean_nll = r.baseline_mean_nll;
                out.scan = r.rows, out.additivity = r.additivity;
                out.prefix_reuse = r.prefix_reuse, out.cache_gb = r.cache_gb, out.complete = r.complete;
                break;
            }
            case MechanismAnalysis::Propagation:
                out.propagation = errorPropagation(model, text, rq.targets, n, rq.cache_gb, p);
                break;
        }
    } catch (const Cancelled&) {
        revertSurgery(model);
        out.complete = false;
    }
    return out;
}

}  // namespace kronscope::core
