#pragma once
#include <httplib.h>

#include <string_view>

#include "server/item_media.h"

namespace prov::casefile {
class CaseStore;
}

namespace prov::server {

// GET /api/items/{id}/peaks.json?per_second=N: the waveform of the whole
// recording as [min, max, min, max, ...] in 1/127 of full scale, N buckets a
// second (1, 2, 5, 10, 20, 50 or 100; default 10).
void get_item_peaks(const casefile::CaseStore& store, ItemMediaCache& cache, std::string_view id,
                    const httplib::Request& req, httplib::Response& res);

// GET /api/items/{id}/spectrogram.png: 0 to 8 kHz over the whole recording.
void get_item_spectrogram(const casefile::CaseStore& store, ItemMediaCache& cache, std::string_view id,
                          httplib::Response& res);

// GET /api/items/{id}/audio: the recording as the browser plays it, with
// byte ranges (206 and Content-Range; 416 for a range that cannot be met).
// The original is served only while its SHA-256 is the one recorded at
// intake.
void get_item_audio(const casefile::CaseStore& store, ItemMediaCache& cache, std::string_view id,
                    const httplib::Request& req, httplib::Response& res);

}  // namespace prov::server
