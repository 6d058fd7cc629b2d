#include "voice/speech_features.h"

namespace prov::voice {

SpeechFrames speech_frames(const Signal& signal, const FeatureParams& p) {
  SpeechFrames out;
  out.duration_s = signal.duration_s();
  const SpeechActivity activity = detect_speech(signal, p.activity);
  // Deltas are taken on the continuous frames, before the pauses are cut out.
  const FeatureMatrix all = with_deltas(mfcc(signal, p.mfcc), p.mfcc.delta_reach);
  out.frames = select_frames(all, activity.speech);
  for (std::size_t f = 0; f < activity.speech.size(); ++f)
    if (activity.speech[f]) out.times_s.push_back(signal.start_offset_s + activity.grid.centre_s(f));
  return out;
}

FeatureMatrix normalised(FeatureMatrix frames) {
  normalise_mean_variance(frames);
  return frames;
}

std::vector<FeatureMatrix> cut_segments(const FeatureMatrix& frames, Eigen::Index n) {
  std::vector<FeatureMatrix> pieces;
  for (Eigen::Index start = 0; n > 0 && start + n <= frames.rows(); start += n)
    pieces.push_back(normalised(frames.middleRows(start, n)));
  return pieces;
}

}  // namespace prov::voice
