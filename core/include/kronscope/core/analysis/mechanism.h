#pragma once
// The mechanism lab's analyses as one request (the Mechanism page and `kronscope-cli mechanism`): activation
// error, conditioning, nullspace noise, the single-matrix scan, error propagation (core/mechanism/).
#include <string>
#include <vector>

#include "kronscope/core/mechanism/mechanism.h"

namespace kronscope::core {

enum class MechanismAnalysis { ActivationError = 0, Conditioning, Nullspace, Scan, Propagation };
const char* mechanismAnalysisName(MechanismAnalysis a);  // "activation-error", "conditioning", ...
MechanismAnalysis parseMechanismAnalysis(const std::string& name);

struct MechanismRequest {
    MechanismAnalysis analysis = MechanismAnalysis::ActivationError;
    std::vector<int64_t> block_sizes{16};             // one for all but the scan
    std::vector<std::string> methods{"kron", "svd"};  // scan: kron, svd or both
    MatrixTargets targets = MatrixTargets::all();
    std::vector<double> eps{0.0, 0.25, 0.5, 1.0};  // nullspace noise
    std::string text_path;                         // every analysis but conditioning
    PerplexitySettings ppl;  // window of the perplexity analyses; capture: max_length, max_tokens
    uint64_t seed = 0;       // nullspace noise draws
    double cache_gb = 0.0;   // prefix cache limit (scan, propagation); 0 = a third of free memory
    /// A cluster shard of the scan (kronscope-cli mechanism --analysis scan --shard I/N): only the cells
    /// k mod shard_count == shard_index run (ScanShard); 0 = all. Not part of the request's JSON.
    int64_t shard_index = 0, shard_count = 0;
    /// InputError naming the field.
    void validate() const;
    /// And that every block size factors every targeted matrix of `model`.
    void validateFor(const Gpt2Model& model) const;
    std::string describe() const;
};

struct MechanismResult {
    MechanismRequest request;
    std::string settings, model_hash, text_hash, text_name;
    std::string tokenizer;  // the tokenizer files that made the text's ids
    int64_t positions = 0;  // tokens the statistics were taken on
    // activation-error
    std::vector<MatrixErrorRow> errors;
    // conditioning (and medians over the matrices)
    std::vector<ConditioningRow> conditioning;
    SpectrumStats median_original, median_kron, median_svd;
    // nullspace
    double baseline_ppl = 0.0, kron_ppl = 0.0, svd_ppl = 0.0;
    std::vector<NullspacePoint> nullspace;
    // scan
    std::vector<ScanRow> scan;
    std::vector<Additivity> additivity;
    double baseline_mean_nll = 0.0;
    bool prefix_reuse = false;
    double cache_gb = 0.0;
    // propagation
    std::vector<PropagationRun> propagation;
    bool complete = true;
};

/// Runs the request's analysis (validated). The caller holds the model (surgery analyses change the weights
/// the forward pass uses; the model is reverted at the end, on error and on cancel). Cancel returns what is
/// done with complete = false.
MechanismResult runMechanism(Gpt2Model& model, const MechanismRequest& request, Progress& progress);

/// The scan as `kronscope-cli mechanism --analysis scan` prints it (Markdown: rows, then the additivity
/// table and the settings line naming `model_dir`) or as CSV (the rows, then the additivity rows).
std::string scanTable(const MechanismResult& result, const std::string& model_dir, bool csv);

/// Validates, tokenizes the text (5% of the progress), reverts any surgery, runs the analysis. The caller
/// holds the model (surgery analyses change the weights the forward pass uses; the model is reverted at the
/// end, on error and on cancel, which returns what is done with complete = false).
MechanismResult runMechanismAnalysis(Gpt2Model& model, const MechanismRequest& request, Progress& progress);

}  // namespace kronscope::core
