#pragma once
#include <string>
#include <vector>

#include "video/frame_sampler.h"
#include "video/pdq_hash.h"

namespace prov::video {

struct FrameHashOptions {
  SampleOptions sampling;
  // Frames below this PDQ quality are left out: their hashes are mostly
  // noise and match anything equally flat (fades, titles on black, skies).
  int min_quality = 50;
  // Frames darker than this mean luma are black frames, whatever their quality.
  double black_luma = 16.0;
  // Keep all eight dihedral variants of each kept frame (VideoHashes::dihedral),
  // for queries that look for mirrored or rotated copies.
  bool keep_dihedral = false;
  // Also hash the centre of each kept frame, this share of its width and
  // height (0: no). A copy cropped by a few percent then finds these hashes
  // (a full-frame PDQ hash moves 30-50 bits under a 5% crop). For the
  // archive side: each kept frame then has two entries at the same time.
  double centre_crop = 0.0;
};

// The hash of one sampled frame.
struct FrameHash {
  double time_s = 0;          // presentation time in the video
  Hash256 hash;
  int quality = 0;
  bool scene_change = false;  // sampled at a scene change rather than on the regular grid
  bool centre_crop = false;   // the hash of the frame's centre (FrameHashOptions::centre_crop)
};

struct VideoHashes {
  std::vector<FrameHash> frames;  // time order
  std::vector<PdqHashes> dihedral;  // parallel to frames, when asked for
  VideoStreamInfo stream;
  int skipped_black = 0;
  int skipped_low_quality = 0;
  double duration_s() const { return stream.frames_decoded > 0 ? stream.last_time_s : 0.0; }
};

// Samples the video (frame_sampler.h) and hashes every sampled frame that is
// neither black nor of low quality. Throws InputError as sample_frames does.
VideoHashes hash_video(const std::string& path, const FrameHashOptions& options = {},
                       const VideoProgressSink& on_progress = {});

// The centre of a picture, `share` of its width and height.
GreyImage centre_of(const GreyImage& picture, double share);

// Hashes of one sampled picture kept or not, by the options' rules: the
// reason it was skipped, or nullptr when kept.
const char* skip_reason(const GreyImage& picture, int quality, const FrameHashOptions& options);

// Compact storage form (38 bytes a frame) and back; unpack throws
// std::runtime_error on a damaged blob.
std::string pack_frame_hashes(const std::vector<FrameHash>& frames);
std::vector<FrameHash> unpack_frame_hashes(const std::string& blob);

}  // namespace prov::video
