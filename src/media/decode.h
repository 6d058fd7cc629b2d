#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "core/signal.h"

namespace prov::media {

struct DecodeOptions {
  int analysis_rate = 16000;              // rate of the mono analysis copy; 0 = native rate
  double max_duration_s = 12 * 3600.0;    // refuse anything longer (container bombs)
  int stream_index = -1;                  // -1 = best audio stream
  // Decode what is there even when the file ends early or has read errors;
  // the shortfall is then reported as a metadata finding instead of an error.
  bool allow_truncated = false;
  // Keep the whole analysis-rate copy in DecodedAudio::analysis (4 bytes per
  // sample: 230 MB an hour at 16 kHz). Without it the copy is only streamed
  // to the AnalysisBlockSink, and memory no longer grows with the length.
  bool keep_analysis = true;
};

struct DecodedAudio {
  Signal analysis;            // mono, at options.analysis_rate (or native)
  int native_rate = 0;
  int channels = 0;
  std::string channel_layout;
  std::string codec;
  int64_t native_frames = 0;  // frames decoded at native rate
  int64_t analysis_frames = 0;  // samples of the analysis-rate copy (kept or only streamed)
  int decode_errors = 0;      // packets the decoder rejected
  double decoded_duration_s() const {
    return native_rate > 0 ? static_cast<double>(native_frames) / native_rate : 0.0;
  }
};

// Called with consecutive blocks of native-rate audio mixed to mono, so that
// analyses needing the full band can stream without holding the whole file.
using NativeBlockSink = std::function<void(const float* mono, std::size_t frames, int sample_rate)>;
// Called with consecutive blocks of the mono analysis-rate copy, in order.
using AnalysisBlockSink = std::function<void(const float* mono, std::size_t samples)>;
// Called now and then with the fraction of the file decoded (0..1).
using ProgressSink = std::function<void(double fraction)>;

// Decodes the audio of any container FFmpeg reads, once. Throws InputError
// with a one-line message naming the file on anything unreadable.
DecodedAudio decode_audio(const std::string& path, const DecodeOptions& options = {},
                          const NativeBlockSink& on_native = {}, const ProgressSink& on_progress = {},
                          const AnalysisBlockSink& on_analysis = {});

// Convenience: the whole file as mono at `rate` (0 = native rate).
Signal decode_mono(const std::string& path, int rate = 0);

}  // namespace prov::media
