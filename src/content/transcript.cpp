#include "content/transcript.h"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

#include "content/utf8_text.h"
#include "content/tokens.h"
#include "content/transcript_encoding.h"
#include "core/error.h"

namespace prov::content {
namespace {

constexpr std::size_t kMaxTranscriptBytes = 64u << 20;
constexpr std::size_t kMaxTimingLine = 200;
constexpr std::size_t kMaxSegmentBytes = 16u << 10;

struct Line {
  std::size_t begin = 0;  // byte range without the line break
  std::size_t end = 0;
  int number = 0;  // 1-based
};

std::vector<Line> split_lines(const std::string& text, std::size_t from) {
  std::vector<Line> lines;
  std::size_t pos = from;
  int number = 1;
  while (pos <= text.size()) {
    std::size_t next = text.find('\n', pos);
    const bool last = next == std::string::npos;
    if (last) next = text.size();
    std::size_t end = next;
    if (end > pos && text[end - 1] == '\r') --end;
    if (!(last && pos == text.size())) lines.push_back({pos, end, number});
    ++number;
    pos = next + 1;
    if (last) break;
  }
  return lines;
}

bool blank(const std::string& text, const Line& line) {
  for (std::size_t i = line.begin; i < line.end; ++i) {
    const char c = text[i];
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// Replaces <b>, </i>, <c.yellow>, <00:01:02.000> and similar markup with
// spaces of the same length, so offsets keep pointing into the file.
void blank_markup(std::string& text, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    if (text[i] != '<') continue;
    const std::size_t close = text.find('>', i);
    if (close == std::string::npos || close >= end || close - i > 64) continue;
    for (std::size_t k = i; k <= close; ++k) text[k] = ' ';
    i = close;
  }
}

double parse_clock(const std::smatch& m, int first_group) {
  const double hours = m[first_group].matched ? std::stod(m[first_group].str()) : 0.0;
  return hours * 3600.0 + std::stod(m[first_group + 1].str()) * 60.0 +
         std::stod(m[first_group + 2].str()) + std::stod(m[first_group + 3].str()) / 1000.0;
}

// Parses blocks of "[id]\nTIME --> TIME\ntext..." shared by SRT and WebVTT.
void parse_cues(Transcript& t, const std::vector<Line>& lines, bool vtt) {
  // SRT: HH:MM:SS,mmm (a '.' is tolerated); VTT: [HH:]MM:SS.mmm.
  static const std::regex srt_time(
      R"(^\s*(\d+):(\d{1,2}):(\d{1,2})[,.](\d{1,3})\s*-->\s*(\d+):(\d{1,2}):(\d{1,2})[,.](\d{1,3})\s*$)");
  static const std::regex vtt_time(
      R"(^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2})\.(\d{3})\s+-->\s+(?:(\d+):)?(\d{1,2}):(\d{1,2})\.(\d{3})(?:\s.*)?$)");
  std::size_t i = 0;
  while (i < lines.size()) {
    if (blank(t.text, lines[i])) { ++i; continue; }
    // One block: lines up to the next blank line.
    std::size_t block_end = i;
    while (block_end < lines.size() && !blank(t.text, lines[block_end])) ++block_end;
    std::size_t timing = lines.size();
    for (std::size_t k = i; k < block_end && k < i + 2; ++k) {
      const std::string_view view(t.text.data() + lines[k].begin, lines[k].end - lines[k].begin);
      if (view.find("-->") != std::string_view::npos) { timing = k; break; }
    }
    const std::string first(t.text.data() + lines[i].begin, lines[i].end - lines[i].begin);
    if (timing == lines.size()) {
      if (vtt && (first.rfind("NOTE", 0) == 0 || first.rfind("STYLE", 0) == 0 ||
                  first.rfind("REGION", 0) == 0 || first.rfind("WEBVTT", 0) == 0)) {
        i = block_end;
        continue;
      }
      throw InputError(fmt::format("{}: line {}: cue without a timing line ('{}')", t.source,
                                   lines[i].number, first.substr(0, 60)));
    }
    const std::string timing_text(t.text.data() + lines[timing].begin,
                                  lines[timing].end - lines[timing].begin);
    std::smatch m;
    // Long lines are refused before the regex: std::regex recurses per character.
    if (timing_text.size() > kMaxTimingLine || !std::regex_match(timing_text, m, vtt ? vtt_time : srt_time)) {
      throw InputError(fmt::format("{}: line {}: malformed {} time '{}'", t.source,
                                   lines[timing].number, vtt ? "WebVTT" : "SRT",
                                   timing_text.substr(0, 60)));
    }
    Segment segment;
    segment.index = static_cast<int>(t.segments.size());
    segment.start_s = parse_clock(m, 1);
    segment.end_s = parse_clock(m, 5);
    if (*segment.end_s < *segment.start_s) {
      throw InputError(fmt::format("{}: line {}: cue ends before it starts ('{}')", t.source,
                                   lines[timing].number, timing_text.substr(0, 60)));
    }
    if (timing + 1 < block_end) {
      segment.begin = lines[timing + 1].begin;
      segment.end = lines[block_end - 1].end;
      blank_markup(t.text, segment.begin, segment.end);
      t.segments.push_back(segment);
    }
    i = block_end;
  }
}

void parse_paragraphs(Transcript& t, const std::vector<Line>& lines) {
  std::size_t i = 0;
  while (i < lines.size()) {
    if (blank(t.text, lines[i])) { ++i; continue; }
    std::size_t end = i;
    while (end < lines.size() && !blank(t.text, lines[end])) ++end;
    Segment segment;
    segment.index = static_cast<int>(t.segments.size());
    segment.begin = lines[i].begin;
    segment.end = lines[end - 1].end;
    t.segments.push_back(segment);
    i = end;
  }
}

bool looks_like_srt(const std::string& text, const std::vector<Line>& lines) {
  static const std::regex arrow(R"(^\s*\d+:\d{1,2}:\d{1,2}[,.]\d{1,3}\s*-->)");
  int checked = 0;
  for (const auto& line : lines) {
    if (blank(text, line)) continue;
    const std::string s(text.data() + line.begin, line.end - line.begin);
    if (s.find("-->") != std::string::npos) {
      return (s.size() <= kMaxTimingLine && std::regex_search(s, arrow)) || checked < 2;
    }
    if (++checked >= 2) return false;
  }
  return false;
}

// Splits segments longer than kMaxSegmentBytes at a line break or space, so
// a runaway paragraph is read piece by piece; the pieces keep the times.
void split_long_segments(Transcript& t) {
  std::vector<Segment> out;
  for (const Segment& segment : t.segments) {
    std::size_t begin = segment.begin;
    while (segment.end - begin > kMaxSegmentBytes) {
      std::size_t cut = begin + kMaxSegmentBytes;
      std::size_t at = cut;
      while (at > begin + kMaxSegmentBytes / 2 && t.text[at] != '\n' && t.text[at] != ' ') --at;
      if (at == begin + kMaxSegmentBytes / 2) {
        // No space nearby: cut at a character boundary.
        at = cut;
        while (at > begin && (static_cast<unsigned char>(t.text[at]) & 0xC0) == 0x80) --at;
      }
      Segment piece = segment;
      piece.begin = begin;
      piece.end = at;
      out.push_back(piece);
      begin = at;
    }
    Segment last = segment;
    last.begin = begin;
    out.push_back(last);
  }
  for (std::size_t i = 0; i < out.size(); ++i) out[i].index = static_cast<int>(i);
  t.segments = std::move(out);
}

}  // namespace

Transcript parse_transcript(std::string bytes, const std::string& source) {
  if (bytes.size() > kMaxTranscriptBytes) {
    throw InputError(fmt::format("{}: transcript too large ({} bytes, limit {})", source,
                                 bytes.size(), kMaxTranscriptBytes));
  }
  require_valid_utf8(bytes, source);
  Transcript t;
  t.source = source;
  t.text = std::move(bytes);
  const std::size_t bom = t.text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  const auto lines = split_lines(t.text, bom);
  if (t.text.compare(bom, 6, "WEBVTT") == 0) {
    t.format = "vtt";
    parse_cues(t, lines, true);
  } else if (looks_like_srt(t.text, lines)) {
    t.format = "srt";
    parse_cues(t, lines, false);
  } else {
    t.format = "text";
    parse_paragraphs(t, lines);
  }
  split_long_segments(t);
  return t;
}

Transcript load_transcript(const std::filesystem::path& path, const std::string& encoding) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open transcript", path.string()));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string bytes = buffer.str();
  if (bytes.size() > kMaxTranscriptBytes) {
    throw InputError(fmt::format("{}: transcript too large ({} bytes, limit {})", path.string(), bytes.size(),
                                 kMaxTranscriptBytes));
  }
  DecodedText decoded = decode_transcript_bytes(bytes, encoding, path.string());
  Transcript t = parse_transcript(std::move(decoded.utf8), path.string());
  t.encoding = decoded.encoding;
  t.encoding_how = decoded.how;
  return t;
}

bool transcript_is_empty(const Transcript& transcript) {
  for (const auto& segment : transcript.segments) {
    if (!tokenize(transcript.segment_text(segment)).empty()) return false;
  }
  return true;
}

std::string format_clock(double seconds) {
  const long total = std::lround(std::floor(seconds));
  return fmt::format("{:02d}:{:02d}:{:02d}", total / 3600, (total / 60) % 60, total % 60);
}

}  // namespace prov::content
