#pragma once
#include <random>
#include <vector>

#include "fingerprint/archive_index.h"
#include "fingerprint/spectral_peaks.h"

// Modelled archive hours for the recycled-audio benchmarks.
namespace prov::bench {

// Adds `items` modelled one-hour items to `index` (in one bulk transaction):
// the peak timing of real archived speech (shuffled 5-s blocks of `pool`,
// real peaks end to end on one frame axis), each peak given the frequency of
// a peak drawn at random from the pool. They have the density and spectrum
// of real speech, but their triplets are chance combinations that copy
// nothing; a plain copy or a frequency scaling would not do, since the
// hashes are built to survive those.
void add_modelled_hours(fingerprint::ArchiveIndex& index, const std::vector<fingerprint::SpectralPeak>& pool, int items,
                        std::mt19937& rng);

}  // namespace prov::bench
