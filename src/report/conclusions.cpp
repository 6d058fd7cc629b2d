#include "report/conclusions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace prov::report {
namespace {

using nlohmann::json;

const json& field(const json& object, const char* key) {
  static const json null_value;
  if (!object.is_object()) return null_value;
  const auto it = object.find(key);
  return it == object.end() ? null_value : *it;
}

std::string text(const json& v, const std::string& fallback = {}) {
  return v.is_string() ? v.get<std::string>() : fallback;
}

double number(const json& v, double fallback = 0) { return v.is_number() ? v.get<double>() : fallback; }

const json* section(const json& report, const std::string& id) {
  const json& sections = field(report, "sections");
  if (!sections.is_array()) return nullptr;
  for (const json& s : sections)
    if (s.is_object() && text(field(s, "id")) == id) return &s;
  return nullptr;
}

struct Cited {
  const json* finding;
  std::string ref;  // "#12" (stored id) or "#3" (position)
};

std::vector<Cited> standing_findings(const json& report, const std::set<std::string>& kinds) {
  std::vector<Cited> out;
  const json& findings = field(report, "findings");
  if (!findings.is_array()) return out;
  int position = 0;
  for (const json& f : findings) {
    ++position;
    if (!f.is_object() || !kinds.count(text(field(f, "kind")))) continue;
    if (text(field(f, "status")) == "rejected") continue;
    const json& id = field(f, "id");
    out.push_back({&f, "#" + (id.is_number_integer() ? std::to_string(id.get<long long>()) : std::to_string(position))});
  }
  return out;
}

bool confirmed(const Cited& c) { return text(field(*c.finding, "status")) == "confirmed"; }

// Appends `part` with `separator` before it unless `out` is empty.
void join_to(std::string& out, const char* separator, const std::string& part) {
  if (!out.empty()) out += separator;
  out += part;
}

std::string strength_word(double s) { return s >= 0.75 ? "strong" : s >= 0.4 ? "moderate" : "weak"; }

std::string clock(double seconds) {
  const long total = std::lround(std::max(0.0, seconds));
  return total >= 3600 ? fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60)
                       : fmt::format("{}:{:02}", total / 60, total % 60);
}

Conclusion when_recorded(const json& report) {
  Conclusion c{"when", "When was it recorded?", "", "cannot tell", {}, {}, {}};
  std::vector<std::string> parts;
  double best = 0;
  bool any_confirmed = false;
  bool bounded = false;  // a content window or an ENF placement; a metadata tag never bounds

  if (const json* content = section(report, "content")) {
    const json& facts = field(*content, "facts");
    if (number(field(facts, "references")) > 0) {
      const std::string earliest = text(field(facts, "earliest"), "unbounded");
      const std::string latest = text(field(facts, "latest"), "unbounded");
      parts.push_back(fmt::format("from what is said, not before {} and not after {}", earliest, latest));
      bounded = true;
      c.methods.push_back("Dating from content: dated references in the transcript against the event timeline");
      c.limitations.push_back(
          "Content bounds hold only if the transcript is faithful and the speaker refers to events as they were; "
          "measured on the dating evaluation set (bench/README.md), not on casework");
      if (const json& consistent = field(facts, "consistent"); consistent.is_boolean() && !consistent.get<bool>())
        c.limitations.push_back("The content bounds are inconsistent with each other: see the dating section");
    } else if (field(*content, "facts").is_object()) {
      c.methods.push_back("Dating from content (no dated reference found)");
    }
  }
  for (const Cited& f : standing_findings(report, {"date_window"})) {
    best = std::max(best, number(field(*f.finding, "strength")));
    any_confirmed |= confirmed(f);
    c.cited.push_back(f.ref);
  }

  if (const json* enf = section(report, "enf")) {
    c.methods.push_back("Mains hum (ENF) matched against a reference of grid frequency");
    const json& facts = field(*enf, "facts");
    bool referenced = false;
    if (facts.is_object()) {
      for (auto it = facts.begin(); it != facts.end(); ++it) {
        if (it.key().rfind("match_", 0) != 0) continue;
        referenced = true;
        const std::string grid = it.key().substr(6);
        const std::string verdict = text(field(it.value(), "verdict"));
        const json& candidates = field(it.value(), "candidates");
        const json& fp = field(it.value(), "false_placement");
        if (verdict == "placed" && candidates.is_array() && !candidates.empty()) {
          parts.push_back(fmt::format("the mains hum places its start at {} on grid '{}'",
                                      text(field(candidates[0], "clip_start")), grid));
          best = std::max(best, 0.8);
          bounded = true;
          c.limitations.push_back(fmt::format(
              "ENF placement was wrong for {:.1f}% of clips of this length from times the reference does not "
              "cover (upper 95% bound {:.1f}%; {})",
              100 * number(field(fp, "rate")), 100 * number(field(fp, "upper_95")), text(field(fp, "measured_on"))));
        } else if (verdict == "ambiguous") {
          parts.push_back(fmt::format("the mains hum fits several times on grid '{}' equally well (ambiguous)", grid));
        } else {
          parts.push_back(fmt::format("the mains hum does not match grid '{}' in the times it covers", grid));
        }
      }
    }
    if (!referenced) c.limitations.push_back("No ENF reference was given, so the hum did not date the recording");
  }
  for (const Cited& f : standing_findings(report, {"enf"})) c.cited.push_back(f.ref);

  if (const json& creation = field(field(report, "container"), "creation_time"); creation.is_string()) {
    parts.push_back("the file's creation-time tag says " + creation.get<std::string>() +
                    " (a tag anyone can write: not evidence of the recording date by itself)");
    c.methods.push_back("Container metadata");
  }

  if (parts.empty()) {
    c.answer = c.methods.empty() ? "Not examined: no transcript, ENF reference or dated metadata was available."
                                 : "Cannot tell: the analyses run found nothing that dates the recording.";
    c.strength = c.methods.empty() ? "not examined" : "cannot tell";
    return c;
  }
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) joined += (i ? "; " : "") + parts[i];
  joined[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(joined[0])));
  c.answer = joined + ".";
  c.strength = !bounded       ? "cannot tell"
               : any_confirmed ? "confirmed by the examiner"
               : best > 0      ? strength_word(best)
                               : "weak";
  return c;
}

