// kronscope-cli stats | quantize | prune-sweep | procrustes | compare | dequantize: the compression and
// checkpoint-comparison lab (core/analysis/compression.h), the same requests the Compression page and File >
// Compare with... run.
#include <cmath>
#include <cstdio>
#include <iostream>

#include "common.h"
#include "kronscope/core/analysis/compression.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/codec/compression_json.h"
#include "kronscope/core/model/model_locator.h"

namespace kronscope::cli {

namespace {

std::string fmt(double v, const char* f = "%.4f") {
    if (!std::isfinite(v)) return "-";
    char b[64];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

std::string nullCell(const core::NullStats& n, double score) {
    return fmt(n.mean) + " ± " + fmt(n.std) + " (z " + fmt(n.z(score), "%.1f") + ")";
}

void printResult(const Args& args, nlohmann::json j, const core::Gpt2Model& model) {
    if (args.flag("json")) printResultJson(std::move(j), model);
}

core::QuantizeSettings quantizeSettings(const Args& args) {
    core::QuantizeSettings s;
    s.bits = static_cast<int>(args.getInt("bits", 6, 2, 8));
    s.clip_search = args.flag("clip-search");
    s.protect = args.get("protect");
    std::string rows = args.get("fp16-rows", "0");
    if (!rows.empty() && rows.back() == '%') rows.pop_back();
    try {
        size_t used = 0;
        s.fp16_rows = std::stod(rows, &used);
        if (used != rows.size() || !std::isfinite(s.fp16_rows)) throw std::invalid_argument(rows);
    } catch (const std::exception&) {
        throw UsageError("--fp16-rows: '" + args.get("fp16-rows") + "' is not a percentage");
    }
    s.prune = args.getDouble("prune", 0.0, 0.0, 99.999);
    s.zstd_level = static_cast<int>(args.getInt("zstd-level", 22, 1, 22));
    return s;
}

// ---- stats

int runStats(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "device", "dtype", "out", "rank-by", "top"}, {"json", "quiet"});
    const std::string key = args.get("rank-by", "kurtosis");
    try {
        core::statValue(core::TensorStats{}, key);
    } catch (const core::InputError& e) {
        throw UsageError(std::string("--rank-by: ") + e.what());
    }
    const auto top = args.getInt("top", 0, 0, 1 << 30);
    const std::string out = args.get("out");
    checkTableOutput(out);
    auto model = loadModel(args, false);
    core::StatsResult r;
    {
        JobProgress jp(!args.flag("quiet") && !args.flag("json"));
        r = core::runTensorStats(*model, jp.progress);
    }
    if (!out.empty()) core::writeStatsTable(r, out);
    if (args.flag("json")) {
        printResult(args, core::toJson(r), *model);
        return 0;
    }
    std::cout << "| rank | tensor | shape | mean | std | kurtosis | max abs | outliers > 6 std |\n"
                 "|---|---|---|---|---|---|---|---|\n";
    const auto order = r.ranked(key);
    for (size_t i = 0; i < order.size() && (top == 0 || i < static_cast<size_t>(top)); ++i) {
        const auto& s = r.tensors[order[i]];
        std::cout << "| " << i + 1 << " | " << s.name << " | " << s.rows << "x" << s.cols << " | "
                  << fmt(s.mean, "%.3g") << " | " << fmt(s.std, "%.4g") << " | " << fmt(s.kurtosis, "%.3f")
                  << " | " << fmt(s.max_abs, "%.4g") << " | " << fmt(s.outlier_share, "%.2e") << " |\n";
    }
    std::cout << "\nranked by " << key << "; " << r.settings << "; model " << model->directory() << " ("
              << r.model_hash << ")\n";
    if (!out.empty()) std::cout << "wrote " << out << "\n";
    return 0;
}

// ---- quantize

int runQuantizeCmd(const std::vector<std::string>& argv) {
    Args args(argv,
              {"model", "device", "dtype", "bits", "protect", "fp16-rows", "prune", "zstd-level", "text",
               "max-length", "stride", "max-tokens", "batch", "out"},
              {"json", "quiet", "clip-search", "damage", "no-baseline"});
    core::QuantizeRequest rq;
    rq.settings = quantizeSettings(args);
    rq.text_path = args.get("text");
    rq.damage = args.flag("damage");
    rq.baseline = !args.flag("no-baseline");
    rq.artifact_path = args.get("out");
    validateOptions(rq);
    if (!rq.artifact_path.empty()) core::checkWritableOutput(rq.artifact_path);
    auto model = loadModel(args, !args.flag("quiet"));
    if (!rq.text_path.empty()) rq.ppl = pplSettings(args, model->config(), rq.text_path);
    try {
        rq.validateFor(*model);
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    core::QuantizeResult r;
    {
        JobProgress jp(!args.flag("quiet") && !args.flag("json"));
        r = core::runQuantize(*model, rq, jp.progress);
    }
    if (args.flag("json")) {
        auto j = core::toJson(r);
        if (!rq.artifact_path.empty()) j["out"] = rq.artifact_path;
        printResult(args, j, *model);
        return 0;
    }
    std::cout << "| unit | shape | storage | MSE | rel. MSE |\n|---|---|---|---|---|\n";
    for (const auto& u : r.units)
        if (u.rows > 1)
            std::cout << "| " << u.name << " | " << u.rows << "x" << u.cols << " | " << u.storage << " | "
                      << fmt(u.mse, "%.3e") << " | " << fmt(u.rel_mse, "%.3e") << " |\n";
    std::cout << "(1-D tensors: biases and LayerNorms, float16)\n\nartifact: " << r.bytes
              << " bytes (zstd of " << r.payload_bytes << " payload bytes; the same tensors "
              << "as float16: " << r.fp16_bytes << " bytes, "
              << fmt(100.0 * r.bytes / std::max<int64_t>(1, r.fp16_bytes), "%.1f") << "%)\nMSE "
              << fmt(r.mse, "%.4e") << " (relative " << fmt(r.rel_mse, "%.4e") << ") over every 2-D tensor\n";
    if (r.ppl) {
        std::cout << "PPL " << fmt(r.ppl->ppl);
        if (r.baseline)
            std::cout << " (unquantized " << fmt(r.baseline->ppl) << ", change "
                      << fmt(r.ppl->ppl - r.baseline->ppl, "%+.4f") << ")";
        std::cout << " on " << r.ppl->text_name << ", " << r.ppl->tokens_scored
                  << " tokens scored, max_length " << r.ppl->max_length << ", stride " << r.ppl->stride
                  << "\n";
    }
    if (!r.damage.empty()) {
        std::cout << "\nDamage ranking (only that unit quantized):\n| rank | unit | rel. MSE | PPL | change "
                     "|\n|---|---|---|---|---|\n";
        for (size_t i = 0; i < r.damage.size(); ++i)
            std::cout << "| " << i + 1 << " | " << r.damage[i].unit << " | "
                      << fmt(r.damage[i].rel_mse, "%.3e") << " | " << fmt(r.damage[i].ppl) << " | "
                      << fmt(r.damage[i].delta_ppl, "%+.4f") << " |\n";
    }
    std::cout << "\n" << r.settings << "; model " << model->directory() << " (" << r.model_hash << ")\n";
    if (!rq.artifact_path.empty()) std::cout << "wrote " << rq.artifact_path << "\n";
    return 0;
}

// ---- prune-sweep

int runPruneSweepCmd(const std::vector<std::string>& argv) {
    Args args(argv,
              {"model", "device", "dtype", "bits", "prune", "protect", "fp16-rows", "zstd-level", "text",
               "max-length", "stride", "max-tokens", "batch", "out"},
              {"json", "quiet", "clip-search"});
    core::PruneSweepRequest rq;
    rq.settings.clip_search = args.flag("clip-search");
    rq.settings.protect = args.get("protect");
    rq.settings.zstd_level = static_cast<int>(args.getInt("zstd-level", 22, 1, 22));
    rq.settings.fp16_rows = args.getDouble("fp16-rows", 0.0, 0.0, 100.0);
    rq.bits.clear();
    for (const auto b : args.getIntList("bits", {6})) rq.bits.push_back(static_cast<int>(b));
    rq.prunes.clear();
    for (const auto& p : splitList(args.get("prune", "0,1,2,3,4,5,10"))) {
        try {
            size_t used = 0;
            const double v = std::stod(p, &used);
            if (used != p.size() || !std::isfinite(v)) throw std::invalid_argument(p);
            rq.prunes.push_back(v);
        } catch (const std::exception&) {
            throw UsageError("--prune: '" + p + "' is not a percentage");
        }
    }
    rq.text_path = args.get("text");
    validateOptions(rq);
    const std::string out = args.get("out");
    checkTableOutput(out);
    auto model = loadModel(args, !args.flag("quiet"));
    if (!rq.text_path.empty()) rq.ppl = pplSettings(args, model->config(), rq.text_path);
    try {
        rq.validateFor(*model);
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    core::PruneSweepResult r;
    {
        JobProgress jp(!args.flag("quiet") && !args.flag("json"));
        r = core::runPruneSweep(*model, rq, jp.progress);
    }
    if (!out.empty()) core::writePruneSweepTable(r, out);
    if (args.flag("json")) {
        printResult(args, core::toJson(r), *model);
    } else {
        std::cout << "| prune % | bits | bytes | MSE | PPL |\n|---|---|---|---|---|\n";
        for (const auto& x : r.rows)
            std::cout << "| " << fmt(x.prune, "%g") << " | " << x.bits << " | " << x.bytes << " | "
                      << fmt(x.mse, "%.4e") << " | " << fmt(x.ppl) << " |\n";
        std::cout << "\n"
                  << r.settings << (r.text_name.empty() ? "" : "; text " + r.text_name) << "; model "
                  << model->directory() << " (" << r.model_hash << ")\n";
        if (!out.empty()) std::cout << "wrote " << out << "\n";
    }
    if (!r.complete) throw core::Cancelled();
    return 0;
}

// ---- procrustes

/// "[MODEL:]NAME" -> (model path or "", name).
std::pair<std::string, std::string> modelAndName(const std::string& spec, const char* option) {
    const auto colon = spec.rfind(':');
    if (spec.empty())
        throw UsageError(std::string("--") + option + ": give [MODEL:]NAME, e.g. gpt2:h.3.mlp.c_proj");
    if (colon == std::string::npos) return {"", spec};
    return {spec.substr(0, colon), spec.substr(colon + 1)};
}

int runProcrustesCmd(const std::vector<std::string>& argv) {
    Args args(
        argv,
        {"model", "a", "b", "side", "null-draws", "seed", "rank", "bits", "zstd-level", "device", "dtype"},
        {"json", "quiet", "no-rotation"});
    core::ProcrustesRequest rq;
    const auto [ma, na] = modelAndName(args.require("a"), "a");
    const auto [mb, nb] = modelAndName(args.require("b"), "b");
    rq.a = na, rq.b = nb;
    try {
        rq.side = core::parseProcrustesSide(args.get("side", "right"));
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    rq.null_draws = static_cast<int>(args.getInt("null-draws", 20, 2, 100000));
    rq.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, 1LL << 62));
    rq.rank = args.getInt("rank", 0, 0, 1 << 30);
    rq.bits = static_cast<int>(args.getInt("bits", 6, 2, 8));
    rq.zstd_level = static_cast<int>(args.getInt("zstd-level", 22, 1, 22));
    rq.rotation = !args.flag("no-rotation");
    validateOptions(rq);
    const std::string a_path = ma.empty() ? args.get("model") : ma, b_path = mb.empty() ? a_path : mb;
    if (a_path.empty()) throw UsageError("--a: name the model (MODEL:NAME) or give --model");
    auto a = loadModelFrom(a_path, args, false);
    std::unique_ptr<core::Gpt2Model> b_owned;
    if (b_path != a_path) b_owned = loadModelFrom(b_path, args, false);
    const core::Gpt2Model& b = b_owned ? *b_owned : *a;
    core::ProcrustesResult r;
    {
        JobProgress jp(!args.flag("quiet") && !args.flag("json"));
        r = core::runProcrustes(*a, b, rq, jp.progress);
    }
    if (args.flag("json")) {
        printResult(args, core::toJson(r), *a);
        return 0;
    }
    std::cout << "A = " << rq.a << " of " << r.a_model << ", B = " << rq.b << " of " << r.b_model << " ("
              << r.rows << "x" << r.cols << ")\n"
              << "| measure | value | Gaussian null (mean ± std, z) | permuted null |\n|---|---|---|---|\n"
              << "| MSE reduction | " << fmt(r.reduction) << " | " << nullCell(r.gaussian, r.reduction)
              << " | " << nullCell(r.permuted, r.reduction) << " |\n"
              << "| raw cosine | " << fmt(r.cosine) << " | | |\n";
    if (rq.rotation) {
        std::cout << "| rank-" << r.rank << " share of ||R - I||^2 (R " << r.rotation_size << "x"
                  << r.rotation_size << ") | " << fmt(r.low_rank_share)
                  << " | Haar: " << nullCell(r.haar, r.low_rank_share) << " | |\n"
                  << "| transport bytes (A + R, int" << rq.bits << " + zstd -" << rq.zstd_level << ") | "
                  << r.transport_bytes << " | plain A + B: " << r.plain_bytes << " | |\n";
    }
    const double z = r.gaussian.z(r.reduction);
    std::cout << "\n"
              << (std::fabs(z) < 3
                      ? "The reduction equals the Gaussian null (|z| < 3): no rotational structure beyond "
                        "what two random matrices of this shape share.\n"
                      : "The reduction differs from the Gaussian null (|z| >= 3).\n")
              << r.settings << "\n";
    return 0;
}

// ---- compare

int runCompareCmd(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "with", "targets", "side", "null-draws", "seed", "device", "dtype", "out"},
              {"json", "quiet"});
    core::CompareRequest rq;
    rq.targets = args.get("targets", "all");
    try {
        rq.side = core::parseProcrustesSide(args.get("side", "right"));
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    rq.null_draws = static_cast<int>(args.getInt("null-draws", 20, 2, 100000));
    rq.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, 1LL << 62));
    validateOptions(rq);
    const std::string out = args.get("out");
    if (!out.empty()) {
        if (out.size() < 5 || out.substr(out.size() - 5) != ".json")
            throw UsageError("--out must end in .json");
        core::checkWritableOutput(out);
    }
    auto a = loadModelFrom(args.require("model"), args, false);
    auto b = loadModelFrom(args.require("with"), args, false);
    core::CompareResult r;
    {
        JobProgress jp(!args.flag("quiet") && !args.flag("json"));
        r = core::runCompare(*a, *b, rq, jp.progress);
    }
    if (!out.empty())
        core::writeTextFile(
            out, core::toJson(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    if (args.flag("json")) {
        printResult(args, core::toJson(r), *a);
    } else {
        std::cout
            << "| matrix | reduction | Gaussian null | permuted null | cosine |\n|---|---|---|---|---|\n";
        for (const auto& p : r.rows)
            std::cout << "| " << p.request.a << " | " << fmt(p.reduction) << " | "
                      << nullCell(p.gaussian, p.reduction) << " | " << nullCell(p.permuted, p.reduction)
                      << " | " << fmt(p.cosine) << " |\n";
        std::cout << "\n| tensor | std A | std B | kurtosis A | kurtosis B |\n|---|---|---|---|---|\n";
        for (const auto& s : r.stats)
            std::cout << "| " << s.name << " | " << fmt(s.a.std, "%.4g") << " | " << fmt(s.b.std, "%.4g")
                      << " | " << fmt(s.a.kurtosis, "%.3f") << " | " << fmt(s.b.kurtosis, "%.3f") << " |\n";
        std::cout << "\nA = " << r.a_model << " (" << r.a_model_hash << "), B = " << r.b_model << " ("
                  << r.b_model_hash << "); " << r.settings << "\n";
        if (!out.empty()) std::cout << "wrote " << out << "\n";
    }
    if (!r.complete) throw core::Cancelled();
    return 0;
}

// ---- dequantize

int runDequantize(const std::vector<std::string>& argv) {
    Args args(argv, {"out", "tokenizer-from"}, {"json", "quiet"}, 1);
    if (args.positionals().size() != 1)
        throw UsageError("give one artifact file (kronscope-cli dequantize FILE.ksq --out DIR)");
    const std::string file = args.positionals()[0], out = args.require("out");
    const auto a = core::readQuantizedArtifact(file);
    core::writeDequantizedCheckpoint(a, out, args.get("tokenizer-from"));
    if (args.flag("json")) {
        printJson({{"artifact", file},
                   {"out", out},
                   {"bytes", a.frame_bytes},
                   {"settings", a.settings.describe()},
                   {"model_hash", a.model_hash},
                   {"result_version", 1}});
    } else {
        std::cout << "wrote " << out << " (config.json, model.safetensors F32) from " << file << ": "
                  << a.settings.describe() << ", " << a.frame_bytes << " bytes; quantized from model "
                  << a.model_hash << "\n";
    }
    return 0;
}

const char* kPplOptions =
    "  --text FILE [--max-length N] [--stride S] [--max-tokens N] [--batch B]: perplexity of the dequantized "
    "model\n";

}  // namespace

