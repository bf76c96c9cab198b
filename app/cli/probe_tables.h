#pragma once
// Text-table cells of the structure probes, shared by `probe` and `toy`.
#include <string>

#include "kronscope/core/probes/probes.h"

namespace kronscope::cli {

std::string fixed(double v, int precision);
std::string signedFixed(double v, int precision);
/// "0.7018 ± 0.0012" of that null, or "-" when it was not run.
std::string nullCell(const core::ProbeScore& s, core::ProbeNullKind kind, int precision = 4);
void printAngleRows(const core::RotationAngles& a, const std::string& label);

}  // namespace kronscope::cli
