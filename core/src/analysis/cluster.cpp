#include "kronscope/core/analysis/cluster.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "base/text_util.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/analysis/mechanism.h"
#include "kronscope/core/analysis/structure_map.h"
#include "kronscope/core/analysis/structure_probe.h"
#include "kronscope/core/analysis/sweep.h"
#include "kronscope/core/base/files.h"

namespace kronscope::core {

namespace fs = std::filesystem;

namespace {

/// A shell word: single-quoted unless it is plainly safe.
std::string quote(const std::string& s) {
    bool plain = !s.empty();
    for (char c : s)
        plain &= std::isalnum(static_cast<unsigned char>(c)) ||
                 std::string("-_./:=,@%+").find(c) != std::string::npos;
    if (plain) return s;
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string arraySpec(const std::vector<int64_t>& shards) {
    if (shards.empty()) return "";
    bool contiguous = true;
    for (size_t i = 1; i < shards.size(); ++i) contiguous &= shards[i] == shards[i - 1] + 1;
    if (contiguous) return std::to_string(shards.front()) + "-" + std::to_string(shards.back());
    std::string s;
    for (size_t i = 0; i < shards.size(); ++i) s += (i ? "," : "") + std::to_string(shards[i]);
    return s;
}

std::string header(const SlurmRequest& rq, const std::string& name, const std::string& log) {
    std::string h = "#!/bin/bash\n#SBATCH --job-name=" + name + "\n#SBATCH --output=" + quote(log) +
                    "\n#SBATCH --chdir=" + quote(rq.working_dir) + "\n";
    if (!rq.partition.empty()) h += "#SBATCH --partition=" + quote(rq.partition) + "\n";
    if (!rq.account.empty()) h += "#SBATCH --account=" + quote(rq.account) + "\n";
    if (!rq.time.empty()) h += "#SBATCH --time=" + quote(rq.time) + "\n";
    return h;
}

/// Runs `command` through the shell; its stdout, or InputError with its output when it fails.
std::string runCommand(const std::string& command) {
    FILE* p = ::popen((command + " 2>&1").c_str(), "r");
    if (!p) throw InputError("cannot run: " + command);
    std::string out;
    std::array<char, 4096> buf{};
    while (size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
    const int status = ::pclose(p);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    if (status != 0)
        throw InputError("sbatch failed (" + text::printable(out, 300) +
                         "); is Slurm installed and reachable?");
    return out;
}

}  // namespace

void SlurmRequest::validate() const {
    if (job != "sweep" && job != "map" && job != "probe" && job != "mechanism")
        throw InputError("slurm: job '" + job + "' cannot be sharded (sweep, map, probe and mechanism can)");
    if (job == "mechanism") {
        bool scan = false;
        for (size_t i = 0; i + 1 < job_args.size(); ++i)
            scan |= job_args[i] == "--analysis" && job_args[i + 1] == "scan";
        if (!scan)
            throw InputError("slurm: of the mechanism analyses only the scan is sharded (--analysis scan)");
    }
    if (shards < 1) throw InputError("slurm: --shards must be at least 1");
    for (const auto& a : job_args)
        if (a == "--out" || a == "--shard" || a == "--json")
            throw InputError("slurm: leave " + a +
                             " out of the job's options (the shards and DIR/result.* are written for you)");
    if (gpus_per_task < 0 || cpus_per_task < 0)
        throw InputError("slurm: GPU and CPU counts cannot be negative");
    if (cli.empty() || working_dir.empty())
        throw InputError("slurm: no kronscope-cli path or working folder");
}

SlurmPlan writeSlurmJob(const SlurmRequest& rq) {
    rq.validate();
    SlurmPlan plan;
    const fs::path dir = fs::absolute(rq.out_dir).lexically_normal();
    plan.dir = dir.string();
    std::error_code ec;
    fs::create_directories(dir / "shards", ec);
    fs::create_directories(dir / "logs", ec);
    if (ec) throw InputError(plan.dir + ": cannot create the job folder (" + ec.message() + ")");
    for (int64_t i = 0; i < rq.shards; ++i) {
        const fs::path shard = dir / "shards" / ("shard-" + std::to_string(i) + ".json");
        if (!rq.only_missing || !fs::exists(shard, ec)) plan.shards_to_run.push_back(i);
    }
    plan.array_spec = arraySpec(plan.shards_to_run);
    const std::string n = std::to_string(rq.shards);
    std::string job = header(rq, "kronscope-" + rq.job, (dir / "logs" / "shard-%a.out").string());
    job += "#SBATCH --array=" + (plan.array_spec.empty() ? std::string("0") : plan.array_spec) + "\n";
    job += "#SBATCH --ntasks=1\n";
    if (rq.cpus_per_task > 0) job += "#SBATCH --cpus-per-task=" + std::to_string(rq.cpus_per_task) + "\n";
    if (rq.gpus_per_task > 0) job += "#SBATCH --gpus-per-task=" + std::to_string(rq.gpus_per_task) + "\n";
    job += "# Shard I of " + n + " runs the cells k with k mod " + n + " == I (kronscope-cli " + rq.job +
           " --help).\n";
    job += "set -euo pipefail\n";
    if (rq.cpus_per_task > 0)
        job +=
            "export KRONSCOPE_THREADS=\"${SLURM_CPUS_PER_TASK:-" + std::to_string(rq.cpus_per_task) + "}\"\n";
    job += "exec " + quote(rq.cli) + " " + rq.job;
    for (const auto& a : rq.job_args) job += " " + quote(a);
    if (rq.gpus_per_task > 0 && rq.job != "probe") job += " --device cuda";  // probes run on the CPU
    job += " --shard \"${SLURM_ARRAY_TASK_ID}/" + n + "\" --out " + quote((dir / "shards").string()) +
           "/shard-\"${SLURM_ARRAY_TASK_ID}\".json --quiet\n";
    std::string merge = header(rq, "kronscope-merge", (dir / "logs" / "merge.out").string());
    merge += "#SBATCH --ntasks=1\nset -euo pipefail\n";
    const std::string shards = quote((dir / "shards").string()) + "/shard-*.json";
    merge += quote(rq.cli) + " merge " + shards + " --out " + quote((dir / "result.md").string()) + "\n";
    merge +=
        quote(rq.cli) + " merge " + shards + " --out " + quote((dir / "result.json").string()) + " --quiet\n";
    plan.array_script = (dir / "job.sbatch").string();
    plan.merge_script = (dir / "merge.sbatch").string();
    writeFileAtomically(plan.array_script, job);
    writeFileAtomically(plan.merge_script, merge);
    fs::permissions(plan.array_script, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add,
                    ec);
    fs::permissions(plan.merge_script, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add,
                    ec);
    plan.submit_commands = plan.shards_to_run.empty()
                               ? "sbatch " + quote(plan.merge_script)
                               : "jid=$(sbatch --parsable " + quote(plan.array_script) +
                                     ") && sbatch --dependency=afterok:${jid%%;*} " +
                                     quote(plan.merge_script);
    return plan;
}

namespace {

template <class T>
std::string join(const std::vector<T>& xs, const char* sep) {
    std::string out;
    for (const auto& x : xs) {
        if (!out.empty()) out += sep;
        if constexpr (std::is_arithmetic_v<T>)
            out += std::to_string(x);
        else
            out += x;
    }
    return out;
}

std::string number(double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.17g", v);
    return b;
}

}  // namespace

std::vector<std::string> sweepJobArgs(const SweepRequest& rq, const std::string& model) {
    const SweepSettings& s = rq.settings;
    std::vector<std::string> a = {"--model",       model,
                                  "--text",        rq.text_path,
                                  "--block-sizes", join(s.block_sizes, ","),
                                  "--methods",     join(s.methods, ","),
                                  "--targets",     join(s.targets, ";"),
                                  "--max-length",  std::to_string(s.ppl.max_length),
                                  "--stride",      std::to_string(s.ppl.stride)};
    if (s.ppl.max_tokens > 0) a.insert(a.end(), {"--max-tokens", std::to_string(s.ppl.max_tokens)});
    if (s.options.terms > 0) a.insert(a.end(), {"--terms", std::to_string(s.options.terms)});
    if (!s.options.small_first) a.insert(a.end(), {"--order", "small-second"});
    if (s.options.rescale) a.push_back("--rescale");
    if (!s.baseline) a.push_back("--no-baseline");
    return a;
}

std::vector<std::string> mapJobArgs(const StructureMapRequest& rq, const std::string& model) {
    return {"--model",       model,
            "--metric",      mapMetricName(rq.metric),
            "--block-sizes", join(rq.block_sizes, ","),
            "--null-draws",  std::to_string(rq.null_draws),
            "--seed",        std::to_string(rq.seed),
            "--targets",     rq.targets.spec};
}

std::vector<std::string> probeJobArgs(const ProbeRequest& rq, const std::string& model) {
    const ProbeSettings& s = rq.settings;
    std::vector<std::string> a = {"--model",        model,
                                  "--probe",        probeKindName(rq.kind),
                                  "--matrices",     rq.matrices,
                                  "--block-size",   std::to_string(s.block_size),
                                  "--order",        s.small_first ? "small-first" : "small-second",
                                  "--null-draws",   std::to_string(s.null_draws),
                                  "--seed",         std::to_string(s.seed),
                                  "--angle-source", angleSourceName(s.angle_source),
                                  "--bins",         std::to_string(s.histogram_bins),
                                  "--max-fold",     std::to_string(s.max_fold)};
    if (s.terms > 0) a.insert(a.end(), {"--terms", std::to_string(s.terms)});
    if (!s.permuted_null) a.push_back("--no-permuted");
    if (rq.with_samples) a.push_back("--samples");
    return a;
}

std::vector<std::string> scanJobArgs(const MechanismRequest& rq, const std::string& model) {
    const bool both = rq.methods.size() == 2;
    std::vector<std::string> a = {"--model",       model,
                                  "--analysis",    "scan",
                                  "--text",        rq.text_path,
                                  "--method",      both ? std::string("both") : rq.methods.front(),
                                  "--block-sizes", join(rq.block_sizes, ","),
                                  "--targets",     rq.targets.spec,
                                  "--max-length",  std::to_string(rq.ppl.max_length),
                                  "--stride",      std::to_string(rq.ppl.stride)};
    if (rq.ppl.max_tokens > 0) a.insert(a.end(), {"--max-tokens", std::to_string(rq.ppl.max_tokens)});
    if (rq.cache_gb > 0) a.insert(a.end(), {"--cache-gb", number(rq.cache_gb)});
    return a;
}

SlurmSubmission submitSlurmJob(const SlurmPlan& plan) {
    SlurmSubmission s;
    std::string dep;
    if (!plan.shards_to_run.empty()) {
        s.array_job = runCommand("sbatch --parsable " + quote(plan.array_script));
        s.array_job = s.array_job.substr(0, s.array_job.find(';'));  // "ID;cluster"
        dep = " --dependency=afterok:" + s.array_job;
    }
    s.merge_job = runCommand("sbatch --parsable" + dep + " " + quote(plan.merge_script));
    s.merge_job = s.merge_job.substr(0, s.merge_job.find(';'));
    return s;
}

}  // namespace kronscope::core