Command statsCommand() {
    return {"stats", "statistics of every tensor (mean, std, kurtosis, max |w|, outliers), ranked",
            "Usage: kronscope-cli stats --model MODEL [--rank-by kurtosis|std|max_abs|outlier_share|mean] "
            "[--top N]\n"
            "                           [--out FILE.md|.csv|.json] [--json]\n"
            "Every tensor (wte, wpe, block matrices, c_attn also split into Q, K, V as "
            "h.N.attn.c_attn.q/.k/.v, biases,\n"
            "LayerNorms) in its row view: mean, std (ddof 0), excess kurtosis (Fisher, biased, as scipy), "
            "max |w| and the\n"
            "share of |w - mean| > 6 std. JSON: tensors[] (name, kind, layer, rows, cols, mean, std, "
            "kurtosis, max_abs,\n"
            "outlier_share).\n",
            runStats};
}

Command quantizeCommand() {
    return {"quantize", "per-row int-k quantization: MSE, zstd artifact bytes and perplexity",
            std::string(
                "Usage: kronscope-cli quantize --model MODEL --bits K [--clip-search] [--protect SPEC] "
                "[--fp16-rows X%]\n"
                "                              [--prune P] [--zstd-level L] [--text FILE ...] [--damage]\n"
                "                              [--no-baseline] [--out FILE.ksq] [--json]\n"
                "Per-row symmetric int-K (K = 2..8) of every 2-D tensor, embeddings included; 1-D tensors "
                "float16.\n"
                "  --clip-search  per row, the clip quantile t in 0.9..1.0 with the lowest MSE (GPTQ-lite)\n"
                "  --protect SPEC keep in float16: unit names (h.7.attn.c_attn.k, wte) or kinds (q, k, v, "
                "c_attn,\n"
                "                 attn.c_proj, c_fc, mlp.c_proj, wte, wpe), optionally after layers:A-B/ or "
                "last:N/,\n"
                "                 joined by commas: 'last:2/k,h.7.attn.c_attn.k'\n"
                "  --fp16-rows X% the X% wte rows with the highest entropy of their codes stay float16\n"
                "  --prune P      zero the P% smallest |w| of each quantized unit first\n"
                "  --zstd-level L one zstd frame at level L (default 22) over the int8 codes + float16 "
                "scales in\n"
                "                 key order; bytes is that frame's size\n") +
                kPplOptions +
                "  --damage       per unit: PPL with only that unit quantized, ranked (needs --text)\n"
                "  --out FILE     write the artifact (header + the zstd frame); kronscope-cli dequantize "
                "reads it\n"
                "JSON: bytes, payload_bytes, fp16_bytes, mse, rel_mse, ppl, perplexity, baseline, tensors[] "
                "(name,\n"
                "storage, mse, rel_mse), damage[] (unit, rel_mse, ppl, delta_ppl), settings.\n",
            runQuantizeCmd};
}

