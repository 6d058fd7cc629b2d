#pragma once
#include <Eigen/Core>
#include <string>
#include <vector>

namespace prov::voice {

// Two-covariance PLDA: a speaker's point y ~ N(0, between), a recording's
// x ~ N(y, within). The score of two recordings is the log-ratio of their
// joint density under one shared y against two independent ones.
struct Plda {
  Eigen::MatrixXd between;
  Eigen::MatrixXd within;
  // Derived by prepare(): the inverse of the joint same-speaker covariance in
  // blocks, the inverse total covariance, and the constant of the log-ratio.
  Eigen::MatrixXd same_diagonal, same_cross, total_inverse;
  double constant = 0;
  void prepare();
  double score(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const;
};

// From i-vectors to the space PLDA scores in: centre, whiten, length-normalise,
// LDA (speaker-discriminant directions), centre and length-normalise again.
struct EmbeddingBackend {
  Eigen::VectorXd mean;
  Eigen::MatrixXd whitening;  // R x R
  Eigen::MatrixXd lda;        // R x K
  Eigen::VectorXd lda_mean;   // K
  Plda plda;
  Eigen::VectorXd project(const Eigen::VectorXd& ivector) const;
  double score(const Eigen::VectorXd& a_ivector, const Eigen::VectorXd& b_ivector) const;
};

struct BackendParams {
  int lda_dimension = 0;         // 0: one less than the number of speakers, at most 50
  double within_ridge = 1e-3;    // added to the within-speaker scatter, for the few-speaker case
};

// `speakers[i]` names the speaker of `ivectors[i]`; needs at least 3
// speakers with 2 recordings each.
EmbeddingBackend train_backend(const std::vector<Eigen::VectorXd>& ivectors, const std::vector<std::string>& speakers,
                               const BackendParams& params = {});

}  // namespace prov::voice
