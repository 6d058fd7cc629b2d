#pragma once
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
}
#include <functional>
#include <memory>
#include <string>

namespace prov::media {

std::string av_error_text(int code);

struct FormatContextCloser {
  void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};
using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextCloser>;

struct CodecContextFree {
  void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameFree {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketFree {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextFree>;
using FramePtr = std::unique_ptr<AVFrame, FrameFree>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFree>;

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

// Refuses a file whose header declares more than `max_duration_s`, for the
// stream (`stream_declared_s`) or for the whole container.
void check_declared_length(const std::string& path, const AVFormatContext* fmt, double stream_declared_s,
                           double max_duration_s);

struct StreamDecodeEnd {
  int read_rc = 0;        // AVERROR_EOF when the whole file was read
  int decode_errors = 0;  // packets or frames the decoder refused
};

// Reads every packet of the container, decodes those of stream `index` with
// `dec`, and calls `on_frame` with each decoded frame (unreferenced after),
// the decoder flushed at the end. `on_progress`, when set, hears the packet
// time as a fraction of `declared_s` in steps of at least 1%.
StreamDecodeEnd decode_stream(AVFormatContext* fmt, AVCodecContext* dec, int index,
                              const std::function<void(AVFrame* frame)>& on_frame,
                              const std::function<void(double fraction)>& on_progress, double declared_s);

}  // namespace prov::media
