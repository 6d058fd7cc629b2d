#pragma once
#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <functional>
#include <vector>

namespace prov::integrity {

// Robust step detection on a per-block series where some blocks do not count
// (mask 0): each candidate boundary compares a percentile of the valid
// values in the window before it with the same percentile after it.
struct SeriesView {
  const std::vector<float>& values;
  const std::vector<uint8_t>& valid;
};

// Percentile (0..1) of the valid values in [begin, end); NaN with fewer than min_count.
double window_percentile(const SeriesView& series, std::size_t begin, std::size_t end, double percentile,
                         std::size_t min_count);

// step[i] = stat(after i) - stat(before i) over `window` blocks each side; NaN where undefined.
std::vector<double> window_steps(const SeriesView& series, std::size_t window, double percentile,
                                 std::size_t min_count);

// Boundaries where `significant(step)` holds and |step| is the largest within `window` either side.
template <class Significant>
std::vector<std::size_t> pick_step_peaks(const std::vector<double>& steps, std::size_t window,
                                         Significant significant);

// Boundary in [begin, end) that best splits the valid values into two flat
// parts (least squares); `begin` when fewer than two valid values lie on a side.
std::size_t refine_split(const SeriesView& series, std::size_t begin, std::size_t end);

// The nearest valid block before `boundary` and at/after it (clamped to the series).
struct Bracket {
  std::size_t last_before;  // index of the last valid block before the boundary
  std::size_t first_after;  // index of the first valid block at or after it
};
Bracket bracket_boundary(const std::vector<uint8_t>& valid, std::size_t boundary);
// The last block before `boundary` closer to `before` and the first at/after it
// closer to `after`, among the telling blocks.
Bracket bracket_sides(const SeriesView& series, std::size_t boundary, double before, double after,
                      const std::function<bool(float, double, double)>& telling);

// A confirmed step: the boundary block, the statistic on each side, and the
// span between the last valid block before it and the first valid one after.
struct Step {
  std::size_t boundary = 0;
  double before = 0.0, after = 0.0;
  std::size_t last_before = 0, first_after = 0;
};

struct StepSearch {
  std::size_t window = 40;      // blocks each side
  double percentile = 0.5;
  std::size_t min_count = 8;    // valid blocks needed on each side
  std::function<bool(double before, double after)> significant;
  // Places the boundary in [begin, end) given the two side levels; empty =
  // a two-segment least-squares fit of the valid values.
  std::function<std::size_t(std::size_t begin, std::size_t end, double before, double after)> place;
  // Whether a block's value can show which side it belongs to (for the span);
  // empty = every valid block.
  std::function<bool(float value, double before, double after)> telling;
};

// Window steps, peak picking, least-squares placement, then a second look
// with the windows on the placed boundary.
std::vector<Step> detect_steps(const SeriesView& series, const StepSearch& search);

template <class Significant>
std::vector<std::size_t> pick_step_peaks(const std::vector<double>& steps, std::size_t window,
                                         Significant significant) {
  // Largest first; a percentile step is a plateau about a window wide, so a
  // candidate within `window` of an accepted one belongs to the same step.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i] == steps[i] && significant(steps[i])) order.push_back(i);
  }
  const auto magnitude = [&](std::size_t i) { return steps[i] < 0 ? -steps[i] : steps[i]; };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return magnitude(a) > magnitude(b); });
  std::vector<std::size_t> peaks;
  for (std::size_t i : order) {
    bool near_accepted = false;
    for (std::size_t p : peaks) {
      if ((i > p ? i - p : p - i) <= window) near_accepted = true;
    }
    if (!near_accepted) peaks.push_back(i);
  }
  std::sort(peaks.begin(), peaks.end());
  return peaks;
}

}  // namespace prov::integrity
