// Test helpers that make and alter media files (GoogleTest assertions inside).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/sha256.h"
#include "support/test_support.h"

namespace prov::test {

std::string make_stereo_tone_wav(const TempDir& dir) {
  const std::string path = (dir / "tone.wav").string();
  const auto r = run_command("sox -n -r 44100 -b 16 -c 2 " + shell_quote(path) + " synth 3 sine 440 sine 880 gain -6");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return path;
}

std::string ffmpeg_encode(const TempDir& dir, const std::string& input, const std::string& name,
                          const std::string& arguments) {
  const std::string out = (dir / name).string();
  const auto r = run_command("ffmpeg -nostdin -loglevel error -y -i " + shell_quote(input) + " " + arguments + " " +
                             shell_quote(out));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return out;
}

void inflate_mp3_frame_count(const std::string& path) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  std::string head(4096, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  auto tag = head.find("Info");
  if (tag == std::string::npos) tag = head.find("Xing");
  ASSERT_NE(tag, std::string::npos) << path << ": encoder wrote no Info/Xing header";
  ASSERT_TRUE(head[tag + 7] & 1) << path << ": Info header has no frame count";
  file.clear();
  file.seekp(static_cast<std::streamoff>(tag + 8));
  const char frames[4] = {0x0F, char(0xFF), char(0xFF), char(0xFF)};
  file.write(frames, 4);
}

std::string file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return sha256_hex(s.str());
}

}  // namespace prov::test