Command pruneSweepCommand() {
    return {"prune-sweep", "magnitude pruning x int-k: artifact bytes and perplexity per setting",
            std::string("Usage: kronscope-cli prune-sweep --model MODEL [--prune 0,1,2,3,4,5,10] [--bits 6] "
                        "[--clip-search]\n"
                        "                                 [--protect SPEC] [--fp16-rows X] [--zstd-level L] "
                        "[--text FILE ...]\n"
                        "                                 [--out FILE.md|.csv|.json] [--json]\n"
                        "Every (bits, prune %) pair: prune each quantized unit, quantize, compress, measure. "
                        "Bytes are not\n"
                        "monotonic in the pruning share (seed 001, finding 8): always measure them.\n") +
                kPplOptions +
                "JSON: rows[] (prune, bits, bytes, mse, rel_mse, ppl, tokens_scored), settings, complete.\n",
            runPruneSweepCmd};
}

Command procrustesCommand() {
    return {"procrustes",
            "orthogonal Procrustes between two matrices, beside its Gaussian and permuted nulls",
            "Usage: kronscope-cli procrustes --a [MODEL:]NAME --b [MODEL:]NAME [--model MODEL] [--side "
            "right|left]\n"
            "                                [--null-draws K] [--seed S] [--rank K] [--bits B] "
            "[--no-rotation] [--json]\n"
            "NAME: wte, wpe, h.N.attn.c_attn(.q|.k|.v), h.N.attn.c_proj, h.N.mlp.c_fc, h.N.mlp.c_proj (row "
            "view, out x\n"
            "in). R = U V^T from svd(A^T B) (side right, R acts on the columns) or svd(B A^T) (left). "
            "Reduction = 1 -\n"
            "||A R - B||^2 / ||A - B||^2, beside the same for K (default 20) Gaussian pairs with A's and B's "
            "norms and\n"
            "K pairs with permuted entries; the rank-K share of ||R - I||^2 beside Haar rotations; the "
            "transport\n"
            "artifact (A + R at int-B + zstd) beside plain A + B. --no-rotation skips the last two (R is p x "
            "p).\n"
            "JSON: reduction, cosine, null.gaussian.mean|std|z, null.permuted..., rotation.low_rank_share,\n"
            "rotation.null.haar, rotation.transport_bytes, rotation.plain_bytes.\n",
            runProcrustesCmd};
}

Command compareCommand() {
    return {
        "compare", "two checkpoints: Procrustes of every matrix beside its nulls, statistics side by side",
        "Usage: kronscope-cli compare --model A --with B [--targets all|attn|mlp|...] [--side right|left]\n"
        "                             [--null-draws K] [--seed S] [--out FILE.json] [--json]\n"
        "The same matrix of both checkpoints for every targeted block matrix (reduction, cosine, Gaussian "
        "and\n"
        "permuted nulls), and every tensor's std and kurtosis in both. Checkpoints of different "
        "architectures are\n"
        "refused, naming the first difference. JSON: rows[] (procrustes results), stats[] (name, a, b).\n",
        runCompareCmd};
}

Command dequantizeCommand() {
    return {
        "dequantize", "decode a quantized artifact (quantize --out) into a checkpoint folder",
        "Usage: kronscope-cli dequantize FILE.ksq --out DIR [--tokenizer-from MODEL_DIR] [--json]\n"
        "Writes config.json and model.safetensors (F32) with exactly the weights the artifact holds, so "
        "that\n"
        "ppl on DIR gives the quantize command's PPL. --tokenizer-from copies vocab.json and merges.txt.\n",
        runDequantize};
}

}  // namespace kronscope::cli
