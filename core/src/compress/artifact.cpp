// The quantized artifact file (compress/quantize.h): "KSQUANT1", a uint64 header length, a JSON header,
// then the zstd frame of the payload.
#include <torch/torch.h>

#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "compress/half.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/base/hash.h"
#include "kronscope/core/base/memory.h"
#include "kronscope/core/compress/quantize.h"
#include "model/checkpoint_impl.h"

namespace kronscope::core {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'K', 'S', 'Q', 'U', 'A', 'N', 'T', '1'};
constexpr uint64_t kMaxHeader = 64ull << 20;

nlohmann::json settingsJson(const QuantizeSettings& s) {
    return {{"bits", s.bits},       {"clip_search", s.clip_search},
            {"protect", s.protect}, {"fp16_rows", s.fp16_rows},
            {"prune", s.prune},     {"zstd_level", s.zstd_level}};
}

}  // namespace

void writeQuantizedArtifact(const std::string& path, const QuantizedCheckpoint& q, const Gpt2Config& config,
                            const std::string& model_hash) {
    nlohmann::json tensors = nlohmann::json::array();
    for (const auto& t : q.dequantized)
        tensors.push_back({{"name", t.name}, {"rows", t.rows}, {"cols", t.cols}});
    nlohmann::json h = {{"format", "kronscope-quantized"},
                        {"version", 1},
                        {"config", nlohmann::json::parse(config.toJsonText())},
                        {"settings", settingsJson(q.settings)},
                        {"model_hash", model_hash},
                        {"payload_bytes", q.payload.size()},
                        {"payload_hash", contentHashOf(q.payload)},
                        {"fp16_rows", q.fp16_row_lists},
                        {"tensors", tensors}};
    const std::string header = h.dump();
    std::string bytes(kMagic, sizeof kMagic);
    const uint64_t n = header.size();
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
    bytes += header;
    bytes += q.frame;
    writeFileAtomically(path, bytes);
}

namespace {

/// The header's fields, read and checked; InputError "PATH: ..." otherwise.
struct Header {
    std::vector<std::vector<int64_t>> fp16_rows;
    int64_t payload_bytes = 0;
    std::string payload_hash;
};

Header readHeader(const nlohmann::json& h, const std::string& path, QuantizedArtifact& a) {
    auto fail = [&](const std::string& what) { throw InputError(path + ": " + what); };
    Header hd;
    try {
        if (h.at("format") != "kronscope-quantized") fail("header format is not kronscope-quantized");
        if (h.at("version") != 1) fail("artifact version " + h.at("version").dump() + " is not supported");
        a.config = Gpt2Config::fromJsonText(h.at("config").dump(), path + " (config)");
        a.config.validate(path);
        const auto& s = h.at("settings");
        a.settings.bits = s.at("bits").get<int>();
        a.settings.clip_search = s.at("clip_search").get<bool>();
        a.settings.protect = s.at("protect").get<std::string>();
        a.settings.fp16_rows = s.at("fp16_rows").get<double>();
        a.settings.prune = s.at("prune").get<double>();
        a.settings.zstd_level = s.at("zstd_level").get<int>();
        a.model_hash = h.at("model_hash").get<std::string>();
        hd.payload_bytes = h.at("payload_bytes").get<int64_t>();
        hd.payload_hash = h.at("payload_hash").get<std::string>();
        hd.fp16_rows = h.at("fp16_rows").get<std::vector<std::vector<int64_t>>>();
        a.settings.validate();
        a.tensors = checkpointLayout(a.config);
        const auto& listed = h.at("tensors");
        if (!listed.is_array() || listed.size() != a.tensors.size())
            fail("header lists " + std::to_string(listed.size()) + " tensors, the config has " +
                 std::to_string(a.tensors.size()));
        for (size_t i = 0; i < a.tensors.size(); ++i)
            if (listed[i].at("name") != a.tensors[i].name || listed[i].at("rows") != a.tensors[i].rows ||
                listed[i].at("cols") != a.tensors[i].cols)
                fail("header tensor " + std::to_string(i) + " is " + listed[i].dump() +
                     ", the config expects " + a.tensors[i].name + " " + std::to_string(a.tensors[i].rows) +
                     "x" + std::to_string(a.tensors[i].cols));
    } catch (const InputError&) {
        throw;
    } catch (const std::exception& e) {
        fail(std::string("header: ") + e.what());
    }
    if (hd.fp16_rows.size() != a.tensors.size())
        fail("header lists float16 rows for " + std::to_string(hd.fp16_rows.size()) +
             " tensors, the config has " + std::to_string(a.tensors.size()));
    return hd;
}

/// The payload size the header's tensors imply (row lists checked), before anything is allocated.
double checkLayout(const Header& hd, const QuantizedArtifact& a, const std::string& path) {
    auto fail = [&](const std::string& what) { throw InputError(path + ": " + what); };
    int64_t expected = 0;
    double weights = 0;
    for (size_t i = 0; i < a.tensors.size(); ++i) {
        const auto& t = a.tensors[i];
        const auto& rows = hd.fp16_rows[i];
        for (size_t k = 0; k < rows.size(); ++k)
            if (rows[k] < 0 || rows[k] >= t.rows || (k > 0 && rows[k] <= rows[k - 1]))
                fail("tensor " + t.name + ": float16 row list is not sorted rows of 0.." +
                     std::to_string(t.rows - 1));
        if (!t.matrix() && rows.size() != 1) fail("tensor " + t.name + ": a 1-D tensor must be float16");
        const auto fp = static_cast<int64_t>(rows.size());
        expected += (t.rows - fp) * (t.cols + 2) + fp * t.cols * 2;
        weights += static_cast<double>(t.rows * t.cols);
    }
    if (expected != hd.payload_bytes)
        fail("header says " + std::to_string(hd.payload_bytes) + " payload bytes, its tensors need " +
             std::to_string(expected));
    return weights;
}

uint16_t u16At(const std::string& p, size_t at) {
    return static_cast<uint16_t>(static_cast<uint8_t>(p[at]) | (static_cast<uint8_t>(p[at + 1]) << 8));
}

/// Every tensor's values from the payload (its size already matches the layout).
void decode(const std::string& payload, const Header& hd, QuantizedArtifact& a) {
    size_t off = 0;
    for (size_t i = 0; i < a.tensors.size(); ++i) {
        auto& t = a.tensors[i];
        const auto cols = static_cast<size_t>(t.cols);
        std::vector<char> fp(static_cast<size_t>(t.rows), 0);
        for (const auto r : hd.fp16_rows[i]) fp[static_cast<size_t>(r)] = 1;
        t.values.assign(static_cast<size_t>(t.rows) * cols, 0.0f);
        const size_t int_rows = static_cast<size_t>(t.rows) - hd.fp16_rows[i].size();
        const size_t scales_at = off + int_rows * cols;
        size_t k = 0;
        for (int64_t r = 0; r < t.rows; ++r) {
            if (fp[static_cast<size_t>(r)]) continue;
            const double s = halfValue(u16At(payload, scales_at + 2 * k));
            for (size_t j = 0; j < cols; ++j)
                t.values[static_cast<size_t>(r) * cols + j] =
                    static_cast<float>(static_cast<int8_t>(payload[off + k * cols + j]) * s);
            ++k;
        }
        size_t at = scales_at + 2 * int_rows;
        for (int64_t r = 0; r < t.rows; ++r) {
            if (!fp[static_cast<size_t>(r)]) continue;
            for (size_t j = 0; j < cols; ++j, at += 2)
                t.values[static_cast<size_t>(r) * cols + j] =
                    static_cast<float>(halfValue(u16At(payload, at)));
        }
        off = at;
    }
}

}  // namespace

