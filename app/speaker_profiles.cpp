#include "speaker_profiles.h"

#include <fmt/format.h>

#include <filesystem>

#include "core/error.h"
#include "media/hash.h"

namespace prov::cli {

std::vector<EnrolledReference> enrolled_references(const casefile::CaseStore& store, const std::string& name) {
  std::vector<EnrolledReference> out;
  for (const auto& e : store.custody_log()) {
    if (e.action != kSpeakerEnrollAction || e.parameters.value("name", "") != name) continue;
    out.push_back({name, e.parameters.value("path", ""), e.item_sha256, e.parameters.value("speech_s", 0.0),
                   e.parameters.value("conditions", "")});
  }
  return out;
}

void check_references_unchanged(const std::vector<EnrolledReference>& references) {
  for (const auto& r : references) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(r.path, ec))
      throw InputError(fmt::format("{}: reference recording of '{}' is missing", r.path, r.name));
    if (media::identify_file(r.path).sha256 != r.sha256)
      throw InputError(fmt::format("{}: reference recording of '{}' is not the file enrolled (SHA-256 differs)", r.path,
                                   r.name));
  }
}

}  // namespace prov::cli
