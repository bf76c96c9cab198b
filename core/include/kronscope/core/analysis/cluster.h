#pragma once
// Slurm job arrays for sharded jobs (`kronscope-cli slurm`, the sweep page's Run on a cluster…): an sbatch
// script whose array task I runs `kronscope-cli JOB ... --shard I/N --out DIR/shards/shard-I.json`, and a
// merge script that depends on the array (afterok) and writes DIR/result.md and DIR/result.json with
// `kronscope-cli merge`. Kronscope schedules nothing itself: Slurm does.
#include <cstdint>
#include <string>
#include <vector>

namespace kronscope::core {

struct SlurmRequest {
    std::string job;  // "sweep", "map", "probe" or "mechanism" (its scan)
    std::vector<std::string>
        job_args;        // the job's own options, as on its command line (no --out, no --shard)
    int64_t shards = 0;  // N >= 1
    std::string partition, time, account;
    int64_t gpus_per_task = 0, cpus_per_task = 0;
    std::string out_dir = "kronscope-slurm";
    bool only_missing = false;  // list only the shards of out_dir that have no shard file yet
    std::string cli;            // the kronscope-cli the tasks run (absolute)
    std::string working_dir;    // where the tasks start (relative paths in job_args are relative to it)
    /// InputError naming the field: an unknown job, N < 1, an --out or --shard among the job's options.
    void validate() const;
};

struct SlurmPlan {
    std::string dir, array_script, merge_script;
    std::vector<int64_t> shards_to_run;  // all of 0..N-1, or the missing ones
    std::string array_spec;              // "0-3" or "1,3"
    /// The commands that submit both jobs by hand (what --submit runs).
    std::string submit_commands;
};

/// Writes DIR/job.sbatch and DIR/merge.sbatch (and DIR/shards, DIR/logs). InputError naming the folder when
/// it cannot be written.
SlurmPlan writeSlurmJob(const SlurmRequest& request);

struct SweepRequest;
struct StructureMapRequest;
struct ProbeRequest;
struct MechanismRequest;

/// The `kronscope-cli JOB` options that run `request` on `model` (a checkpoint folder or file): what a
/// page's Run on a cluster… puts into the array script, so the tasks compute the page's job (sweep, map,
/// probe, mechanism --analysis scan).
std::vector<std::string> sweepJobArgs(const SweepRequest& request, const std::string& model);
std::vector<std::string> mapJobArgs(const StructureMapRequest& request, const std::string& model);
std::vector<std::string> probeJobArgs(const ProbeRequest& request, const std::string& model);
std::vector<std::string> scanJobArgs(const MechanismRequest& request, const std::string& model);

struct SlurmSubmission {
    std::string array_job, merge_job;  // Slurm's job ids
};

/// Runs sbatch for the array and the merge (--dependency=afterok). InputError with sbatch's message when it
/// fails or is not installed. With nothing to run (no missing shard) only the merge is submitted.
SlurmSubmission submitSlurmJob(const SlurmPlan& plan);

}  // namespace kronscope::core
