#include "kronscope/core/compress/quantize.h"

#include <torch/torch.h>
#include <zstd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <sstream>
#include <thread>

#include "compress/half.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/model/matrix_targets.h"
#include "model/gpt2_impl.h"

namespace kronscope::core {

// ---- protect spec

namespace {

std::string trim(const std::string& s) {
    const auto a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return "";
    return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

/// "k" -> {"attn.c_attn.k"}, "c_attn" -> q, k, v, "c_fc" -> "mlp.c_fc"; empty when unknown.
std::vector<std::string> unitKinds(const std::string& part) {
    if (part == "wte" || part == "wpe") return {part};
    for (const char* x : {"q", "k", "v"})
        if (part == x || part == std::string("attn.c_attn.") + x || part == std::string("c_attn.") + x)
            return {std::string("attn.c_attn.") + x};
    if (part == "c_attn" || part == "attn.c_attn") return {"attn.c_attn.q", "attn.c_attn.k", "attn.c_attn.v"};
    try {
        return {normalizeMatrixKind(part)};
    } catch (const InputError&) {
        return {};
    }
}

int parseLayer(const std::string& s, const std::string& item) {
    char* end = nullptr;
    errno = 0;
    const long v = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || errno != 0 || v < 0 || v > 100000)
        throw InputError("protect: '" + item + "': '" + s + "' is not a layer number");
    return static_cast<int>(v);
}

}  // namespace

std::vector<size_t> parseProtectSpec(const std::string& spec, const std::vector<TensorUnit>& units,
                                     int n_layer) {
    std::vector<size_t> out;
    std::stringstream ss(spec);
    std::string item;
    while (std::getline(ss, item, ',')) {
        item = trim(item);
        if (item.empty()) continue;
        int first = 0, last = n_layer - 1;
        std::string part = item;
        const auto slash = item.find('/');
        if (slash != std::string::npos) {
            const std::string sel = item.substr(0, slash);
            part = item.substr(slash + 1);
            if (sel.rfind("layers:", 0) == 0) {
                const std::string r = sel.substr(7);
                const auto dash = r.find('-');
                first = parseLayer(dash == std::string::npos ? r : r.substr(0, dash), item);
                last = dash == std::string::npos ? first : parseLayer(r.substr(dash + 1), item);
            } else if (sel.rfind("last:", 0) == 0) {
                const int n = parseLayer(sel.substr(5), item);
                if (n < 1) throw InputError("protect: '" + item + "': last:N needs N >= 1");
                first = std::max(0, n_layer - n);
            } else {
                throw InputError("protect: '" + item +
                                 "': expected layers:A-B/KIND or last:N/KIND before '/'");
            }
            if (first > last || last >= n_layer)
                throw InputError("protect: '" + item + "': the model has layers 0-" +
                                 std::to_string(n_layer - 1));
        }
        size_t before = out.size();
        const auto kinds = unitKinds(part);
        for (size_t i = 0; i < units.size(); ++i) {
            const auto& u = units[i];
            bool hit = u.name == part;
            if (!hit && !kinds.empty() && std::find(kinds.begin(), kinds.end(), u.kind) != kinds.end())
                hit = u.layer < 0 || (u.layer >= first && u.layer <= last);
            if (hit && std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
        }
        if (out.size() == before)
            throw InputError(
                "protect: '" + item +
                "' selects no tensor (give a name such as h.7.attn.c_attn.k, or a kind: wte, wpe, q, "
                "k, v, c_attn, attn.c_proj, c_fc, mlp.c_proj, optionally after layers:A-B/ or last:N/)");
    }
    std::sort(out.begin(), out.end());
    return out;
}

// ---- settings

void QuantizeSettings::validate() const {
    if (bits < 2 || bits > 8) throw InputError("bits: " + std::to_string(bits) + " (expected 2..8)");
    if (!(fp16_rows >= 0.0 && fp16_rows <= 100.0))
        throw InputError("fp16 rows: " + std::to_string(fp16_rows) + "% (expected 0..100)");
    if (!(prune >= 0.0 && prune < 100.0))
        throw InputError("prune: " + std::to_string(prune) + "% (expected 0..<100)");
    if (zstd_level < 1 || zstd_level > ZSTD_maxCLevel())
        throw InputError("zstd level: " + std::to_string(zstd_level) + " (expected 1.." +
                         std::to_string(ZSTD_maxCLevel()) + ")");
}

namespace {
std::string percent(double v) {
    std::ostringstream s;
    s << v;
    return s.str() + "%";
}
}  // namespace

std::string QuantizeSettings::describe() const {
    std::string s = "per-row symmetric int" + std::to_string(bits);
    if (clip_search) s += ", clip search";
    if (!protect.empty()) s += ", protect " + protect;
    if (fp16_rows > 0) s += ", " + percent(fp16_rows) + " wte rows fp16";
    if (prune > 0) s += ", prune " + percent(prune);
    return s + ", zstd -" + std::to_string(zstd_level);
}

// ---- zstd

std::string zstdCompress(const std::string& bytes, int level) {
    ZSTD_CCtx* cctx = ZSTD_createCCtx();
    if (!cctx) throw InputError("zstd: cannot create a compression context");
    std::string out(ZSTD_compressBound(bytes.size()), '\0');
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 1);
    // Workers >= 1 give the same frame whatever their number (libzstd's MT mode is deterministic).
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_nbWorkers, static_cast<int>(threads));
    const size_t n = ZSTD_compress2(cctx, out.data(), out.size(), bytes.data(), bytes.size());
    ZSTD_freeCCtx(cctx);
    if (ZSTD_isError(n)) throw InputError(std::string("zstd: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

std::string zstdDecompress(const std::string& frame, int64_t expected, const std::string& what) {
    const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
    if (size == ZSTD_CONTENTSIZE_ERROR) throw InputError(what + ": not a zstd frame");
    if (size == ZSTD_CONTENTSIZE_UNKNOWN)
        throw InputError(what + ": the zstd frame does not declare its size");
    if (static_cast<int64_t>(size) != expected || expected < 0)
        throw InputError(what + ": the zstd frame holds " + std::to_string(size) +
                         " bytes, the header says " + std::to_string(expected));
    const size_t frame_len = ZSTD_findFrameCompressedSize(frame.data(), frame.size());
    if (ZSTD_isError(frame_len) || frame_len != frame.size())
        throw InputError(what + ": the zstd frame is truncated or followed by other bytes");
    std::string out(static_cast<size_t>(expected), '\0');
    const size_t n = ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size());
    if (ZSTD_isError(n)) throw InputError(what + ": " + ZSTD_getErrorName(n));
    if (n != out.size())
        throw InputError(what + ": the zstd frame decompressed to fewer bytes than declared");
    return out;
}

// ---- one row

namespace {

const double kClipQuantiles[] = {0.9, 0.99, 0.999, 0.9999, 0.99999, 1.0};

/// numpy.quantile(sorted, t) with the default linear method (its _lerp).
double quantileSorted(const std::vector<double>& a, double t) {
    const double virt = t * static_cast<double>(a.size() - 1);
    const double lo_d = std::floor(virt);
    const auto lo = static_cast<size_t>(lo_d);
    const size_t hi = std::min(lo + 1, a.size() - 1);
    const double g = virt - lo_d, x = a[lo], y = a[hi], diff = y - x;
    return g >= 0.5 ? y - diff * (1.0 - g) : x + diff * g;
}

struct RowCode {
    uint16_t scale = 0;  // float16 bits
    double sq_err = 0.0;
};

/// Codes of w[0, n) against clip c; w' into `deq`.
RowCode codeRow(const float* w, int64_t n, double c, int qmax, int8_t* codes, float* deq) {
    RowCode r;
    r.scale = halfBits(c / qmax);
    const double s = halfValue(r.scale);
    for (int64_t j = 0; j < n; ++j) {
        double q = 0.0;
        if (s > 0.0) q = std::clamp(std::round(static_cast<double>(w[j]) / s), -double(qmax), double(qmax));
        codes[j] = static_cast<int8_t>(q);
        deq[j] = static_cast<float>(q * s);
        const double d = static_cast<double>(w[j]) - deq[j];
        r.sq_err += d * d;
    }
    return r;
}

RowCode quantizeRow(const float* w, int64_t n, int qmax, bool clip_search, int8_t* codes, float* deq) {
    double c_max = 0.0;
    for (int64_t j = 0; j < n; ++j) c_max = std::max(c_max, std::fabs(static_cast<double>(w[j])));
    if (!clip_search) return codeRow(w, n, c_max, qmax, codes, deq);
    std::vector<double> a(static_cast<size_t>(n));
    for (int64_t j = 0; j < n; ++j) a[static_cast<size_t>(j)] = std::fabs(static_cast<double>(w[j]));
    std::sort(a.begin(), a.end());
    std::vector<int8_t> c2(static_cast<size_t>(n));
    std::vector<float> d2(static_cast<size_t>(n));
    RowCode best;
    bool have = false;
    for (const double t : kClipQuantiles) {
        const RowCode r = codeRow(w, n, quantileSorted(a, t), qmax, c2.data(), d2.data());
        if (!have || r.sq_err < best.sq_err) {
            best = r;
            have = true;
            std::copy(c2.begin(), c2.end(), codes);
            std::copy(d2.begin(), d2.end(), deq);
        }
    }
    return best;
}

/// Zeroes the floor(p / 100 * n) entries of smallest |w| (ties by position).
int64_t pruneSmallest(float* w, int64_t n, double p) {
    const auto k = static_cast<int64_t>(std::floor(p / 100.0 * static_cast<double>(n)));
    if (k <= 0) return 0;
    std::vector<int64_t> idx(static_cast<size_t>(n));
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(),
                     [&](int64_t a, int64_t b) { return std::fabs(w[a]) < std::fabs(w[b]); });
    for (int64_t i = 0; i < k; ++i) w[idx[static_cast<size_t>(i)]] = 0.0f;
    return k;
}

double codeEntropyBits(const int8_t* codes, int64_t n) {
    int64_t hist[256] = {0};
    for (int64_t j = 0; j < n; ++j) ++hist[static_cast<uint8_t>(codes[j])];
    double h = 0.0;
    for (const int64_t c : hist)
        if (c > 0) {
            const double p = static_cast<double>(c) / static_cast<double>(n);
            h -= p * std::log2(p);
        }
    return h;
}

void appendHalf(std::string& out, uint16_t bits) {
    out.push_back(static_cast<char>(bits & 0xff));
    out.push_back(static_cast<char>(bits >> 8));
}

uint16_t halfChecked(float v, const std::string& tensor) {
    const uint16_t b = halfBits(static_cast<double>(v));
    if ((b & 0x7c00) == 0x7c00)
        throw InputError("tensor " + tensor + ": value " + std::to_string(v) + " is beyond float16's range");
    return b;
}

}  // namespace

// ---- the checkpoint

namespace {

/// One tensor: per-row storage decided, quantized, serialized.
struct TensorWork {
    const CheckpointTensor& t;
    std::vector<char> fp16;  // per row: stored as float16
    std::vector<float> w;    // the values quantized (pruned copy)
    std::vector<int8_t> codes;
    std::vector<uint16_t> scales;
    CheckpointTensor deq;
    std::vector<size_t> units;    // indices of the units of this tensor
    std::vector<int64_t> pruned;  // per unit index: entries zeroed

