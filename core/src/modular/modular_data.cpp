#include "kronscope/core/modular/modular_data.h"

#include <cmath>
#include <random>

#include "kronscope/core/base/error.h"

namespace kronscope::core {

const char* modularTaskName(ModularTask task) {
    switch (task) {
        case ModularTask::Nanda:
            return "nanda";
        case ModularTask::Miiii:
            return "miiii";
        case ModularTask::Basis:
            return "basis";
        case ModularTask::Masked:
            return "masked";
    }
    return "?";
}

ModularTask parseModularTask(const std::string& name) {
    for (auto t : {ModularTask::Nanda, ModularTask::Miiii, ModularTask::Basis, ModularTask::Masked})
        if (name == modularTaskName(t)) return t;
    throw InputError("task '" + name + "' is not one of nanda, miiii, basis, masked");
}

namespace {

bool isPrime(int64_t n) {
    if (n < 2) return false;
    for (int64_t d = 2; d * d <= n; ++d)
        if (n % d == 0) return false;
    return true;
}

/// Fisher-Yates with the documented draw (portable across standard libraries, unlike std::shuffle).
std::vector<int32_t> seededPermutation(int64_t n, uint64_t seed) {
    std::vector<int32_t> perm(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) perm[static_cast<size_t>(i)] = static_cast<int32_t>(i);
    std::mt19937_64 rng(seed);
    for (int64_t i = n - 1; i > 0; --i) {
        const auto j = static_cast<int64_t>(rng() % static_cast<uint64_t>(i + 1));
        std::swap(perm[static_cast<size_t>(i)], perm[static_cast<size_t>(j)]);
    }
    return perm;
}

}  // namespace

std::vector<int64_t> primesBelow(int64_t p) {
    std::vector<int64_t> out;
    for (int64_t q = 2; q < p; ++q)
        if (isPrime(q)) out.push_back(q);
    return out;
}

std::vector<int64_t> modularModuli(ModularTask task, int64_t p) {
    if (task == ModularTask::Nanda) return {p};
    std::vector<int64_t> out;
    for (int64_t q : primesBelow(p))
        if (task != ModularTask::Masked || q > 7) out.push_back(q);
    return out;
}

void checkModularP(ModularTask task, int64_t p) {
    if (p < kModularMinP || p > kModularMaxP || !isPrime(p))
        throw InputError("p = " + std::to_string(p) + ": must be a prime from " +
                         std::to_string(kModularMinP) + " to " + std::to_string(kModularMaxP));
    if (modularModuli(task, p).empty())
        throw InputError(std::string("task ") + modularTaskName(task) + " at p = " + std::to_string(p) +
                         " has no prime q < p left to predict (masked needs p > 11)");
}

ModularDataset makeModularDataset(ModularTask task, int64_t p, uint64_t seed) {
    checkModularP(task, p);
    ModularDataset d;
    d.task = task;
    d.p = p;
    d.seed = seed;
    d.moduli = modularModuli(task, p);
    const int64_t n = p * p, t = d.tasks();
    d.labels.resize(static_cast<size_t>(n * t));
    for (int64_t i = 0; i < n; ++i) {
        const int64_t x0 = i / p, x1 = i % p;
        for (int64_t k = 0; k < t; ++k) {
            const int64_t q = d.moduli[static_cast<size_t>(k)];
            const int64_t y = task == ModularTask::Nanda ? (x0 + x1) % p : (x0 + x1 * p) % q;
            d.labels[static_cast<size_t>(i * t + k)] = static_cast<int32_t>(y);
        }
    }
    if (task == ModularTask::Basis) {  // pair i takes the labels of pair perm[i]
        const auto perm = seededPermutation(n, seed ^ 0x9e3779b97f4a7c15ULL);
        std::vector<int32_t> moved(d.labels.size());
        for (int64_t i = 0; i < n; ++i)
            for (int64_t k = 0; k < t; ++k)
                moved[static_cast<size_t>(i * t + k)] =
                    d.labels[static_cast<size_t>(perm[static_cast<size_t>(i)] * t + k)];
        d.labels = std::move(moved);
    }
    const auto order = seededPermutation(n, seed);
    const auto n_train = static_cast<int64_t>(std::llround(0.3 * static_cast<double>(n)));
    const int64_t n_val = std::min<int64_t>(1000, n - n_train);
    d.train.assign(order.begin(), order.begin() + n_train);
    d.validation.assign(order.begin() + n_train, order.begin() + n_train + n_val);
    d.test.assign(order.begin() + n_train + n_val, order.end());
    return d;
}

}  // namespace kronscope::core
