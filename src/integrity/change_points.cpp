#include "integrity/change_points.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace prov::integrity {

double window_percentile(const SeriesView& series, std::size_t begin, std::size_t end, double percentile,
                         std::size_t min_count) {
  thread_local std::vector<float> scratch;
  scratch.clear();
  end = std::min(end, series.values.size());
  for (std::size_t i = begin; i < end; ++i) {
    if (series.valid[i] && std::isfinite(series.values[i])) scratch.push_back(series.values[i]);
  }
  if (scratch.empty() || scratch.size() < min_count) return std::numeric_limits<double>::quiet_NaN();
  const auto rank = static_cast<std::size_t>(std::clamp(percentile, 0.0, 1.0) * (scratch.size() - 1) + 0.5);
  std::nth_element(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(rank), scratch.end());
  return scratch[rank];
}

std::vector<double> window_steps(const SeriesView& series, std::size_t window, double percentile,
                                 std::size_t min_count) {
  const std::size_t n = series.values.size();
  std::vector<double> steps(n, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 1; i < n; ++i) {
    const std::size_t lo = i > window ? i - window : 0;
    const double before = window_percentile(series, lo, i, percentile, min_count);
    if (std::isnan(before)) continue;
    const double after = window_percentile(series, i, i + window, percentile, min_count);
    steps[i] = after - before;
  }
  return steps;
}

std::size_t refine_split(const SeriesView& series, std::size_t begin, std::size_t end) {
  end = std::min(end, series.values.size());
  std::vector<double> x;
  std::vector<std::size_t> index;
  for (std::size_t i = begin; i < end; ++i) {
    if (series.valid[i] && std::isfinite(series.values[i])) {
      x.push_back(series.values[i]);
      index.push_back(i);
    }
  }
  if (x.size() < 4) return begin;
  double total = 0.0, total_sq = 0.0;
  for (double v : x) {
    total += v;
    total_sq += v * v;
  }
  double left = 0.0, left_sq = 0.0;
  double best_cost = std::numeric_limits<double>::infinity();
  std::size_t best = index[x.size() / 2];
  const std::size_t m = x.size();
  for (std::size_t k = 1; k < m; ++k) {  // split before x[k]
    left += x[k - 1];
    left_sq += x[k - 1] * x[k - 1];
    if (k < 2 || m - k < 2) continue;
    const double right = total - left, right_sq = total_sq - left_sq;
    const double cost = (left_sq - left * left / k) + (right_sq - right * right / (m - k));
    if (cost < best_cost) {
      best_cost = cost;
      best = index[k];
    }
  }
  return best;
}

Bracket bracket_boundary(const std::vector<uint8_t>& valid, std::size_t boundary) {
  const std::size_t n = valid.size();
  Bracket b{boundary > 0 ? boundary - 1 : 0, std::min(boundary, n ? n - 1 : 0)};
  for (std::size_t i = boundary; i-- > 0;) {
    if (valid[i]) {
      b.last_before = i;
      break;
    }
  }
  for (std::size_t i = boundary; i < n; ++i) {
    if (valid[i]) {
      b.first_after = i;
      break;
    }
  }
  return b;
}

Bracket bracket_sides(const SeriesView& series, std::size_t boundary, double before, double after,
                      const std::function<bool(float, double, double)>& telling) {
  std::vector<uint8_t> old_side(series.values.size()), new_side(series.values.size());
  for (std::size_t i = 0; i < series.values.size(); ++i) {
    const float v = series.values[i];
    if (!series.valid[i] || !std::isfinite(v) || (telling && !telling(v, before, after))) continue;
    const bool closer_to_after = std::fabs(v - after) < std::fabs(v - before);
    (closer_to_after ? new_side : old_side)[i] = 1;
  }
  return {bracket_boundary(old_side, boundary).last_before, bracket_boundary(new_side, boundary).first_after};
}

}  // namespace prov::integrity

namespace prov::integrity {

std::vector<Step> detect_steps(const SeriesView& series, const StepSearch& search) {
  const std::vector<double> steps = window_steps(series, search.window, search.percentile, search.min_count);
  // Peak picking sees the steps only through their size; the sides are re-read below.
  const auto peaks = pick_step_peaks(steps, search.window, [](double step) { return step != 0.0; });
  std::vector<Step> found;
  const std::size_t n = series.values.size();
  for (std::size_t peak : peaks) {
    const std::size_t lo = peak > search.window ? peak - search.window : 0;
    const double before0 = window_percentile(series, lo, peak, search.percentile, search.min_count);
    const double after0 = window_percentile(series, peak, peak + search.window, search.percentile, search.min_count);
    if (std::isnan(before0) || std::isnan(after0) || !search.significant(before0, after0)) continue;

    const std::size_t hi = std::min(n, peak + search.window);
    const std::size_t split = search.place ? search.place(lo, hi, before0, after0) : refine_split(series, lo, hi);
    const std::size_t boundary = split > lo ? split : peak;

    const std::size_t lo2 = boundary > search.window ? boundary - search.window : 0;
    const double before = window_percentile(series, lo2, boundary, search.percentile, search.min_count);
    const double after = window_percentile(series, boundary, boundary + search.window, search.percentile, search.min_count);
    if (std::isnan(before) || std::isnan(after) || !search.significant(before, after)) continue;

    const Bracket bracket = bracket_sides(series, boundary, before, after, search.telling);
    Step step{boundary, before, after, bracket.last_before, bracket.first_after};
    if (!found.empty() && boundary < found.back().boundary + search.window) {
      if (std::fabs(after - before) > std::fabs(found.back().after - found.back().before)) found.back() = step;
      continue;
    }
    found.push_back(step);
  }
  return found;
}

}  // namespace prov::integrity