    explicit TensorWork(const CheckpointTensor& tensor)
        : t(tensor)
        , fp16(static_cast<size_t>(tensor.rows), 1)
        , w(tensor.values)
        , codes(tensor.values.size(), 0)
        , scales(static_cast<size_t>(tensor.rows), 0)
        , deq(tensor) {}
    size_t cols() const { return static_cast<size_t>(t.cols); }
};

/// The rows of the quantized units leave float16, after pruning; then every int-k row is coded.
void quantizeRows(TensorWork& wk, const std::vector<TensorUnit>& units, const std::vector<char>& unit_fp16,
                  const QuantizeSettings& st) {
    const auto& t = wk.t;
    wk.pruned.assign(units.size(), 0);
    for (const size_t u : wk.units) {
        if (unit_fp16[u]) continue;
        float* base = wk.w.data() + units[u].first_row * t.cols;
        if (st.prune > 0) wk.pruned[u] = pruneSmallest(base, units[u].rows * t.cols, st.prune);
        std::fill(wk.fp16.begin() + units[u].first_row, wk.fp16.begin() + units[u].first_row + units[u].rows,
                  0);
    }
    const int qmax = (1 << (st.bits - 1)) - 1;
    at::parallel_for(0, t.rows, 8, [&](int64_t a, int64_t b) {
        for (int64_t r = a; r < b; ++r) {
            if (wk.fp16[static_cast<size_t>(r)]) continue;
            const size_t off = static_cast<size_t>(r) * wk.cols();
            wk.scales[static_cast<size_t>(r)] = quantizeRow(wk.w.data() + off, t.cols, qmax, st.clip_search,
                                                            wk.codes.data() + off, wk.deq.values.data() + off)
                                                    .scale;
        }
    });
}

/// wte: the rows with the highest entropy of their codes go back to float16; every float16 row then holds
/// the (pruned) values rounded to float16.
void finishFp16Rows(TensorWork& wk, const QuantizeSettings& st) {
    const auto& t = wk.t;
    if (t.kind == "wte" && st.fp16_rows > 0 && !wk.fp16[0]) {
        const auto keep =
            static_cast<int64_t>(std::floor(st.fp16_rows / 100.0 * static_cast<double>(t.rows)));
        std::vector<double> h(static_cast<size_t>(t.rows));
        for (int64_t r = 0; r < t.rows; ++r)
            h[static_cast<size_t>(r)] = codeEntropyBits(wk.codes.data() + r * t.cols, t.cols);
        std::vector<int64_t> order(static_cast<size_t>(t.rows));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return h[a] > h[b]; });
        for (int64_t i = 0; i < keep; ++i) wk.fp16[static_cast<size_t>(order[static_cast<size_t>(i)])] = 1;
    }
    for (int64_t r = 0; r < t.rows; ++r)
        if (wk.fp16[static_cast<size_t>(r)])
            for (size_t j = 0; j < wk.cols(); ++j) {
                const size_t k = static_cast<size_t>(r) * wk.cols() + j;
                wk.deq.values[k] = static_cast<float>(halfValue(halfChecked(wk.w[k], t.name)));
            }
}

