#include "content/dating_inputs.h"

#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "content/gazetteer.h"
#include "content/timeline.h"
#include "core/error.h"

namespace prov::content {

ReferenceIndex load_reference_index(const std::vector<std::string>& timelines,
                                    const std::vector<std::string>& gazetteers) {
  std::vector<std::filesystem::path> paths(timelines.begin(), timelines.end());
  Timeline timeline = load_timelines(paths);
  Gazetteer gazetteer;
  if (!gazetteers.empty()) {
    for (const auto& g : gazetteers) merge_gazetteer(gazetteer, load_gazetteer(g));
  } else {
    std::set<std::filesystem::path> seen;
    for (const auto& t : paths) {
      const auto beside = t.parent_path() / "gazetteer.jsonl";
      if (std::filesystem::exists(beside) && seen.insert(std::filesystem::weakly_canonical(beside)).second) {
        merge_gazetteer(gazetteer, load_gazetteer(beside));
      }
    }
  }
  return ReferenceIndex(std::move(timeline), std::move(gazetteer));
}

Day parse_full_date(const std::string& text, const std::string& option) {
  const auto range = parse_iso_range(text);
  if (!range) throw InputError(fmt::format("{} '{}': expected YYYY-MM-DD", option, text));
  if (range->earliest != range->latest) {
    throw InputError(fmt::format("{} '{}': give the full day YYYY-MM-DD, not a month or year", option, text));
  }
  if (range->earliest > today()) throw InputError(fmt::format("{} '{}': the date is after today", option, text));
  return range->earliest;
}

}  // namespace prov::content
