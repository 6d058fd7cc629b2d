// `provenance speaker train-background|compare|validate`: forensic speaker
// comparison as calibrated likelihood ratios (i-vectors, LDA/PLDA).
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "casefile/case_store.h"
#include "command_registry.h"
#include "examiner.h"
#include "core/error.h"
#include "core/terminal_text.h"
#include "media/hash.h"
#include "speaker_io.h"
#include "speaker_plots.h"
#include "speaker_profiles.h"
#include "voice/background_training.h"
#include "voice/comparison.h"
#include "voice/embedding_model.h"
#include "voice/metrics.h"
#include "voice/model_file.h"
#include "voice/speech_corpus.h"
#include "voice/speaker_windows.h"

namespace prov::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct SpeakerOptions {
  std::vector<std::string> dirs;
  std::string out;
  std::string split;
  int calibration_every = 3;
  std::string limits;
  std::string questioned;
  std::vector<std::string> known;
  std::string model;
  std::string trials;
  std::string plots;
  std::size_t threads = 0;
  double windows_s = 0;
  std::string embedding;
  std::string name;
  std::vector<std::string> files;
  std::string case_path;
  std::string conditions;
  std::string examiner;
  bool json = false;
};

json metrics_json(const voice::ValidationMetrics& m) {
  return {{"same_speaker_trials", m.same_speaker_trials},
          {"different_speaker_trials", m.different_speaker_trials},
          {"eer", m.eer},
          {"cllr", m.cllr},
          {"cllr_min", m.cllr_min},
          {"max_different_speaker_log10_lr", m.max_different_speaker_llr / std::log(10.0)}};
}

std::string speaker_list(const json& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : " ") + s.get<std::string>();
  return out;
}

// EER, Cllr and Cllr-min of calibrated trials on held-out speakers, for 3-s
// and 10-s segments (a length with too little speech for both kinds of pair
// is left out). `calibrated_pairs(seconds)` scores every pair of segments.
json held_out_validation(const std::vector<voice::LabelledSpeech>& test, const std::string& corpora,
                         const std::function<std::vector<voice::ScoredTrial>(double seconds)>& calibrated_pairs) {
  json results = json::array();
  for (double seconds : {3.0, 10.0}) {
    const auto metrics = voice::validation_metrics(calibrated_pairs(seconds));
    if (metrics.same_speaker_trials == 0 || metrics.different_speaker_trials == 0) continue;
    json m = metrics_json(metrics);
    m["segment_seconds"] = seconds;
    results.push_back(m);
  }
  std::set<std::string> speakers;
  for (const auto& s : test) speakers.insert(s.speaker);
  return {{"speakers", speakers}, {"corpus", corpora}, {"results", results}};
}

void print_validation(const json& description) {
  if (!description.contains("validation")) return;
  for (const auto& r : description["validation"]["results"])
    fmt::print("  held-out speakers, {:.0f} s segments: EER {:.1f}%, Cllr {:.3f}, Cllr-min {:.3f}\n",
               r["segment_seconds"].get<double>(), 100 * r["eer"].get<double>(), r["cllr"].get<double>(),
               r["cllr_min"].get<double>());
}

constexpr int kEmbeddingMelBins = 80;

