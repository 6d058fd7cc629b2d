#include "video/frame_sampler.h"

extern "C" {
#include <libswscale/swscale.h>
}

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <vector>

#include "core/error.h"
#include "media/ffmpeg_util.h"

namespace prov::video {
namespace {

constexpr int kMaxDimension = 16384;
constexpr int kBlock = 4;  // scene scores compare 4x4-pixel block means

struct SwsFree {
  void operator()(SwsContext* s) const { sws_freeContext(s); }
};

int best_video_stream(AVFormatContext* fmt) {
  const int index = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (index >= 0 && !(fmt->streams[index]->disposition & AV_DISPOSITION_ATTACHED_PIC)) return index;
  // The best one is cover art (or none was found): take any other video stream.
  for (unsigned i = 0; i < fmt->nb_streams; ++i) {
    const AVStream* s = fmt->streams[i];
    if (s->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && !(s->disposition & AV_DISPOSITION_ATTACHED_PIC))
      return static_cast<int>(i);
  }
  return -1;
}

// Block means of a picture, the unit of the scene score.
std::vector<float> block_means(const GreyImage& picture) {
  const int bw = picture.width / kBlock, bh = picture.height / kBlock;
  std::vector<float> means(static_cast<std::size_t>(bw) * bh, 0.0f);
  for (int y = 0; y < bh * kBlock; ++y)
    for (int x = 0; x < bw * kBlock; ++x) means[static_cast<std::size_t>(y / kBlock) * bw + x / kBlock] += picture.at(x, y);
  for (auto& m : means) m /= kBlock * kBlock;
  return means;
}

double mean_absolute_difference(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.empty() || a.size() != b.size()) return 0;
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += std::abs(a[i] - b[i]);
  return sum / static_cast<double>(a.size());
}

}  // namespace

bool has_video_stream(const std::string& path) {
  auto fmt_ctx = media::open_container(path);
  return best_video_stream(fmt_ctx.get()) >= 0;
}

