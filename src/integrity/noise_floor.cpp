#include <algorithm>
#include <cmath>

#include "integrity/change_points.h"
#include "integrity/detectors.h"

namespace prov::integrity {

std::size_t blocks_for(const IntegrityProfile& profile, double seconds) {
  if (profile.block_s <= 0) return 1;
  return std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(seconds / profile.block_s)));
}

std::vector<float> derive_noise_floor(const IntegrityProfile& profile, const ScanOptions& options) {
  const std::size_t n = profile.size();
  std::vector<uint8_t> valid(n);
  for (std::size_t i = 0; i < n; ++i) valid[i] = profile.digital_silence[i] ? 0 : 1;
  const SeriesView series{profile.quietest_db, valid};
  const std::size_t half = blocks_for(profile, options.noise_window_s / 2);
  std::vector<float> floor(n, kSilenceDb);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t lo = i > half ? i - half : 0;
    const double p = window_percentile(series, lo, i + half + 1, options.noise_floor_percentile, 1);
    floor[i] = std::isnan(p) ? kSilenceDb : static_cast<float>(p);
  }
  return floor;
}

std::vector<uint8_t> speech_blocks(const IntegrityProfile& profile, const ScanOptions& options) {
  std::vector<uint8_t> speech(profile.size());
  for (std::size_t i = 0; i < profile.size(); ++i) {
    speech[i] = !profile.digital_silence[i] &&
                profile.level_db[i] > profile.noise_floor_db[i] + options.speech_above_floor_db;
  }
  return speech;
}

}  // namespace prov::integrity
