#pragma once
#include <nlohmann/json.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "media/wav_header.h"

namespace prov::media {

struct StreamFacts {
  int index = 0;
  std::string type;  // audio, video, subtitle, data, attachment
  std::string codec;
  std::string codec_long;
  std::string profile;
  int64_t bit_rate = 0;
  int sample_rate = 0;
  int channels = 0;
  std::string channel_layout;
  std::string sample_format;
  int width = 0, height = 0;
  double frame_rate = 0.0;
  bool attached_picture = false;  // cover art stored as a one-frame video stream
  double duration_s = -1.0;  // -1 = not declared
  double start_time_s = 0.0;
  nlohmann::json tags = nlohmann::json::object();
};

struct ContainerFacts {
  std::string format;       // short name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
  std::string format_long;
  double duration_s = -1.0; // declared by the container; -1 = not declared
  bool duration_estimated_from_bitrate = false;  // no length in the header: guessed from size
  double start_time_s = 0.0;
  int64_t bit_rate = 0;
  int64_t size_bytes = 0;
  nlohmann::json tags = nlohmann::json::object();
  std::vector<StreamFacts> streams;
  std::optional<std::string> creation_time;  // ISO 8601 as tagged
  std::optional<std::string> encoder;        // e.g. "Lavf59.27.100"
  std::optional<WavDataClaim> wav_data;      // WAV only: the length its data chunk claims
};

// Opens the container and reads its header and stream parameters; decodes nothing.
// Throws InputError when FFmpeg cannot read it.
ContainerFacts probe_container(const std::string& path);

nlohmann::json to_json(const ContainerFacts& facts);



}  // namespace prov::media