VideoStreamInfo sample_frames(const std::string& path, const SampleOptions& options, const FrameSink& on_sample,
                              const FrameTimingSink& on_every_frame, const VideoProgressSink& on_progress) {
  if (options.width < kBlock || options.height < kBlock || options.interval_s <= 0)
    throw std::invalid_argument("sample_frames: picture size or interval out of range");
  auto fmt_ctx = media::open_container(path);
  const int index = best_video_stream(fmt_ctx.get());
  if (index < 0) throw InputError(fmt::format("{}: contains no video stream (audio only, or not a video)", path));
  AVStream* stream = fmt_ctx->streams[index];
  const AVCodecParameters* par = stream->codecpar;
  if (par->width <= 0 || par->height <= 0 || par->width > kMaxDimension || par->height > kMaxDimension)
    throw InputError(fmt::format("{}: absurd picture size {}x{} in the header", path, par->width, par->height));
  const double declared = media::declared_duration_for_stream_s(fmt_ctx.get(), stream);
  media::check_declared_length(path, fmt_ctx.get(), declared, options.max_duration_s);

  const AVCodec* codec = avcodec_find_decoder(par->codec_id);
  if (!codec) throw InputError(fmt::format("{}: no decoder for video codec '{}'", path, avcodec_get_name(par->codec_id)));
  media::CodecContextPtr dec(avcodec_alloc_context3(codec));
  if (!dec || avcodec_parameters_to_context(dec.get(), par) < 0)
    throw InputError(fmt::format("{}: cannot set up the {} decoder", path, codec->name));
  dec->thread_count = std::max(0, options.decoder_threads);  // 0: one per core
  if (avcodec_open2(dec.get(), codec, nullptr) < 0)
    throw InputError(fmt::format("{}: cannot open the {} decoder", path, codec->name));

  VideoStreamInfo info;
  info.width = par->width;
  info.height = par->height;
  info.codec = codec->name;
  info.declared_duration_s = declared;
  if (stream->avg_frame_rate.num > 0 && stream->avg_frame_rate.den > 0) info.nominal_fps = av_q2d(stream->avg_frame_rate);
  const double time_base = av_q2d(stream->time_base);
  const double fallback_step = info.nominal_fps > 0 ? 1.0 / info.nominal_fps : 0.04;

  std::unique_ptr<SwsContext, SwsFree> scaler;
  SampledFrame current;
  current.picture.width = options.width;
  current.picture.height = options.height;
  current.picture.pixels.resize(static_cast<std::size_t>(options.width) * options.height);
  std::vector<float> previous_blocks;
  bool have_first = false;
  int64_t first_ts = 0;
  double previous_time = -1;
  int64_t next_regular = 0;  // index of the next regular sample time

  auto consume_frame = [&](AVFrame* frame) {
    if (frame->width <= 0 || frame->height <= 0 || frame->width > kMaxDimension || frame->height > kMaxDimension)
      throw InputError(fmt::format("{}: decoder produced an absurd picture size {}x{}", path, frame->width, frame->height));
    const int64_t ts = frame->best_effort_timestamp;
    double t;
    if (ts == AV_NOPTS_VALUE) {
      t = previous_time < 0 ? 0.0 : previous_time + fallback_step;
    } else {
      if (!have_first) {
        first_ts = ts;
        have_first = true;
        info.first_time_s = ts * time_base;
      }
      t = static_cast<double>(ts - first_ts) * time_base;
    }
    if (t > options.max_duration_s)
      throw InputError(fmt::format("{}: decodes to more than the {:.1f} h limit", path, options.max_duration_s / 3600.0));
    previous_time = t;
    scaler.reset(sws_getCachedContext(scaler.release(), frame->width, frame->height,
                                      static_cast<AVPixelFormat>(frame->format), options.width, options.height,
                                      AV_PIX_FMT_GRAY8, SWS_AREA, nullptr, nullptr, nullptr));
    if (!scaler) throw InputError(fmt::format("{}: cannot scale pictures of pixel format {}", path, frame->format));
    uint8_t* planes[4] = {current.picture.pixels.data(), nullptr, nullptr, nullptr};
    const int strides[4] = {options.width, 0, 0, 0};
    sws_scale(scaler.get(), frame->data, frame->linesize, 0, frame->height, planes, strides);

    auto blocks = block_means(current.picture);
    const double score = previous_blocks.empty() ? 0.0 : mean_absolute_difference(blocks, previous_blocks);
    previous_blocks = std::move(blocks);
    if (on_every_frame) on_every_frame({t, score});

    const bool regular = t + 1e-6 >= static_cast<double>(next_regular) * options.interval_s;
    const bool scene = options.scene_changes && score >= options.scene_threshold;
    if (regular) next_regular = static_cast<int64_t>(std::floor(t / options.interval_s + 1e-6)) + 1;
    if (regular || scene) {
      current.time_s = t;
      current.frame_number = info.frames_decoded;
      current.scene_change = scene;
      current.scene_score = score;
      if (on_sample) on_sample(current);
      ++info.frames_sampled;
    }
    ++info.frames_decoded;
    info.last_time_s = std::max(info.last_time_s, t);
  };

  const media::StreamDecodeEnd end =
      media::decode_stream(fmt_ctx.get(), dec.get(), index, consume_frame, on_progress, declared);
  const int decode_errors = end.decode_errors;
  if (on_progress) on_progress(1.0);
  info.decode_errors = decode_errors;

  if (info.frames_decoded == 0)
    throw InputError(fmt::format("{}: no video frame could be decoded{}", path,
                                 decode_errors ? fmt::format(" ({} decoder errors)", decode_errors) : ""));
  const double decoded = info.last_time_s + fallback_step;
  const bool declared_from_header = fmt_ctx->duration_estimation_method != AVFMT_DURATION_FROM_BITRATE;
  if (!options.allow_truncated && declared > 0 && declared_from_header &&
      declared - decoded > std::max(2.0, 0.05 * declared))
    throw InputError(fmt::format("{}: truncated or damaged: video frames stop at {:.2f} s of the {:.2f} s the "
                                 "container declares",
                                 path, decoded, declared));
  if (end.read_rc != AVERROR_EOF && !options.allow_truncated)
    throw InputError(fmt::format("{}: read error after {:.2f} s of video ({})", path, decoded,
                                 media::av_error_text(end.read_rc)));
  return info;
}

}  // namespace prov::video
