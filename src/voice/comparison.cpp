#include "voice/comparison.h"

#include <cmath>
#include <stdexcept>

#include "voice/metrics.h"

namespace prov::voice {

SpeakerComparison compare_speakers(const SpeakerModel& model, const FeatureMatrix& questioned,
                                   const std::vector<FeatureMatrix>& known) {
  if (known.empty()) throw std::invalid_argument("a comparison needs at least one known recording");
  BaumWelchStats pooled;
  SpeakerComparison c;
  for (const auto& k : known) {
    pooled += model.stats(k);
    c.known_speech_s += static_cast<double>(k.rows()) * 0.010;
  }
  c.questioned_speech_s = static_cast<double>(questioned.rows()) * 0.010;
  c.score = model.score(model.ivector(questioned), model.ivector(pooled));
  const double shorter = std::min(c.questioned_speech_s, c.known_speech_s);
  c.llr = model.calibration.llr(c.score, shorter);
  c.log10_lr = c.llr / std::log(10.0);
  c.verbal = verbal_equivalent(c.log10_lr);
  c.within_calibrated_durations =
      shorter >= model.calibration.min_duration_s * 0.999 && shorter <= model.calibration.max_duration_s * 1.001;
  return c;
}

}  // namespace prov::voice
