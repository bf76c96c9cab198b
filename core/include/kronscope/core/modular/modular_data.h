#pragma once
// The modular-arithmetic tasks of seed 002 (science.md, "Modular arithmetic"): inputs, labels and the seeded
// split. No torch here.
//  - Inputs: every pair (x0, x1) with 0 <= x0, x1 < p, as the sequence [x0, x1, =] (token p is "="); pair i
//    is x0 = i / p, x1 = i % p (the p x p grid row by row). The answer is read at the last position.
//  - nanda: one task, (x0 + x1) mod p. miiii: (x0 + x1 p) mod q for every prime q < p (29 tasks at
//    p = 113). basis: miiii's labels moved to other inputs by one seeded permutation of the p^2 pairs (the
//    same for every task: each task keeps its label counts, no input predicts its label). masked: miiii
//    without q in {2, 3, 5, 7}.
//  - Split: a seeded Fisher-Yates shuffle of the p^2 pairs (std::mt19937_64(seed), j = rng() % (i + 1)):
//    the first round(0.3 p^2) are the training set, the next 1,000 the validation set, the rest the test
//    set. The basis permutation uses the generator seeded with seed ^ 0x9e3779b97f4a7c15.
#include <cstdint>
#include <string>
#include <vector>

namespace kronscope::core {

enum class ModularTask { Nanda = 0, Miiii = 1, Basis = 2, Masked = 3 };
const char* modularTaskName(ModularTask task);  // "nanda", "miiii", "basis", "masked"
/// InputError naming the choices.
ModularTask parseModularTask(const std::string& name);

/// Primes below p, ascending.
std::vector<int64_t> primesBelow(int64_t p);
/// The moduli q of the task's output heads: nanda {p}; miiii and basis the primes below p; masked those
/// without 2, 3, 5, 7.
std::vector<int64_t> modularModuli(ModularTask task, int64_t p);
/// The smallest and largest p accepted (3 and 1009: p^2 pairs in memory, a validation set of 1,000).
constexpr int64_t kModularMinP = 3, kModularMaxP = 1009;
/// InputError unless p is a prime in [kModularMinP, kModularMaxP] with at least one modulus for the task and
/// enough pairs for the split (p^2 > round(0.3 p^2) + 1000 needs p >= 38; smaller p: validation is what is
/// left after training).
void checkModularP(ModularTask task, int64_t p);

struct ModularDataset {
    ModularTask task = ModularTask::Nanda;
    int64_t p = 113;
    uint64_t seed = 0;
    std::vector<int64_t> moduli;  // one per task head
    /// labels[i * moduli.size() + t]: pair i's label for task t.
    std::vector<int32_t> labels;
    std::vector<int32_t> train, validation, test;  // pair indices
    int64_t pairs() const { return p * p; }
    int64_t tasks() const { return static_cast<int64_t>(moduli.size()); }
};

/// The dataset of science.md for (task, p, seed). InputError for a bad p.
ModularDataset makeModularDataset(ModularTask task, int64_t p, uint64_t seed);

}  // namespace kronscope::core