void run_train_embedding(const SpeakerOptions& o, std::map<std::string, std::vector<voice::SpeakerFile>>& by_role,
                         const std::string& corpora) {
  const voice::EmbeddingNetwork network(o.embedding);
  const auto features = voice::embedding_features(kEmbeddingMelBins);
  const auto train = voice::load_speech(by_role["train"], features, o.threads);
  const auto calibration = voice::load_speech(by_role["calibrate"], features, o.threads);
  if (train.empty() || calibration.empty())
    throw InputError("training needs speakers to train on and others to calibrate on (see --split)");
  voice::EmbeddingModel model;
  try {
    model = voice::train_embedding_model(network, media::identify_file(o.embedding).sha256, train, calibration,
                                         kEmbeddingMelBins);
  } catch (const std::invalid_argument& e) {
    throw InputError(fmt::format("cannot calibrate the embedding network: {}", e.what()));
  }
  model.network_name = fs::path(o.embedding).filename().string();
  model.description["corpora"] = corpora;
  model.description["limits"] =
      o.limits.empty() ? fmt::format("calibrated only on read speech of {}; casework needs validation on data relevant "
                                     "to the case (language, accent, channel, duration, style)",
                                     corpora)
                       : o.limits;
  if (!by_role["test"].empty()) {
    const auto test = voice::load_speech(by_role["test"], features, o.threads);
    model.description["validation"] = held_out_validation(test, corpora, [&](double seconds) {
      auto trials = voice::embedding_pairs(network, model, test, seconds);
      for (auto& t : trials) t.score = model.calibration.llr(t.score, t.duration_s);
      return trials;
    });
  }
  voice::save_embedding_model(model, o.out);
  fmt::print("embedding calibration for {} written to {}\n", terminal_safe(model.network_name), terminal_safe(o.out));
  fmt::print("  calibrated on {} speakers: {}\n", model.description["calibrated_on"]["speakers"].size(),
             terminal_safe(speaker_list(model.description["calibrated_on"]["speakers"])));
  print_validation(model.description);
}

void run_train(const SpeakerOptions& o) {
  std::vector<voice::SpeakerFile> files;
  std::string corpora;
  for (const auto& dir : o.dirs) {
    auto listed = voice::list_speaker_folders(dir);
    if (listed.empty()) throw InputError(fmt::format("{}: no speaker folders with audio files", dir));
    files.insert(files.end(), listed.begin(), listed.end());
    corpora += (corpora.empty() ? "" : ", ") + fs::path(dir).lexically_normal().filename().string();
  }
  // Roles: from the split file, else every n-th speaker calibrates.
  std::map<std::string, std::string> roles;
  if (!o.split.empty()) {
    roles = voice::read_speaker_roles(o.split);
  } else {
    std::set<std::string> speakers;
    for (const auto& f : files) speakers.insert(f.speaker);
    int i = 0;
    for (const auto& s : speakers) roles[s] = (++i % o.calibration_every == 0) ? "calibrate" : "train";
  }
  std::map<std::string, std::vector<voice::SpeakerFile>> by_role;
  for (const auto& f : files)
    if (roles.count(f.speaker)) by_role[roles[f.speaker]].push_back(f);

  if (!o.embedding.empty()) return run_train_embedding(o, by_role, corpora);
  const voice::FeatureParams features;
  voice::BackgroundParams params;
  params.threads = o.threads;
  const auto train = voice::load_speech(by_role["train"], features, o.threads);
  const auto calibration = voice::load_speech(by_role["calibrate"], features, o.threads);
  if (train.empty() || calibration.empty())
    throw InputError("training needs speakers to train on and others to calibrate on (see --split)");
  voice::SpeakerModel model;
  try {
    model = voice::train_speaker_model(train, params);
    voice::calibrate(model, calibration, params);
  } catch (const std::invalid_argument& e) {
    throw InputError(fmt::format("cannot train a speaker model: {}", e.what()));
  }
  model.features = features;
  model.description["corpora"] = corpora;
  model.description["limits"] =
      o.limits.empty() ? fmt::format("trained and calibrated only on read speech of {}; casework needs validation on "
                                     "data relevant to the case (language, accent, channel, duration, style)",
                                     corpora)
                       : o.limits;
  if (!by_role["test"].empty()) {
    const auto test = voice::load_speech(by_role["test"], features, o.threads);
    model.description["validation"] = held_out_validation(test, corpora, [&](double seconds) {
      auto trials = voice::score_all_pairs(model, test, {seconds}, o.threads);
      for (auto& t : trials) t.score = model.calibration.llr(t.score, t.duration_s);
      return trials;
    });
  }
  voice::save_speaker_model(model, o.out);
  fmt::print("speaker model written to {}\n", terminal_safe(o.out));
  fmt::print("  trained on {} speakers: {}\n", model.description["trained_on"]["speakers"].size(),
             terminal_safe(speaker_list(model.description["trained_on"]["speakers"])));
  fmt::print("  calibrated on {} speakers: {}\n", model.description["calibrated_on"]["speakers"].size(),
             terminal_safe(speaker_list(model.description["calibrated_on"]["speakers"])));
  print_validation(model.description);
}