/// The codes of the int-k rows, their scales, then the float16 rows.
void serialize(const TensorWork& wk, std::string& payload) {
    const auto& t = wk.t;
    for (int64_t r = 0; r < t.rows; ++r)
        if (!wk.fp16[static_cast<size_t>(r)])
            payload.append(reinterpret_cast<const char*>(wk.codes.data()) + r * t.cols, wk.cols());
    for (int64_t r = 0; r < t.rows; ++r)
        if (!wk.fp16[static_cast<size_t>(r)]) appendHalf(payload, wk.scales[static_cast<size_t>(r)]);
    for (int64_t r = 0; r < t.rows; ++r)
        if (wk.fp16[static_cast<size_t>(r)])
            for (size_t j = 0; j < wk.cols(); ++j)
                appendHalf(payload, halfBits(wk.deq.values[static_cast<size_t>(r) * wk.cols() + j]));
}

/// Errors of rows [r0, r0 + nr) against the original values (pruning included); adds the 2-D sums to the
/// totals.
UnitQuantization unitError(const TensorWork& wk, const std::string& name, const std::string& kind, int layer,
                           int64_t r0, int64_t nr, int64_t pruned_n, int bits, double totals[3]) {
    const auto& t = wk.t;
    UnitQuantization uq{name, kind, layer, nr, t.cols, "", 0, 0.0, 0.0, 0.0};
    double sq = 0.0, w2 = 0.0;
    for (int64_t r = r0; r < r0 + nr; ++r) {
        uq.fp16_rows += wk.fp16[static_cast<size_t>(r)];
        for (size_t j = 0; j < wk.cols(); ++j) {
            const size_t k = static_cast<size_t>(r) * wk.cols() + j;
            const double d = static_cast<double>(t.values[k]) - wk.deq.values[k];
            sq += d * d;
            w2 += static_cast<double>(t.values[k]) * t.values[k];
        }
    }
    const double n = static_cast<double>(nr * t.cols);
    uq.mse = sq / n;
    uq.rel_mse = w2 > 0 ? sq / w2 : 0.0;
    uq.pruned_share = static_cast<double>(pruned_n) / n;
    const std::string k = "int" + std::to_string(bits);
    uq.storage = uq.fp16_rows == nr  ? "fp16"
                 : uq.fp16_rows == 0 ? k
                                     : k + " + " + std::to_string(uq.fp16_rows) + " fp16 rows";
    if (t.matrix()) totals[0] += sq, totals[1] += w2, totals[2] += n;
    return uq;
}

