#include "kronscope/core/analysis/structure_map.h"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <map>
#include <tuple>

#include "kronscope/core/base/error.h"
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/decompose/null_models.h"

namespace kronscope::core {

const char* mapMetricName(MapMetric m) {
    switch (m) {
        case MapMetric::KronRatio:
            return "kron-ratio";
        case MapMetric::KronErr:
            return "kron-err";
        case MapMetric::SvdErr:
            return "svd-err";
    }
    return "?";
}

const char* mapMetricLabel(MapMetric m) {
    switch (m) {
        case MapMetric::KronRatio:
            return "Kronecker ratio";
        case MapMetric::KronErr:
            return "Kronecker rel. error";
        case MapMetric::SvdErr:
            return "SVD rel. error";
    }
    return "?";
}

MapMetric parseMapMetric(const std::string& name) {
    for (auto m : {MapMetric::KronRatio, MapMetric::KronErr, MapMetric::SvdErr})
        if (name == mapMetricName(m)) return m;
    throw InputError("metric: '" + name + "' is not one of kron-ratio, kron-err, svd-err");
}

void StructureMapRequest::validate() const {
    if (block_sizes.empty()) throw InputError("block sizes: give at least one");
    for (const auto n : block_sizes)
        if (n < 1) throw InputError("block sizes: " + std::to_string(n) + " is not a positive integer");
    if (metric == MapMetric::KronRatio && null_draws < 2)
        throw InputError("null draws: " + std::to_string(null_draws) + " (a null needs at least 2)");
    if (shard_count < 0 || (shard_count > 0 && (shard_index < 0 || shard_index >= shard_count)))
        throw InputError("shard: " + std::to_string(shard_index) + "/" + std::to_string(shard_count) +
                         " needs 0 <= I < N");
}

std::string StructureMapRequest::describe() const {
    std::string sizes;
    for (const auto n : block_sizes) sizes += (sizes.empty() ? "" : ",") + std::to_string(n);
    const std::string where = "; block sizes " + sizes + "; targets " + targets.spec;
    switch (metric) {
        case MapMetric::KronRatio:
            return "Kronecker ratio = rel. error / mean rel. error of " + std::to_string(null_draws) +
                   " Gaussian matrices of the same shape (seed " + std::to_string(seed) +
                   "); r = n terms, small factor first" + where;
        case MapMetric::KronErr:
            return "Kronecker relative error, r = n terms, small factor first" + where;
        case MapMetric::SvdErr:
            return "relative error of the truncated SVD at the Kronecker parameter count" + where;
    }
    return where;
}

std::string structureMapMarkdown(const StructureMapResult& r, const std::string& model_dir) {
    const bool ratio = r.request.metric == MapMetric::KronRatio;
    std::string out = "| Matrix |";
    for (auto n : r.request.block_sizes) out += " n = " + std::to_string(n) + " |";
    out += "\n|---|";
    for (size_t c = 0; c < r.cols(); ++c) out += "---|";
    out += "\n";
    char cell[96];
    for (size_t i = 0; i < r.matrices.size(); ++i) {
        out += "| " + r.matrices[i] + " |";
        for (size_t c = 0; c < r.cols(); ++c) {
            const double v = r.at(i, c);
            if (!std::isfinite(v))
                std::snprintf(cell, sizeof cell, " - |");
            else if (ratio)
                std::snprintf(cell, sizeof cell, " %.4f (null %.4f ± %.4f) |", v,
                              r.null_mean[i * r.cols() + c], r.null_std[i * r.cols() + c]);
            else
                std::snprintf(cell, sizeof cell, " %.4f |", v);
            out += cell;
        }
        out += "\n";
    }
    return out + "\n" + r.settings + "; model " + model_dir + " (" + r.model_hash + ")\n";
}

std::string structureMapCsv(const StructureMapResult& r) {
    const bool ratio = r.request.metric == MapMetric::KronRatio;
    std::string out = "matrix,block_size,value,null_mean,null_std\n";
    char cell[128];
    for (size_t i = 0; i < r.matrices.size(); ++i)
        for (size_t c = 0; c < r.cols(); ++c) {
            const double v = r.at(i, c);
            out += r.matrices[i] + "," + std::to_string(r.request.block_sizes[c]) + ",";
            if (std::isfinite(v) && ratio)
                std::snprintf(cell, sizeof cell, "%.17g,%.17g,%.17g", v, r.null_mean[i * r.cols() + c],
                              r.null_std[i * r.cols() + c]);
            else if (std::isfinite(v))
                std::snprintf(cell, sizeof cell, "%.17g,,", v);
            else
                std::snprintf(cell, sizeof cell, ",,");
            out += std::string(cell) + "\n";
        }
    return out;
}

StructureMapResult runStructureMap(const Gpt2Model& model, const StructureMapRequest& rq,
                                   Progress& progress) {
    rq.validate();
    StructureMapResult out;
    out.request = rq;
    out.settings = rq.describe();
    out.model_hash = model.contentHash();
    const auto mats = rq.targets.select(model);
    const size_t rows = mats.size(), cols = rq.block_sizes.size();
    out.values.assign(rows * cols, std::nan(""));
    for (const auto& m : mats) out.matrices.push_back(m.name);
    const bool ratio = rq.metric == MapMetric::KronRatio;
    if (ratio) out.null_mean.assign(rows * cols, 0.0), out.null_std.assign(rows * cols, 0.0);
    std::map<std::tuple<int64_t, int64_t, int64_t>, NullStats> nulls;  // (rows, cols, n) -> null
    auto owned = [&](size_t cell) {
        return rq.shard_count <= 0 || static_cast<int64_t>(cell) % rq.shard_count == rq.shard_index;
    };
    size_t todo = 0;
    for (size_t k = 0; k < rows * cols; ++k) todo += owned(k) ? 1 : 0;
    const double total = static_cast<double>(std::max<size_t>(todo, 1));
    size_t done = 0;
    for (size_t i = 0; i < rows; ++i) {
        bool any = false;
        for (size_t j = 0; j < cols; ++j) any |= owned(i * cols + j);
        if (!any) continue;
        const auto w = model.originalMatrix(mats[i].name);
        for (size_t j = 0; j < cols; ++j) {
            if (!owned(i * cols + j)) continue;
            progress.throwIfCancelled();
            const int64_t n = rq.block_sizes[j];
            if (w.rows % n == 0 && w.cols % n == 0) {
                const auto spec = KroneckerSpec::forBlockSize(w.rows, w.cols, n);
                double value = 0.0;
                if (rq.metric == MapMetric::SvdErr) {
                    value = fitTruncatedSvd(w, matchedSvdRank(w.rows, w.cols, spec.params())).rel_err;
                } else {
                    value = fitKronecker(w, spec).rel_err;
                    if (ratio) {
                        const auto key = std::make_tuple(w.rows, w.cols, n);
                        auto it = nulls.find(key);
                        if (it == nulls.end())
                            it = nulls
                                     .emplace(key, kroneckerErrorNull(w, spec, NullKind::Gaussian,
                                                                      rq.null_draws, rq.seed, nullptr))
                                     .first;
                        value /= it->second.mean;
                        out.null_mean[i * cols + j] = it->second.mean;
                        out.null_std[i * cols + j] = it->second.std;
                    }
                }
                out.values[i * cols + j] = value;
            }
            progress.report(static_cast<double>(++done) / total, mats[i].name + " n=" + std::to_string(n));
        }
    }
    return out;
}

}  // namespace kronscope::core