json file_json(const std::string& path, const voice::FeatureMatrix& speech) {
  return {{"path", path}, {"sha256", media::identify_file(path).sha256}, {"speech_s", speech.rows() * voice::kFrameStepS}};
}

void run_compare_embedding(const SpeakerOptions& o) {
  if (o.model.empty())
    throw InputError("--embedding needs --model: the calibration written by speaker train-background --embedding");
  if (o.windows_s > 0) throw InputError("--windows works with the i-vector model only, not with --embedding");
  const voice::EmbeddingModel model = voice::load_embedding_model(o.model);
  if (media::identify_file(o.embedding).sha256 != model.network_sha256)
    throw InputError(fmt::format("{}: not the network the calibration {} was fitted for (SHA-256 differs)", o.embedding,
                                 o.model));
  const voice::EmbeddingNetwork network(o.embedding);
  const auto features = voice::embedding_features(model.mel_bins);
  auto raw_speech = [&](const std::string& path) { return speech_frames_of_file(path, features).frames; };
  const voice::FeatureMatrix questioned = raw_speech(o.questioned);
  voice::FeatureMatrix known_all;
  json known_files = json::array();
  for (const auto& k : o.known) {
    const auto frames = raw_speech(k);
    known_files.push_back({{"path", k}, {"sha256", media::identify_file(k).sha256}, {"speech_s", frames.rows() * voice::kFrameStepS}});
    voice::FeatureMatrix joined(known_all.rows() + frames.rows(), frames.cols());
    if (known_all.rows() > 0) joined.topRows(known_all.rows()) = known_all;
    joined.bottomRows(frames.rows()) = frames;
    known_all = std::move(joined);
  }
  const double score = model.score(voice::embed_speech(network, questioned), voice::embed_speech(network, known_all));
  const double shorter = std::min(questioned.rows(), known_all.rows()) * voice::kFrameStepS;
  const double log10_lr = model.calibration.llr(score, shorter) / std::log(10.0);
  const std::string limits = model.description.value("limits", "casework needs validation on relevant data");
  if (o.json) {
    std::cout << json{{"questioned", {{"path", o.questioned}, {"sha256", media::identify_file(o.questioned).sha256},
                                      {"speech_s", questioned.rows() * voice::kFrameStepS}}},
                      {"known", known_files},
                      {"score", score},
                      {"log10_lr", log10_lr},
                      {"lr", std::pow(10.0, log10_lr)},
                      {"verbal", voice::verbal_equivalent(log10_lr)},
                      {"model", {{"path", o.model}, {"network", o.embedding}, {"description", model.description}}},
                      {"limits", limits}}
                     .dump(2)
              << "\n";
    return;
  }
  fmt::print("Questioned: {} ({:.1f} s of speech)\n", terminal_safe(o.questioned), questioned.rows() * voice::kFrameStepS);
  fmt::print("Known:      {} file(s), {:.1f} s of speech\n", o.known.size(), known_all.rows() * voice::kFrameStepS);
  fmt::print("Embedding network: {} (cosine similarity {:.3f})\n", terminal_safe(o.embedding), score);
  fmt::print("Likelihood ratio: {:.3g} (log10 LR {:+.2f})\n", std::pow(10.0, log10_lr), log10_lr);
  fmt::print("Verbal equivalent (ENFSI scale): {}\n", voice::verbal_equivalent(log10_lr));
  fmt::print("Calibration: {}\n", terminal_safe(o.model));
  fmt::print("Limits: {}\n", terminal_safe(limits));
}