QuantizedArtifact readQuantizedArtifact(const std::string& path) {
    const std::string bytes = readTextFile(path, "quantized artifact", int64_t{64} << 30);
    auto fail = [&](const std::string& what) { throw InputError(path + ": " + what); };
    if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, 8) != 0)
        fail("not a Kronscope quantized artifact (no KSQUANT1 magic)");
    uint64_t n = 0;
    for (int i = 0; i < 8; ++i) n |= static_cast<uint64_t>(static_cast<uint8_t>(bytes[8 + i])) << (8 * i);
    if (n > kMaxHeader || n > bytes.size() - 16)
        fail("header length " + std::to_string(n) + " runs past the file");
    nlohmann::json h;
    try {
        h = nlohmann::json::parse(bytes.substr(16, n));
    } catch (const std::exception& e) {
        fail(std::string("header is not JSON (") + e.what() + ")");
    }
    QuantizedArtifact a;
    const Header hd = readHeader(h, path, a);
    const double weights = checkLayout(hd, a, path);
    checkMemoryFits("decoding " + path, static_cast<double>(hd.payload_bytes) + 4.0 * weights);
    a.frame_bytes = static_cast<int64_t>(bytes.size() - 16 - n);
    const std::string payload = zstdDecompress(bytes.substr(16 + n), hd.payload_bytes, path);
    if (contentHashOf(payload) != hd.payload_hash)
        fail("payload hash differs from the header's (the file is damaged)");
    decode(payload, hd, a);
    return a;
}

void writeDequantizedCheckpoint(const QuantizedArtifact& a, const std::string& directory,
                                const std::string& tokenizer_dir) {
    torch::NoGradGuard no_grad;
    std::vector<std::pair<std::string, torch::Tensor>> weights;
    for (const auto& t : a.tensors) {
        auto x =
            torch::from_blob(const_cast<float*>(t.values.data()), {t.rows, t.cols}, torch::kFloat32).clone();
        if (!t.matrix()) {
            weights.emplace_back(t.name, x.view({t.cols}));
        } else if (t.kind == "wte" || t.kind == "wpe") {
            weights.emplace_back(t.name + ".weight", x);
        } else {
            weights.emplace_back(t.name + ".weight", x.t().contiguous());  // row view -> Conv1D [in, out]
        }
    }
    writeGpt2Checkpoint(directory, a.config, weights, "F32", false, false);
    for (const char* f : {"vocab.json", "merges.txt", "tokenizer.json"}) {
        const fs::path src = fs::path(tokenizer_dir) / f;
        std::error_code ec;
        if (!tokenizer_dir.empty() && fs::is_regular_file(src, ec))
            writeFileAtomically((fs::path(directory) / f).string(),
                                readTextFile(src.string(), f, int64_t{1} << 30));
    }
}

}  // namespace kronscope::core
