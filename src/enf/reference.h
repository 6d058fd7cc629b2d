#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "enf/trace.h"

namespace prov::enf {

// A grid-frequency reference on a 1 s UTC grid: value i is the mean mains
// frequency during second first_utc + i (Unix seconds); NaN where there is no data.
struct ReferenceSeries {
  std::string grid;
  double nominal_hz = 50.0;
  int64_t first_utc = 0;
  std::vector<float> frequency_hz;

  std::size_t size() const { return frequency_hz.size(); }
  std::size_t valid_count() const;
};

// One timestamped measurement, as read from a CSV or derived from a recording.
struct FrequencySample {
  double utc = 0;  // Unix seconds, may be fractional
  double frequency_hz = 0;
};

// Averages samples into whole UTC seconds; seconds without samples are NaN.
// Samples need not be sorted.
ReferenceSeries to_per_second(std::vector<FrequencySample> samples, const std::string& grid, double nominal_hz);

// Places a trace measured from a mains recording that started at `start_utc`
// on the 1 s UTC grid (values interpolated to each second's centre); values
// below `min_confidence` become gaps.
ReferenceSeries reference_from_trace(const EnfTrace& trace, double start_utc, const std::string& grid,
                                     double min_confidence = 0.2);

}  // namespace prov::enf
