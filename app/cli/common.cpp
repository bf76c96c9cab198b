#include "common.h"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include "cli_args.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/train/corpus.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/codec/result_json.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/model/model_locator.h"
#include "kronscope/core/probes/probes.h"
#include "kronscope/core/codec/probe_json.h"
#include "kronscope/core/surgery/surgery.h"
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/tokenizer/tokenizer.h"
#include "kronscope/core/train/toy_model.h"
#include "kronscope/core/train/trainer.h"

namespace kronscope::cli {

void printJson(const nlohmann::json& object) {
    std::cout << object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
}

namespace {
std::atomic<core::Progress*> g_active{nullptr};
extern "C" void onSigint(int) {
    if (auto* p = g_active.load())
        p->cancel();
    else
        std::_Exit(130);
}
}  // namespace

JobProgress::JobProgress(bool show) : progress(show && isatty(STDERR_FILENO)) {
    g_active.store(&progress);
    std::signal(SIGINT, onSigint);
}

JobProgress::~JobProgress() {
    g_active.store(nullptr);
    progress.finish();
}

std::string readTextFile(const std::string& path) {
    return core::readTextFile(path, "text file");
}

std::string baseName(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::unique_ptr<core::Gpt2Model> loadModel(const Args& args, bool show_progress) {
    return loadModelFrom(args.require("model"), args, show_progress);
}

std::unique_ptr<core::Gpt2Model> loadModelFrom(const std::string& spec, const Args& args,
                                               bool show_progress) {
    const std::string dir = core::resolveModel(spec);
    core::LoadOptions opts;
    opts.device = args.get("device", "cpu");
    opts.dtype = args.get("dtype", "f32");
    JobProgress jp(show_progress);
    auto model = core::Gpt2Model::load(dir, opts, &jp.progress);
    for (const auto& w : model->warnings()) std::cerr << "kronscope-cli: warning: " << w << "\n";
    // A healed checkpoint runs in its factored form (kronscope-cli heal --out).
    if (const auto n = core::installStoredFactors(*model); n > 0 && show_progress)
        std::cerr << "kronscope-cli: " << n << " matrices run in factored form (" << core::kStoredFactorsFile
                  << ")\n";
    return model;
}

nlohmann::json configJson(const core::Gpt2Config& c) {
    return {{"vocab_size", c.vocab_size},
            {"n_positions", c.n_positions},
            {"n_embd", c.n_embd},
            {"n_layer", c.n_layer},
            {"n_head", c.n_head},
            {"n_inner", c.innerDim()},
            {"layer_norm_epsilon", c.layer_norm_epsilon},
            {"activation_function", c.activation_function},
            {"size_name", c.sizeName()}};
}

core::PerplexitySettings pplSettings(const Args& args, const core::Gpt2Config& c,
                                     const std::string& text_path) {
    core::PerplexitySettings s;
    s.max_length = args.getInt("max-length", std::min<int64_t>(1024, c.n_positions), 2, c.n_positions);
    s.stride = args.getInt("stride", s.max_length, 1, 1 << 30);
    s.max_tokens = args.getInt("max-tokens", 0, 0, 1LL << 40);
    s.batch_windows = args.getInt("batch", 0, 0, 1024);  // 0: 4 on the CPU, 32 on CUDA
    s.text_name = baseName(text_path);
    return s;
}

core::SurgeryOptions surgeryOptions(const Args& args) {
    core::SurgeryOptions o;
    o.terms = args.getInt("terms", 0, 0, 1 << 20);
    const std::string order = args.get("order", "small-first");
    if (order != "small-first" && order != "small-second")
        throw UsageError("--order must be small-first or small-second");
    o.small_first = order == "small-first";
    o.rescale = args.flag("rescale");
    return o;
}

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

void writeTextFile(const std::string& path, const std::string& text) {
    core::writeTextFile(path, text);
}

void printResultJson(nlohmann::json result, const core::Gpt2Model& model) {
    result["model"] = model.directory();
    result["model_hash"] = model.contentHash();
    result["result_version"] = core::kResultJsonVersion;
    printJson(result);
}

void checkTableOutput(const std::string& out) {
    if (out.empty()) return;
    const auto dot = out.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : out.substr(dot + 1);
    if (ext != "md" && ext != "csv" && ext != "json")
        throw UsageError("--out must end in .md, .csv or .json");
    core::checkWritableOutput(out);  // before hours of computing, not after
}

UsageError usageErrorFor(const core::InputError& e) {
    const std::string msg = e.what();
    const auto colon = msg.find(':');
    if (colon == std::string::npos || colon == 0) return UsageError(msg);
    std::string option = msg.substr(0, colon);
    for (const char c : option)
        if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != ' ') return UsageError(msg);
    for (auto& c : option)
        if (c == ' ') c = '-';
    return UsageError("--" + option + msg.substr(colon));
}

core::ShardSpec shardOption(const Args& args) {
    if (!args.has("shard")) return {};
    core::ShardSpec shard;
    try {
        shard = core::ShardSpec::parse(args.get("shard"));
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    const std::string out = args.get("out");
    if (out.size() < 5 || out.compare(out.size() - 5, 5, ".json") != 0)
        throw UsageError(
            "--shard writes a shard file: give --out FILE.json (merge them with kronscope-cli merge)");
    return shard;
}

}  // namespace kronscope::cli
