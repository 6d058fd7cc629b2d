#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace prov::test {

// ../shared/data next to the project, or PROVENANCE_SHARED_DATA if set.
std::filesystem::path shared_data_dir();
// Empty when present; otherwise the message to skip with.
std::string missing_shared_data(const std::string& subdir);

// A fresh temporary folder, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};
// Runs a shell command line and collects what it printed.
CommandResult run_command(const std::string& command_line);
// True when a program is on PATH (sox, ffmpeg, espeak-ng...).
bool have_program(const std::string& name);
// Quotes a string for the shell.
std::string shell_quote(const std::string& text);

// Media helpers (support/media_files.cpp; test programs only).

// Writes samples in [-1, 1] as a 16-bit mono PCM WAV file (clipped, rounded).
void write_pcm16_wav(const std::string& path, const std::vector<float>& samples, int rate);

// Makes a 3-second stereo test tone (440 Hz left, 880 Hz right, -6 dBFS) at
// 44.1 kHz as WAV with sox; returns its path.
std::string make_stereo_tone_wav(const TempDir& dir);

// Encodes `input` with the ffmpeg CLI into dir/name with the given arguments;
// fails the test when ffmpeg fails.
std::string ffmpeg_encode(const TempDir& dir, const std::string& input, const std::string& name,
                          const std::string& arguments);

// Rewrites the frame count of an MP3's Info/Xing header to 268 million frames
// (about 81 days), as a hostile file would. Fails the test when the file has
// no such header.
void inflate_mp3_frame_count(const std::string& path);

// The SHA-256 of a file's bytes (for "the file is untouched" checks).
std::string file_sha256(const std::string& path);

}  // namespace prov::test

// Skips the current test loudly when a shared data folder is absent.
#define PROV_REQUIRE_SHARED_DATA(subdir)                                  \
  do {                                                                    \
    const std::string prov_missing_ = ::prov::test::missing_shared_data(subdir); \
    if (!prov_missing_.empty()) GTEST_SKIP() << prov_missing_;            \
  } while (0)

#define PROV_REQUIRE_PROGRAM(name)                                        \
  do {                                                                    \
    if (!::prov::test::have_program(name))                                \
      GTEST_SKIP() << "SKIPPED: program '" << name << "' is not installed"; \
  } while (0)
