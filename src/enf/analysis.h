#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/sample_source.h"
#include "core/signal.h"
#include "enf/edits.h"
#include "enf/extract.h"
#include "enf/match.h"
#include "enf/presence.h"
#include "enf/reference.h"

namespace prov::enf {

struct EnfOptions {
  int nominal_hz = 0;  // 50, 60, or 0 = decide from the presence test
  SpectrogramOptions spectrogram;
  TrackingOptions tracking;
  PresenceOptions presence;
  EditOptions edits;
  MatchOptions match;
  bool force_trace = false;  // extract a trace even when no hum is found (nominal must be set)
};

struct GridMatch {
  std::string grid;
  MatchResult result;
};

struct EnfAnalysis {
  std::vector<PresenceResult> tested;  // one per nominal tested
  PresenceResult presence;             // the chosen nominal
  std::optional<EnfTrace> trace;       // when hum is present (or forced)
  std::optional<EditScan> edits;
  std::vector<GridMatch> matches;      // one per reference of the right nominal
  double duration_s = 0;
};

// Presence test at 50 and/or 60 Hz and, when hum is present, the trace and
// its phase-discontinuity scan (which also backs the presence decision: hum
// is continuous, notes and voices are not).
EnfAnalysis extract_enf(const Signal& signal, const EnfOptions& options = {});

// Everything: presence, trace, discontinuities, and matching against each
// reference whose nominal frequency fits.
EnfAnalysis analyze_enf(const Signal& signal, const EnfOptions& options,
                        const std::vector<ReferenceSeries>& references);

// The same from the hum band alone (reduced by hum_band_decimator, e.g. while
// decoding), read a tile at a time: memory does not follow the length.
EnfAnalysis analyze_enf(const SampleSource& hum_band, const EnfOptions& options,
                        const std::vector<ReferenceSeries>& references);

// The analysis as findings an examiner can cite.
Findings enf_findings(const EnfAnalysis& analysis, const EnfOptions& options);

// A match result as JSON: verdict, reason, margin, noise, measured
// false-placement rate, candidates.
nlohmann::json match_json(const MatchResult& result);

// The edit scan as JSON: the discontinuity score per second of the recording
// (the largest in each second; second i covers [i, i + 1) s), the threshold
// and the reported breaks.
nlohmann::json edit_scan_json(const EditScan& scan, const EditOptions& options);

// Trace summary numbers (mean, spread, confident share) as JSON.
nlohmann::json trace_summary(const EnfTrace& trace);

}  // namespace prov::enf
