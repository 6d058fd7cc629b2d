#pragma once
// Real clips of shared/data/video and pictures taken from them.
#include <string>
#include <vector>

#include "support/test_support.h"
#include "video/frame_sampler.h"

namespace prov::test {

inline std::string video_clip(const std::string& relative) { return (shared_data_dir() / "video" / relative).string(); }

// The regular 1-s samples of a video, pictures included.
inline std::vector<video::SampledFrame> regular_samples(const std::string& path) {
  std::vector<video::SampledFrame> out;
  video::SampleOptions options;
  options.scene_changes = false;
  video::sample_frames(path, options, [&](const video::SampledFrame& f) { out.push_back(f); });
  return out;
}

}  // namespace prov::test
