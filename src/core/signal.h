#pragma once
#include <string>
#include <vector>

namespace prov {

// Mono PCM in 32-bit float, full scale = 1.0.
struct Signal {
  std::vector<float> samples;
  int sample_rate = 0;
  double start_offset_s = 0.0;  // where samples[0] sits in the item's timeline
  std::string item_id;          // SHA-256 of the item it came from, if any

  double duration_s() const {
    return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0.0;
  }
};

}  // namespace prov
