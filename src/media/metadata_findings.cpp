#include "media/metadata_findings.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <optional>

namespace prov::media {
namespace {

std::optional<std::time_t> parse_iso8601_utc(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) < 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

Finding metadata(std::string detector, double strength, std::string summary, nlohmann::json evidence) {
  Finding f;
  f.kind = "metadata";
  f.detector = "metadata." + detector;
  f.strength = strength;
  f.summary = std::move(summary);
  f.method = "container probe (FFmpeg libavformat) compared with the full decode";
  f.evidence = std::move(evidence);
  return f;
}

bool container_expects_creation_time(const std::string& format) {
  return format.find("mp4") != std::string::npos || format.find("mov") != std::string::npos;
}

}  // namespace

Findings metadata_findings(const ContainerFacts& facts, const DecodeOutcome& decoded,
                           std::chrono::system_clock::time_point analysis_time) {
  Findings out;
  // The audio's own declared length; the container's covers the longest
  // stream, so it stands for the audio only when nothing else could set it.
  int audio_or_video = 0;
  double audio_declared = -1;
  for (const auto& s : facts.streams) {
    if (s.type == "audio" && audio_declared < 0) audio_declared = s.duration_s;
    if (s.type == "audio" || (s.type == "video" && !s.attached_picture)) ++audio_or_video;
  }
  const double declared = audio_declared > 0 ? audio_declared : audio_or_video <= 1 ? facts.duration_s : -1.0;
  if (declared > 0) {
    const double gap = declared - decoded.decoded_duration_s;
    const double tolerance = std::max(0.5, 0.01 * declared);
    if (std::abs(gap) > tolerance) {
      Finding f = metadata("duration_mismatch", facts.duration_estimated_from_bitrate ? 0.3 : 0.8,
                           fmt::format("container declares {:.2f} s but {:.2f} s of audio decode ({:+.2f} s)", declared,
                                       decoded.decoded_duration_s, -gap),
                           {{"declared_s", declared},
                            {"decoded_s", decoded.decoded_duration_s},
                            {"difference_s", -gap},
                            {"declared_from_bitrate_estimate", facts.duration_estimated_from_bitrate}});
      f.parameters = {{"tolerance_s", tolerance}};
      f.start_s = std::min(declared, decoded.decoded_duration_s);
      f.end_s = std::max(declared, decoded.decoded_duration_s);
      out.push_back(std::move(f));
    }
  } else {
    out.push_back(metadata("no_declared_duration", 0.2,
                           audio_or_video > 1 ? "the audio stream declares no duration of its own"
                                              : "container declares no duration",
                           {{"decoded_s", decoded.decoded_duration_s}}));
  }

  // A WAV data chunk that claims more (or less) than the file holds: FFmpeg
  // reads what is there and reports that length, so the claim is read here.
  if (facts.wav_data) {
    const auto& w = *facts.wav_data;
    const double gap = w.declared_s - decoded.decoded_duration_s;
    const double tolerance = std::max(0.5, 0.01 * w.declared_s);
    if (std::abs(gap) > tolerance) {
      Finding f = metadata("declared_length_mismatch", 0.8,
                           fmt::format("WAV header declares {:.2f} s of audio ({:.2f} h, a data chunk of {} bytes) but "
                                       "the file holds {:.2f} s ({} bytes); {:.2f} s decode",
                                       w.declared_s, w.declared_s / 3600.0, w.declared_bytes, w.present_s,
                                       w.present_bytes, decoded.decoded_duration_s),
                           {{"declared_s", w.declared_s},
                            {"present_s", w.present_s},
                            {"decoded_s", decoded.decoded_duration_s},
                            {"declared_bytes", w.declared_bytes},
                            {"present_bytes", w.present_bytes}});
      f.method = "RIFF/WAVE data chunk size read from the header, compared with the bytes present and the full decode";
      f.parameters = {{"tolerance_s", tolerance}};
      f.start_s = std::min(w.declared_s, decoded.decoded_duration_s);
      f.end_s = std::max(w.declared_s, decoded.decoded_duration_s);
      out.push_back(std::move(f));
    }
  }

  if (decoded.decode_errors > 0) {
    out.push_back(metadata("decode_errors", 0.6,
                           fmt::format("{} packet(s) could not be decoded: damaged or altered data", decoded.decode_errors),
                           {{"decode_errors", decoded.decode_errors}}));
  }

  if (facts.encoder && facts.encoder->rfind("Lavf", 0) == 0) {
    out.push_back(metadata("rewritten_by_ffmpeg", 0.5,
                           fmt::format("encoder tag '{}': the file was written (remuxed or re-encoded) by FFmpeg, "
                                       "not by the original recording device",
                                       *facts.encoder),
                           {{"encoder", *facts.encoder}}));
  } else if (facts.encoder) {
    out.push_back(metadata("encoder", 0.1, fmt::format("encoder tag '{}'", *facts.encoder), {{"encoder", *facts.encoder}}));
  }

  if (facts.creation_time) {
    const auto parsed = parse_iso8601_utc(*facts.creation_time);
    const std::time_t now = std::chrono::system_clock::to_time_t(analysis_time);
    if (!parsed) {
      out.push_back(metadata("creation_time_unparsable", 0.5,
                             fmt::format("creation time tag '{}' is not a valid date", *facts.creation_time),
                             {{"creation_time", *facts.creation_time}}));
    } else if (*parsed <= 86400 || *parsed < -2082844800 + 86400) {
      out.push_back(metadata("creation_time_zeroed", 0.5,
                             fmt::format("creation time '{}' is an epoch default: the writer cleared or never set it",
                                         *facts.creation_time),
                             {{"creation_time", *facts.creation_time}}));
    } else if (*parsed > now + 86400) {
      out.push_back(metadata("creation_time_future", 0.8,
                             fmt::format("creation time '{}' lies after the time of analysis", *facts.creation_time),
                             {{"creation_time", *facts.creation_time}}));
    } else {
      Finding f = metadata("creation_time", 0.3,
                           fmt::format("container creation time {} (set by the writing software; trivially edited)",
                                       *facts.creation_time),
                           {{"creation_time", *facts.creation_time}, {"unix_time", *parsed}});
      f.kind = "metadata";
      out.push_back(std::move(f));
    }
  } else if (container_expects_creation_time(facts.format)) {
    out.push_back(metadata("creation_time_missing", 0.3,
                           "MP4/MOV container without a creation time: stripped or written by a tool that omits it",
                           {{"format", facts.format}}));
  }

  int audio_streams = 0;
  double audio_duration = -1, video_duration = -1;
  for (const auto& s : facts.streams) {
    if (s.type == "audio") {
      ++audio_streams;
      if (audio_duration < 0) audio_duration = s.duration_s;
    } else if (s.type == "video" && !s.attached_picture && video_duration < 0) {
      video_duration = s.duration_s;
    }
    if (s.type == "audio" && s.start_time_s < -0.5) {
      out.push_back(metadata("negative_start", 0.4,
                             fmt::format("audio stream {} starts at {:.3f} s (edit list or trimmed start)", s.index,
                                         s.start_time_s),
                             {{"stream", s.index}, {"start_time_s", s.start_time_s}}));
    }
  }
  if (audio_streams > 1) {
    out.push_back(metadata("several_audio_streams", 0.3,
                           fmt::format("{} audio streams; only the first is analysed", audio_streams),
                           {{"audio_streams", audio_streams}}));
  }
  if (audio_duration > 0 && video_duration > 0 && std::abs(audio_duration - video_duration) > 1.0) {
    out.push_back(metadata("audio_video_length_differ", 0.5,
                           fmt::format("audio lasts {:.2f} s but video {:.2f} s", audio_duration, video_duration),
                           {{"audio_s", audio_duration}, {"video_s", video_duration}}));
  }
  return out;
}

}  // namespace prov::media
