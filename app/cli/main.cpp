// kronscope-cli: the headless front end. Links kronscope_core only (no Qt), so it builds on GPU servers.
// Exit codes: 0 success, 1 runtime error (bad file, failed job), 2 usage error. Errors are one line on
// stderr.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli_args.h"
#include "commands.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"

using namespace kronscope;

namespace {

void printHelp() {
    std::cout << "kronscope-cli " << core::buildInfo().app_version
              << ": Kronecker and SVD structure analysis and surgery for GPT-2 checkpoints.\n\n"
                 "Usage: kronscope-cli [--help] [--version] COMMAND [options]\n\nCommands:\n";
    for (const auto& c : cli::commands()) {
        std::string name = c.name;
        name.resize(12, ' ');
        std::cout << "  " << name << c.summary << "\n";
    }
    std::cout
        << "\nRun `kronscope-cli COMMAND --help` for a command's options. Add --json to any command to get\n"
           "one JSON object as the last line of stdout.\n"
           "Exit codes: 0 success, 1 runtime error, 2 usage error.\n";
}

bool wantsJson(const std::vector<std::string>& args) {
    for (const auto& a : args)
        if (a == "--json") return true;
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printHelp();
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version" || args[0] == "-V") {
        std::cout << "kronscope-cli " << core::buildInfo().app_version << "\n";
        return 0;
    }
    const std::string name = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    const bool json = wantsJson(rest);
    for (const auto& c : cli::commands()) {
        if (c.name != name) continue;
        for (const auto& a : rest) {
            if (a == "--help" || a == "-h") {
                std::cout << c.usage;
                return 0;
            }
        }
        auto fail = [&](int code, const std::string& kind, const std::string& message) {
            std::cerr << "kronscope-cli " << name << ": " << kind << ": " << message << std::endl;
            if (json) cli::printJson({{"error", message}, {"kind", kind}, {"exit_code", code}});
            return code;
        };
        try {
            return c.run(rest);
        } catch (const cli::UsageError& e) {
            return fail(2, "usage error", std::string(e.what()) + " (see kronscope-cli " + name + " --help)");
        } catch (const core::Cancelled&) {
            return fail(1, "error", "cancelled");
        } catch (const std::exception& e) {
            return fail(1, "error", e.what());
        }
    }
    std::cerr << "kronscope-cli: usage error: unknown command '" << name << "' (see kronscope-cli --help)"
              << std::endl;
    return 2;
}
