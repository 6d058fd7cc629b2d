// Speaker comparison accuracy on real read speech, with a fixed split:
// train and calibrate on speechocean762 speakers marked train/calibrate in
// data/speaker/speechocean762_split.txt, measure on its test speakers
// (same corpus) and on librispeech-sample and vctk-sample (cross-corpus).
//   speaker_bench [--threads N] [--components C] [--rank R] [--lda K] [--tune] [--robustness] [--save MODEL]
// --tune measures on the calibration speakers instead (the tuning set), so
// that settings can be chosen without looking at the test speakers.
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <cmath>
#include <iostream>
#include <map>

#include "core/parallel.h"
#include "media/decode.h"
#include "support/speech_conditions.h"
#include "support/test_support.h"
#include "voice/background_training.h"
#include "voice/metrics.h"
#include "voice/model_file.h"
#include "voice/speech_corpus.h"
#include "voice/speaker_windows.h"

using namespace prov;
using namespace prov::voice;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void activity_table(const std::filesystem::path& data, const std::vector<SpeakerFile>& speech_files) {
  const FeatureParams params;
  fmt::print("Speech activity\n  noise clip                         frames marked speech\n");
  for (const auto& entry : std::filesystem::directory_iterator(data / "noise/speech_commands_background_noise")) {
    if (entry.path().extension() != ".wav") continue;
    const Signal s = media::decode_mono(entry.path().string(), kVoiceRate);
    const auto a = detect_speech(s, params.activity);
    fmt::print("  {:<34} {:6.2f}% of {:.0f} s\n", entry.path().filename().string(), 100 * a.speech_share(),
               s.duration_s());
  }
  // Reference speech frames of clean read speech: frames within 30 dB of
  // the utterance's loud frames (95th percentile of frame energy).
  double kept = 0, reference = 0, marked = 0, frames = 0;
  for (const auto& f : speech_files) {
    const Signal s = media::decode_mono(f.path, kVoiceRate);
    const auto a = detect_speech(s, params.activity);
    std::vector<double> energy;
    for (std::size_t i = 0; i < a.speech.size(); ++i) {
      double e = 0;
      for (std::size_t k = 0; k < a.grid.window; ++k) e += double(s.samples[i * a.grid.hop + k]) * s.samples[i * a.grid.hop + k];
      energy.push_back(10 * std::log10(e / a.grid.window + 1e-12));
    }
    auto sorted = energy;
    std::sort(sorted.begin(), sorted.end());
    const double loud = sorted.empty() ? 0 : sorted[static_cast<std::size_t>(0.95 * (sorted.size() - 1))];
    for (std::size_t i = 0; i < energy.size(); ++i) {
      const bool ref = energy[i] >= loud - 30;
      reference += ref;
      kept += ref && a.speech[i];
      marked += a.speech[i];
      frames += 1;
    }
  }
  fmt::print("  speech kept: {:.1f}% of reference speech frames (within 30 dB of the loud frames) in {} utterances;"
             " {:.1f}% of all frames marked speech\n\n",
             100 * kept / std::max(1.0, reference), speech_files.size(), 100 * marked / std::max(1.0, frames));
}

struct Row {
  std::string set;
  double seconds;
  ValidationMetrics m;
};

Row measure(const SpeakerModel& model, const std::string& name, const std::vector<LabelledSpeech>& speech,
            double seconds, std::size_t threads) {
  auto trials = score_all_pairs(model, speech, {seconds}, threads);
  for (auto& t : trials) t.score = model.calibration.llr(t.score, t.duration_s);
  return {name, seconds, validation_metrics(trials)};
}

