#include "kronscope/views/colormaps.h"

#include <algorithm>
#include <cmath>

namespace kronscope::views {

const ColorStops& viridisStops() {
    // matplotlib's viridis at 0, 1/8, ..., 1 (its 256-entry table sampled every 32 entries).
    static const ColorStops stops{{0.0, QColor(0x44, 0x01, 0x54)},  {0.125, QColor(0x48, 0x28, 0x78)},
                                  {0.25, QColor(0x3e, 0x4a, 0x89)}, {0.375, QColor(0x31, 0x68, 0x8e)},
                                  {0.5, QColor(0x26, 0x82, 0x8e)},  {0.625, QColor(0x1f, 0x9e, 0x89)},
                                  {0.75, QColor(0x35, 0xb7, 0x79)}, {0.875, QColor(0x6d, 0xcd, 0x59)},
                                  {1.0, QColor(0xfd, 0xe7, 0x25)}};
    return stops;
}

const ColorStops& divergingStops() {
    // ColorBrewer RdBu (5 classes), reversed: blue below the centre, white at it, red above.
    static const ColorStops stops{{0.0, QColor(0x05, 0x30, 0x61)},
                                  {0.25, QColor(0x43, 0x93, 0xc3)},
                                  {0.5, QColor(0xf7, 0xf7, 0xf7)},
                                  {0.75, QColor(0xd6, 0x60, 0x4d)},
                                  {1.0, QColor(0x67, 0x00, 0x1f)}};
    return stops;
}

QColor colorAt(const ColorStops& stops, double t) {
    if (!std::isfinite(t)) t = 0.0;
    t = std::clamp(t, 0.0, 1.0);
    for (size_t i = 1; i < stops.size(); ++i) {
        if (t > stops[i].first && i + 1 < stops.size()) continue;
        const auto& [t0, c0] = stops[i - 1];
        const auto& [t1, c1] = stops[i];
        const double u = t1 > t0 ? std::clamp((t - t0) / (t1 - t0), 0.0, 1.0) : 0.0;
        auto mix = [u](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * u)); };
        return QColor(mix(c0.red(), c1.red()), mix(c0.green(), c1.green()), mix(c0.blue(), c1.blue()));
    }
    return stops.front().second;
}

}  // namespace kronscope::views
