#pragma once
// Cluster runs, the codec side (shard files and their merge): Kronscope schedules nothing itself. A job is
// split into deterministic shards, Slurm runs them as a job array, and the shards merge into exactly the
// table one machine gives.
//
// Cells: a job's rows in their unsharded order. A sweep's cells are its baseline (when measured), then every
// target x method x block size in the order of the request's lists. Shard I of N (0 <= I < N) runs the cells
// k with k mod N == I: round robin, so expensive and cheap block sizes spread over the shards.
//
// A shard file is the job's result JSON (the result codec's, as --json prints it) plus a "shard" object: the
// job, I, N, the number of cells, the cells it ran and the request that defines them. Merging refuses shards
// of different jobs, requests, models, texts, app versions or shard counts, naming the first difference; it
// lists missing and duplicate cells and rebuilds the unsharded result (rows in cell order, complete only when
// no cell is missing).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <optional>

#include "kronscope/core/analysis/mechanism.h"
#include "kronscope/core/analysis/structure_map.h"
#include "kronscope/core/analysis/structure_probe.h"
#include "kronscope/core/surgery/surgery.h"

namespace kronscope::core {

struct ShardSpec {
    int64_t index = 0, count = 0;  // count 0: not sharded
    /// "I/N" with 0 <= I < N (Slurm's $SLURM_ARRAY_TASK_ID/N); InputError naming the text otherwise.
    static ShardSpec parse(const std::string& text);
    bool active() const { return count > 0; }
    std::string label() const { return std::to_string(index) + "/" + std::to_string(count); }
};

/// Number of cells of a sweep: (baseline ? 1 : 0) + targets x methods x block sizes.
int64_t sweepCellCount(const SweepSettings& settings);
/// The request fields that define a sweep's cells and numbers (not the text's path, the device or the batch).
nlohmann::json sweepRequestJson(const SweepSettings& settings);

/// A sweep shard's file: toJson(result) + "shard".
nlohmann::json sweepShardJson(const SweepResult& result, const SweepSettings& settings);

/// A structure map shard's file: toJson(result) + "model" + "shard". Its cells are k = row x block sizes +
/// column, in model order.
nlohmann::json mapShardJson(const StructureMapResult& result, const std::string& model_dir);

/// A mechanism scan shard's file: toJson(result) + "app_version" + "shard". Cells as ScanShard lists them;
/// the shard's cells are the ones it ran (its rows, its all-at-once runs, 0 for the baseline).
nlohmann::json scanShardJson(const MechanismResult& result, int64_t matrices, const std::string& model_dir);

/// A probe shard's file: probeRunJson(run) + "app_version" + "shard" (cells: the selected matrices, by
/// name). ijkl shards always carry the null draws (the merge rebuilds the aggregates from them).
nlohmann::json probeShardJson(const ProbeRunResult& run);

struct MergedShards {
    std::string job;  // "sweep", "map", "scan" or "probe"
    SweepResult sweep;
    std::optional<StructureMapResult> map;
    std::optional<MechanismResult> scan;
    nlohmann::json probe;         // the probe report's JSON, as `kronscope-cli probe --json` prints it
    std::string model_dir;        // the map's (and scan's) model folder, as the shards name it
    int64_t shards_matrices = 0;  // the scan's targeted matrices
    int64_t shard_count = 0, total_cells = 0;
    std::vector<int64_t> missing, duplicate;  // cells no shard ran; cells two shards ran (the first kept)
    std::vector<std::string> files;
    nlohmann::json request;  // the request the shards share (their "shard" object's)
};

/// Reads and merges shard files (each a regular JSON file of at most 256 MiB). InputError naming the file for
/// one that is not a shard file, or the first field in which it differs from the first file.
MergedShards mergeShardFiles(const std::vector<std::string>& paths);

/// The merged table by the extension of `path` (.md, .csv, .json; the same as the unsharded run's table or
/// --json); InputError naming the extension otherwise.
std::string mergedTable(const MergedShards& merged, const std::string& path);

}  // namespace kronscope::core
