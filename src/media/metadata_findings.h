#pragma once
#include <chrono>

#include "core/finding.h"
#include "media/probe.h"

namespace prov::media {

struct DecodeOutcome {
  double decoded_duration_s = 0.0;
  int decode_errors = 0;
};

// Container facts an examiner should look at: declared vs decoded duration,
// encoders that mean the file was rewritten, missing, zeroed or future
// creation times, stream oddities. `analysis_time` bounds plausible dates.
Findings metadata_findings(const ContainerFacts& facts, const DecodeOutcome& decoded,
                           std::chrono::system_clock::time_point analysis_time);

}  // namespace prov::media
