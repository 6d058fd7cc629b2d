#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "casefile/case_store.h"
#include "content/day.h"

namespace prov::subjects {

// One edge of an item's recording window and what it rests on, so an
// examiner can follow item -> window bound -> cited event -> source.
struct WindowBound {
  content::Day day = 0;
  std::string basis;        // "content", "enf" or "release"
  int64_t finding_id = 0;   // the stored finding that sets it; 0 for a release date
  std::string rule;         // the dating rule, "ENF placement" or "release date"
  std::string event_id;     // the timeline event the speaker refers to (content)
  std::string event_label;
  std::string quote;        // the speaker's words that refer to it (content)
  std::optional<double> quote_at_s;  // where in the recording
  std::vector<std::string> sources;  // where the event's date comes from
  std::string detail;       // one line: how this bound was set
};

// The window in which an item was recorded, from its stored findings: the
// content date window (hard bounds), an ENF placement (verdict "placed" only;
// ambiguous candidates are not bounds) and its release date. The lower edge
// is the latest lower bound, the upper edge the earliest upper bound.
struct ItemWindow {
  int64_t item_id = 0;
  std::string sha256;
  std::string path;
  std::optional<WindowBound> lower, upper;
  std::optional<content::Day> released;
  bool consistent = true;           // lower <= upper (or a side is open)
  std::vector<std::string> notes;   // what was not used, and why
};

// Findings rejected by the examiner are left out; of each detector only the
// latest analysis run's findings count. `released`: the release day recorded
// for the item, if any (a content finding's --released is used otherwise).
ItemWindow item_window(const casefile::ItemRecord& item, const std::vector<casefile::StoredFinding>& findings,
                       std::optional<content::Day> released);

// "2019-04-29" or "open" for a missing edge.
std::string edge_text(const std::optional<WindowBound>& bound);

}  // namespace prov::subjects
