#include "enf/reference.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace prov::enf {

std::size_t ReferenceSeries::valid_count() const {
  return static_cast<std::size_t>(
      std::count_if(frequency_hz.begin(), frequency_hz.end(), [](float v) { return !std::isnan(v); }));
}

ReferenceSeries to_per_second(std::vector<FrequencySample> samples, const std::string& grid, double nominal_hz) {
  ReferenceSeries series;
  series.grid = grid;
  series.nominal_hz = nominal_hz;
  if (samples.empty()) return series;
  std::sort(samples.begin(), samples.end(), [](const auto& a, const auto& b) { return a.utc < b.utc; });
  const auto first = static_cast<int64_t>(std::floor(samples.front().utc));
  const auto last = static_cast<int64_t>(std::floor(samples.back().utc));
  constexpr int64_t kMaxSpan = 20LL * 366 * 86400;  // refuse absurd spans (bad timestamps)
  if (last - first > kMaxSpan) throw InputError("reference spans more than 20 years; check its timestamps");
  series.first_utc = first;
  const auto length = static_cast<std::size_t>(last - first + 1);
  std::vector<double> sum(length, 0.0);
  std::vector<uint32_t> count(length, 0);
  for (const auto& s : samples) {
    const auto i = static_cast<std::size_t>(static_cast<int64_t>(std::floor(s.utc)) - first);
    sum[i] += s.frequency_hz;
    ++count[i];
  }
  series.frequency_hz.assign(length, std::numeric_limits<float>::quiet_NaN());
  for (std::size_t i = 0; i < length; ++i)
    if (count[i]) series.frequency_hz[i] = static_cast<float>(sum[i] / count[i]);
  return series;
}

ReferenceSeries reference_from_trace(const EnfTrace& trace, double start_utc, const std::string& grid,
                                     double min_confidence) {
  ReferenceSeries series;
  series.grid = grid;
  series.nominal_hz = trace.nominal_hz;
  if (trace.size() == 0) return series;
  const double first_t = start_utc + trace.time_of(0), last_t = start_utc + trace.time_of(trace.size() - 1);
  series.first_utc = static_cast<int64_t>(std::ceil(first_t - 0.5));
  const auto last = static_cast<int64_t>(std::floor(last_t - 0.5));
  if (last < series.first_utc) return series;
  series.frequency_hz.assign(static_cast<std::size_t>(last - series.first_utc + 1), std::numeric_limits<float>::quiet_NaN());
  for (std::size_t i = 0; i < series.frequency_hz.size(); ++i) {
    const double centre = static_cast<double>(series.first_utc + static_cast<int64_t>(i)) + 0.5;
    const double pos = std::clamp((centre - start_utc - trace.start_s) / trace.step_s, 0.0,
                                  static_cast<double>(trace.size() - 1));
    const auto j = std::min(static_cast<std::size_t>(pos), trace.size() - 1);
    const std::size_t j1 = std::min(j + 1, trace.size() - 1);
    const double frac = pos - static_cast<double>(j);
    if (std::min(trace.confidence[j], trace.confidence[j1]) < min_confidence) continue;
    series.frequency_hz[i] = static_cast<float>((1 - frac) * trace.frequency_hz[j] + frac * trace.frequency_hz[j1]);
  }
  return series;
}

}  // namespace prov::enf
