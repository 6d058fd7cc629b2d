#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prov::content {

// One cue of an SRT/WebVTT file, or one paragraph of plain text.
struct Segment {
  int index = 0;                  // 0-based
  std::optional<double> start_s;  // absent for plain text
  std::optional<double> end_s;
  std::size_t begin = 0;          // byte range of its words in Transcript::text
  std::size_t end = 0;
};

// A transcript keeps the file's bytes (markup such as <i> blanked to spaces,
// so byte offsets are still offsets into the file) and its segments.
struct Transcript {
  std::string source;  // file name, for messages and citations
  std::string format;  // "text", "srt" or "vtt"
  std::string text;
  std::vector<Segment> segments;
  std::string encoding = "UTF-8";  // as read from the file (content/transcript_encoding.h)
  std::string encoding_how;        // how it was settled; byte offsets are into `text` when converted

  std::string_view segment_text(const Segment& segment) const {
    return std::string_view(text).substr(segment.begin, segment.end - segment.begin);
  }
};

// Format from content: "WEBVTT" header, SRT timing lines, else plain text.
// Throws InputError on invalid UTF-8 (with byte offset) and malformed times
// (with line number).
Transcript parse_transcript(std::string bytes, const std::string& source);
// Reads any encoding decode_transcript_bytes() accepts; `encoding` forces one.
Transcript load_transcript(const std::filesystem::path& path, const std::string& encoding = "");

// True when the transcript holds no letters or digits at all.
bool transcript_is_empty(const Transcript& transcript);

// "00:12:03" style time for citations.
std::string format_clock(double seconds);

}  // namespace prov::content
