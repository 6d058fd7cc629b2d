#include "voice/speaker_model.h"

namespace prov::voice {

BaumWelchStats SpeakerModel::stats(const FeatureMatrix& frames) const { return collect_stats(ubm, frames); }

Eigen::VectorXd SpeakerModel::ivector(const BaumWelchStats& s) const { return extract_ivector(total_variability, s); }

Eigen::VectorXd SpeakerModel::ivector(const FeatureMatrix& frames) const { return ivector(stats(frames)); }

}  // namespace prov::voice
