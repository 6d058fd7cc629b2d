#pragma once
#include <string>
#include <vector>

#include "voice/speaker_model.h"

namespace prov::voice {

struct SpeakerComparison {
  double score = 0;            // raw PLDA score
  double llr = 0;              // natural-log likelihood ratio after calibration
  double log10_lr = 0;
  double questioned_speech_s = 0;
  double known_speech_s = 0;   // all known recordings together
  std::string verbal;          // ENFSI verbal equivalent of the LR
  // False when a side has less or more speech than the calibration trials
  // covered: the LR is then an extrapolation.
  bool within_calibrated_durations = true;
};

// The questioned recording against the known recordings of the putative
// speaker: the knowns' statistics are pooled into one i-vector. Each
// matrix is the normalised speech of one recording.
SpeakerComparison compare_speakers(const SpeakerModel& model, const FeatureMatrix& questioned,
                                   const std::vector<FeatureMatrix>& known);

}  // namespace prov::voice
