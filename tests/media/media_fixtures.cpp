#include "media/media_fixtures.h"

#include <gtest/gtest.h>

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

}  // namespace prov::test
