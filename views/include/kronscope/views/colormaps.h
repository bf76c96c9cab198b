#pragma once
// The app's two colour maps, shared by the heatmaps (QCustomPlot) and the 3D landscape (VTK) so that a value
// has one colour everywhere: viridis (sequential, perceptually uniform, readable in grey and by colour-blind
// readers; van der Walt and Smith, matplotlib 2.0) and a blue-white-red diverging map (ColorBrewer RdBu,
// colour-blind safe) for values around a centre (a ratio to its null around 1, a z-score or difference
// around 0).
#include <QColor>
#include <utility>
#include <vector>

namespace kronscope::views {

/// Colour stops (position in [0, 1], colour), ascending.
using ColorStops = std::vector<std::pair<double, QColor>>;

const ColorStops& viridisStops();
const ColorStops& divergingStops();

/// The colour at t in [0, 1] (clamped), linear between the stops.
QColor colorAt(const ColorStops& stops, double t);

}  // namespace kronscope::views