/// Per unit: stored in float16 (protected, or every unit but `only_unit` for the damage ranking).
std::vector<char> unitStorage(const std::vector<TensorUnit>& units, const QuantizeSettings& st, int n_layer,
                              int only_unit) {
    std::vector<char> fp16(units.size(), 0);
    for (const size_t i : parseProtectSpec(st.protect, units, n_layer)) fp16[i] = 1;
    if (only_unit >= 0) {
        if (static_cast<size_t>(only_unit) >= units.size())
            throw InputError("quantize: no unit " + std::to_string(only_unit));
        for (size_t i = 0; i < units.size(); ++i) fp16[i] = static_cast<int>(i) != only_unit;
    }
    return fp16;
}

}  // namespace

QuantizedCheckpoint quantizeCheckpoint(const std::vector<CheckpointTensor>& tensors, int n_layer,
                                       int64_t n_embd, const QuantizeSettings& st, Progress& progress,
                                       int only_unit, bool compress) {
    st.validate();
    const auto units = tensorUnits(tensors, n_embd);
    const auto unit_fp16 = unitStorage(units, st, n_layer, only_unit);
    QuantizedCheckpoint out;
    out.settings = st;
    double totals[3] = {0.0, 0.0, 0.0};  // squared error, squared weights, entries of the 2-D tensors
    std::vector<UnitQuantization> vec_rows;
    for (size_t ti = 0; ti < tensors.size(); ++ti) {
        progress.throwIfCancelled();
        const auto& t = tensors[ti];
        out.tensor_names.push_back(t.name);
        TensorWork wk(t);
        for (size_t u = 0; u < units.size(); ++u)
            if (units[u].tensor == ti) wk.units.push_back(u);
        quantizeRows(wk, units, unit_fp16, st);
        finishFp16Rows(wk, st);
        serialize(wk, out.payload);
        out.weights += static_cast<int64_t>(t.values.size());
        out.fp16_bytes += 2 * static_cast<int64_t>(t.values.size());
        if (wk.units.empty())
            vec_rows.push_back(unitError(wk, t.name, t.kind, t.layer, 0, t.rows, 0, st.bits, totals));
        for (const size_t u : wk.units)
            out.units.push_back(unitError(wk, units[u].name, units[u].kind, units[u].layer,
                                          units[u].first_row, units[u].rows, wk.pruned[u], st.bits, totals));
        out.fp16_row_lists.emplace_back();
        for (int64_t r = 0; r < t.rows; ++r)
            if (wk.fp16[static_cast<size_t>(r)]) out.fp16_row_lists.back().push_back(r);
        out.dequantized.push_back(std::move(wk.deq));
        progress.report(0.7 * static_cast<double>(ti + 1) / static_cast<double>(tensors.size()),
                        "quantized " + t.name);
    }
    out.units.insert(out.units.end(), vec_rows.begin(), vec_rows.end());
    out.mse = totals[2] > 0 ? totals[0] / totals[2] : 0.0;
    out.rel_mse = totals[1] > 0 ? totals[0] / totals[1] : 0.0;
    progress.report(0.7, "zstd -" + std::to_string(st.zstd_level) + " of " +
                             std::to_string(out.payload.size()) + " bytes");
    progress.throwIfCancelled();
    if (compress) out.frame = zstdCompress(out.payload, st.zstd_level);
    progress.report(1.0, "compressed");
    return out;
}

