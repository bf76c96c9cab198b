#pragma once
// Pieces every kronscope-cli command shares: Ctrl-C cancelling the running job, loading a model from --model,
// reading a text file, perplexity and surgery options, and the one-line JSON printer.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_args.h"
#include "commands.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/progress.h"
#include "kronscope/core/codec/shards.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/surgery/surgery.h"

namespace kronscope::cli {

/// Ctrl-C cancels the running job between chunks (the job then exits with "cancelled", code 1).
struct JobProgress {
    core::ConsoleProgress progress;
    explicit JobProgress(bool show);
    ~JobProgress();
};

std::string readTextFile(const std::string& path);
std::string baseName(const std::string& path);
std::unique_ptr<core::Gpt2Model> loadModel(const Args& args, bool show_progress);
/// The model `spec` (a directory or a Hugging Face cache name) with --device / --dtype from `args`; warnings
/// to stderr.
std::unique_ptr<core::Gpt2Model> loadModelFrom(const std::string& spec, const Args& args, bool show_progress);
/// An --out table path: .md, .csv or .json (usage error otherwise) whose folder can be written, checked
/// before the computation. "" passes.
void checkTableOutput(const std::string& out);
nlohmann::json configJson(const core::Gpt2Config& c);
core::PerplexitySettings pplSettings(const Args& args, const core::Gpt2Config& c,
                                     const std::string& text_path);
core::SurgeryOptions surgeryOptions(const Args& args);
std::vector<std::string> splitList(const std::string& s);
void writeTextFile(const std::string& path, const std::string& text);
UsageError usageErrorFor(const core::InputError& e);
/// --shard I/N (count 0 without it), which needs --out FILE.json (the shard file); usage errors otherwise.
core::ShardSpec shardOption(const Args& args);

/// Runs validate() of a request built from the options: what it refuses (an InputError naming the field,
/// "block sizes: ...") is a usage error naming the option ("--block-sizes: ...").
template <typename Request>
void validateOptions(const Request& rq) {
    try {
        rq.validate();
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
}

/// A core Result's JSON (the codec's form) with the model it came from and result_version, as one line.
void printResultJson(nlohmann::json result, const core::Gpt2Model& model);

}  // namespace kronscope::cli
