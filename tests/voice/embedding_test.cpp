// User-supplied ONNX speaker-embedding networks through OpenCV's DNN module,
// with a tiny network the test writes itself (Debian python3-onnx).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "support/test_support.h"
#include "voice/embedding_network.h"
#include "voice/voice_fixtures.h"

using prov::test::run_command;
using prov::test::shell_quote;

namespace {

// Writes the tiny network; empty when Python's onnx module is missing.
std::string make_network(const prov::test::TempDir& dir, const std::string& name, double scale) {
  const std::string python = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  if (run_command(python + " -c 'import onnx, numpy' 2>&1").exit_code != 0) return {};
  const auto path = (dir / name).string();
  const auto r = run_command(python + " " + shell_quote(std::string(PROVENANCE_SOURCE_DIR) +
                                                        "/tests/voice/make_tiny_embedding.py") +
                             " " + shell_quote(path) + " " + std::to_string(scale) + " 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return path;
}

#define REQUIRE_NETWORK(path) \
  if ((path).empty()) GTEST_SKIP() << "SKIPPED: Python's onnx module (Debian python3-onnx) is not installed"

}  // namespace

TEST(EmbeddingNetwork, ComputesWhatTheGraphSays) {
  prov::test::TempDir dir;
  const auto path = make_network(dir, "tiny.onnx", 1.0);
  REQUIRE_NETWORK(path);
  const prov::voice::EmbeddingNetwork network(path);
  for (int frames : {40, 173}) {
    prov::voice::FeatureMatrix input(frames, 80);
    for (int t = 0; t < frames; ++t)
      for (int i = 0; i < 80; ++i) input(t, i) = static_cast<float>(std::sin(0.3 * t + 0.07 * i));
    const auto e = network.embed(input);
    ASSERT_EQ(e.size(), 16);
    for (int j = 0; j < 16; ++j) {
      double expected = 0;
      for (int i = 0; i < 80; ++i) expected += input.col(i).cast<double>().mean() * std::cos(0.1 * (i + 1) * (j + 1));
      EXPECT_NEAR(e(j), expected, 1e-4) << "frames " << frames << " output " << j;
    }
  }
}

TEST(EmbeddingNetwork, ANonNetworkFileIsRefused) {
  prov::test::TempDir dir;
  const auto path = (dir / "net.onnx").string();
  std::ofstream(path) << "not a network";
  EXPECT_THROW(prov::voice::EmbeddingNetwork{path}, prov::InputError);
}

TEST(EmbeddingCli, CalibratedComparisonWithTheNetworkItWasCalibratedFor) {
  PROV_REQUIRE_SHARED_DATA("speechocean762");
  prov::test::TempDir dir;
  const auto network = make_network(dir, "tiny.onnx", 1.0);
  REQUIRE_NETWORK(network);
  const auto other = make_network(dir, "other.onnx", 2.0);
  // Two training, four calibration and two test speakers of the fixed split, eight files each.
  std::ofstream roles(dir / "roles.txt");
  std::vector<std::string> questioned;
  for (const auto& [role, count] : std::vector<std::pair<std::string, int>>{{"train", 2}, {"calibrate", 4}, {"test", 2}})
    for (const auto& f : prov::voice::test::split_files(role, static_cast<std::size_t>(count), 8)) {
      const auto speaker_dir = dir / "speakers" / f.speaker;
      if (!std::filesystem::exists(speaker_dir)) roles << f.speaker << " " << role << "\n";
      std::filesystem::create_directories(speaker_dir);
      std::filesystem::create_symlink(f.path, speaker_dir / std::filesystem::path(f.path).filename());
      if (role == "test") questioned.push_back(f.path);
    }
  roles.close();
  const auto cal = (dir / "cal.json").string();
  const auto trained = run_command(std::string(PROVENANCE_CLI) + " speaker train-background " +
                                   shell_quote((dir / "speakers").string()) + " --split " +
                                   shell_quote((dir / "roles.txt").string()) + " --embedding " + shell_quote(network) +
                                   " --out " + shell_quote(cal) + " 2>&1");
  ASSERT_EQ(trained.exit_code, 0) << trained.output;
  const auto calibration = nlohmann::json::parse(std::ifstream(cal));
  EXPECT_EQ(calibration["network_sha256"], prov::test::file_sha256(network));
  EXPECT_EQ(calibration["description"]["calibrated_on"]["speakers"].size(), 4u);

  const auto compared = run_command(std::string(PROVENANCE_CLI) + " speaker compare --json --embedding " +
                                    shell_quote(network) + " --model " + shell_quote(cal) + " " +
                                    shell_quote(questioned[0]) + " " + shell_quote(questioned[1]) + " 2>&1");
  ASSERT_EQ(compared.exit_code, 0) << compared.output;
  const auto j = nlohmann::json::parse(compared.output);
  EXPECT_TRUE(std::isfinite(j["log10_lr"].get<double>()));
  EXPECT_FALSE(j["verbal"].get<std::string>().empty());

  const auto mismatched = run_command(std::string(PROVENANCE_CLI) + " speaker compare --embedding " +
                                      shell_quote(other) + " --model " + shell_quote(cal) + " " +
                                      shell_quote(questioned[0]) + " " + shell_quote(questioned[1]) + " 2>&1");
  EXPECT_EQ(mismatched.exit_code, 1) << mismatched.output;
  EXPECT_NE(mismatched.output.find("not the network the calibration"), std::string::npos) << mismatched.output;
}
