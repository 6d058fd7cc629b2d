#include "voice/model_file.h"

#include <fmt/format.h>

#include <bit>
#include <cstdint>
#include <fstream>
#include <vector>

#include "core/error.h"

namespace prov::voice {
namespace {

static_assert(std::endian::native == std::endian::little, "model files are little-endian");
constexpr char kMagic[] = "PROVENANCE-SPEAKER-MODEL 1\n";

struct ArrayWriter {
  nlohmann::json shapes = nlohmann::json::array();
  std::vector<float> data;
  void add(const std::string& name, const Eigen::MatrixXd& m) {
    shapes.push_back({{"name", name}, {"rows", m.rows()}, {"cols", m.cols()}});
    for (Eigen::Index r = 0; r < m.rows(); ++r)
      for (Eigen::Index c = 0; c < m.cols(); ++c) data.push_back(static_cast<float>(m(r, c)));
  }
};

struct ArrayReader {
  const nlohmann::json& shapes;
  const std::vector<float>& data;
  const std::string& path;
  std::size_t index = 0, offset = 0;
  Eigen::MatrixXd next(const std::string& name) {
    if (index >= shapes.size() || shapes[index].value("name", "") != name)
      throw InputError(fmt::format("{}: speaker model lacks the array '{}'", path, name));
    const auto rows = shapes[index]["rows"].get<Eigen::Index>(), cols = shapes[index]["cols"].get<Eigen::Index>();
    ++index;
    if (rows < 0 || cols < 0 || offset + static_cast<std::size_t>(rows * cols) > data.size())
      throw InputError(fmt::format("{}: speaker model is truncated", path));
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index r = 0; r < rows; ++r)
      for (Eigen::Index c = 0; c < cols; ++c) m(r, c) = data[offset++];
    return m;
  }
};

nlohmann::json feature_json(const FeatureParams& f) {
  const auto& a = f.activity;
  const auto& m = f.mfcc;
  return {{"activity",
           {{"floor_quantile", a.floor_quantile}, {"min_rise_db", a.min_rise_db},
            {"absolute_floor_dbfs", a.absolute_floor_dbfs}, {"min_voicing", a.min_voicing},
            {"max_flatness", a.max_flatness}, {"min_voiced_share", a.min_voiced_share},
            {"min_stretch_s", a.min_stretch_s}, {"bridge_s", a.bridge_s}, {"hangover_s", a.hangover_s}}},
          {"mfcc",
           {{"fft_size", m.fft_size}, {"mel_filters", m.mel_filters}, {"low_hz", m.low_hz}, {"high_hz", m.high_hz},
            {"cepstra", m.cepstra}, {"preemphasis", m.preemphasis}, {"delta_reach", m.delta_reach}}}};
}

FeatureParams features_from(const nlohmann::json& j) {
  FeatureParams f;
  const auto& a = j.at("activity");
  f.activity.floor_quantile = a.at("floor_quantile");
  f.activity.min_rise_db = a.at("min_rise_db");
  f.activity.absolute_floor_dbfs = a.at("absolute_floor_dbfs");
  f.activity.min_voicing = a.at("min_voicing");
  f.activity.max_flatness = a.at("max_flatness");
  f.activity.min_voiced_share = a.at("min_voiced_share");
  f.activity.min_stretch_s = a.at("min_stretch_s");
  f.activity.bridge_s = a.at("bridge_s");
  f.activity.hangover_s = a.at("hangover_s");
  const auto& m = j.at("mfcc");
  f.mfcc.fft_size = m.at("fft_size");
  f.mfcc.mel_filters = m.at("mel_filters");
  f.mfcc.low_hz = m.at("low_hz");
  f.mfcc.high_hz = m.at("high_hz");
  f.mfcc.cepstra = m.at("cepstra");
  f.mfcc.preemphasis = m.at("preemphasis");
  f.mfcc.delta_reach = m.at("delta_reach");
  return f;
}

}  // namespace

