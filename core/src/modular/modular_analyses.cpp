// The analyses of seed 002 on plain numbers (science.md, "Modular arithmetic"): no torch.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <numeric>

#include "kronscope/core/base/error.h"
#include "kronscope/core/modular/modular_model.h"

namespace kronscope::core {

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size() || a.empty()) throw InputError("pearson: vectors of different or zero length");
    const double n = static_cast<double>(a.size());
    const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n,
                 mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    if (saa <= 0 || sbb <= 0) return std::numeric_limits<double>::quiet_NaN();
    return sab / std::sqrt(saa * sbb);
}

SpectrumResult spectrumOf(const MatrixF& w, int64_t vectors) {
    if (w.rows < 1 || w.cols < 1) throw InputError("spectrum: empty matrix");
    Eigen::MatrixXd m(w.rows, w.cols);
    for (int64_t i = 0; i < w.rows; ++i)
        for (int64_t j = 0; j < w.cols; ++j) m(i, j) = w.values[static_cast<size_t>(i * w.cols + j)];
    Eigen::BDCSVD<Eigen::MatrixXd> svd(m, Eigen::ComputeThinU);
    SpectrumResult r;
    r.rows = w.rows;
    r.cols = w.cols;
    const auto& s = svd.singularValues();
    r.singular_values.assign(s.data(), s.data() + s.size());
    double total = 0;
    for (double x : r.singular_values) total += x * x;
    double run = 0;
    for (size_t k = 0; k < r.singular_values.size(); ++k) {
        run += r.singular_values[k] * r.singular_values[k];
        if (r.rank50 == 0 && run >= 0.5 * total) r.rank50 = static_cast<int64_t>(k + 1);
        if (r.rank90 == 0 && run >= 0.9 * total) r.rank90 = static_cast<int64_t>(k + 1);
    }
    r.vectors = std::min<int64_t>(vectors, static_cast<int64_t>(s.size()));
    const auto& u = svd.matrixU();
    for (int64_t k = 0; k < r.vectors; ++k) {
        // Sign fixed so that the largest-magnitude entry is positive (SVD signs are arbitrary).
        Eigen::Index at = 0;
        u.col(k).cwiseAbs().maxCoeff(&at);
        const double sign = u(at, k) < 0 ? -1.0 : 1.0;
        for (int64_t i = 0; i < w.rows; ++i) r.left_vectors.push_back(sign * u(i, k));
    }
    return r;
}

FourierResult fourierOfRows(const MatrixF& w, int64_t p) {
    if (p < 3 || p > w.rows) throw InputError("fourier: p = " + std::to_string(p) + " needs 3..rows rows");
    FourierResult r;
    r.p = p;
    const int64_t d = w.cols, kmax = (p - 1) / 2;
    const double pi = std::acos(-1.0), scale = std::sqrt(2.0 / static_cast<double>(p));
    std::vector<double> mean(static_cast<size_t>(d), 0.0);
    for (int64_t x = 0; x < p; ++x)
        for (int64_t j = 0; j < d; ++j)
            mean[static_cast<size_t>(j)] += w.values[static_cast<size_t>(x * d + j)];
    double c0 = 0;
    for (double v : mean) c0 += v * v / static_cast<double>(p);
    r.constant_norm = std::sqrt(c0);
    for (int64_t k = 1; k <= kmax; ++k) {
        double cc = 0, ss = 0;
        for (int64_t j = 0; j < d; ++j) {
            double c = 0, s = 0;
            for (int64_t x = 0; x < p; ++x) {
                const double a = 2.0 * pi * static_cast<double>((k * x) % p) / static_cast<double>(p);
                const double v = w.values[static_cast<size_t>(x * d + j)];
                c += std::cos(a) * v;
                s += std::sin(a) * v;
            }
            cc += scale * scale * c * c;
            ss += scale * scale * s * s;
        }
        r.cos_norm.push_back(std::sqrt(cc));
        r.sin_norm.push_back(std::sqrt(ss));
        r.norm.push_back(std::sqrt(cc + ss));
    }
    const double n = static_cast<double>(r.norm.size());
    const double m = std::accumulate(r.norm.begin(), r.norm.end(), 0.0) / n;
    double var = 0;
    for (double v : r.norm) var += (v - m) * (v - m) / n;
    r.threshold = m + 2.0 * std::sqrt(var);
    for (size_t k = 0; k < r.norm.size(); ++k)
        if (r.norm[k] > r.threshold) r.active.push_back(static_cast<int64_t>(k + 1));
    return r;
}

