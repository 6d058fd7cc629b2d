#include "media/ffmpeg_util.h"

#include <filesystem>
#include <fmt/format.h>
#include <system_error>

#include "core/error.h"

namespace prov::media {

std::string av_error_text(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(code, text, sizeof text);
  return text;
}

FormatContextPtr open_container(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw InputError(fmt::format("{}: no such file", path));
  if (std::filesystem::is_directory(status)) throw InputError(fmt::format("{}: is a folder, not a media file", path));
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size == 0) throw InputError(fmt::format("{}: file is empty (0 bytes)", path));

  av_log_set_level(AV_LOG_QUIET);
  AVFormatContext* raw = nullptr;
  if (int rc = avformat_open_input(&raw, path.c_str(), nullptr, nullptr); rc < 0) {
    throw InputError(fmt::format("{}: not a media file FFmpeg can read ({})", path, av_error_text(rc)));
  }
  FormatContextPtr ctx(raw);
  if (int rc = avformat_find_stream_info(ctx.get(), nullptr); rc < 0) {
    throw InputError(fmt::format("{}: cannot read stream information ({})", path, av_error_text(rc)));
  }
  return ctx;
}

std::string channel_layout_name(const AVChannelLayout& layout) {
  char text[128] = {0};
  AVChannelLayout described{};
  // Files without a channel mask (plain WAV) get the usual layout for their count.
  if (layout.order == AV_CHANNEL_ORDER_UNSPEC) {
    av_channel_layout_default(&described, layout.nb_channels);
  } else if (av_channel_layout_copy(&described, &layout) < 0) {
    return {};
  }
  const int rc = av_channel_layout_describe(&described, text, sizeof text);
  av_channel_layout_uninit(&described);
  return rc < 0 ? std::string() : std::string(text);
}

}  // namespace prov::media
