#include "voice/background_training.h"

#include <map>
#include <stdexcept>

#include "core/parallel.h"

namespace prov::voice {
namespace {

std::map<std::string, std::vector<const LabelledSpeech*>> by_speaker(const std::vector<LabelledSpeech>& speech) {
  std::map<std::string, std::vector<const LabelledSpeech*>> groups;
  for (const auto& s : speech) groups[s.speaker].push_back(&s);
  return groups;
}

// Results of work(i) for i in [0, n), in order, on several threads.
template <typename T, typename Work>
std::vector<T> parallel_map(std::size_t n, std::size_t threads, Work&& work) {
  std::vector<T> out(n);
  const std::size_t t = thread_count(threads, n, 1);
  on_threads(t, [&](std::size_t thread) {
    for (std::size_t i = thread; i < n; i += t) out[i] = work(i);
  });
  return out;
}

}  // namespace

std::vector<FeatureMatrix> speaker_segments(const std::vector<const LabelledSpeech*>& recordings, double seconds) {
  Eigen::Index rows = 0;
  for (const auto* r : recordings) rows += r->frames.rows();
  if (recordings.empty() || rows == 0) return {};
  FeatureMatrix all(rows, recordings.front()->frames.cols());
  Eigen::Index at = 0;
  for (const auto* r : recordings) {
    all.middleRows(at, r->frames.rows()) = r->frames;
    at += r->frames.rows();
  }
  return cut_segments(all, static_cast<Eigen::Index>(seconds / 0.010));
}

SpeakerModel train_speaker_model(const std::vector<LabelledSpeech>& training, const BackgroundParams& p) {
  const auto groups = by_speaker(training);
  if (groups.size() < 3) throw std::invalid_argument("training a background model needs at least 3 speakers");
  SpeakerModel model;
  Eigen::Index rows = 0;
  for (const auto& s : training) rows += s.frames.rows();
  FeatureMatrix pooled(rows, training.front().frames.cols());
  Eigen::Index at = 0;
  for (const auto& s : training) {
    pooled.middleRows(at, s.frames.rows()) = normalised(s.frames);
    at += s.frames.rows();
  }
  model.ubm = train_ubm(pooled, p.ubm);

  // Each recording is one sample of the total variability; back-end
  // samples are segments of fixed lengths.
  std::vector<FeatureMatrix> recordings;
  for (const auto& s : training) recordings.push_back(normalised(s.frames));
  const auto stats = parallel_map<BaumWelchStats>(recordings.size(), p.threads,
                                                  [&](std::size_t i) { return model.stats(recordings[i]); });
  model.total_variability = train_total_variability(stats, model.ubm.components(), model.ubm.dimension(),
                                                    p.total_variability);

  std::vector<FeatureMatrix> segments;
  std::vector<std::string> labels;
  for (const auto& [speaker, recs] : groups)
    for (double seconds : p.backend_segment_s)
      for (auto& segment : speaker_segments(recs, seconds)) {
        segments.push_back(std::move(segment));
        labels.push_back(speaker);
      }
  const auto ivectors = parallel_map<Eigen::VectorXd>(segments.size(), p.threads,
                                                      [&](std::size_t i) { return model.ivector(segments[i]); });
  model.backend = train_backend(ivectors, labels, p.backend);

  nlohmann::json speakers = nlohmann::json::array();
  for (const auto& [speaker, recs] : groups) speakers.push_back(speaker);
  model.description["trained_on"] = {{"speakers", speakers},
                                     {"recordings", training.size()},
                                     {"speech_hours", static_cast<double>(rows) * 0.010 / 3600.0}};
  model.description["structure"] = {{"ubm_components", model.ubm.components()},
                                    {"feature_dimension", model.ubm.dimension()},
                                    {"ivector_dimension", model.total_variability.rank()},
                                    {"lda_dimension", model.backend.lda.cols()}};
  return model;
}

std::vector<ScoredTrial> score_all_pairs(const SpeakerModel& model, const std::vector<LabelledSpeech>& speech,
                                         const std::vector<double>& segment_s, std::size_t threads) {
  const auto groups = by_speaker(speech);
  std::vector<ScoredTrial> trials;
  for (double seconds : segment_s) {
    std::vector<FeatureMatrix> segments;
    std::vector<const std::string*> labels;
    for (const auto& [speaker, recs] : groups)
      for (auto& segment : speaker_segments(recs, seconds)) {
        segments.push_back(std::move(segment));
        labels.push_back(&speaker);
      }
    const auto ivectors = parallel_map<Eigen::VectorXd>(segments.size(), threads,
                                                        [&](std::size_t i) { return model.ivector(segments[i]); });
    std::vector<Eigen::VectorXd> projected;
    for (const auto& v : ivectors) projected.push_back(model.backend.project(v));
    for (std::size_t i = 0; i < projected.size(); ++i)
      for (std::size_t j = i + 1; j < projected.size(); ++j)
        trials.push_back({model.backend.plda.score(projected[i], projected[j]), seconds, *labels[i] == *labels[j]});
  }
  return trials;
}

void calibrate(SpeakerModel& model, const std::vector<LabelledSpeech>& calibration_speech, const BackgroundParams& p) {
  const auto trials = score_all_pairs(model, calibration_speech, p.calibration_segment_s, p.threads);
  model.calibration = fit_calibration(trials);
  model.calibrated = true;
  nlohmann::json speakers = nlohmann::json::array();
  for (const auto& [speaker, recs] : by_speaker(calibration_speech)) speakers.push_back(speaker);
  std::size_t same = 0;
  for (const auto& t : trials) same += t.same_speaker;
  model.description["calibrated_on"] = {{"speakers", speakers},
                                        {"segment_seconds", p.calibration_segment_s},
                                        {"same_speaker_trials", same},
                                        {"different_speaker_trials", trials.size() - same}};
}

}  // namespace prov::voice
