// kronscope-cli slurm: its options, help text and run function.
#include "common.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>

#include "cli_args.h"
#include "kronscope/core/analysis/cluster.h"

namespace kronscope::cli {

namespace {

/// The running kronscope-cli, absolute (the tasks run this one).
std::string selfPath() {
    std::error_code ec;
    const auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("kronscope-cli") : p.string();
}

int64_t count(const std::string& option, const std::string& value) {
    try {
        size_t used = 0;
        const long long v = std::stoll(value, &used);
        if (used == value.size() && v >= 0 && v <= 100000) return v;
    } catch (...) {
    }
    throw UsageError("--" + option + " '" + value + "': expected a whole number from 0 to 100000");
}

int runSlurm(const std::vector<std::string>& argv) {
    if (argv.empty() || argv.front().rfind("--", 0) == 0)
        throw UsageError("slurm: name the job first (kronscope-cli slurm sweep --model ... --shards N)");
    core::SlurmRequest rq;
    rq.job = argv.front();
    rq.cli = selfPath();
    rq.working_dir = std::filesystem::current_path().string();
    const std::map<std::string, std::string*> text = {
        {"partition", &rq.partition}, {"time", &rq.time}, {"account", &rq.account}, {"out", &rq.out_dir}};
    bool submit = false, json = false, have_shards = false;
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        const std::string key = a.rfind("--", 0) == 0 ? a.substr(2) : "";
        const bool takes = text.count(key) || key == "shards" || key == "gpus-per-task" ||
                           key == "cpus-per-task" || key == "only-missing";
        if (takes) {
            if (i + 1 >= argv.size()) throw UsageError("--" + key + " needs a value");
            const std::string v = argv[++i];
            if (text.count(key)) *text.at(key) = v;
            if (key == "shards") rq.shards = count(key, v), have_shards = true;
            if (key == "gpus-per-task") rq.gpus_per_task = count(key, v);
            if (key == "cpus-per-task") rq.cpus_per_task = count(key, v);
            if (key == "only-missing") rq.out_dir = v, rq.only_missing = true;
        } else if (key == "submit") {
            submit = true;
        } else if (key == "json") {
            json = true;
        } else {
            rq.job_args.push_back(a);
        }
    }
    if (!have_shards) throw UsageError("slurm: give --shards N");
    try {
        rq.validate();
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    const auto plan = core::writeSlurmJob(rq);
    core::SlurmSubmission sub;
    if (submit) sub = core::submitSlurmJob(plan);
    if (json) {
        printJson({{"dir", plan.dir},
                   {"array_script", plan.array_script},
                   {"merge_script", plan.merge_script},
                   {"array", plan.array_spec},
                   {"shards_to_run", plan.shards_to_run},
                   {"submit", plan.submit_commands},
                   {"array_job", sub.array_job},
                   {"merge_job", sub.merge_job}});
        return 0;
    }
    std::cout << "wrote " << plan.array_script << " (array "
              << (plan.array_spec.empty() ? "none: every shard has a result" : plan.array_spec) << " of "
              << rq.shards << " shards) and " << plan.merge_script << "\n";
    if (submit)
        std::cout << (sub.array_job.empty() ? "" : "submitted array job " + sub.array_job + ", ")
                  << "merge job " << sub.merge_job
                  << (sub.array_job.empty() ? "" : " (afterok:" + sub.array_job + ")") << "; results in "
                  << plan.dir << "/result.md and result.json\n";
    else
        std::cout << "submit with:\n  " << plan.submit_commands << "\n";
    return 0;
}

}  // namespace

Command slurmCommand() {
    return {
        "slurm", "write (and submit) a Slurm job array for a sharded job and the merge after it",
        "Usage: kronscope-cli slurm JOB JOB-OPTIONS... --shards N [--partition P] [--gpus-per-task G]\n"
        "                           [--cpus-per-task C] [--time T] [--account A] [--out DIR] [--submit]\n"
        "       kronscope-cli slurm JOB JOB-OPTIONS... --shards N --only-missing DIR [--submit]\n"
        "JOB: sweep, map, probe or mechanism (--analysis scan). DIR (default kronscope-slurm) receives\n"
        "job.sbatch (array task I runs `kronscope-cli JOB ... --shard I/N --out DIR/shards/shard-I.json`,\n"
        "with --device cuda when GPUs are requested; probes run on the CPU), merge.sbatch (afterok on the "
        "array: DIR/result.md and DIR/result.json), logs/.\n"
        "--submit runs sbatch and prints the job ids; --only-missing DIR lists only the shards without a\n"
        "result. Leave --out and --shard out of JOB-OPTIONS.\n",
        runSlurm};
}

}  // namespace kronscope::cli