void save_speaker_model(const SpeakerModel& model, const std::string& path) {
  ArrayWriter arrays;
  arrays.add("ubm.weights", model.ubm.weights);
  arrays.add("ubm.means", model.ubm.means);
  arrays.add("ubm.variances", model.ubm.variances);
  arrays.add("tv.matrix", model.total_variability.matrix);
  arrays.add("backend.mean", model.backend.mean);
  arrays.add("backend.whitening", model.backend.whitening);
  arrays.add("backend.lda", model.backend.lda);
  arrays.add("backend.lda_mean", model.backend.lda_mean);
  arrays.add("plda.between", model.backend.plda.between);
  arrays.add("plda.within", model.backend.plda.within);
  const auto& c = model.calibration;
  nlohmann::json header = {
      {"description", model.description},
      {"features", feature_json(model.features)},
      {"calibrated", model.calibrated},
      {"calibration",
       {{"offset", c.offset}, {"scale", c.scale}, {"duration_slope", c.duration_slope},
        {"min_duration_s", c.min_duration_s}, {"max_duration_s", c.max_duration_s}}},
      {"arrays", arrays.shapes}};
  const std::string text = header.dump(1);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw InputError(fmt::format("{}: cannot write the speaker model", path));
  out << kMagic;
  const uint64_t length = text.size();
  out.write(reinterpret_cast<const char*>(&length), sizeof length);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.write(reinterpret_cast<const char*>(arrays.data.data()),
            static_cast<std::streamsize>(arrays.data.size() * sizeof(float)));
  if (!out) throw InputError(fmt::format("{}: writing the speaker model failed", path));
}

SpeakerModel load_speaker_model(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open the speaker model", path));
  std::string magic(sizeof kMagic - 1, '\0');
  in.read(magic.data(), static_cast<std::streamsize>(magic.size()));
  if (!in || magic != kMagic) throw InputError(fmt::format("{}: not a Provenance speaker model", path));
  uint64_t length = 0;
  in.read(reinterpret_cast<char*>(&length), sizeof length);
  if (!in || length > (64u << 20)) throw InputError(fmt::format("{}: speaker model header is damaged", path));
  std::string text(length, '\0');
  in.read(text.data(), static_cast<std::streamsize>(length));
  const auto header = nlohmann::json::parse(text, nullptr, false);
  if (!in || header.is_discarded() || !header.contains("arrays"))
    throw InputError(fmt::format("{}: speaker model header is damaged", path));
  std::vector<float> data;
  float value = 0;
  while (in.read(reinterpret_cast<char*>(&value), sizeof value)) data.push_back(value);

  SpeakerModel m;
  try {
    m.description = header.at("description");
    m.features = features_from(header.at("features"));
    m.calibrated = header.at("calibrated");
    const auto& c = header.at("calibration");
    m.calibration = {c.at("offset"), c.at("scale"), c.at("duration_slope"), c.at("min_duration_s"),
                     c.at("max_duration_s")};
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: speaker model header is incomplete ({})", path, e.what()));
  }
  ArrayReader r{header["arrays"], data, path};
  m.ubm.weights = r.next("ubm.weights");
  m.ubm.means = r.next("ubm.means");
  m.ubm.variances = r.next("ubm.variances");
  m.total_variability.matrix = r.next("tv.matrix");
  m.backend.mean = r.next("backend.mean");
  m.backend.whitening = r.next("backend.whitening");
  m.backend.lda = r.next("backend.lda");
  m.backend.lda_mean = r.next("backend.lda_mean");
  m.backend.plda.between = r.next("plda.between");
  m.backend.plda.within = r.next("plda.within");
  const auto c = m.ubm.components(), d = m.ubm.dimension();
  if (c == 0 || m.ubm.variances.rows() != c || m.ubm.variances.cols() != d || m.total_variability.matrix.rows() != c * d ||
      m.backend.whitening.rows() != m.total_variability.rank() || m.backend.lda.rows() != m.total_variability.rank() ||
      m.backend.plda.between.rows() != m.backend.lda.cols() || d != 3 * m.features.mfcc.cepstra)
    throw InputError(fmt::format("{}: speaker model arrays do not fit together", path));
  m.total_variability.refresh_grams(c);
  m.backend.plda.prepare();
  return m;
}

}  // namespace prov::voice
