#pragma once
#include <vector>

#include "core/finding.h"
#include "fingerprint/archive_index.h"
#include "fingerprint/segment_matcher.h"

namespace prov::fingerprint {

// `reuse` findings for matched segments: query span, archived item and its
// span, time-scale factor, score, significance and the false-alarm rate
// measured at that significance for an archive of `archive_hours`. `items`
// must hold every matched item.
Findings reuse_findings(const std::vector<SegmentMatch>& matches, const std::vector<ArchiveItem>& items,
                        double archive_hours, const MatchParams& params = {});

// The item's display name: its title, else its original file name, else its hash.
std::string display_name(const ArchiveItem& item);

}  // namespace prov::fingerprint