std::string quantizedMatrixPayload(const MatrixF& w, int bits) {
    if (bits < 2 || bits > 8) throw InputError("bits: " + std::to_string(bits) + " (expected 2..8)");
    const int qmax = (1 << (bits - 1)) - 1;
    const auto cols = static_cast<size_t>(w.cols);
    std::vector<int8_t> codes(w.values.size());
    std::vector<float> deq(w.values.size());
    std::vector<uint16_t> scales(static_cast<size_t>(w.rows));
    at::parallel_for(0, w.rows, 8, [&](int64_t a, int64_t b) {
        for (int64_t r = a; r < b; ++r) {
            const size_t off = static_cast<size_t>(r) * cols;
            scales[static_cast<size_t>(r)] =
                quantizeRow(w.values.data() + off, w.cols, qmax, false, codes.data() + off, deq.data() + off)
                    .scale;
        }
    });
    std::string out(reinterpret_cast<const char*>(codes.data()), codes.size());
    for (const auto s : scales) appendHalf(out, s);
    return out;
}

// ---- perplexity of the dequantized model

PerplexityResult perplexityQuantized(Gpt2Model& model, const QuantizedCheckpoint& q,
                                     const std::vector<int32_t>& ids, const PerplexitySettings& settings,
                                     Progress& progress) {
    torch::NoGradGuard no_grad;
    auto& impl = model.impl();
    const auto opts = torch::TensorOptions().device(impl.device).dtype(impl.dtype);
    const auto saved_wte = impl.wte, saved_wpe = impl.wpe, saved_lnf_w = impl.lnf_w, saved_lnf_b = impl.lnf_b;
    const auto saved_blocks = impl.blocks;
    struct Restore {
        Gpt2Model::Impl& impl;
        const torch::Tensor &wte, &wpe, &lw, &lb;
        const std::vector<Gpt2Block>& blocks;
        ~Restore() {
            impl.wte = wte, impl.wpe = wpe, impl.lnf_w = lw, impl.lnf_b = lb;
            impl.blocks = blocks;
        }
    } restore{impl, saved_wte, saved_wpe, saved_lnf_w, saved_lnf_b, saved_blocks};
    for (const auto& t : q.dequantized) {
        auto x =
            torch::from_blob(const_cast<float*>(t.values.data()), {t.rows, t.cols}, torch::kFloat32).to(opts);
        if (t.rows == 1 && !(t.kind == "wte" || t.kind == "wpe")) x = x.view({t.cols});
        if (t.name == "wte")
            impl.wte = x.contiguous();
        else if (t.name == "wpe")
            impl.wpe = x.contiguous();
        else if (t.name == "ln_f.weight")
            impl.lnf_w = x.contiguous();
        else if (t.name == "ln_f.bias")
            impl.lnf_b = x.contiguous();
        else {
            auto& b = impl.blocks.at(static_cast<size_t>(t.layer));
            const std::string& k = t.kind;
            if (k == "ln_1.weight")
                b.ln1_w = x.contiguous();
            else if (k == "ln_1.bias")
                b.ln1_b = x.contiguous();
            else if (k == "ln_2.weight")
                b.ln2_w = x.contiguous();
            else if (k == "ln_2.bias")
                b.ln2_b = x.contiguous();
            else
                for (int s = 0; s < 4; ++s) {
                    const std::string kind = matrixKindName(s);
                    Linear& lin = b.linear[s];
                    if (k == kind) {
                        lin.weight = x.t().contiguous();  // row view (out x in) -> Conv1D [in, out]
                        lin.factored = nullptr;
                    } else if (k == kind + ".bias") {
                        lin.bias = x.contiguous();
                    }
                }
        }
    }
    return model.perplexity(ids, settings, progress);
}

}  // namespace kronscope::core