// Collages of two held-out speakers of the same sex: A's utterances 5-12,
// then B's 0-7, then A's 13-19, compared window by window against A's
// utterances 0-4; and A's utterances 5-19 alone (no change) as the control.
void speaker_change_table(const SpeakerModel& model, const std::vector<SpeakerFile>& files,
                          const std::map<std::string, std::string>& sex) {
  std::map<std::string, std::vector<Signal>> audio;
  for (const auto& f : files) audio[f.speaker].push_back(media::decode_mono(f.path, kVoiceRate));
  auto join = [](std::vector<const Signal*> parts) {
    Signal s;
    s.sample_rate = kVoiceRate;
    for (const auto* p : parts) s.samples.insert(s.samples.end(), p->samples.begin(), p->samples.end());
    return s;
  };
  const WindowParams wp;
  int collages = 0, found = 0, false_changes = 0;
  double control_hours = 0, start_error = 0, end_error = 0;
  int control_changes = 0;
  for (const auto& [a, a_audio] : audio)
    for (const auto& [b, b_audio] : audio) {
      if (a == b || sex.at(a) != sex.at(b) || a_audio.size() < 20 || b_audio.size() < 8) continue;
      BaumWelchStats known;
      for (int i = 0; i < 5; ++i) known += model.stats(normalised(speech_frames(a_audio[i]).frames));
      std::vector<const Signal*> parts;
      for (int i = 5; i < 13; ++i) parts.push_back(&a_audio[i]);
      Signal before = join(parts);
      for (int i = 0; i < 8; ++i) parts.push_back(&b_audio[i]);
      const double b_start = before.duration_s();
      const double b_end = join(parts).duration_s();
      for (int i = 13; i < 20; ++i) parts.push_back(&a_audio[i]);
      const auto windows = score_windows(model, speech_frames(join(parts)), known, wp);
      const auto changes = speaker_change_findings(windows, wp);
      ++collages;
      bool hit = false;
      for (const auto& c : changes) {
        if (c.end_s > b_start && c.start_s < b_end && !hit) {
          hit = true;
          start_error += std::fabs(c.start_s - b_start);
          end_error += std::fabs(c.end_s - b_end);
        } else {
          ++false_changes;
        }
      }
      found += hit;
    }
  for (const auto& [a, a_audio] : audio) {
    if (a_audio.size() < 20) continue;
    BaumWelchStats known;
    for (int i = 0; i < 5; ++i) known += model.stats(normalised(speech_frames(a_audio[i]).frames));
    std::vector<const Signal*> parts;
    for (int i = 5; i < 20; ++i) parts.push_back(&a_audio[i]);
    const Signal alone = join(parts);
    control_hours += alone.duration_s() / 3600;
    control_changes += static_cast<int>(speaker_change_findings(score_windows(model, speech_frames(alone), known, wp), wp).size());
  }
  fmt::print("Speaker change ({:.0f}-s windows, hop {:.0f} s, change at log10 LR <= {:.0f}): {} of {} inserted "
             "same-sex passages found ({:.0f}%), mean boundary error {:.1f} s (start) / {:.1f} s (end), {} other "
             "findings in the collages; {} findings in {:.2f} h of single-speaker control ({:.1f} per hour)\n\n",
             wp.window_s, wp.hop_s, wp.change_log10_lr, found, collages, 100.0 * found / std::max(1, collages),
             start_error / std::max(1, found), end_error / std::max(1, found), false_changes, control_changes,
             control_hours, control_changes / std::max(1e-9, control_hours));
}

std::vector<LabelledSpeech> degraded_speech(const std::vector<SpeakerFile>& files, const std::string& condition,
                                            const Signal& noise, std::size_t threads) {
  std::vector<LabelledSpeech> out(files.size());
  const std::size_t t = thread_count(threads, files.size(), 4);
  on_threads(t, [&](std::size_t thread) {
    for (std::size_t i = thread; i < files.size(); i += t) {
      const Signal clean = media::decode_mono(files[i].path, kVoiceRate);
      out[i] = {files[i].speaker, speech_frames(bench::degrade(clean, condition, noise, static_cast<unsigned>(i))).frames};
    }
  });
  std::erase_if(out, [](const LabelledSpeech& s) { return s.frames.rows() < 50; });
  return out;
}