void run_compare(const SpeakerOptions& o) {
  if (!o.embedding.empty()) return run_compare_embedding(o);
  const std::string model_path = speaker_model_path(o.model);
  const voice::SpeakerModel model = voice::load_speaker_model(model_path);
  if (!model.calibrated) throw InputError(fmt::format("{}: the speaker model has no calibration", model_path));
  const auto questioned_frames = speech_frames_of_file(o.questioned, model.features);
  const auto questioned = voice::normalised(questioned_frames.frames);
  std::vector<voice::FeatureMatrix> known;
  json known_files = json::array();
  voice::BaumWelchStats known_stats;
  for (const auto& k : o.known) {
    known.push_back(speech_of_file(k, model.features));
    known_files.push_back(file_json(k, known.back()));
    known_stats += model.stats(known.back());
  }
  const auto c = voice::compare_speakers(model, questioned, known);
  const std::string limits = speaker_model_limits(model);
  std::vector<voice::WindowScore> windows;
  Findings changes;
  if (o.windows_s > 0) {
    voice::WindowParams wp;
    wp.window_s = o.windows_s;
    wp.hop_s = o.windows_s / 2;
    wp.min_speech_s = std::min(3.0, o.windows_s / 2);
    windows = voice::score_windows(model, questioned_frames, known_stats, wp);
    changes = voice::speaker_change_findings(windows, wp);
  }
  if (o.json) {
    json j = {{"questioned", file_json(o.questioned, questioned)},
              {"known", known_files},
              {"score", c.score},
              {"log10_lr", c.log10_lr},
              {"lr", std::pow(10.0, c.log10_lr)},
              {"verbal", c.verbal},
              {"within_calibrated_durations", c.within_calibrated_durations},
              {"model", {{"path", model_path}, {"description", model.description}}},
              {"limits", limits}};
    if (o.windows_s > 0) {
      json w = json::array(), f = json::array();
      for (const auto& x : windows)
        w.push_back({{"start_s", x.start_s}, {"end_s", x.end_s}, {"speech_s", x.speech_s}, {"log10_lr", x.log10_lr}});
      for (const auto& x : changes) f.push_back(to_json(x));
      j["windows"] = w;
      j["speaker_changes"] = f;
    }
    std::cout << j.dump(2) << "\n";
    return;
  }
  fmt::print("Questioned: {} ({:.1f} s of speech)\n", terminal_safe(o.questioned), c.questioned_speech_s);
  fmt::print("Known:      {} file(s), {:.1f} s of speech\n", o.known.size(), c.known_speech_s);
  fmt::print("Likelihood ratio: {:.3g} (log10 LR {:+.2f})\n", std::pow(10.0, c.log10_lr), c.log10_lr);
  fmt::print("  the speech is {:.3g} times {} probable if the questioned and known speakers are the same than if "
             "they are different\n",
             c.log10_lr >= 0 ? std::pow(10.0, c.log10_lr) : std::pow(10.0, -c.log10_lr),
             c.log10_lr >= 0 ? "more" : "less");
  fmt::print("Verbal equivalent (ENFSI scale): {}\n", c.verbal);
  if (!c.within_calibrated_durations)
    fmt::print("Warning: the shorter side's speech ({:.1f} s) lies outside the calibrated range {:.0f}-{:.0f} s; "
               "the LR is extrapolated\n",
               std::min(c.questioned_speech_s, c.known_speech_s), model.calibration.min_duration_s,
               model.calibration.max_duration_s);
  fmt::print("Model: {}\n", terminal_safe(model_path));
  if (model.description.contains("calibrated_on"))
    fmt::print("  calibrated on {} speakers of {} ({} same- and {} different-speaker trials)\n",
               model.description["calibrated_on"]["speakers"].size(),
               terminal_safe(model.description.value("corpora", "?")),
               model.description["calibrated_on"]["same_speaker_trials"].get<std::size_t>(),
               model.description["calibrated_on"]["different_speaker_trials"].get<std::size_t>());
  if (model.description.contains("validation"))
    for (const auto& r : model.description["validation"]["results"])
      fmt::print("  validation on {} held-out speakers, {:.0f} s segments: EER {:.1f}%, Cllr {:.3f}\n",
                 model.description["validation"]["speakers"].size(), r["segment_seconds"].get<double>(),
                 100 * r["eer"].get<double>(), r["cllr"].get<double>());
  fmt::print("Limits: {}\n", terminal_safe(limits));
  if (o.windows_s > 0) {
    fmt::print("\nWindows of {:.0f} s against the known speaker (log10 LR):\n", o.windows_s);
    for (const auto& w : windows)
      fmt::print("  {:7.1f}-{:7.1f} s  {:5.1f} s speech  {:+6.2f}\n", w.start_s, w.end_s, w.speech_s, w.log10_lr);
    if (changes.empty()) fmt::print("No passage speaks against the known speaker while the rest supports him.\n");
    for (const auto& f : changes) fmt::print("Speaker change: {}\n", f.summary);
  }
}