Conclusion edited(const json& report) {
  Conclusion c{"edited", "Has it been edited?", "", "cannot tell", {}, {}, {}};
  const auto edits = standing_findings(report, {"edit"});
  const json& integrity = field(report, "integrity");
  const bool scanned = integrity.is_object();
  if (scanned) c.methods.push_back("Integrity scan: level, noise-floor, bandwidth and digital-silence changes");
  if (section(report, "enf")) c.methods.push_back("Mains hum phase and frequency continuity (ENF)");
  if (!scanned && c.methods.empty()) {
    c.answer = "Not examined.";
    c.strength = "not examined";
    return c;
  }
  int confirmed_count = 0;
  double best = 0;
  std::string spans;
  double rate_sum = 0, upper_max = 0;
  int rated = 0;
  for (const Cited& f : edits) {
    c.cited.push_back(f.ref);
    if (confirmed(f)) ++confirmed_count;
    best = std::max(best, number(field(*f.finding, "strength")));
    if (spans.size() < 200)
      join_to(spans, ", ", clock(number(field(*f.finding, "start_s"))));
    const json& evidence = field(*f.finding, "evidence");
    if (const json& r = field(evidence, "false_alarms_per_hour"); r.is_number()) {
      rate_sum += r.get<double>();
      ++rated;
    }
    if (const json& u = field(evidence, "false_alarms_per_hour_upper_95"); u.is_number())
      upper_max = std::max(upper_max, u.get<double>());
  }
  if (edits.empty()) {
    c.answer =
        "No sign of editing was found by the scans run. This does not prove the recording is unedited: edits "
        "that leave no level, noise, bandwidth or hum discontinuity are not seen.";
    c.strength = "cannot tell";
  } else if (confirmed_count > 0) {
    c.answer = fmt::format("Yes: the examiner confirmed {} of {} possible edit point(s) (at {}).", confirmed_count,
                           edits.size(), spans);
    c.strength = "confirmed by the examiner";
  } else {
    c.answer = fmt::format(
        "Possibly: {} possible edit point(s) proposed (at {}), none yet confirmed by the examiner. Each may be a "
        "real splice or a change of conditions within one take.",
        edits.size(), spans);
    c.strength = strength_word(best);
  }
  if (rated > 0) {
    c.limitations.push_back(fmt::format(
        "On real unedited speech these detectors raise about {:.1f} false edit(s) per hour at the strengths "
        "found (mean over the cited findings{}; measuring set in bench/README.md)",
        rate_sum / rated,
        upper_max > 0 ? fmt::format(", at most {:.2f} per hour at 95% confidence for the rarest", upper_max) : ""));
  }
  c.limitations.push_back("Validated on read speech from public corpora, not on casework recordings");
  return c;
}

