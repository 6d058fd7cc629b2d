#include "fingerprint/fsdd_material.h"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <stdexcept>

#include "media/decode.h"
#include "support/test_support.h"

namespace prov::fingerprint::test {

Signal fsdd_speech(const std::string& speaker, int first, int count) {
  Signal speech;
  speech.sample_rate = 16000;
  const auto dir = prov::test::shared_data_dir() / "fsdd";
  for (int index = first; index < first + count; ++index)
    for (int digit = 0; digit < 10; ++digit) {
      const auto path = dir / fmt::format("{}_{}_{}.wav", (digit * 7 + index) % 10, speaker, index);
      const Signal u = media::decode_mono(path.string(), 16000);
      speech.samples.insert(speech.samples.end(), u.samples.begin(), u.samples.end());
      speech.samples.insert(speech.samples.end(), 16000 / 5, 0.0f);
    }
  return speech;
}

void write_wav(const std::filesystem::path& path, const Signal& s) {
  prov::test::write_pcm16_wav(path.string(), s.samples, s.sample_rate);
}

void encode(const std::filesystem::path& path, const Signal& signal, const std::string& options) {
  const auto wav = std::filesystem::path(path).replace_extension(".src.wav");
  write_wav(wav, signal);
  const auto r = prov::test::run_command(fmt::format("ffmpeg -hide_banner -loglevel error -y -i {} {} {}",
                                                     prov::test::shell_quote(wav.string()), options,
                                                     prov::test::shell_quote(path.string())));
  std::filesystem::remove(wav);
  if (r.exit_code != 0) throw std::runtime_error("ffmpeg failed: " + r.output);
}

void append_slice(Signal& to, const Signal& from, double start_s, double length_s) {
  const auto a = static_cast<std::size_t>(start_s * from.sample_rate);
  const auto n = static_cast<std::size_t>(length_s * from.sample_rate);
  if (a + n > from.samples.size()) throw std::out_of_range("slice beyond the signal");
  to.samples.insert(to.samples.end(), from.samples.begin() + a, from.samples.begin() + a + n);
}

}  // namespace prov::fingerprint::test
