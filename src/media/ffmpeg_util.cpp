#include "media/ffmpeg_util.h"

#include <algorithm>
#include <cstdio>
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
  if (!std::filesystem::is_regular_file(status)) {
    throw InputError(fmt::format("{}: not a regular file (a FIFO, socket or device); copy the recording to a file first",
                                 path));
  }
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

double stream_declared_duration_s(const AVStream* stream) {
  if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0) return stream->duration * av_q2d(stream->time_base);
  const AVDictionaryEntry* tag = av_dict_get(stream->metadata, "DURATION", nullptr, 0);
  if (!tag || !tag->value) return -1.0;
  int hours = 0, minutes = 0, consumed = 0;
  double seconds = 0.0;
  if (std::sscanf(tag->value, "%d:%d:%lf%n", &hours, &minutes, &seconds, &consumed) != 3 || hours < 0 ||
      minutes < 0 || minutes > 59 || seconds < 0 || seconds >= 60) {
    return -1.0;
  }
  const double total = hours * 3600.0 + minutes * 60.0 + seconds;
  return total > 0 ? total : -1.0;
}

double declared_duration_for_stream_s(const AVFormatContext* fmt, const AVStream* stream) {
  if (const double own = stream_declared_duration_s(stream); own > 0) return own;
  int audio_or_video = 0;
  for (unsigned i = 0; i < fmt->nb_streams; ++i) {
    const AVMediaType type = fmt->streams[i]->codecpar->codec_type;
    if ((type == AVMEDIA_TYPE_AUDIO || type == AVMEDIA_TYPE_VIDEO) &&
        !(fmt->streams[i]->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
      ++audio_or_video;
    }
  }
  if (audio_or_video == 1 && fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0) {
    return fmt->duration / double(AV_TIME_BASE);
  }
  return -1.0;
}

void check_declared_length(const std::string& path, const AVFormatContext* fmt, double stream_declared_s,
                           double max_duration_s) {
  const double container_declared =
      fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0 ? fmt->duration / double(AV_TIME_BASE) : -1.0;
  const double longest = std::max(stream_declared_s, container_declared);
  if (longest > max_duration_s) {
    throw InputError(fmt::format("{}: header declares a duration of {:.1f} h, beyond the {:.1f} h limit", path,
                                 longest / 3600.0, max_duration_s / 3600.0));
  }
}

StreamDecodeEnd decode_stream(AVFormatContext* fmt, AVCodecContext* dec, int index,
                              const std::function<void(AVFrame* frame)>& on_frame,
                              const std::function<void(double fraction)>& on_progress, double declared_s) {
  PacketPtr packet(av_packet_alloc());
  FramePtr frame(av_frame_alloc());
  StreamDecodeEnd end;
  auto drain = [&] {
    while (true) {
      const int rc = avcodec_receive_frame(dec, frame.get());
      if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return;
      if (rc < 0) {
        ++end.decode_errors;
        return;
      }
      on_frame(frame.get());
      av_frame_unref(frame.get());
    }
  };
  const double time_base = av_q2d(fmt->streams[index]->time_base);
  double last_progress = -1.0;
  while ((end.read_rc = av_read_frame(fmt, packet.get())) >= 0) {
    if (packet->stream_index == index) {
      if (avcodec_send_packet(dec, packet.get()) < 0) ++end.decode_errors;
      drain();
      if (on_progress && declared_s > 0 && packet->pts != AV_NOPTS_VALUE) {
        const double fraction = std::clamp(packet->pts * time_base / declared_s, 0.0, 1.0);
        if (fraction - last_progress >= 0.01) {
          on_progress(fraction);
          last_progress = fraction;
        }
      }
    }
    av_packet_unref(packet.get());
  }
  avcodec_send_packet(dec, nullptr);
  drain();
  return end;
}

}  // namespace prov::media
