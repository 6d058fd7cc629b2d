#include "cli/cli_fixtures.h"

#include <gtest/gtest.h>


namespace prov::test {

CommandResult provenance(const std::string& arguments) {
  return run_command(shell_quote(PROVENANCE_CLI) + " " + arguments + " </dev/null");
}

std::string make_speech_m4a(const TempDir& dir, const std::string& name) {
  const std::string wav = (dir / (name + ".wav")).string();
  const std::string out = (dir / name).string();
  CommandResult r;
  if (have_program("espeak-ng")) {
    r = run_command("espeak-ng -v en -s 150 -w " + shell_quote(wav) +
                    " 'The statement was recorded in the evening. We will not stop. This is the second sentence.'");
  } else {
    r = run_command("sox -n -r 16000 -c 1 " + shell_quote(wav) + " synth 6 sine 300-900 tremolo 4 90");
  }
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = run_command("ffmpeg -nostdin -loglevel error -y -i " + shell_quote(wav) +
                  " -af 'apad=pad_dur=1' -c:a aac -b:a 96k " + shell_quote(out));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return out;
}

}  // namespace prov::test
