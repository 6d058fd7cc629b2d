#include "voice/embedding_model.h"

#include <fmt/format.h>

#include <fstream>
#include <map>

#include "core/error.h"

namespace prov::voice {
namespace {

constexpr const char* kKind = "provenance-speaker-embedding-calibration";

}  // namespace

double EmbeddingModel::score(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const {
  const Eigen::VectorXd x = a - mean, y = b - mean;
  const double norms = x.norm() * y.norm();
  return norms > 0 ? x.dot(y) / norms : 0.0;
}

FeatureParams embedding_features(int mel_bins) {
  FeatureParams f;
  f.log_mel_bins = mel_bins;
  return f;
}

Eigen::VectorXd embed_speech(const EmbeddingNetwork& network, FeatureMatrix frames) {
  normalise_mean(frames);
  return network.embed(frames);
}

std::vector<ScoredTrial> embedding_pairs(const EmbeddingNetwork& network, const EmbeddingModel& model,
                                         const std::vector<LabelledSpeech>& speech, double segment_s) {
  std::map<std::string, std::vector<const LabelledSpeech*>> groups;
  for (const auto& s : speech) groups[s.speaker].push_back(&s);
  std::vector<Eigen::VectorXd> embeddings;
  std::vector<const std::string*> labels;
  const auto n = static_cast<Eigen::Index>(segment_s / kFrameStepS);
  for (const auto& [speaker, recs] : groups) {
    Eigen::Index rows = 0;
    for (const auto* r : recs) rows += r->frames.rows();
    FeatureMatrix all(rows, recs.front()->frames.cols());
    Eigen::Index at = 0;
    for (const auto* r : recs) {
      all.middleRows(at, r->frames.rows()) = r->frames;
      at += r->frames.rows();
    }
    for (Eigen::Index start = 0; start + n <= rows; start += n) {
      embeddings.push_back(embed_speech(network, all.middleRows(start, n)));
      labels.push_back(&speaker);
    }
  }
  std::vector<ScoredTrial> trials;
  for (std::size_t i = 0; i < embeddings.size(); ++i)
    for (std::size_t j = i + 1; j < embeddings.size(); ++j)
      trials.push_back({model.score(embeddings[i], embeddings[j]), segment_s, *labels[i] == *labels[j]});
  return trials;
}

EmbeddingModel train_embedding_model(const EmbeddingNetwork& network, const std::string& network_sha256,
                                     const std::vector<LabelledSpeech>& training,
                                     const std::vector<LabelledSpeech>& calibration, int mel_bins) {
  EmbeddingModel m;
  m.network_sha256 = network_sha256;
  m.mel_bins = mel_bins;
  std::size_t count = 0;
  for (const auto& s : training) {
    const Eigen::VectorXd e = embed_speech(network, s.frames);
    if (m.mean.size() == 0) m.mean = Eigen::VectorXd::Zero(e.size());
    m.mean += e;
    ++count;
  }
  if (count == 0) throw std::invalid_argument("no training speech for the embedding mean");
  m.mean /= static_cast<double>(count);
  std::vector<ScoredTrial> trials;
  for (double seconds : {3.0, 10.0, 20.0}) {
    const auto t = embedding_pairs(network, m, calibration, seconds);
    trials.insert(trials.end(), t.begin(), t.end());
  }
  m.calibration = fit_calibration(trials);
  std::size_t same = 0;
  std::map<std::string, int> speakers;
  for (const auto& t : trials) same += t.same_speaker;
  for (const auto& s : calibration) ++speakers[s.speaker];
  nlohmann::json names = nlohmann::json::array();
  for (const auto& [s, n] : speakers) names.push_back(s);
  m.description["calibrated_on"] = {{"speakers", names},
                                    {"segment_seconds", {3.0, 10.0, 20.0}},
                                    {"same_speaker_trials", same},
                                    {"different_speaker_trials", trials.size() - same}};
  return m;
}

void save_embedding_model(const EmbeddingModel& m, const std::string& path) {
  const auto& c = m.calibration;
  const nlohmann::json j = {{"kind", kKind},
                            {"network_sha256", m.network_sha256},
                            {"network_name", m.network_name},
                            {"mel_bins", m.mel_bins},
                            {"mean", std::vector<double>(m.mean.data(), m.mean.data() + m.mean.size())},
                            {"calibration",
                             {{"offset", c.offset}, {"scale", c.scale}, {"duration_slope", c.duration_slope},
                              {"min_duration_s", c.min_duration_s}, {"max_duration_s", c.max_duration_s}}},
                            {"description", m.description}};
  std::ofstream out(path, std::ios::trunc);
  out << j.dump(1) << "\n";
  if (!out) throw InputError(fmt::format("{}: cannot write the embedding calibration", path));
}

bool is_embedding_model_file(const std::string& path) {
  std::ifstream in(path);
  char first = 0;
  return in.get(first) && first == '{';
}

EmbeddingModel load_embedding_model(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(fmt::format("{}: cannot open the embedding calibration", path));
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("kind", "") != kKind)
    throw InputError(fmt::format("{}: not a Provenance embedding calibration", path));
  EmbeddingModel m;
  try {
    m.network_sha256 = j.at("network_sha256");
    m.network_name = j.value("network_name", "");
    m.mel_bins = j.at("mel_bins");
    const auto mean = j.at("mean").get<std::vector<double>>();
    m.mean = Eigen::Map<const Eigen::VectorXd>(mean.data(), static_cast<Eigen::Index>(mean.size()));
    const auto& c = j.at("calibration");
    m.calibration = {c.at("offset"), c.at("scale"), c.at("duration_slope"), c.at("min_duration_s"),
                     c.at("max_duration_s")};
    m.description = j.value("description", nlohmann::json::object());
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: embedding calibration is incomplete ({})", path, e.what()));
  }
  if (m.mel_bins < 8 || m.mel_bins > 256 || m.mean.size() == 0)
    throw InputError(fmt::format("{}: embedding calibration has impossible settings", path));
  return m;
}

}  // namespace prov::voice
