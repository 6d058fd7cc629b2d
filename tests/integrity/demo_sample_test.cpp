#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "integrity/scan_fixtures.h"
#include "support/test_support.h"

namespace prov::test {
namespace {

// The demo recording is built once for the whole suite (about a second).
class DemoSample : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!have_program("espeak-ng") || !have_program("sox") || !have_program("ffmpeg")) return;
    dir_ = std::make_unique<TempDir>();
    run_or_throw(std::string(PROVENANCE_SOURCE_DIR) + "/scripts/make_demo_sample.sh " + shell_quote(dir_->path().string()));
    std::ifstream in(dir_->path() / "demo-truth.json");
    truth_ = nlohmann::json::parse(in);
  }
  static void TearDownTestSuite() { dir_.reset(); }
  void SetUp() override {
    PROV_REQUIRE_PROGRAM("espeak-ng");
    PROV_REQUIRE_PROGRAM("sox");
    PROV_REQUIRE_PROGRAM("ffmpeg");
  }

  static void expect_each_defect_found(const std::string& file) {
    const auto result = scan_file(dir_->path() / file);
    SCOPED_TRACE(file + " findings:\n" + describe(result.findings));
    std::size_t matched = 0;
    for (const auto& defect : truth_["defects"]) {
      const std::string detector = defect["detector"];
      const double at = defect.contains("at_s") ? defect["at_s"].get<double>() : defect["start_s"].get<double>();
      const double end = defect.contains("end_s") ? defect["end_s"].get<double>() : at;
      bool found = false;
      for (const Finding& f : with_detector(result.findings, detector)) {
        const double tolerance = detector == "integrity.noise_floor_change" ? 1.0 : 0.3;
        if (covers(f, at, tolerance) && covers(f, end, tolerance)) found = true;
      }
      EXPECT_TRUE(found) << detector << " at " << at << "-" << end << " s not found in " << file;
      matched += found;
    }
    // Nothing beyond the placed defects.
    EXPECT_EQ(edits(result.findings).size(), matched);
  }

  static std::unique_ptr<TempDir> dir_;
  static nlohmann::json truth_;
};
std::unique_ptr<TempDir> DemoSample::dir_;
nlohmann::json DemoSample::truth_;

TEST_F(DemoSample, LosslessMasterShowsEveryPlacedDefectAndNothingElse) { expect_each_defect_found("demo.wav"); }

TEST_F(DemoSample, AacEncodedDemoShowsEveryPlacedDefectAndNothingElse) { expect_each_defect_found("demo.m4a"); }

TEST_F(DemoSample, DigitalSilenceSpanMatchesTheGap) {
  const auto result = scan_file(dir_->path() / "demo.wav");
  const auto gaps = with_detector(result.findings, "integrity.digital_silence");
  ASSERT_EQ(gaps.size(), 1u) << describe(result.findings);
  EXPECT_NEAR(gaps[0].start_s, 9.0, 0.002);
  EXPECT_NEAR(gaps[0].end_s, 9.5, 0.002);
}

}  // namespace
}  // namespace prov::test
