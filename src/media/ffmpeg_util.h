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

}  // namespace prov::media