struct TrialLine {
  std::string a, b;
  bool same = false;
};

std::vector<TrialLine> read_trials(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(fmt::format("{}: cannot read the trials", path));
  const fs::path base = fs::path(path).parent_path();
  std::vector<TrialLine> trials;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::stringstream ls(line);
    std::string a, b, label;
    if (!(ls >> a >> b >> label) || (label != "same" && label != "different"))
      throw InputError(fmt::format("{}:{}: expected 'QUESTIONED KNOWN same|different'", path, number));
    auto resolve = [&](const std::string& p) { return fs::path(p).is_absolute() ? p : (base / p).string(); };
    trials.push_back({resolve(a), resolve(b), label == "same"});
  }
  if (trials.empty()) throw InputError(fmt::format("{}: no trials", path));
  return trials;
}

void run_validate(const SpeakerOptions& o) {
  const std::string model_path = speaker_model_path(o.model);
  const voice::SpeakerModel model = voice::load_speaker_model(model_path);
  const auto lines = read_trials(o.trials);
  std::map<std::string, voice::FeatureMatrix> speech;
  auto speech_for = [&](const std::string& p) -> const voice::FeatureMatrix& {
    auto it = speech.find(p);
    if (it == speech.end()) it = speech.emplace(p, speech_of_file(p, model.features)).first;
    return it->second;
  };
  std::vector<voice::ScoredTrial> trials;
  for (const auto& t : lines) {
    const auto c = voice::compare_speakers(model, speech_for(t.a), {speech_for(t.b)});
    trials.push_back({c.llr, std::min(c.questioned_speech_s, c.known_speech_s), t.same});
  }
  const auto m = voice::validation_metrics(trials);
  if (m.same_speaker_trials == 0 || m.different_speaker_trials == 0)
    throw InputError(fmt::format("{}: validation needs both same- and different-speaker trials", o.trials));
  if (!o.plots.empty()) {
    fs::create_directories(o.plots);
    std::ofstream(fs::path(o.plots) / "tippett.svg") << tippett_svg(trials);
    std::ofstream(fs::path(o.plots) / "det.svg") << det_svg(trials);
  }
  if (o.json) {
    json j = metrics_json(m);
    j["model"] = model_path;
    if (!o.plots.empty()) j["plots"] = {(fs::path(o.plots) / "tippett.svg").string(), (fs::path(o.plots) / "det.svg").string()};
    std::cout << j.dump(2) << "\n";
    return;
  }
  fmt::print("{} same-speaker and {} different-speaker trials, model {}\n", m.same_speaker_trials,
             m.different_speaker_trials, terminal_safe(model_path));
  fmt::print("EER {:.2f}%   Cllr {:.3f} bits   Cllr-min {:.3f} bits (calibration loss {:.3f})\n", 100 * m.eer, m.cllr,
             m.cllr_min, m.cllr - m.cllr_min);
  fmt::print("largest LR of a different-speaker pair: {:.3g}; smallest of a same-speaker pair: {:.3g}\n",
             std::exp(m.max_different_speaker_llr), std::exp(m.min_same_speaker_llr));
  if (!o.plots.empty()) fmt::print("Tippett and DET plots in {}\n", terminal_safe(o.plots));
}

// Every file is checked (decodable, enough speech) before anything is
// written, and all are logged in one transaction.
void run_enroll(const SpeakerOptions& o) {
  const voice::FeatureParams features;
  std::vector<casefile::CustodyInput> entries;
  const std::string actor = examiner_name(o.examiner);
  for (const auto& f : o.files) {
    const auto speech = speech_of_file(f, features, 3.0);
    const auto identity = media::identify_file(f);
    entries.push_back({actor, kSpeakerEnrollAction, identity.sha256,
                       {{"name", o.name},
                        {"path", fs::absolute(f).lexically_normal().string()},
                        {"size_bytes", identity.size_bytes},
                        {"speech_s", speech.rows() * voice::kFrameStepS},
                        {"conditions", o.conditions}}});
  }
  auto store = casefile::CaseStore::open(o.case_path, casefile::CaseStore::Mode::open_existing);
  store.transaction([&] {
    for (const auto& e : entries) store.append_custody(e);
  });
  double total = 0;
  for (const auto& e : entries) total += e.parameters["speech_s"].get<double>();
  fmt::print("enrolled {} reference recording(s) of '{}' ({:.1f} s of speech) in {}\n", entries.size(),
             terminal_safe(o.name), total, terminal_safe(o.case_path));
}

