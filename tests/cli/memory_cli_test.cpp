// Memory of `analyze` does not grow with the length of the recording: 80
// minutes of real speech in a noisy room over real mains hum (so that ENF runs
// in full: presence, trace, edit scan) stay under a fixed peak RSS. The 16 kHz
// copy alone would take 307 MB, and the ENF working set before it was tiled
// about 60 MB.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "cli/cli_fixtures.h"

extern char** environ;

namespace prov::test {
namespace {

struct MeasuredRun {
  int exit_code = -1;
  long peak_rss_kb = 0;
};

// Runs the CLI as a direct child, so that its own peak RSS can be read.
MeasuredRun run_measured(std::vector<std::string> args, const std::string& out_path) {
  args.insert(args.begin(), PROVENANCE_CLI);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  MeasuredRun run;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) return run;
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) return run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.peak_rss_kb = usage.ru_maxrss;
  return run;
}

TEST(Memory, EightyMinutesWithMainsHumStayUnderTheFlatBound) {
  PROV_REQUIRE_SHARED_DATA("librispeech-sample");
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const auto speech = shared_data_dir() / "librispeech-sample" / "librispeech_test-other" / "1688" /
                      "1688-142285-0000.flac";
  const auto noise = shared_data_dir() / "noise" / "speech_commands_background_noise" / "running_tap.wav";
  ASSERT_TRUE(std::filesystem::exists(speech) && std::filesystem::exists(noise));
  // Ten ENF-WHU mains references (about 8 minutes each, 400 Hz) end to end.
  std::ofstream list(dir / "hum.txt");
  for (int i = 1; i <= 10; ++i) {
    const auto ref = shared_data_dir() / "enf-whu-ref" / fmt::format("{:03}_ref.wav", i);
    ASSERT_TRUE(std::filesystem::exists(ref)) << ref;
    list << "file '" << ref.string() << "'\n";
  }
  list.close();
  const double seconds = 4800;
  const std::string wav = (dir / "eighty-minutes.wav").string();
  const auto made = run_command(
      "ffmpeg -nostdin -loglevel error -y -stream_loop -1 -i " + shell_quote(speech.string()) +
      " -stream_loop -1 -i " + shell_quote(noise.string()) + " -f concat -safe 0 -i " +
      shell_quote((dir / "hum.txt").string()) +
      " -filter_complex '[1:a]aresample=16000,volume=0.2[n];[2:a]aresample=16000,volume=0.1[h];"
      "[0:a][n][h]amix=inputs=3:duration=first' -t 4800 -ac 1 -ar 16000 -c:a pcm_s16le " +
      shell_quote(wav));
  ASSERT_EQ(made.exit_code, 0) << made.output;

  const std::string out = (dir / "out.json").string();
  const MeasuredRun r = run_measured({"analyze", wav, "--json", "--no-progress"}, out);
  ASSERT_EQ(r.exit_code, 0) << "see " << out;
  std::ifstream in(out);
  const auto doc = nlohmann::json::parse(in);
  EXPECT_NEAR(doc["item"]["decoded_duration_s"].get<double>(), seconds, 1.0);
  EXPECT_EQ(doc["figures"].size(), 5u) << "waveform, spectrogram and integrity charts from the sketch";
  const auto enf = std::find_if(doc["sections"].begin(), doc["sections"].end(),
                                [](const auto& s) { return s["id"] == "enf"; });
  ASSERT_NE(enf, doc["sections"].end());
  ASSERT_TRUE((*enf)["facts"].contains("trace")) << (*enf)["summary"];
  EXPECT_EQ((*enf)["facts"]["trace"]["values"].get<int>(), static_cast<int>(seconds - 8 + 1)) << "a value a second";
  // Stated bound (bench/README.md, "Memory of analyze"): about 55 MB fixed
  // plus about 5 MB an hour of per-second ENF results; 80 minutes under 75 MB.
  EXPECT_LT(r.peak_rss_kb, 75 * 1024) << "peak RSS " << r.peak_rss_kb / 1024 << " MB";
  RecordProperty("peak_rss_kb", static_cast<int>(r.peak_rss_kb));
}

}  // namespace
}  // namespace prov::test
