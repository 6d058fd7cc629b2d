#pragma once
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "content/dating_inputs.h"

namespace prov::content::test {

// Every shipped timeline file (data/timeline/*.jsonl but the gazetteer).
inline std::vector<std::string> shipped_timelines() {
  std::vector<std::string> out;
  const std::filesystem::path dir = std::filesystem::path(PROVENANCE_SOURCE_DIR) / "data" / "timeline";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".jsonl" && entry.path().filename() != "gazetteer.jsonl") {
      out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline const ReferenceIndex& shipped_index() {
  static const ReferenceIndex index = load_reference_index(shipped_timelines(), {});
  return index;
}

}  // namespace prov::content::test