// The test speakers' trials after each degradation, with the calibration
// fitted on clean calibration speakers (the shipped situation) and on the
// calibration speakers degraded the same way (matched).
void robustness_table(const SpeakerModel& model, std::map<std::string, std::vector<SpeakerFile>>& by_role,
                      const BackgroundParams& params, const std::filesystem::path& data, std::size_t threads) {
  const Signal noise =
      media::decode_mono((data / "noise/speech_commands_background_noise/running_tap.wav").string(), kVoiceRate);
  fmt::print("Robustness (speechocean762 test speakers; UBM, i-vectors and PLDA trained on clean speech)\n");
  fmt::print("{:<10} {:<12} {:>5} {:>6} {:>6} {:>9} {:>13}\n", "condition", "calibration", "seg s", "EER%", "Cllr",
             "Cllr-min", "max diff LR");
  for (const std::string condition : {"clean", "mp3_32k", "telephone", "noise10"}) {
    const auto test = degraded_speech(by_role["test"], condition, noise, threads);
    SpeakerModel matched = model;
    calibrate(matched, degraded_speech(by_role["calibrate"], condition, noise, threads), params);
    for (double seconds : {3.0, 10.0}) {
      const auto raw = score_all_pairs(model, test, {seconds}, threads);
      for (const SpeakerModel* m : {&model, static_cast<const SpeakerModel*>(&matched)}) {
        auto trials = raw;
        for (auto& t : trials) t.score = m->calibration.llr(t.score, t.duration_s);
        const auto v = validation_metrics(trials);
        fmt::print("{:<10} {:<12} {:>5.0f} {:>6.2f} {:>6.3f} {:>9.3f} {:>13.3g}\n", condition,
                   m == &model ? "clean" : "matched", seconds, 100 * v.eer, v.cllr, v.cllr_min,
                   std::exp(v.max_different_speaker_llr));
      }
    }
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  BackgroundParams params;
  std::size_t threads = 2;
  bool tune = false;
  bool robustness = false;
  std::string save;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--threads") threads = std::stoul(next());
    else if (a == "--components") params.ubm.components = std::stoi(next());
    else if (a == "--rank") params.total_variability.rank = std::stoi(next());
    else if (a == "--lda") params.backend.lda_dimension = std::stoi(next());
    else if (a == "--tune") tune = true;
    else if (a == "--robustness") robustness = true;
    else if (a == "--save") save = next();
    else {
      std::cerr << "unknown option " << a << "\n";
      return 2;
    }
  }
  params.threads = threads;
  const auto data = test::shared_data_dir();
  for (const char* sub : {"speechocean762", "librispeech-sample", "vctk-sample", "noise"})
    if (const auto missing = test::missing_shared_data(sub); !missing.empty()) {
      std::cerr << missing << "\n";
      return 1;
    }
  const auto roles = read_speaker_roles(std::string(PROVENANCE_SOURCE_DIR) + "/data/speaker/speechocean762_split.txt");
  std::map<std::string, std::vector<SpeakerFile>> by_role;
  for (const auto& f : list_speaker_folders((data / "speechocean762").string()))
    if (roles.count(f.speaker)) by_role[roles.at(f.speaker)].push_back(f);

  activity_table(data, by_role["test"]);

  const FeatureParams features;
  auto start = std::chrono::steady_clock::now();
  const auto train = load_speech(by_role["train"], features, threads);
  const auto calibration = load_speech(by_role["calibrate"], features, threads);
  const double load_s = seconds_since(start);
  start = std::chrono::steady_clock::now();
  SpeakerModel model = train_speaker_model(train, params);
  calibrate(model, calibration, params);
  const double train_s = seconds_since(start);
  fmt::print("Model: UBM {} x {}, i-vectors {}, LDA {}; features of {} + {} recordings in {:.0f} s, "
             "training and calibration {:.0f} s on {} threads\n",
             model.ubm.components(), model.ubm.dimension(), model.total_variability.rank(), model.backend.lda.cols(),
             train.size(), calibration.size(), load_s, train_s, threads);
  fmt::print("Calibration: llr = {:.3f} + {:.3f} s + {:.3f} s log(d/10)\n\n", model.calibration.offset,
             model.calibration.scale, model.calibration.duration_slope);
  if (!save.empty()) save_speaker_model(model, save);

  std::vector<std::pair<std::string, std::vector<LabelledSpeech>>> sets;
  if (robustness) {
    robustness_table(model, by_role, params, data, threads);
    return 0;
  }
  std::map<std::string, std::string> sex;
  {
    std::ifstream in(data / "speechocean762/spk2gender");
    for (std::string spk, g; in >> spk >> g;) sex[spk] = g;
  }
  if (!tune) speaker_change_table(model, by_role["test"], sex);
  if (tune) {
    sets.emplace_back("speechocean762 calibration speakers (TUNING)", calibration);
  } else {
    sets.emplace_back("speechocean762 test speakers", load_speech(by_role["test"], features, threads));
    sets.emplace_back("librispeech-sample", load_speech(list_manifest((data / "librispeech-sample/manifest.csv").string()), features, threads));
    sets.emplace_back("vctk-sample", load_speech(list_manifest((data / "vctk-sample/manifest.csv").string()), features, threads));
  }
  fmt::print("{:<46} {:>5} {:>7} {:>8} {:>6} {:>6} {:>9} {:>13}\n", "set", "seg s", "same", "diff", "EER%",
             "Cllr", "Cllr-min", "max diff LR");
  for (const auto& [name, speech] : sets) {
    std::map<std::string, int> speakers;
    for (const auto& s : speech) ++speakers[s.speaker];
    for (double seconds : {3.0, 10.0}) {
      const Row r = measure(model, fmt::format("{} ({} spk)", name, speakers.size()), speech, seconds, threads);
      fmt::print("{:<46} {:>5.0f} {:>7} {:>8} {:>6.2f} {:>6.3f} {:>9.3f} {:>13.3g}\n", r.set, r.seconds,
                 r.m.same_speaker_trials, r.m.different_speaker_trials, 100 * r.m.eer, r.m.cllr, r.m.cllr_min,
                 std::exp(r.m.max_different_speaker_llr));
    }
  }
  return 0;
}
