// kronscope-cli merge: its options, help text and run function.
#include "common.h"

#include <iostream>

#include "cli_args.h"
#include "kronscope/core/codec/shards.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/codec/result_json.h"

namespace kronscope::cli {

namespace {

std::string cellList(const std::vector<int64_t>& cells) {
    std::string s;
    for (size_t i = 0; i < cells.size() && i < 20; ++i) s += (i ? "," : "") + std::to_string(cells[i]);
    if (cells.size() > 20) s += ",... (" + std::to_string(cells.size()) + " in all)";
    return s;
}

int runMerge(const std::vector<std::string>& argv) {
    Args args(argv, {"out"}, {"allow-partial", "json", "quiet"}, /*max_positionals=*/100000);
    const std::string out = args.require("out");
    checkTableOutput(out);
    if (args.positionals().empty())
        throw UsageError("merge: give the shard files (e.g. shards/shard-*.json)");
    auto m = core::mergeShardFiles(args.positionals());
    if (!m.duplicate.empty())
        std::cerr << "kronscope-cli merge: warning: cells " << cellList(m.duplicate)
                  << " appear in more than one shard (the first kept)\n";
    if (!m.missing.empty() && !args.flag("allow-partial"))
        throw core::InputError("merge: cells " + cellList(m.missing) + " of " +
                               std::to_string(m.total_cells) +
                               " have no shard result (rerun those shards, or --allow-partial)");
    if (m.job == "sweep")
        core::writeSweep(m.sweep, out);  // complete = false marks a partial table
    else
        core::writeFileAtomically(out, core::mergedTable(m, out));
    const size_t rows = m.job == "sweep"
                            ? m.sweep.rows.size()
                            : static_cast<size_t>(m.total_cells - static_cast<int64_t>(m.missing.size()));
    const bool complete = m.missing.empty();
    if (args.flag("json")) {
        printJson({{"job", m.job},
                   {"out", out},
                   {"shards", m.files.size()},
                   {"shard_count", m.shard_count},
                   {"total_cells", m.total_cells},
                   {"rows", rows},
                   {"missing", m.missing},
                   {"duplicate", m.duplicate},
                   {"complete", complete}});
    } else if (!args.flag("quiet")) {
        std::cout << "merged " << m.files.size() << " shard file(s) of " << m.shard_count << ": " << rows
                  << " of " << m.total_cells << " cells"
                  << (m.missing.empty() ? "" : " (incomplete: missing " + cellList(m.missing) + ")") << " -> "
                  << out << "\n";
    }
    return 0;
}

}  // namespace

Command mergeCommand() {
    return {
        "merge", "merge the shard files of a cluster run into the unsharded table",
        "Usage: kronscope-cli merge SHARD.json... --out FILE.md|.csv|.json [--allow-partial] [--json]\n"
        "Refuses shards of different jobs, requests, models, texts, app versions or shard counts (naming "
        "the\n"
        "first difference); lists duplicate cells; exits 1 when a cell is missing unless --allow-partial,\n"
        "which writes the table marked incomplete. The rows are those the unsharded run writes: sweep, map,\n"
        "mechanism scan (additivity recomputed from the cells) and probe (ijkl's aggregates rebuilt).\n",
        runMerge};
}

}  // namespace kronscope::cli
