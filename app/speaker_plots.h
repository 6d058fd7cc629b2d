#pragma once
#include <string>
#include <vector>

#include "voice/calibration.h"

namespace prov::cli {

// Tippett plot: the share of same- and of different-speaker trials whose
// log10 LR is at least x. `trials` hold natural-log LRs.
std::string tippett_svg(const std::vector<voice::ScoredTrial>& trials);
// DET curve on probit axes (miss against false-alarm rate).
std::string det_svg(const std::vector<voice::ScoredTrial>& trials);

}  // namespace prov::cli
