// Decoding + integrity scan of a 46-minute speech recording, as `analyze`
// runs them (one decode; the scanner is the native-rate sink). Prints the
// real-time factor as the counter x_realtime (goal: >= 300).
//
// The recording is built at bench time from Debian tools: espeak-ng
// sentences and real FSDD speech, over a pink-noise room, repeated to 46
// minutes and encoded as 128 kb/s MP3 at 44.1 kHz. It is kept in
// $TMPDIR/provenance-bench/ between runs.
#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "integrity/scanner.h"
#include "media/decode.h"
#include "support/test_support.h"

namespace {
namespace fs = std::filesystem;
using prov::test::run_command;
using prov::test::shell_quote;

constexpr double kMinutes = 46.0;

std::string build_recording() {
  const fs::path dir = fs::temp_directory_path() / "provenance-bench";
  const fs::path mp3 = dir / "speech-46min.mp3";
  if (fs::exists(mp3)) return mp3.string();
  fs::create_directories(dir);
  const std::string d = shell_quote(dir.string());
  std::string fsdd;
  const fs::path data = prov::test::shared_data_dir() / "fsdd";
  for (const char* speaker : {"george", "jackson", "nicolas"}) {
    for (int digit = 0; digit < 10; ++digit) {
      const fs::path f = data / (std::to_string(digit) + "_" + speaker + "_0.wav");
      if (fs::exists(f)) fsdd.append(" ").append(shell_quote(f.string()));
    }
  }
  const std::string script =
      "set -e; cd " + d +
      "; espeak-ng -v en-us -s 150 -w voice.wav 'This recording is long, and it is made only to measure how fast "
      "the workbench reads and scans speech. The speaker talks about the weather, the roads, the market and the "
      "news of the week, with pauses between the sentences, as people do.'"
      "; sox -R -D voice.wav -r 44100 -c 1 v.wav gain -n -12 pad 0.4 0.4" +
      (fsdd.empty() ? std::string() : "; sox -R -D" + fsdd + " -r 44100 -c 1 f.wav gain -n -12; sox v.wav f.wav unit.wav") +
      (fsdd.empty() ? "; cp v.wav unit.wav" : "") +
      "; n=$(python3 -c \"import subprocess;d=float(subprocess.check_output(['soxi','-D','unit.wav']));"
      "print(int(" + std::to_string(kMinutes * 60) + "/d)+1)\")"
      "; sox -R -D unit.wav long.wav repeat $n trim 0 " + std::to_string(kMinutes * 60) +
      "; sox -R -D -n -r 44100 -c 1 room.wav synth " + std::to_string(kMinutes * 60) + " pinknoise vol 0.005"
      "; sox -R -D -m long.wav room.wav mixed.wav"
      "; ffmpeg -nostdin -v error -y -i mixed.wav -c:a libmp3lame -b:a 128k speech-46min.tmp.mp3"
      "; mv speech-46min.tmp.mp3 speech-46min.mp3; rm -f voice.wav v.wav f.wav unit.wav long.wav room.wav mixed.wav";
  const auto r = run_command("bash -c " + shell_quote(script));
  if (r.exit_code != 0) throw std::runtime_error("cannot build the bench recording:\n" + r.output);
  return mp3.string();
}

void BM_DecodeAndScan46MinSpeech(benchmark::State& state) {
  std::string path;
  try {
    path = build_recording();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  double seconds_of_audio = 0.0;
  std::size_t findings = 0;
  for (auto _ : state) {
    std::unique_ptr<prov::integrity::IntegrityScanner> scanner;
    const auto decoded = prov::media::decode_audio(path, {}, [&](const float* x, std::size_t n, int rate) {
      if (!scanner) scanner = std::make_unique<prov::integrity::IntegrityScanner>(rate);
      scanner->feed(x, n);
    });
    const auto result = scanner->finish();
    seconds_of_audio = decoded.decoded_duration_s();
    findings = result.findings.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["audio_s"] = seconds_of_audio;
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["x_realtime"] = benchmark::Counter(seconds_of_audio * static_cast<double>(state.iterations()),
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DecodeAndScan46MinSpeech)->Unit(benchmark::kSecond)->Iterations(3)->UseRealTime();

// The scan alone on 46 minutes already in memory (44.1 kHz), to see its share.
void BM_ScanOnly46Min(benchmark::State& state) {
  prov::Signal s;
  s.sample_rate = 44100;
  s.samples.resize(static_cast<std::size_t>(kMinutes * 60 * 44100));
  uint32_t x = 12345;
  for (float& v : s.samples) {
    x = x * 1664525u + 1013904223u;
    v = static_cast<float>(static_cast<int32_t>(x)) * (0.05f / 2147483648.0f);
  }
  for (auto _ : state) benchmark::DoNotOptimize(prov::integrity::scan(s));
  state.counters["x_realtime"] =
      benchmark::Counter(kMinutes * 60 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ScanOnly46Min)->Unit(benchmark::kSecond)->Iterations(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
