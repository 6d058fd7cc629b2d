#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "video/grey_image.h"

namespace prov::video {

struct SampleOptions {
  double interval_s = 1.0;        // one regular sample per this much presentation time
  bool scene_changes = true;      // also sample the first frame of every scene change
  // Mean absolute difference (grey levels) of 4x4-pixel block means between
  // consecutive frames at which a frame counts as a scene change; motion
  // inside a shot stays well below it.
  double scene_threshold = 30.0;
  int width = 128;                // the sampled pictures are scaled (area average) to this size
  int height = 128;
  double max_duration_s = 12 * 3600.0;  // refuse anything longer (container bombs)
  // Sample what is there when the file ends early or has read errors,
  // instead of refusing it.
  bool allow_truncated = false;
  int decoder_threads = 0;  // 0: one per core
};

// One sampled picture and where it sits in the stream.
struct SampledFrame {
  double time_s = 0;          // presentation time, from the stream's first frame
  int64_t frame_number = 0;   // index among the decoded frames
  bool scene_change = false;  // sampled because the picture changed abruptly
  double scene_score = 0;     // difference from the previous decoded frame (see SampleOptions)
  GreyImage picture;
};

// Timing of every decoded frame, for checks of the frame grid.
struct DecodedFrameTiming {
  double time_s = 0;
  double scene_score = 0;     // difference from the previous decoded frame
};

struct VideoStreamInfo {
  int width = 0, height = 0;           // coded picture size
  std::string codec;
  double nominal_fps = 0;              // the stream's declared average frame rate (0: unknown)
  double declared_duration_s = -1;     // -1: the container declares none
  double first_time_s = 0;             // raw presentation time of the first frame
  double last_time_s = 0;              // of the last frame, from the first
  int64_t frames_decoded = 0;
  int64_t frames_sampled = 0;
  int decode_errors = 0;
};

using FrameSink = std::function<void(const SampledFrame&)>;
using FrameTimingSink = std::function<void(const DecodedFrameTiming&)>;
using VideoProgressSink = std::function<void(double fraction)>;

// True when the file has a video stream that is not just cover art.
// Throws InputError when the file cannot be opened as media.
bool has_video_stream(const std::string& path);

// Decodes the best video stream of any container FFmpeg reads, streaming
// (memory does not grow with length), and hands each sampled frame to
// `on_sample` as it is decoded. Throws InputError, with a one-line message
// naming the file, when there is no video stream, nothing decodes, the
// header claims an absurd size or length, or the file is truncated.
VideoStreamInfo sample_frames(const std::string& path, const SampleOptions& options, const FrameSink& on_sample,
                              const FrameTimingSink& on_every_frame = {},
                              const VideoProgressSink& on_progress = {});

}  // namespace prov::video
