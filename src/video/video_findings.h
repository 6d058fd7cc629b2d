#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/finding.h"
#include "video/video_matcher.h"

namespace prov::video {

// What a finding says about an archived video.
struct ArchivedVideoName {
  int64_t id = 0;
  std::string name;      // title, else file name
  std::string released;  // as archived, may be empty
  std::string sha256;
};

// `reuse` findings for matched video segments, with times on both sides;
// a segment covering nearly all of both videos says the whole video is a
// near-duplicate. Segments of items missing from `names` are left out.
Findings video_reuse_findings(const std::vector<VideoSegmentMatch>& matches,
                              const std::vector<ArchivedVideoName>& names, const VideoMatchParams& params = {});

}  // namespace prov::video
