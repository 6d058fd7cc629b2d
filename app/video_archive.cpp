#include "video_archive.h"

#include <algorithm>

#include "fingerprint/reuse_findings.h"
#include "video/frame_index.h"

namespace prov::cli {

namespace fp = fingerprint;

bool has_audio_stream(const media::ContainerFacts& facts) {
  return std::any_of(facts.streams.begin(), facts.streams.end(), [](const auto& s) { return s.type == "audio"; });
}

bool has_video_stream(const media::ContainerFacts& facts) {
  return std::any_of(facts.streams.begin(), facts.streams.end(),
                     [](const auto& s) { return s.type == "video" && !s.attached_picture; });
}

fp::VideoFrameBlob archive_video_frames(const std::string& path, const std::function<void(double)>& progress) {
  const auto hashes = video::hash_video(path, video::archive_hash_options(), progress);
  const auto whole_frames = std::count_if(hashes.frames.begin(), hashes.frames.end(),
                                          [](const video::FrameHash& f) { return !f.centre_crop; });
  return {hashes.duration_s(), static_cast<int64_t>(whole_frames), video::pack_frame_hashes(hashes.frames)};
}

VideoArchiveMatch match_archived_video(const std::string& path, const fp::ArchiveIndex& index,
                                       const video::VideoMatchParams& params,
                                       const std::function<void(double)>& progress) {
  VideoArchiveMatch result;
  result.query = video::hash_video(path, video::query_hash_options(params), progress);
  std::vector<video::StoredVideo> stored;
  for (auto& [item, blob] : index.video_frames()) {
    stored.push_back({item, blob.duration_s, video::unpack_frame_hashes(blob.packed)});
    result.archived_frames += stored.back().frames.size();
  }
  result.archived_videos = stored.size();
  const video::FrameIndex frame_index(std::move(stored));
  result.matches = video::match_video(result.query, frame_index, params);
  std::vector<video::ArchivedVideoName> names;
  for (const auto& item : index.items())
    names.push_back({item.id, fp::display_name(item), item.metadata.released, item.sha256});
  result.findings = video::video_reuse_findings(result.matches, names, params);
  return result;
}

}  // namespace prov::cli
