#include "media/decode.h"

extern "C" {
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/error.h"
#include "media/ffmpeg_util.h"

namespace prov::media {
namespace {

constexpr int kMaxSampleRate = 768000;
constexpr int kMaxChannels = 64;

struct SwrFree {
  void operator()(SwrContext* s) const { swr_free(&s); }
};

// Converts whatever the decoder gives to mono float at the same rate.
// The mono mix keeps unity gain per channel (average), so full scale stays 1.0.
class MonoMixer {
 public:
  MonoMixer(const AVChannelLayout& layout, AVSampleFormat format, int rate) {
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    AVChannelLayout input{};
    if (av_channel_layout_copy(&input, &layout) < 0) throw InputError("cannot read the channel layout");
    if (input.order == AV_CHANNEL_ORDER_UNSPEC) {
      const int channels = input.nb_channels;
      av_channel_layout_uninit(&input);
      av_channel_layout_default(&input, channels);
    }
    SwrContext* raw = nullptr;
    const int rc = swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_FLT, rate, &input, format, rate, 0, nullptr);
    av_channel_layout_uninit(&input);
    if (rc < 0 ||
        swr_init(raw) < 0) {
      swr_free(&raw);
      throw InputError("cannot set up the mono down-mix");
    }
    swr_.reset(raw);
  }
  const std::vector<float>& convert(const AVFrame* frame) {
    out_.resize(static_cast<std::size_t>(frame->nb_samples) + 64);
    uint8_t* out_planes[1] = {reinterpret_cast<uint8_t*>(out_.data())};
    int n = swr_convert(swr_.get(), out_planes, static_cast<int>(out_.size()),
                        const_cast<const uint8_t**>(frame->extended_data), frame->nb_samples);
    out_.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return out_;
  }

 private:
  std::unique_ptr<SwrContext, SwrFree> swr_;
  std::vector<float> out_;
};

// Mono float resampler with a flush at the end.
class MonoResampler {
 public:
  MonoResampler(int in_rate, int out_rate) : ratio_(static_cast<double>(out_rate) / in_rate) {
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    SwrContext* raw = nullptr;
    if (swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_FLT, out_rate, &mono, AV_SAMPLE_FMT_FLT, in_rate, 0,
                            nullptr) < 0) {
      throw InputError("cannot set up resampling");
    }
    av_opt_set_int(raw, "filter_size", 32, 0);
    if (swr_init(raw) < 0) {
      swr_free(&raw);
      throw InputError("cannot set up resampling");
    }
    swr_.reset(raw);
  }
  void push(const float* in, std::size_t n, std::vector<float>& out) {
    const std::size_t capacity = static_cast<std::size_t>(std::ceil(n * ratio_)) + 256;
    const std::size_t old = out.size();
    out.resize(old + capacity);
    uint8_t* out_planes[1] = {reinterpret_cast<uint8_t*>(out.data() + old)};
    const uint8_t* in_planes[1] = {reinterpret_cast<const uint8_t*>(in)};
    int got = swr_convert(swr_.get(), out_planes, static_cast<int>(capacity), in ? in_planes : nullptr,
                          static_cast<int>(n));
    out.resize(old + (got > 0 ? static_cast<std::size_t>(got) : 0));
  }
  void flush(std::vector<float>& out) { push(nullptr, 0, out); }

 private:
  double ratio_;
  std::unique_ptr<SwrContext, SwrFree> swr_;
};

}  // namespace

