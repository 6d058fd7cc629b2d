// libFuzzer target: event timelines and gazetteers (JSON Lines) are parsed or
// refused with InputError, never anything else.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "content/gazetteer.h"
#include "content/timeline.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    std::istringstream in(bytes);
    (void)prov::content::parse_timeline(in, "fuzz-events.jsonl");
  } catch (const prov::InputError&) {
  }
  try {
    std::istringstream in(bytes);
    (void)prov::content::parse_gazetteer(in, "fuzz-gazetteer.jsonl");
  } catch (const prov::InputError&) {
  }
  return 0;
}
