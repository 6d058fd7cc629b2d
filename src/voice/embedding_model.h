#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "voice/background_training.h"
#include "voice/embedding_network.h"

namespace prov::voice {

// Calibration of a user-supplied embedding network: embeddings are
// centred on the training speakers' mean and compared by cosine
// similarity, which logistic regression maps to a likelihood ratio. The
// network itself is not stored, only its SHA-256, so a comparison can
// refuse a network other than the one calibrated.
struct EmbeddingModel {
  std::string network_sha256;
  std::string network_name;
  int mel_bins = 80;
  Eigen::VectorXd mean;
  Calibration calibration;
  nlohmann::json description = nlohmann::json::object();
  double score(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const;
};

// Front end of the embedding path: log mel energies of speech frames.
FeatureParams embedding_features(int mel_bins);

// The embedding of one recording or segment (raw log mel frames; mean
// normalisation is applied here).
Eigen::VectorXd embed_speech(const EmbeddingNetwork& network, FeatureMatrix frames);

// Every pair of `segment_s` segments of the speakers, with cosine scores.
std::vector<ScoredTrial> embedding_pairs(const EmbeddingNetwork& network, const EmbeddingModel& model,
                                         const std::vector<LabelledSpeech>& speech, double segment_s);

// Mean from the training speakers, calibration from all pairs of the
// calibration speakers' 3-, 10- and 20-s segments.
EmbeddingModel train_embedding_model(const EmbeddingNetwork& network, const std::string& network_sha256,
                                     const std::vector<LabelledSpeech>& training,
                                     const std::vector<LabelledSpeech>& calibration, int mel_bins);

// A small JSON file; InputError on an unreadable or foreign file.
void save_embedding_model(const EmbeddingModel& model, const std::string& path);
EmbeddingModel load_embedding_model(const std::string& path);
bool is_embedding_model_file(const std::string& path);

}  // namespace prov::voice
