#pragma once
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/finding.h"
#include "core/signal.h"
#include "integrity/profile.h"
#include "integrity/scan_options.h"

namespace prov::integrity {

// Findings of the model-free integrity scan plus the per-block profiles they
// were derived from (for plotting and for the examiner to check).
struct IntegrityResult {
  Findings findings;
  IntegrityProfile profile;
  std::vector<SampleRun> digital_silence_runs;  // every run >= min length, inside speech or not
  std::vector<SampleRun> clipping_runs;
  double duration_s = 0.0;
  int sample_rate = 0;
};

// Streams native-rate mono audio through cheap per-block meters (level,
// quietest frame, DC, clipping and digital-zero runs, one FFT per block for
// the bandwidth), then runs the detectors on the profiles in finish().
//   IntegrityScanner scanner(rate, options);
//   decode_audio(path, {}, [&](const float* x, size_t n, int) { scanner.feed(x, n); });
//   IntegrityResult result = scanner.finish();
class IntegrityScanner {
 public:
  IntegrityScanner(int sample_rate, ScanOptions options = {});
  ~IntegrityScanner();
  IntegrityScanner(const IntegrityScanner&) = delete;
  IntegrityScanner& operator=(const IntegrityScanner&) = delete;

  void feed(const float* mono, std::size_t frames);
  // Runs the detectors; call once, after the last feed().
  IntegrityResult finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The whole scan on a signal held in memory. Throws std::invalid_argument on a
// sample rate below 2 kHz.
IntegrityResult scan(const Signal& signal, const ScanOptions& options = {});

nlohmann::json to_json(const ScanOptions& options);
// Compact profile summary for the JSON report (not the full series).
nlohmann::json summary_json(const IntegrityResult& result);

}  // namespace prov::integrity
