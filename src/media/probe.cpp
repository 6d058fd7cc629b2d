#include "media/probe.h"

#include <fmt/format.h>

#include <filesystem>

#include "core/error.h"
#include "core/terminal_text.h"
#include "media/ffmpeg_util.h"

namespace prov::media {
namespace {

nlohmann::json dictionary_to_json(const AVDictionary* dict) {
  nlohmann::json out = nlohmann::json::object();
  const AVDictionaryEntry* entry = nullptr;
  while ((entry = av_dict_get(dict, "", entry, AV_DICT_IGNORE_SUFFIX))) {
    // Tags are attacker-controlled: valid UTF-8 for JSON, U+FFFD for bad bytes.
    const std::string key = utf8_or_replacement(entry->key), value = utf8_or_replacement(entry->value);
    out[key] = value;
  }
  return out;
}

std::string media_type_name(AVMediaType type) {
  const char* name = av_get_media_type_string(type);
  return name ? name : "unknown";
}

std::optional<std::string> tag(const nlohmann::json& tags, const char* key) {
  for (auto it = tags.begin(); it != tags.end(); ++it) {
    std::string k = it.key();
    for (auto& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (k == key) return it.value().get<std::string>();
  }
  return std::nullopt;
}

}  // namespace

ContainerFacts probe_container(const std::string& path) {
  auto ctx = open_container(path);
  ContainerFacts facts;
  facts.format = ctx->iformat->name ? ctx->iformat->name : "";
  facts.format_long = ctx->iformat->long_name ? ctx->iformat->long_name : "";
  if (ctx->duration != AV_NOPTS_VALUE && ctx->duration > 0) facts.duration_s = ctx->duration / double(AV_TIME_BASE);
  if (ctx->start_time != AV_NOPTS_VALUE) facts.start_time_s = ctx->start_time / double(AV_TIME_BASE);
  facts.duration_estimated_from_bitrate = ctx->duration_estimation_method == AVFMT_DURATION_FROM_BITRATE;
  facts.bit_rate = ctx->bit_rate;
  std::error_code ec;
  facts.size_bytes = static_cast<int64_t>(std::filesystem::file_size(path, ec));
  facts.tags = dictionary_to_json(ctx->metadata);
  facts.creation_time = tag(facts.tags, "creation_time");
  facts.encoder = tag(facts.tags, "encoder");
  if (facts.format == "wav") facts.wav_data = read_wav_data_claim(path);

  for (unsigned i = 0; i < ctx->nb_streams; ++i) {
    const AVStream* st = ctx->streams[i];
    const AVCodecParameters* par = st->codecpar;
    StreamFacts s;
    s.index = static_cast<int>(i);
    s.type = media_type_name(par->codec_type);
    s.codec = avcodec_get_name(par->codec_id);
    if (const AVCodecDescriptor* desc = avcodec_descriptor_get(par->codec_id); desc && desc->long_name) {
      s.codec_long = desc->long_name;
    }
    if (const char* profile = avcodec_profile_name(par->codec_id, par->profile)) s.profile = profile;
    s.bit_rate = par->bit_rate;
    if (par->codec_type == AVMEDIA_TYPE_AUDIO) {
      s.sample_rate = par->sample_rate;
      s.channels = par->ch_layout.nb_channels;
      s.channel_layout = channel_layout_name(par->ch_layout);
      if (const char* f = av_get_sample_fmt_name(static_cast<AVSampleFormat>(par->format))) s.sample_format = f;
    } else if (par->codec_type == AVMEDIA_TYPE_VIDEO) {
      s.width = par->width;
      s.height = par->height;
      if (st->avg_frame_rate.den > 0) s.frame_rate = av_q2d(st->avg_frame_rate);
      s.attached_picture = (st->disposition & AV_DISPOSITION_ATTACHED_PIC) != 0;
    }
    s.duration_s = stream_declared_duration_s(st);
    if (st->start_time != AV_NOPTS_VALUE) s.start_time_s = st->start_time * av_q2d(st->time_base);
    s.tags = dictionary_to_json(st->metadata);
    if (!facts.creation_time) facts.creation_time = tag(s.tags, "creation_time");
    if (!facts.encoder) facts.encoder = tag(s.tags, "encoder");
    facts.streams.push_back(std::move(s));
  }
  return facts;
}

nlohmann::json to_json(const ContainerFacts& f) {
  nlohmann::json streams = nlohmann::json::array();
  for (const auto& s : f.streams) {
    nlohmann::json j = {{"index", s.index}, {"type", s.type}, {"codec", s.codec}, {"codec_long", s.codec_long},
                        {"bit_rate", s.bit_rate}, {"start_time_s", s.start_time_s}, {"tags", s.tags}};
    if (!s.profile.empty()) j["profile"] = s.profile;
    if (s.duration_s >= 0) j["duration_s"] = s.duration_s;
    if (s.type == "audio") {
      j["sample_rate"] = s.sample_rate;
      j["channels"] = s.channels;
      j["channel_layout"] = s.channel_layout;
      j["sample_format"] = s.sample_format;
    } else if (s.type == "video") {
      j["width"] = s.width;
      j["height"] = s.height;
      j["frame_rate"] = s.frame_rate;
      if (s.attached_picture) j["attached_picture"] = true;
    }
    streams.push_back(std::move(j));
  }
  nlohmann::json out = {{"format", f.format},
                        {"format_long", f.format_long},
                        {"start_time_s", f.start_time_s},
                        {"bit_rate", f.bit_rate},
                        {"size_bytes", f.size_bytes},
                        {"tags", f.tags},
                        {"streams", streams},
                        {"duration_estimated_from_bitrate", f.duration_estimated_from_bitrate}};
  out["duration_s"] = f.duration_s >= 0 ? nlohmann::json(f.duration_s) : nlohmann::json();
  out["creation_time"] = f.creation_time ? nlohmann::json(*f.creation_time) : nlohmann::json();
  out["encoder"] = f.encoder ? nlohmann::json(*f.encoder) : nlohmann::json();
  if (f.wav_data) {
    out["wav_data_claim"] = {{"declared_s", f.wav_data->declared_s},
                             {"present_s", f.wav_data->present_s},
                             {"declared_bytes", f.wav_data->declared_bytes},
                             {"present_bytes", f.wav_data->present_bytes}};
  }
  return out;
}

}  // namespace prov::media
