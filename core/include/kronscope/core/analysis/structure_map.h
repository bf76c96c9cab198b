#pragma once
// Structure map: one per-matrix metric for every targeted block matrix at every block size (the Structure map
// page's landscape and `kronscope-cli map`). Kronecker ratio = rel_err(W) / mean rel_err(Gaussian null of the
// same shape and fit); the null depends only on the shape and the fit, so it is computed once per (rows,
// cols, n) and shared by the matrices of that shape. Fits: r = n terms, small factor first (the seed tables'
// convention); SVD at the Kronecker fit's parameter count. A block size that does not divide both dimensions
// of a matrix leaves that cell empty (NaN).
#include <cstdint>
#include <string>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/model/matrix_targets.h"

namespace kronscope::core {

enum class MapMetric { KronRatio = 0, KronErr = 1, SvdErr = 2 };
const char* mapMetricName(MapMetric m);   // "kron-ratio", "kron-err", "svd-err"
const char* mapMetricLabel(MapMetric m);  // "Kronecker ratio", "Kronecker rel. error", "SVD rel. error"
/// Parses mapMetricName(); InputError naming the choices.
MapMetric parseMapMetric(const std::string& name);

struct StructureMapRequest {
    MatrixTargets targets = MatrixTargets::all();
    std::vector<int64_t> block_sizes{2, 4, 8, 16};
    MapMetric metric = MapMetric::KronRatio;
    int null_draws = 20;  // Gaussian null draws per (shape, n); used by kron-ratio
    uint64_t seed = 0;
    /// A cluster shard (kronscope-cli map --shard I/N): with shard_count > 0 only the cells k = row x
    /// block sizes + column (rows in model order) with k mod shard_count == shard_index are computed; the
    /// others stay NaN. Each null is seeded by (seed, shape, n) alone, so a shard computes the values the
    /// whole map has. Not part of the request's JSON.
    int64_t shard_index = 0, shard_count = 0;
    /// InputError naming the field: no block sizes, a size < 1, fewer than 2 null draws.
    void validate() const;
    /// The settings line every figure and table of the map carries.
    std::string describe() const;
};

struct StructureMapResult {
    StructureMapRequest request;
    std::vector<std::string> matrices;  // rows, model order
    std::vector<double> values;     // rows x block sizes, row-major; NaN where n does not divide the shape
    std::vector<double> null_mean;  // per cell (kron-ratio), else empty; 0 where the cell is empty
    std::vector<double> null_std;
    std::string settings;  // request.describe()
    std::string model_hash;
    size_t cols() const { return request.block_sizes.size(); }
    double at(size_t row, size_t col) const { return values[row * cols() + col]; }
};

/// The map as the Markdown table `kronscope-cli map` prints (each Kronecker ratio beside its null), with the
/// settings line naming `model_dir`.
std::string structureMapMarkdown(const StructureMapResult& r, const std::string& model_dir);
/// The map as CSV: matrix, block_size, value, null_mean, null_std (empty where a size does not divide).
std::string structureMapCsv(const StructureMapResult& r);

/// Every targeted matrix x block size (original weights only: safe beside other jobs). Cancellable per cell.
StructureMapResult runStructureMap(const Gpt2Model& model, const StructureMapRequest& request,
                                   Progress& progress);

}  // namespace kronscope::core