Conclusion recycled(const json& report) {
  Conclusion c{"recycled", "Does it reuse older material?", "", "not examined", {}, {}, {}};
  const json* archive = section(report, "archive");
  if (!archive || field(*archive, "parameters").is_null()) {
    c.answer = "Not examined: no archive was searched (--archive).";
    return c;
  }
  c.methods.push_back("Audio fingerprints (spectral-peak landmarks) searched in the archive");
  const auto reuse = standing_findings(report, {"reuse"});
  if (reuse.empty()) {
    c.answer = "No reused audio was found in the archive searched. Material absent from the archive cannot be found.";
    c.strength = "cannot tell";
  } else {
    std::map<std::string, std::vector<std::string>> by_item;
    double best = 0;
    bool any_confirmed = false;
    for (const Cited& f : reuse) {
      c.cited.push_back(f.ref);
      const json& ev = field(*f.finding, "evidence");
      std::string title = text(field(ev, "archive_title"));
      if (title.empty()) title = "archive item " + std::to_string(static_cast<long long>(number(field(ev, "archive_item_id"))));
      by_item[title].push_back(clock(number(field(ev, "query_start_s"))) + "-" +
                               clock(number(field(ev, "query_end_s"))));
      best = std::max(best, number(field(*f.finding, "strength")));
      any_confirmed |= confirmed(f);
    }
    std::string list;
    for (const auto& [title, spans] : by_item) {
      std::string joined;
      for (const auto& s : spans) join_to(joined, ", ", s);
      join_to(list, "; ", fmt::format("\"{}\" at {}", title, joined));
    }
    c.answer = fmt::format("Yes: {} reused stretch(es) from {} archived item(s): {}.", reuse.size(), by_item.size(), list);
    c.strength = any_confirmed ? "confirmed by the examiner" : strength_word(best);
    c.limitations.push_back(
        "Each finding states its false-alarm rate at its significance; recall falls for stretches under 5 s and "
        "under heavy noise (bench/README.md)");
  }
  return c;
}

Conclusion who(const json& report) {
  Conclusion c{"who", "Is it the claimed speaker?", "", "not examined", {}, {}, {}};
  const auto speaker = standing_findings(report, {"speaker"});
  if (speaker.empty()) {
    c.answer = "Not examined: no speaker comparison was run.";
    return c;
  }
  c.methods.push_back("Speaker comparison as a calibrated likelihood ratio");
  std::string answers;
  for (const Cited& f : speaker) {
    c.cited.push_back(f.ref);
    join_to(answers, " ", text(field(*f.finding, "summary")));
    if (const json& lim = field(field(*f.finding, "evidence"), "limits"); lim.is_string())
      c.limitations.push_back(lim.get<std::string>());
  }
  c.answer = answers;
  c.strength = "see the likelihood ratio";
  return c;
}

Conclusion what_it_says(const json& report) {
  Conclusion c{"says", "What does it say?", "", "not examined", {}, {}, {}};
  const json* content = section(report, "content");
  if (!content || !field(*content, "facts").is_object()) {
    c.answer = "Not examined: no transcript was given (--transcript).";
    return c;
  }
  c.methods.push_back("Transcript read for dated references, events, places and reported claims");
  c.answer = text(field(*content, "summary"));
  c.strength = "as the transcript";
  c.limitations.push_back("The transcript or translation is taken as given; it is not checked against the audio");
  for (const Cited& f : standing_findings(report, {"inconsistency"})) c.cited.push_back(f.ref);
  return c;
}

}  // namespace

std::vector<Conclusion> conclusions(const json& report) {
  return {when_recorded(report), edited(report), recycled(report), who(report), what_it_says(report)};
}

json to_json(const Conclusion& c) {
  return {{"id", c.id},         {"question", c.question},       {"answer", c.answer}, {"strength", c.strength},
          {"methods", c.methods}, {"limitations", c.limitations}, {"cited_findings", c.cited}};
}

}  // namespace prov::report
