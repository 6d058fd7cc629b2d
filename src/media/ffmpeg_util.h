#pragma once
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
}
#include <memory>
#include <string>

namespace prov::media {

std::string av_error_text(int code);

struct FormatContextCloser {
  void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};
using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextCloser>;

// Opens the container and reads stream info. Throws InputError naming the
// file when it is missing, empty, or not media FFmpeg recognises.
FormatContextPtr open_container(const std::string& path);

std::string channel_layout_name(const AVChannelLayout& layout);

// The stream's own declared length in seconds, or -1 when it declares none.
// Matroska and WebM keep it in a per-stream DURATION tag ("01:02:03.456000000")
// rather than in the stream header; that tag counts too.
double stream_declared_duration_s(const AVStream* stream);

// The length the container declares for this stream: its own, or the
// container's when it is the file's only audio or video stream. -1 when
// neither: a container length then covers the longest stream (a video may
// run longer than its audio), so it says nothing about this one.
double declared_duration_for_stream_s(const AVFormatContext* fmt, const AVStream* stream);

}  // namespace prov::media
