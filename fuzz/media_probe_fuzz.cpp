// libFuzzer target: any bytes given as a media file are probed and decoded,
// or refused with InputError (FFmpeg's own parsers underneath).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/error.h"
#include "media/decode.h"
#include "media/probe.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/provenance-fuzz-" + std::to_string(getpid()) + ".bin";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  try {
    (void)prov::media::probe_container(path);
    prov::media::DecodeOptions options;
    options.max_duration_s = 600;
    (void)prov::media::decode_audio(path, options);
  } catch (const prov::InputError&) {
  }
  return 0;
}
