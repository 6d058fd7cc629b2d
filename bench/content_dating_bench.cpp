// Speed of dating from content: a ~6,000-word transcript (about 46 minutes
// of speech, as SRT cues) against a synthetic timeline of 10,000 events over
// 2,000 places with Latin and Arabic aliases. Goal: under 1 s on 2 cores.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <filesystem>
#include <random>
#include <sstream>

#include "content/dating.h"
#include "content/gazetteer.h"
#include "content/timeline.h"
#include "content/transcript.h"

namespace {

using namespace prov::content;

constexpr int kPlaces = 2000;
constexpr int kEvents = 10000;
constexpr int kWords = 6000;

// Pronounceable synthetic names, distinct per index, with an Arabic spelling.
std::string latin_name(int i) {
  static const char* syllables[] = {"ka", "ra", "mo", "su", "bi", "ta", "ha", "zo", "ne", "qu",
                                    "li", "da", "fa", "ja", "wa", "si", "ru", "ba", "ma", "ni"};
  std::string s;
  int v = i + 1;
  for (int k = 0; k < 3; ++k) {
    s += syllables[v % 20];
    v = v / 20 + 7 * k + 3;
  }
  s[0] = static_cast<char>(s[0] - 32);
  return s + "ville";
}

std::string arabic_name(int i) {
  static const char* letters[] = {"ك", "ر", "م", "س", "ب", "ت", "ح", "ز", "ن", "ق",
                                  "ل", "د", "ف", "ج", "و", "ش", "ص", "ط", "ع", "غ"};
  std::string s = "مدينة ";
  int v = i + 1;
  for (int k = 0; k < 4; ++k) {
    s += letters[v % 20];
    v = v / 20 + 3 * k + 1;
  }
  return s;
}

struct Synthetic {
  std::string gazetteer;
  std::string timeline;
  std::string transcript;
};

const Synthetic& synthetic() {
  static const Synthetic data = [] {
    Synthetic d;
    std::mt19937 rng(20240601);
    for (int i = 0; i < kPlaces; ++i) {
      d.gazetteer += fmt::format(R"({{"id":"p{}","name":"{}","aliases":{{"en":["al-{}","{}h"],"ar":["{}"]}}}})", i,
                                 latin_name(i), latin_name(i), latin_name(i), arabic_name(i)) + "\n";
    }
    for (int e = 0; e < kEvents; ++e) {
      const int place = e % kPlaces;
      const int day = 1 + e % 28, month = 1 + (e / 28) % 12, year = 2013 + (e / 336) % 8;
      if (e % 3 == 0) {
        d.timeline += fmt::format(
            R"({{"id":"e{}","kind":"event","label":"Event {}","date":"{:04d}-{:02d}-{:02d}","entity":"p{}","predicates":{{"en":["fall","fell","fallen","liberated"],"ar":["سقوط","سقطت","تحرير"]}},"sources":["synthetic"]}})",
            e, e, year, month, day, place);
      } else {
        d.timeline += fmt::format(
            R"({{"id":"e{}","kind":"state","label":"Battle {}","start":"{:04d}-{:02d}-{:02d}","end":"{:04d}-{:02d}-28","cues":["battle number {} of {{p{}}}","siege {} of {{p{}}}","معركة {} {{p{}}}"],"sources":["synthetic"]}})",
            e, e, year, month, day, year, month, e, place, e, place, e, place);
      }
      d.timeline += "\n";
    }
    static const char* filler[] = {"and", "the", "soldiers", "of", "faith", "are", "patient", "in", "their",
                                   "struggle", "against", "enemies", "who", "gathered", "from", "every",
                                   "land", "we", "say", "to", "them", "that", "God", "is", "with", "us",
                                   "والله", "أكبر", "إن", "المجاهدين", "صابرون", "في", "كل", "أرض"};
    std::ostringstream srt;
    int words = 0, cue = 0;
    double t = 0;
    while (words < kWords) {
      std::string line;
      for (int k = 0; k < 11; ++k, ++words) line += std::string(filler[rng() % 34]) + " ";
      const int place = static_cast<int>(rng() % kPlaces);
      switch (cue % 4) {
        case 0: line += fmt::format("{} has fallen.", latin_name(place)); break;
        case 1: line += fmt::format("The battle number {} of al-{} continues.", (place + kPlaces) % kEvents, latin_name(place)); break;
        case 2: line += fmt::format("و{} لم تسقط.", arabic_name(place)); break;
        default: line += "Fear God."; break;
      }
      words += 4;
      srt << ++cue << "\n"
          << fmt::format("{:02d}:{:02d}:{:02d},000 --> {:02d}:{:02d}:{:02d},000\n", int(t) / 3600, int(t) / 60 % 60,
                         int(t) % 60, int(t + 6) / 3600, int(t + 6) / 60 % 60, int(t + 6) % 60)
          << line << "\n\n";
      t += 6.9;  // 400 cues over about 46 minutes
    }
    d.transcript = srt.str();
    return d;
  }();
  return data;
}

ReferenceIndex build_index() {
  std::istringstream g(synthetic().gazetteer), t(synthetic().timeline);
  return ReferenceIndex(parse_timeline(t, "synthetic.jsonl"), parse_gazetteer(g, "gazetteer.jsonl"));
}

// Everything a `provenance date` run does after reading files: parse the
// timeline and gazetteer, build the index, parse the transcript, date it.
void BM_DateFromScratch(benchmark::State& state) {
  std::size_t refs = 0;
  for (auto _ : state) {
    const ReferenceIndex index = build_index();
    const auto transcript = parse_transcript(synthetic().transcript, "synthetic.srt");
    const auto result = date_transcript(transcript, index, {});
    refs = result.references.size();
    benchmark::DoNotOptimize(result.overall.window.earliest);
  }
  state.counters["references"] = static_cast<double>(refs);
  state.counters["words"] = kWords;
  state.counters["events"] = kEvents;
}
BENCHMARK(BM_DateFromScratch)->Unit(benchmark::kMillisecond);

// Dating alone, with the index built once (e.g. `date eval`, the server).
void BM_DateWithIndex(benchmark::State& state) {
  const ReferenceIndex index = build_index();
  const auto transcript = parse_transcript(synthetic().transcript, "synthetic.srt");
  std::size_t refs = 0, segments = 0;
  for (auto _ : state) {
    const auto result = date_transcript(transcript, index, {});
    refs = result.references.size();
    segments = result.segments.size();
    benchmark::DoNotOptimize(result.overall.window.earliest);
  }
  state.counters["references"] = static_cast<double>(refs);
  state.counters["segments_dated"] = static_cast<double>(segments);
  state.counters["cues"] = static_cast<double>(transcript.segments.size());
  state.counters["phrases"] = static_cast<double>(index.phrase_count());
}
BENCHMARK(BM_DateWithIndex)->Unit(benchmark::kMillisecond);

// The shipped timelines (2001-2025) merged with the 10,000 synthetic events:
// the larger timeline a user would load beside their own.
void BM_DateShippedPlusSynthetic(benchmark::State& state) {
  std::vector<std::string> files;
  const std::filesystem::path dir = std::filesystem::path(PROVENANCE_SOURCE_DIR) / "data" / "timeline";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".jsonl" && entry.path().filename() != "gazetteer.jsonl") {
      files.push_back(entry.path().string());
    }
  }
  std::size_t refs = 0, events = 0;
  for (auto _ : state) {
    Timeline timeline = load_timelines(std::vector<std::filesystem::path>(files.begin(), files.end()));
    Gazetteer gazetteer = load_gazetteer(dir / "gazetteer.jsonl");
    std::istringstream g(synthetic().gazetteer), t(synthetic().timeline);
    merge_timeline(timeline, parse_timeline(t, "synthetic.jsonl"));
    merge_gazetteer(gazetteer, parse_gazetteer(g, "synthetic-gazetteer.jsonl"));
    const ReferenceIndex index(std::move(timeline), std::move(gazetteer));
    events = index.timeline().events.size();
    const auto transcript = parse_transcript(synthetic().transcript, "synthetic.srt");
    const auto result = date_transcript(transcript, index, {});
    refs = result.references.size();
    benchmark::DoNotOptimize(result.overall.window.earliest);
  }
  state.counters["candidates"] = static_cast<double>(refs);
  state.counters["words"] = kWords;
  state.counters["events"] = static_cast<double>(events);
}
BENCHMARK(BM_DateShippedPlusSynthetic)->Unit(benchmark::kMillisecond);

void BM_BuildIndex(benchmark::State& state) {
  for (auto _ : state) {
    const ReferenceIndex index = build_index();
    benchmark::DoNotOptimize(index.phrase_count());
  }
}
BENCHMARK(BM_BuildIndex)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
