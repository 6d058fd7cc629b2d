#pragma once
#include <string>
#include <vector>

#include "voice/speaker_model.h"

namespace prov::voice {

// The speech of one recording of a known speaker.
struct LabelledSpeech {
  std::string speaker;
  FeatureMatrix frames;  // unnormalised speech frames (SpeechFrames::frames)
};

struct BackgroundParams {
  UbmParams ubm;
  TotalVariabilityParams total_variability;
  BackendParams backend;
  // The back-end learns from segments of these net speech lengths cut from
  // each speaker's concatenated recordings, so it sees the short and long
  // material it will score.
  std::vector<double> backend_segment_s = {3.0, 10.0};
  // Calibration trials use segments of these lengths.
  std::vector<double> calibration_segment_s = {3.0, 10.0, 20.0};
  std::size_t threads = 0;  // 0: one per core
};

// UBM, total variability and back-end from the training speakers' speech.
SpeakerModel train_speaker_model(const std::vector<LabelledSpeech>& training, const BackgroundParams& params = {});

// A speaker's recordings concatenated and cut into normalised segments of
// `seconds` of net speech each.
std::vector<FeatureMatrix> speaker_segments(const std::vector<const LabelledSpeech*>& recordings, double seconds);

// Every pair of segments of the given speakers, scored by the model (raw
// back-end scores), at each segment length.
std::vector<ScoredTrial> score_all_pairs(const SpeakerModel& model, const std::vector<LabelledSpeech>& speech,
                                         const std::vector<double>& segment_s, std::size_t threads = 0);

// Fits the model's calibration on all pairs of the calibration speakers
// (who must not be training speakers).
void calibrate(SpeakerModel& model, const std::vector<LabelledSpeech>& calibration_speech,
               const BackgroundParams& params = {});

}  // namespace prov::voice
