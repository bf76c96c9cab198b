#pragma once
// kronscope-cli subcommands. Each one parses its own options (cli_args.h), writes human-readable text to
// stdout, or with --json exactly one JSON object as the last line of stdout. Progress goes to stderr.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kronscope::cli {

struct Command {
    std::string name;
    std::string summary;  // one line for `kronscope-cli --help`
    std::string usage;    // full usage for `kronscope-cli NAME --help`
    std::function<int(const std::vector<std::string>& args)> run;
};

/// All subcommands in the order --help lists them.
const std::vector<Command>& commands();

/// Prints `object` as one line (the --json contract).
void printJson(const nlohmann::json& object);

}  // namespace kronscope::cli
