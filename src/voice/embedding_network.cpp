#include "voice/embedding_network.h"

#include <fmt/format.h>

#include <mutex>
#include <opencv2/dnn.hpp>

#include "core/error.h"

namespace prov::voice {

struct EmbeddingNetwork::Impl {
  cv::dnn::Net net;
  std::mutex guard;
};

EmbeddingNetwork::EmbeddingNetwork(const std::string& onnx_path) : path_(onnx_path), impl_(std::make_unique<Impl>()) {
  try {
    impl_->net = cv::dnn::readNetFromONNX(onnx_path);
  } catch (const cv::Exception& e) {
    throw InputError(fmt::format("{}: not a usable ONNX network ({})", onnx_path, e.msg));
  }
  if (impl_->net.empty()) throw InputError(fmt::format("{}: not a usable ONNX network", onnx_path));
}

EmbeddingNetwork::~EmbeddingNetwork() = default;

Eigen::VectorXd EmbeddingNetwork::embed(const FeatureMatrix& frames) const {
  int shape[] = {1, static_cast<int>(frames.rows()), static_cast<int>(frames.cols())};
  cv::Mat input(3, shape, CV_32F);
  std::copy(frames.data(), frames.data() + frames.size(), input.ptr<float>());
  cv::Mat output;
  {
    std::lock_guard lock(impl_->guard);
    try {
      impl_->net.setInput(input);
      output = impl_->net.forward().clone();
    } catch (const cv::Exception& e) {
      throw InputError(fmt::format("{}: the network failed on a [1, {}, {}] input ({})", path_, frames.rows(),
                                   frames.cols(), e.msg));
    }
  }
  if (output.depth() != CV_32F || output.total() == 0)
    throw InputError(fmt::format("{}: the network's output is not a float vector", path_));
  Eigen::VectorXd e(static_cast<Eigen::Index>(output.total()));
  for (Eigen::Index i = 0; i < e.size(); ++i) e(i) = output.ptr<float>()[i];
  return e;
}

}  // namespace prov::voice
