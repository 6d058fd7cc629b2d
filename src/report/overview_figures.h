#pragma once
#include <nlohmann/json.hpp>

#include "core/signal.h"
#include "integrity/scanner.h"
#include "report/overview_sketch.h"
#include "report/png_image.h"

namespace prov::report {

// The report's overview pictures: waveform (SVG min/max envelope),
// spectrogram (PNG data URI) and the integrity profiles (level and noise
// floor, bandwidth, DC), with the integrity findings shaded.
// Each entry is {"title", "svg"} or {"title", "png_data_uri"}.
nlohmann::json overview_figures(const Signal& analysis, const integrity::IntegrityResult& integrity);
// The same from a sketch gathered while decoding (the signal is not kept).
nlohmann::json overview_figures(const OverviewSketch& sketch, const integrity::IntegrityResult& integrity,
                                double start_offset_s = 0.0);

std::string waveform_svg(const Signal& signal, const Findings& findings);
std::string waveform_svg(const OverviewSketch& sketch, const Findings& findings, double start_offset_s = 0.0);
// Log-magnitude spectrogram, between columns/2 and `columns` wide, 80 dB
// range, perceptual colour map.
RgbImage spectrogram_image(const Signal& signal, int columns = 1200);
RgbImage spectrogram_image(const OverviewSketch& sketch);
std::vector<std::string> integrity_profile_svgs(const integrity::IntegrityResult& integrity);

}  // namespace prov::report
