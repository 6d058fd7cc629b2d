#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/signal.h"

namespace prov::fingerprint::test {

// A "speech" of real recorded voice: FSDD utterances of one speaker (digits
// 0-9, recordings first..first+count-1 of each), decoded at 16 kHz and joined
// with short pauses.
Signal fsdd_speech(const std::string& speaker, int first, int count);

// 16-bit PCM WAV.
void write_wav(const std::filesystem::path& path, const Signal& signal);

// Writes `signal` as WAV and re-encodes it with the ffmpeg CLI using
// `ffmpeg_options` (e.g. "-c:a libmp3lame -b:a 64k") into `path`.
void encode(const std::filesystem::path& path, const Signal& signal, const std::string& ffmpeg_options);

// samples [start_s, start_s + length_s) of `from`, appended to `to`.
void append_slice(Signal& to, const Signal& from, double start_s, double length_s);

}  // namespace prov::fingerprint::test
