#pragma once
#include <string>
#include <vector>

#include "content/day.h"
#include "content/references.h"

namespace prov::content {

// The timelines merged in order (content/timeline.h), with the gazetteers
// given, else every gazetteer.jsonl found beside a timeline, merged.
ReferenceIndex load_reference_index(const std::vector<std::string>& timelines,
                                    const std::vector<std::string>& gazetteers);

// A full date YYYY-MM-DD given for `option` (--released, --died): a month or
// year alone, or a day after today, is an InputError.
Day parse_full_date(const std::string& text, const std::string& option);

}  // namespace prov::content
