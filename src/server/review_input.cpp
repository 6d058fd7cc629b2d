#include "server/review_input.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace prov::server {
namespace {

using nlohmann::json;

// The body is a flat object; deeper nesting is refused while parsing, so no
// hostile document can build a deep tree.
constexpr int kMaxDepth = 2;
constexpr std::size_t kMaxExaminer = 200;
constexpr std::size_t kMaxNote = 16 * 1024;

Refusal bad(std::string message) { return Refusal{400, std::move(message)}; }

bool has_control(std::string_view text, bool allow_newline_and_tab) {
  return std::any_of(text.begin(), text.end(), [&](unsigned char c) {
    if (allow_newline_and_tab && (c == '\n' || c == '\t')) return false;
    return c < 0x20 || c == 0x7f;
  });
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

std::variant<ReviewInput, Refusal> parse_review(std::string_view body, const std::string& default_examiner) {
  bool too_deep = false;
  const json::parser_callback_t limit_depth = [&](int depth, json::parse_event_t, json&) {
    if (depth > kMaxDepth) too_deep = true;
    return !too_deep;
  };
  json doc = json::parse(body.begin(), body.end(), limit_depth, /*allow_exceptions=*/false);
  if (too_deep) return bad("the review must be a flat JSON object");
  if (doc.is_discarded() || !doc.is_object()) return bad("the body is not a JSON object");

  ReviewInput review;
  bool has_examiner = false;
  for (const auto& [key, value] : doc.items()) {
    if (key != "status" && key != "examiner" && key != "note") return bad("unknown field in the review");
    if (!value.is_string()) return bad("'" + key + "' must be a string");
    if (key == "status") review.status = value.get<std::string>();
    if (key == "note") review.note = value.get<std::string>();
    if (key == "examiner") {
      review.examiner = value.get<std::string>();
      has_examiner = true;
    }
  }
  if (review.status != "confirmed" && review.status != "rejected") {
    return bad("status must be 'confirmed' or 'rejected'");
  }
  if (!has_examiner) review.examiner = default_examiner;
  if (is_blank(review.examiner)) return bad("an examiner name is required");
  if (review.examiner.size() > kMaxExaminer) return bad("the examiner name is too long");
  if (has_control(review.examiner, false)) return bad("the examiner name holds control characters");
  if (review.note.size() > kMaxNote) return bad("the note is too long");
  if (has_control(review.note, true)) return bad("the note holds control characters");
  return review;
}

}  // namespace prov::server
