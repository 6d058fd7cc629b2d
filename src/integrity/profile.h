#pragma once
#include <cstdint>
#include <vector>

namespace prov::integrity {

// A run of consecutive samples (digital silence or clipping), in seconds.
struct SampleRun {
  double start_s = 0.0;
  double end_s = 0.0;
  int sign = 0;  // clipping: +1 / -1; digital silence: 0
};

// Per-block measurements (one entry per block of `block_s` seconds). Levels
// are dBFS of RMS (full-scale sine = -3 dBFS); silence reads as kSilenceDb.
struct IntegrityProfile {
  double block_s = 0.0;
  std::vector<float> level_db;         // RMS of the block
  std::vector<float> quietest_db;      // RMS of its quietest frame
  std::vector<float> noise_floor_db;   // smoothed noise floor (derived in finish)
  std::vector<float> bandwidth_hz;     // highest frequency within range of the speech band
  std::vector<float> dc;               // mean of the block
  std::vector<uint32_t> clipped;       // samples in clipping runs
  std::vector<uint8_t> digital_silence;  // 1 when the block overlaps a digital-silence run

  std::size_t size() const { return level_db.size(); }
  double time_of(std::size_t block) const { return (static_cast<double>(block) + 0.5) * block_s; }
};

constexpr float kSilenceDb = -140.0f;

}  // namespace prov::integrity