const CommandRegistration reg{"speaker", [](CLI::App& app) {
  auto o = std::make_shared<SpeakerOptions>();
  auto* cmd = app.add_subcommand("speaker", "Speaker comparison as calibrated likelihood ratios");
  cmd->require_subcommand(1);

  auto* train = cmd->add_subcommand("train-background", "Train a background model on folders of speaker folders");
  train->add_option("dirs", o->dirs, "Folders holding one sub-folder of audio files per speaker")
      ->required()
      ->check(CLI::ExistingDirectory);
  train->add_option("--out", o->out, "Model file to write")->required();
  train->add_option("--split", o->split,
                    "File of 'SPEAKER [...] ROLE' lines, ROLE train, calibrate or test (test speakers are only "
                    "measured on); default: every --calibration-every-th speaker calibrates")
      ->check(CLI::ExistingFile);
  train->add_option("--calibration-every", o->calibration_every, "Without --split: every n-th speaker calibrates")
      ->check(CLI::Range(2, 100));
  train->add_option("--limits", o->limits, "What the model's figures do not cover, stated with every comparison");
  train->add_option("--threads", o->threads, "Worker threads (0: one per core)");
  train->add_option("--embedding", o->embedding,
                    "Calibrate this ONNX speaker-embedding network (input [1, frames, 80] log mel energies, 25/10 ms, "
                    "100-7000 Hz, mean-normalised; output one vector) instead of training the i-vector model; --out "
                    "is then a JSON calibration file")
      ->check(CLI::ExistingFile);
  train->callback([o] { run_train(*o); });

  auto* compare = cmd->add_subcommand("compare", "Likelihood ratio that QUESTIONED and KNOWN come from one speaker");
  compare->add_option("questioned", o->questioned, "The questioned recording")->required();
  compare->add_option("known", o->known, "Known recordings of the putative speaker (pooled)")->required();
  compare->add_option("--model", o->model,
                      "Speaker model (default: the shipped background model); with --embedding, its calibration file");
  compare->add_option("--embedding", o->embedding, "Compare with this ONNX speaker-embedding network")
      ->check(CLI::ExistingFile);
  compare->add_option("--windows", o->windows_s,
                      "Also score windows of this many seconds (half-overlapping) of QUESTIONED against KNOWN and "
                      "report passages in another voice")
      ->check(CLI::Range(4.0, 600.0));
  compare->add_flag("--json", o->json, "Machine-readable output on stdout");
  compare->callback([o] { run_compare(*o); });

  auto* enroll = cmd->add_subcommand("enroll", "Log reference recordings of a named speaker in a case file");
  enroll->add_option("name", o->name, "The speaker's name, as later given to analyze --speaker")->required();
  enroll->add_option("files", o->files, "Reference recordings (at least 3 s of speech each)")->required();
  enroll->add_option("--case", o->case_path, "Case file (created by analyze --case)")->required()->check(CLI::ExistingFile);
  enroll->add_option("--conditions", o->conditions,
                     "Recording conditions of the references (channel, date, setting), kept in the custody log");
  enroll->add_option("--examiner", o->examiner, "Who enrols them (default $PROVENANCE_EXAMINER or the login name)");
  enroll->callback([o] { run_enroll(*o); });

  auto* validate = cmd->add_subcommand("validate", "EER, Cllr and Cllr-min of the model on a trials list");
  validate->add_option("trials", o->trials, "Lines 'QUESTIONED KNOWN same|different', paths relative to the file")
      ->required()
      ->check(CLI::ExistingFile);
  validate->add_option("--model", o->model, "Speaker model (default: the shipped background model)");
  validate->add_option("--plots", o->plots, "Folder to write tippett.svg and det.svg into");
  validate->add_flag("--json", o->json, "Machine-readable output on stdout");
  validate->callback([o] { run_validate(*o); });
}};

}  // namespace
}  // namespace prov::cli