DecodedAudio decode_audio(const std::string& path, const DecodeOptions& options, const NativeBlockSink& on_native,
                          const ProgressSink& on_progress, const AnalysisBlockSink& on_analysis) {
  auto fmt_ctx = open_container(path);
  int index = options.stream_index;
  if (index < 0) index = av_find_best_stream(fmt_ctx.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  if (index < 0 || index >= static_cast<int>(fmt_ctx->nb_streams) ||
      fmt_ctx->streams[index]->codecpar->codec_type != AVMEDIA_TYPE_AUDIO) {
    throw InputError(fmt::format("{}: contains no audio stream", path));
  }
  AVStream* stream = fmt_ctx->streams[index];
  const AVCodecParameters* par = stream->codecpar;
  if (par->sample_rate <= 0 || par->sample_rate > kMaxSampleRate) {
    throw InputError(fmt::format("{}: absurd sample rate {} Hz in the header", path, par->sample_rate));
  }
  if (par->ch_layout.nb_channels <= 0 || par->ch_layout.nb_channels > kMaxChannels) {
    throw InputError(fmt::format("{}: absurd channel count {} in the header", path, par->ch_layout.nb_channels));
  }
  // `declared` is this stream's length (for truncation and progress);
  // the bomb limit also applies to a longer container length.
  const double declared = declared_duration_for_stream_s(fmt_ctx.get(), stream);
  check_declared_length(path, fmt_ctx.get(), declared, options.max_duration_s);

  const AVCodec* codec = avcodec_find_decoder(par->codec_id);
  if (!codec) throw InputError(fmt::format("{}: no decoder for codec '{}'", path, avcodec_get_name(par->codec_id)));
  CodecContextPtr dec(avcodec_alloc_context3(codec));
  if (!dec || avcodec_parameters_to_context(dec.get(), par) < 0 || avcodec_open2(dec.get(), codec, nullptr) < 0) {
    throw InputError(fmt::format("{}: cannot open the {} decoder", path, codec->name));
  }

  DecodedAudio result;
  result.native_rate = par->sample_rate;
  result.channels = par->ch_layout.nb_channels;
  result.channel_layout = channel_layout_name(par->ch_layout);
  result.codec = codec->name;
  const int target_rate = options.analysis_rate > 0 ? options.analysis_rate : par->sample_rate;
  result.analysis.sample_rate = target_rate;
  // Reserve only what the file can hold: a header may claim hours it lacks.
  if (declared > 0 && options.keep_analysis) {
    const double bounded = std::min(declared, options.max_duration_s);
    result.analysis.samples.reserve(static_cast<std::size_t>(bounded * target_rate * 1.01) + 1024);
  }
  std::vector<float> block;  // the analysis-rate samples of one decoded frame
  auto deliver = [&]() {
    result.analysis_frames += static_cast<int64_t>(block.size());
    if (on_analysis && !block.empty()) on_analysis(block.data(), block.size());
    if (options.keep_analysis) result.analysis.samples.insert(result.analysis.samples.end(), block.begin(), block.end());
    block.clear();
  };

  std::unique_ptr<MonoMixer> mixer;
  int mixer_rate = 0;
  std::unique_ptr<MonoResampler> resampler;
  const auto max_frames = static_cast<int64_t>(options.max_duration_s * par->sample_rate);

  auto consume_frame = [&](AVFrame* frame) {
    if (!mixer || frame->sample_rate != mixer_rate) {
      if (frame->sample_rate <= 0 || frame->sample_rate > kMaxSampleRate) {
        throw InputError(fmt::format("{}: decoder produced an absurd sample rate {} Hz", path, frame->sample_rate));
      }
      if (mixer && frame->sample_rate != mixer_rate) {
        throw InputError(fmt::format("{}: sample rate changes mid-stream ({} -> {} Hz)", path, mixer_rate,
                                     frame->sample_rate));
      }
      mixer = std::make_unique<MonoMixer>(frame->ch_layout, static_cast<AVSampleFormat>(frame->format),
                                          frame->sample_rate);
      mixer_rate = frame->sample_rate;
      result.native_rate = mixer_rate;
      if (target_rate != mixer_rate) resampler = std::make_unique<MonoResampler>(mixer_rate, target_rate);
    }
    const auto& mono = mixer->convert(frame);
    if (mono.empty()) return;
    result.native_frames += static_cast<int64_t>(mono.size());
    if (result.native_frames > max_frames) {
      throw InputError(fmt::format("{}: decodes to more than the {:.1f} h limit", path, options.max_duration_s / 3600.0));
    }
    if (on_native) on_native(mono.data(), mono.size(), mixer_rate);
    if (resampler) {
      resampler->push(mono.data(), mono.size(), block);
    } else {
      block.assign(mono.begin(), mono.end());
    }
    deliver();
  };

  const StreamDecodeEnd end = decode_stream(fmt_ctx.get(), dec.get(), index, consume_frame, on_progress, declared);
  const int decode_errors = end.decode_errors;
  if (resampler) {
    resampler->flush(block);
    deliver();
  }
  if (on_progress) on_progress(1.0);

  if (result.native_frames == 0) {
    throw InputError(fmt::format("{}: no audio could be decoded{}", path,
                                 decode_errors ? fmt::format(" ({} decoder errors)", decode_errors) : ""));
  }
  const double decoded = result.decoded_duration_s();
  const bool declared_from_header = fmt_ctx->duration_estimation_method != AVFMT_DURATION_FROM_BITRATE;
  if (!options.allow_truncated && declared > 0 && declared_from_header &&
      declared - decoded > std::max(2.0, 0.05 * declared)) {
    throw InputError(fmt::format(
        "{}: truncated or damaged: decoded {:.2f} s of the {:.2f} s the container declares "
        "(--allow-truncated analyses what is there)",
        path, decoded, declared));
  }
  if (end.read_rc != AVERROR_EOF && !options.allow_truncated) {
    throw InputError(fmt::format("{}: read error after {:.2f} s ({})", path, decoded, av_error_text(end.read_rc)));
  }
  result.decode_errors = decode_errors;
  return result;
}

Signal decode_mono(const std::string& path, int rate) {
  DecodeOptions options;
  options.analysis_rate = rate;
  return decode_audio(path, options).analysis;
}

}  // namespace prov::media
