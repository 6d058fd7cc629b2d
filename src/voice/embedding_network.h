#pragma once
#include <Eigen/Core>
#include <memory>
#include <string>

#include "voice/mfcc.h"

namespace prov::voice {

// A user-supplied speaker-embedding network in ONNX (for example a
// WeSpeaker ResNet or an ECAPA-TDNN export), run with OpenCV's DNN module.
// It takes log mel-filterbank frames as a [1, frames, bins] tensor and
// returns one embedding vector. Forward passes are serialised: one network
// object may be shared by threads.
class EmbeddingNetwork {
 public:
  // Throws InputError naming the file when OpenCV cannot load it.
  explicit EmbeddingNetwork(const std::string& onnx_path);
  ~EmbeddingNetwork();
  EmbeddingNetwork(const EmbeddingNetwork&) = delete;
  EmbeddingNetwork& operator=(const EmbeddingNetwork&) = delete;

  // `frames`: frames x bins log mel energies, mean-normalised.
  Eigen::VectorXd embed(const FeatureMatrix& frames) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace prov::voice
