// libFuzzer target: transcript parsing (plain text, SRT, WebVTT) and the
// dating pipeline's tokenizer must either parse or refuse with InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/tokens.h"
#include "content/transcript.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  try {
    const auto transcript =
        prov::content::parse_transcript(std::string(reinterpret_cast<const char*>(data), size), "fuzz.srt");
    for (const auto& segment : transcript.segments) {
      if (segment.end < segment.begin || segment.end > transcript.text.size()) __builtin_trap();
      (void)prov::content::tokenize(transcript.segment_text(segment), segment.begin);
    }
  } catch (const prov::InputError&) {
  }
  return 0;
}
