#pragma once
// Video frame hashes in the fingerprint archive: what `archive add`,
// `archive match` and `analyze --archive` share.
#include <functional>
#include <optional>
#include <string>

#include "core/finding.h"
#include "fingerprint/archive_index.h"
#include "media/probe.h"
#include "video/video_findings.h"
#include "video/video_matcher.h"

namespace prov::cli {

bool has_audio_stream(const media::ContainerFacts& facts);
bool has_video_stream(const media::ContainerFacts& facts);  // cover art does not count

// The frame hashes of the file's video stream, for storing with its item.
fingerprint::VideoFrameBlob archive_video_frames(const std::string& path, const std::function<void(double)>& progress);

struct VideoArchiveMatch {
  video::VideoHashes query;
  std::vector<video::VideoSegmentMatch> matches;
  Findings findings;
  std::size_t archived_videos = 0;
  std::size_t archived_frames = 0;
};

// Hashes the file's pictures and finds every stretch that reuses those of an
// archived video.
VideoArchiveMatch match_archived_video(const std::string& path, const fingerprint::ArchiveIndex& index,
                                       const video::VideoMatchParams& params,
                                       const std::function<void(double)>& progress);

}  // namespace prov::cli
