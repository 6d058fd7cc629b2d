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
  std::ofstream out(path, std::ios::binary);
  auto u32 = [&](uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
  auto u16 = [&](uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
  const auto bytes = static_cast<uint32_t>(s.samples.size() * 2);
  out.write("RIFF", 4);
  u32(36 + bytes);
  out.write("WAVEfmt ", 8);
  u32(16);
  u16(1);
  u16(1);
  u32(static_cast<uint32_t>(s.sample_rate));
  u32(static_cast<uint32_t>(s.sample_rate * 2));
  u16(2);
  u16(16);
  out.write("data", 4);
  u32(bytes);
  for (float v : s.samples) {
    const auto x = static_cast<int16_t>(std::lround(std::clamp(v, -1.0f, 1.0f) * 32767.0f));
    out.write(reinterpret_cast<const char*>(&x), 2);
  }
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
