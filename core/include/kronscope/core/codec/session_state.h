#pragma once
// The JSON state inside a session file (io/session_file.h holds it as /state) carries its own version,
// "state_version", so that its schema can change without touching the HDF5 container's format_version.
// Results in it are in the result codec's form (result_json.h); the rest (panel settings, open view) is the
// app's.
//
// Versions:
//   1  main of 2026-12-01 and before: no "state_version"; sweep rows nest their perplexity under "ppl";
//      the decomposition's settings are loose fields; the structure map stores its metric as an integer and
//      empty cells as -1.
//   2  the result codec's forms: flat sweep rows, decomposition {"request": ...}, structure map {"request":
//   ...}
//      with nulls for empty cells.
// Older states are brought up to date one step at a time; a newer one is refused.
#include <string>

#include "kronscope/core/codec/result_json.h"

namespace kronscope::core {

constexpr int kSessionStateVersion = 2;

/// The state's version (1 when absent). InputError when it is not a positive integer.
int sessionStateVersion(const Json& state, const std::string& file);

/// Upgrades `state` in place to kSessionStateVersion (v1 -> v2 -> ...) and sets "state_version". InputError
/// naming `file` for a newer version or a v1 state whose parts are not the shape v1 wrote.
void upgradeSessionState(Json& state, const std::string& file);

}  // namespace kronscope::core
