// bench_compress: the compression lab on a GPT-2-small-shaped checkpoint (random N(0, 0.02) weights unless
// --model names one): statistics of every tensor, the int6 + zstd-22 artifact of all tensors (quantization
// and compression timed apart) beside the `zstd --ultra -22 -T0` command-line tool on the same payload bytes,
// and Procrustes of two 768 x 3072 matrices with 20 null draws of each kind.
//   bench_compress [--model DIR] [--config gpt2|demo|tiny] [--bits 6] [--level 22] [--draws 20]
// Target (issue 16): the artifact (quantize + compress) within 1.2x the time of the zstd tool on the same
// bytes.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "kronscope/core/analysis/compression.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/model/checkpoint_writer.h"

using namespace kronscope::core;
using clk = std::chrono::steady_clock;
namespace fs = std::filesystem;

static double since(clk::time_point t) {
    return std::chrono::duration<double>(clk::now() - t).count();
}

int main(int argc, char** argv) {
    std::string model_dir, config = "gpt2";
    int bits = 6, level = 22, draws = 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--model")
            model_dir = v;
        else if (k == "--config")
            config = v;
        else if (k == "--bits")
            bits = std::stoi(v);
        else if (k == "--level")
            level = std::stoi(v);
        else if (k == "--draws")
            draws = std::stoi(v);
        else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            return 2;
        }
    }
    useAllCores();
    const fs::path tmp = fs::temp_directory_path() / ("kronscope-bench-compress-" + std::to_string(getpid()));
    if (model_dir.empty()) {
        model_dir = (tmp / "model").string();
        RandomCheckpointOptions o;
        o.copy_tokenizer = false;
        const auto t = clk::now();
        writeRandomCheckpoint(model_dir, presetConfig(config), o);
        std::printf("random %s-shaped checkpoint written in %.1f s\n", config.c_str(), since(t));
    }
    auto model = Gpt2Model::load(model_dir);
    const auto& c = model->config();
    std::printf("model %s: %lld layers, n_embd %lld, %lld weights; %d threads\n", model_dir.c_str(),
                (long long)c.n_layer, (long long)c.n_embd, (long long)c.parameterCount(),
                buildInfo().cpu_threads);
    Progress quiet;

    auto t = clk::now();
    const auto stats = runTensorStats(*model, quiet);
    std::printf("statistics of %zu tensors and units: %.2f s\n", stats.tensors.size(), since(t));

    QuantizeSettings s;
    s.bits = bits, s.zstd_level = level;
    t = clk::now();
    const auto tensors = checkpointTensors(*model);
    const double t_copy = since(t);
    t = clk::now();
    auto q = quantizeCheckpoint(tensors, static_cast<int>(c.n_layer), c.n_embd, s, quiet, -1, false);
    const double t_quant = since(t);
    t = clk::now();
    q.frame = zstdCompress(q.payload, level);
    const double t_zstd = since(t);
    std::printf("int%d: copy %.2f s, quantize %.2f s, zstd -%d %.2f s: %zu -> %zu bytes\n", bits, t_copy,
                t_quant, level, t_zstd, q.payload.size(), q.frame.size());
    fs::create_directories(tmp);
    const fs::path payload = tmp / "payload.bin";
    std::ofstream(payload, std::ios::binary)
        .write(q.payload.data(), static_cast<std::streamsize>(q.payload.size()));
    const std::string cmd = "zstd --ultra -" + std::to_string(level) + " -T0 -q -f -o '" +
                            (tmp / "payload.zst").string() + "' '" + payload.string() + "'";
    t = clk::now();
    const int rc = std::system(cmd.c_str());
    const double t_cli = since(t);
    if (rc == 0) {
        const auto cli_bytes = fs::file_size(tmp / "payload.zst");
        std::printf("zstd tool (%s): %.2f s, %llu bytes\n", cmd.substr(0, cmd.find(" -o")).c_str(), t_cli,
                    (unsigned long long)cli_bytes);
        std::printf(
            "artifact (quantize + compress) %.2f s = %.2fx the zstd tool (target <= 1.2x); compression alone "
            "%.2fx; sizes %s\n",
            t_quant + t_zstd, (t_quant + t_zstd) / t_cli, t_zstd / t_cli,
            cli_bytes == q.frame.size()
                ? "identical"
                : (cli_bytes == q.frame.size() + 4 ? "equal but for the tool's 4-byte checksum" : "differ"));
    } else {
        std::printf("zstd tool not found or failed (rc %d): no comparison\n", rc);
    }

    // Procrustes of two 768 x 3072 matrices (MLP c_fc's row view is 3072 x 768; these are the seed's wide
    // shape).
    std::mt19937 gen(1);
    std::normal_distribution<float> n01(0.0f, 0.02f);
    MatrixF a{768, 3072, std::vector<float>(768 * 3072)}, b = a;
    for (auto& v : a.values) v = n01(gen);
    for (auto& v : b.values) v = n01(gen);
    t = clk::now();
    const double red = procrustesReduction(a, b, ProcrustesSide::Right);
    const double t_red = since(t);
    t = clk::now();
    const auto gn = procrustesNull(a, b, ProcrustesSide::Right, NullKind::Gaussian, draws, 0);
    const double t_g = since(t);
    t = clk::now();
    const auto pn = procrustesNull(a, b, ProcrustesSide::Right, NullKind::Permuted, draws, 1);
    const double t_p = since(t);
    std::printf(
        "procrustes 768 x 3072 (right): reduction %.4f in %.2f s; Gaussian null %.4f ± %.4f (%d draws) %.2f "
        "s; "
        "permuted %.4f ± %.4f %.2f s; total %.2f s (science.md: 0.937)\n",
        red, t_red, gn.mean, gn.std, draws, t_g, pn.mean, pn.std, t_p, t_red + t_g + t_p);
    t = clk::now();
    const auto fit = procrustesFit(a, b, ProcrustesSide::Left);
    std::printf("procrustes 768 x 3072 (left, full R 768 x 768): reduction %.4f in %.2f s\n", fit.reduction,
                since(t));
    std::error_code ec;
    fs::remove_all(tmp, ec);
    return 0;
}
