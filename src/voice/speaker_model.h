#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "voice/backend.h"
#include "voice/calibration.h"
#include "voice/gmm.h"
#include "voice/ivector.h"
#include "voice/speech_features.h"

namespace prov::voice {

// Everything a comparison needs: the UBM, the i-vector extractor, the
// LDA/PLDA back-end and the calibration, with a record of what data each
// was trained on and how well it did on data it was not trained on.
struct SpeakerModel {
  FeatureParams features;
  DiagonalGmm ubm;
  TotalVariability total_variability;
  EmbeddingBackend backend;
  Calibration calibration;
  bool calibrated = false;
  // "trained_on", "calibrated_on", "validation" (metrics on held-out
  // speakers), "limits" (text stating where the figures do not apply).
  nlohmann::json description = nlohmann::json::object();

  // The i-vector of normalised speech frames of one recording or segment.
  Eigen::VectorXd ivector(const FeatureMatrix& normalised_frames) const;
  BaumWelchStats stats(const FeatureMatrix& normalised_frames) const;
  Eigen::VectorXd ivector(const BaumWelchStats& stats) const;
  double score(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const { return backend.score(a, b); }
};

}  // namespace prov::voice
