#pragma once
#include <string>

namespace prov::report {

// A label a person reads for a report key: "clipped_samples" becomes
// "Clipped samples", "block_s" "Block (s)", "noise_mhz" "Noise (mHz)".
// Keys with a better-known name ("sha256", "p_value") have their own label.
std::string label_for(const std::string& key);

}  // namespace prov::report
