#pragma once
// The result codec: one JSON form for every analysis Result, used by `kronscope-cli --json`, table exports
// and session files alike (the GUI never writes its own). Versioned: kResultJsonVersion is written by
// toJson's callers into every document that holds results (the CLI's "result_version", the session state's
// "state_version"), and readers upgrade older forms (io/session_upgrade in the session's case) before calling
// the fromJson functions.
//
// Numbers that JSON cannot hold (NaN, +-Inf: an empty structure-map cell, a diverged toy model) are written
// as null and read back as NaN. Big float arrays (decomposition fits, toy weights) do not go into JSON:
// putArrays / takeArrays move them to and from the session's named arrays.
//
// Reading is checked: every fromJson throws InputError naming the field path ("structure_map.values[3]:
// expected a number, found a string") for a missing field or a value of the wrong type, so a damaged document
// can never take the caller down.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kronscope/core/analysis/convert.h"
#include "kronscope/core/analysis/decompose_matrix.h"
#include "kronscope/core/analysis/structure_map.h"
#include "kronscope/core/io/session_file.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/surgery/surgery.h"
#include "kronscope/core/train/toy_model.h"
#include "kronscope/core/train/trainer.h"

namespace kronscope::core {

using Json = nlohmann::json;

/// The version of the JSON form below. 1: the first versioned form (main of 2026-12-01 had none).
constexpr int kResultJsonVersion = 1;

/// Checked read access to a JSON value, carrying its path for messages.
class JsonIn {
  public:
    JsonIn(const Json& value, std::string path) : v_(&value), path_(std::move(path)) {}
    const std::string& path() const { return path_; }
    const Json& raw() const { return *v_; }
    bool has(const char* key) const { return v_->is_object() && v_->contains(key); }
    /// The member `key`; InputError when this is not an object or the member is missing.
    JsonIn at(const char* key) const;
    /// Element `index` of an array; InputError when this is not an array or the index is past its end.
    JsonIn operator[](size_t index) const;
    size_t size() const;                  // array length; InputError when not an array
    double number() const;                // a number; null reads as NaN
    int64_t integer() const;              // an integer (a float with an integral value is accepted)
    int integerIn(int lo, int hi) const;  // an integer in [lo, hi]; InputError naming the range otherwise
    bool boolean() const;
    std::string string() const;
    std::vector<double> numbers() const;
    std::vector<int64_t> integers() const;
    std::vector<std::string> strings() const;
    // Optional members with defaults (absent or null gives the default; a wrong type is still an error).
    double number(const char* key, double fallback) const;
    int64_t integer(const char* key, int64_t fallback) const;
    bool boolean(const char* key, bool fallback) const;
    std::string string(const char* key, const std::string& fallback) const;
    [[noreturn]] void fail(const std::string& what) const;

  private:
    const Json* v_;
    std::string path_;
};

/// The values of session array `name`; InputError naming it when it is missing or not `count` long.
std::vector<float> valuesFrom(const std::map<std::string, SessionArray>& arrays, const std::string& name,
                              size_t count);

/// NaN / Inf as null.
Json finiteOrNull(double v);
Json finiteOrNull(const std::vector<double>& v);

/// A null's kind, draws, seed, mean and std (the z of a score is the caller's).
Json nullJson(const NullStats& n);
NullStats nullFromJson(const JsonIn& j);
/// A seed: a non-negative integer.
uint64_t seedFromJson(const JsonIn& j);

// ---- checkpoint conversion
Json toJson(const ConvertResult& r);

// ---- perplexity
Json toJson(const PerplexityResult& r);
PerplexityResult perplexityFromJson(const JsonIn& j);

// ---- sweep: one flat row per (method, n, targets), the same in exports, --json and sessions
Json toJson(const SweepRow& row);
SweepRow sweepRowFromJson(const JsonIn& j);
/// The whole sweep: model, text, hashes, app version, completeness and the rows (each row also repeats them).
Json toJson(const SweepResult& r);
SweepResult sweepFromJson(const JsonIn& j);
/// Writes the sweep by extension (.md, .csv, .json) atomically; InputError for other extensions or a write
/// error.
void writeSweep(const SweepResult& r, const std::string& path);

// ---- decomposition (factors, fit and error matrices go through putArrays)
Json toJson(const DecompositionRequest& r);
DecompositionRequest decompositionRequestFromJson(const JsonIn& j);
Json toJson(const DecompositionResult& r);
DecompositionResult decompositionFromJson(const JsonIn& j);
void putArrays(const DecompositionResult& r, const std::string& prefix,
               std::map<std::string, SessionArray>& arrays);
/// Restores what putArrays stored; InputError naming a missing or misshapen array.
void takeArrays(DecompositionResult& r, const std::string& prefix,
                const std::map<std::string, SessionArray>& arrays);

// ---- structure map
Json toJson(const StructureMapRequest& r);
StructureMapRequest structureMapRequestFromJson(const JsonIn& j);
Json toJson(const StructureMapResult& r);
StructureMapResult structureMapFromJson(const JsonIn& j);

// ---- toy model (W and W^T W go through putArrays)
Json toJson(const ToyModelSettings& s);
ToyModelSettings toySettingsFromJson(const JsonIn& j);
Json toJson(const ToyModelResult& r);
ToyModelResult toyFromJson(const JsonIn& j);
void putArrays(const ToyModelResult& r, const std::string& prefix,
               std::map<std::string, SessionArray>& arrays);
void takeArrays(ToyModelResult& r, const std::string& prefix,
                const std::map<std::string, SessionArray>& arrays);

// ---- training
Json toJson(const TrainEval& e);
/// The run's result with its history; the settings are the caller's (they carry paths).
Json toJson(const TrainResult& r);

}  // namespace kronscope::core
