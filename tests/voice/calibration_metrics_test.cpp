// Calibration and validation metrics on score sets whose answers are worked
// out by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "voice/calibration.h"
#include "voice/metrics.h"

using prov::voice::ScoredTrial;

TEST(ValidationMetrics, CllrOfOneTrialEachIsTheLogisticCost) {
  // log2(1 + e^-2) = 0.18312 for the target at +2 and the non-target at -2.
  const std::vector<ScoredTrial> trials = {{2.0, 10, true}, {-2.0, 10, false}};
  EXPECT_NEAR(prov::voice::cllr(trials), 0.183120, 1e-5);
}

TEST(ValidationMetrics, LikelihoodRatiosOfOneAreWorthOneBit) {
  const std::vector<ScoredTrial> trials = {{0, 10, true}, {0, 10, false}, {0, 10, true}};
  EXPECT_NEAR(prov::voice::cllr(trials), 1.0, 1e-12);
  const auto m = prov::voice::validation_metrics(trials);
  EXPECT_NEAR(m.cllr_min, 1.0, 1e-12);
  EXPECT_NEAR(m.eer, 0.5, 1e-12);
}

TEST(ValidationMetrics, SeparatedScoresHaveNoDiscriminationLoss) {
  const std::vector<ScoredTrial> trials = {{5, 10, true}, {4, 10, true}, {-1, 10, false}, {-3, 10, false}};
  const auto m = prov::voice::validation_metrics(trials);
  EXPECT_NEAR(m.eer, 0.0, 1e-12);
  EXPECT_NEAR(m.cllr_min, 0.0, 1e-12);
  EXPECT_GT(m.cllr, 0.0);
  EXPECT_NEAR(m.max_different_speaker_llr, -1.0, 1e-12);
}

TEST(ValidationMetrics, InterleavedScoresByHand) {
  // Sorted: 0 (different), 1 (same), 2 (different), 3 (same). PAV pools the
  // middle pair at posterior 1/2, so the optimal LLRs are -inf, 0, 0, +inf:
  // each class loses one bit on one of its two trials: Cllr-min = 0.5.
  // The ROC convex hull runs (Pfa 0.5, Pmiss 0) -> (0, 0.5): EER = 0.25.
  const std::vector<ScoredTrial> trials = {{1, 10, true}, {3, 10, true}, {0, 10, false}, {2, 10, false}};
  const auto llr = prov::voice::pav_llrs(trials);
  EXPECT_NEAR(llr[0], 0.0, 1e-12);
  EXPECT_TRUE(std::isinf(llr[1]) && llr[1] > 0);
  EXPECT_TRUE(std::isinf(llr[2]) && llr[2] < 0);
  EXPECT_NEAR(llr[3], 0.0, 1e-12);
  const auto m = prov::voice::validation_metrics(trials);
  EXPECT_NEAR(m.cllr_min, 0.5, 1e-12);
  EXPECT_NEAR(m.eer, 0.25, 1e-12);
}

TEST(Calibration, LogisticRegressionRecoversTheGaussianLikelihoodRatio) {
  // Scores ~ N(+2, 1) for same speakers and N(-2, 1) for different ones:
  // the true natural-log LR is 4 s. Quantiles stand in for samples.
  auto normal_quantile = [](double p) {  // by bisection on the normal CDF
    double lo = -10, hi = 10;
    for (int k = 0; k < 100; ++k) {
      const double mid = 0.5 * (lo + hi);
      (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
  };
  std::vector<ScoredTrial> trials;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    const double z = normal_quantile((i + 0.5) / n);
    trials.push_back({2 + z, 10, true});
    trials.push_back({-2 + z, 10, false});
  }
  const auto cal = prov::voice::fit_calibration(trials, false);
  EXPECT_NEAR(cal.scale, 4.0, 0.1);
  EXPECT_NEAR(cal.offset, 0.0, 0.05);
  EXPECT_NEAR(cal.llr(1.0, 10), 4.0, 0.15);
}

TEST(Calibration, NeedsBothKindsOfTrial) {
  const std::vector<ScoredTrial> trials = {{1, 10, true}, {2, 10, true}};
  EXPECT_THROW(prov::voice::fit_calibration(trials), std::invalid_argument);
}

TEST(VerbalScale, FollowsTheEnfsiBands) {
  using prov::voice::verbal_equivalent;
  EXPECT_EQ(verbal_equivalent(0.1), "no support for either proposition (LR near 1)");
  EXPECT_EQ(verbal_equivalent(0.5), "weak support for the same-speaker proposition");
  EXPECT_EQ(verbal_equivalent(1.5), "moderate support for the same-speaker proposition");
  EXPECT_EQ(verbal_equivalent(-2.5), "moderately strong support for the different-speaker proposition");
  EXPECT_EQ(verbal_equivalent(3.5), "strong support for the same-speaker proposition");
  EXPECT_EQ(verbal_equivalent(5), "very strong support for the same-speaker proposition");
  EXPECT_EQ(verbal_equivalent(-7), "extremely strong support for the different-speaker proposition");
}
