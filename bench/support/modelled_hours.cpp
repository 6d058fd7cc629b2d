#include "support/modelled_hours.h"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>

#include "fingerprint/landmarks.h"

namespace prov::bench {

void add_modelled_hours(fingerprint::ArchiveIndex& index, const std::vector<fingerprint::SpectralPeak>& pool, int items,
                        std::mt19937& rng) {
  namespace fp = fingerprint;
  constexpr double kHop = 0.016;
  const double item_s = 3600;
  const double pool_frames = pool.back().frame + 1;
  const int block_frames = 5 * 62;
  std::uniform_int_distribution<std::size_t> any_peak(0, pool.size() - 1);
  std::uniform_real_distribution<double> where(0, pool_frames - block_frames - 1);
  index.begin_bulk();
  for (int i = 0; i < items; ++i) {
    std::vector<fp::SpectralPeak> peaks;
    for (double t = 0; t + block_frames < item_s / kHop; t += block_frames) {
      const double from = where(rng);
      auto it = std::lower_bound(pool.begin(), pool.end(), from,
                                 [](const fp::SpectralPeak& pk, double f) { return pk.frame < f; });
      for (; it != pool.end() && it->frame < from + block_frames; ++it) {
        fp::SpectralPeak pk = *it;
        pk.frame = static_cast<float>(t + (pk.frame - from));
        pk.freq_hz = pool[any_peak(rng)].freq_hz;
        peaks.push_back(pk);
      }
    }
    auto lm = fp::archive_landmarks(peaks);
    std::sort(lm.begin(), lm.end(), [](const fp::Landmark& a, const fp::Landmark& b) { return a.hash < b.hash; });
    index.add_synthetic_item(fmt::format("synthetic_{}", i), item_s, lm);
    if (i % 50 == 49) fmt::print(stderr, "modelled archive: {} of {} h\n", i + 1, items);
  }
  index.end_bulk();
}

}  // namespace prov::bench
