#pragma once
#include <vector>

#include "core/signal.h"
#include "voice/mfcc.h"
#include "voice/speech_activity.h"

namespace prov::voice {

struct FeatureParams {
  SpeechActivityParams activity;
  MfccParams mfcc;
};

// The speech of one recording as feature frames, not yet normalised (a
// segment is normalised as a whole once it is cut, see normalised()).
struct SpeechFrames {
  FeatureMatrix frames;              // MFCC + deltas of the speech frames only
  std::vector<double> times_s;       // centre of each kept frame in the recording
  double duration_s = 0;             // of the whole recording
  double speech_s() const { return static_cast<double>(frames.rows()) * 0.010; }
};

// `signal` at kVoiceRate.
SpeechFrames speech_frames(const Signal& signal, const FeatureParams& params = {});

FeatureMatrix normalised(FeatureMatrix frames);

// Consecutive pieces of `frames` of `frames_per_piece` rows each (the rest
// dropped), each normalised on its own: several utterances of one speaker
// concatenated and cut into test segments of a fixed net speech length.
std::vector<FeatureMatrix> cut_segments(const FeatureMatrix& frames, Eigen::Index frames_per_piece);

}  // namespace prov::voice
