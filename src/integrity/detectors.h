#pragma once
#include <vector>

#include "core/finding.h"
#include "integrity/profile.h"
#include "integrity/scan_options.h"

namespace prov::integrity {

// What every detector reads: the finished profile (noise floor derived) and the runs.
struct ScanContext {
  const IntegrityProfile& profile;
  const ScanOptions& options;
  const std::vector<SampleRun>& zero_runs;
  const std::vector<SampleRun>& clip_runs;
  double duration_s;
  int sample_rate;
  double mean;  // DC of the whole file
};

// Smoothed noise floor per block: a low percentile of the quietest frames
// around it, digital silence left out.
std::vector<float> derive_noise_floor(const IntegrityProfile& profile, const ScanOptions& options);
// 1 where a block is speech (or other signal) well above the local noise floor.
std::vector<uint8_t> speech_blocks(const IntegrityProfile& profile, const ScanOptions& options);
std::size_t blocks_for(const IntegrityProfile& profile, double seconds);

Findings detect_digital_silence(const ScanContext& context);
Findings detect_clipping(const ScanContext& context);
Findings detect_level_and_noise_changes(const ScanContext& context);
Findings detect_bandwidth_changes(const ScanContext& context);
Findings detect_dc(const ScanContext& context);

}  // namespace prov::integrity