std::vector<double> dft2dMagnitude(const std::vector<float>& map, int64_t p) {
    if (static_cast<int64_t>(map.size()) != p * p) throw InputError("dft2d: the map is not p x p");
    const double pi = std::acos(-1.0);
    Eigen::MatrixXcd f(p, p);  // f(k, x) = exp(-2 pi i k x / p)
    for (int64_t k = 0; k < p; ++k)
        for (int64_t x = 0; x < p; ++x)
            f(k, x) = std::polar(1.0, -2.0 * pi * static_cast<double>((k * x) % p) / p);
    Eigen::MatrixXcd m(p, p);
    for (int64_t x = 0; x < p; ++x)
        for (int64_t y = 0; y < p; ++y) m(x, y) = static_cast<double>(map[static_cast<size_t>(x * p + y)]);
    const Eigen::MatrixXcd b =
        f * m * f.transpose();  // b(kx, ky) = sum_x,y m(x, y) e^{-2 pi i (kx x + ky y) / p}
    std::vector<double> out(static_cast<size_t>(p * p));
    for (int64_t kx = 0; kx < p; ++kx)
        for (int64_t ky = 0; ky < p; ++ky) out[static_cast<size_t>(kx * p + ky)] = std::abs(b(kx, ky));
    return out;
}

std::vector<NeuronSummary> summarizeNeurons(const std::vector<float>& acts, int64_t p, int64_t neurons,
                                            Progress* progress) {
    if (static_cast<int64_t>(acts.size()) != p * p * neurons)
        throw InputError("neurons: activations are not (p^2, neurons)");
    std::vector<NeuronSummary> out;
    std::vector<float> map(static_cast<size_t>(p * p));
    for (int64_t n = 0; n < neurons; ++n) {
        if (progress) {
            progress->throwIfCancelled();
            progress->report(static_cast<double>(n) / static_cast<double>(neurons),
                             "neuron " + std::to_string(n));
        }
        double mean = 0;
        for (int64_t i = 0; i < p * p; ++i) {
            map[static_cast<size_t>(i)] = acts[static_cast<size_t>(i * neurons + n)];
            mean += map[static_cast<size_t>(i)];
        }
        mean /= static_cast<double>(p * p);
        NeuronSummary s;
        s.neuron = n;
        for (float v : map) s.variance += (v - mean) * (v - mean) / static_cast<double>(p * p);
        const auto mag = dft2dMagnitude(map, p);
        double total = 0, best = -1;
        for (int64_t kx = 0; kx < p; ++kx)
            for (int64_t ky = 0; ky < p; ++ky) {
                if (kx == 0 && ky == 0) continue;
                const double e =
                    mag[static_cast<size_t>(kx * p + ky)] * mag[static_cast<size_t>(kx * p + ky)];
                total += e;
                if (e > best) best = e, s.kx = std::min(kx, p - kx), s.ky = kx <= p / 2 ? ky : (p - ky) % p;
            }
        if (s.kx == 0) s.ky = std::min(s.ky, p - s.ky);
        // The family of the top pair's frequency k: every (a, b) with a, b in {0, k, p - k} (cos / sin of
        // k x0, k x1 and k (x0 +- x1)), the constant term left out. Nanda et al.'s neurons live in one
        // family.
        s.k = s.kx != 0 ? s.kx : s.ky;
        double family = 0;
        if (s.k > 0)
            for (int64_t a : {int64_t{0}, s.k, p - s.k})
                for (int64_t b : {int64_t{0}, s.k, p - s.k}) {
                    if (a == 0 && b == 0) continue;
                    const double m = mag[static_cast<size_t>(a * p + b)];
                    family += m * m;
                }
        s.k_share = total > 0 ? std::min(1.0, family / total) : 0.0;
        out.push_back(s);
    }
    return out;
}

}  // namespace kronscope::core
