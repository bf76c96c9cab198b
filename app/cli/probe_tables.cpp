#include "probe_tables.h"

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace kronscope::cli {

std::string fixed(double v, int precision) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(precision) << v;
    return os.str();
}

std::string signedFixed(double v, int precision) {
    std::ostringstream os;
    os << std::showpos << std::fixed << std::setprecision(precision) << v;
    return os.str();
}

/// "0.2513 ± 0.0021 (z +1.2)": a null's mean, std and the score's z against it.
std::string nullCell(const core::ProbeScore& s, core::ProbeNullKind kind, int precision) {
    const auto* n = s.null(kind);
    if (!n) return "-";
    return fixed(n->mean, precision) + " ± " + fixed(n->std, precision) + " (z " + signedFixed(n->z, 1) + ")";
}

void printAngleRows(const core::RotationAngles& a, const std::string& label) {
    std::cout << std::left << std::setw(32) << label << " S_k" << std::right;
    for (const auto& f : a.fold) std::cout << std::setw(7) << fixed(f.value, 3);
    std::cout << "\n"
              << std::left << std::setw(32) << ("  " + std::to_string(a.angles.size()) + " angles") << " z  "
              << std::right;
    for (const auto& f : a.fold)
        std::cout << std::setw(7) << (f.nulls.empty() ? "-" : signedFixed(f.nulls[0].z, 1));
    std::cout << "\n";
}

}  // namespace kronscope::cli
