#include "subjects/proof_of_life.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "subjects/claims.h"

namespace prov::subjects {
namespace {

using content::day_to_iso;

std::string clock(double seconds) {
  const int total = static_cast<int>(std::floor(seconds));
  return total >= 3600 ? fmt::format("{}:{:02d}:{:02d}", total / 3600, total / 60 % 60, total % 60)
                       : fmt::format("{}:{:02d}", total / 60, total % 60);
}

std::string item_name(const ItemWindow& w) { return fmt::format("item {} ({})", w.item_id, w.sha256.substr(0, 12)); }

std::string claim_name(const casefile::ClaimRecord& c) {
  std::string what = c.status == "seen_in" ? "seen in " + c.place : c.status;
  return fmt::format("claim {} ({}, by {}, published {})", c.id, what, c.claimant, c.published_date);
}

std::string window_text(const ItemWindow& w) {
  return fmt::format("{} .. {}", edge_text(w.lower), edge_text(w.upper));
}

// "between 2019-03-23 and 2019-04-29", "on or after 2019-03-23", ...
std::string window_phrase(const ItemWindow& w) {
  if (w.lower && w.upper) return fmt::format("between {} and {}", day_to_iso(w.lower->day), day_to_iso(w.upper->day));
  if (w.lower) return fmt::format("on or after {} (no upper bound)", day_to_iso(w.lower->day));
  if (w.upper) return fmt::format("on or before {} (no lower bound)", day_to_iso(w.upper->day));
  return "at an unknown date";
}

// What the claim says about when the death happened.
std::string death_phrase(const casefile::ClaimRecord& claim, content::Day deadline) {
  if (claim.event_date.empty()) {
    return fmt::format("the claim gives no date of death, so the death happened by its publication on {}",
                       day_to_iso(deadline));
  }
  const auto first = claim_earliest(claim);
  if (first && *first == deadline) return fmt::format("the claim puts the death on {}", day_to_iso(deadline));
  return fmt::format("the claim puts the death between {} and {}", day_to_iso(first.value_or(deadline)),
                     day_to_iso(deadline));
}

bool usable(const ItemWindow& w) { return w.consistent && (w.lower || w.upper); }

ClaimAssessment assess(const casefile::ClaimRecord& claim, const std::vector<ItemWindow>& items) {
  ClaimAssessment a;
  a.claim = claim;
  a.deadline = claim_deadline(claim);
  if (claim.status != "killed") {
    a.explanation = "Not a claim of death: drawn on the timeline, not tested against the recordings.";
    return a;
  }
  const std::string by = death_phrase(claim, a.deadline);
  const ItemWindow* latest = nullptr;
  for (const auto& w : items) {
    if (!usable(w) || !w.lower || w.lower->day <= a.deadline) continue;
    a.items.push_back(w.item_id);
    if (!latest || w.lower->day > latest->lower->day) latest = &w;
  }
  if (latest) {
    a.verdict = ClaimVerdict::contradicted;
    a.explanation = fmt::format(
        "Contradicted: {}; {} was recorded on or after {}, so the subject was alive after the claimed death{}. The "
        "verdict is as sound as that bound: check the chain below.", by,
        item_name(*latest), day_to_iso(latest->lower->day),
        a.items.size() > 1 ? fmt::format(" ({} recordings in all are dated after it)", a.items.size()) : "");
    a.chain = evidence_chain(*latest, *latest->lower);
    return a;
  }
  std::vector<std::string> straddling;
  std::size_t undated = 0;
  for (const auto& w : items) {
    if (!w.consistent) continue;
    if (!w.lower && !w.upper) {
      ++undated;
      continue;
    }
    const bool open_after = !w.upper || w.upper->day > a.deadline;
    if (open_after) {
      a.items.push_back(w.item_id);
      straddling.push_back(fmt::format("{} was recorded {}", item_name(w), window_phrase(w)));
    }
  }
  const std::string undated_note =
      undated ? fmt::format(" {} attributed item(s) have no date window and were not used.", undated) : "";
  if (!straddling.empty()) {
    a.verdict = ClaimVerdict::inconclusive;
    a.explanation = fmt::format(
        "Inconclusive: {}; {}: the window straddles the claimed death, so the recording may have been made before "
        "or after it, and the evidence can neither contradict nor support the claim.{}",
        by, fmt::join(straddling, "; "), undated_note);
    return a;
  }
  a.verdict = ClaimVerdict::uncontradicted;
  const ItemWindow* last = nullptr;
  for (const auto& w : items) {
    if (usable(w) && w.lower && (!last || w.lower->day > last->lower->day)) last = &w;
  }
  a.explanation =
      last ? fmt::format("Uncontradicted: {}; no attributed recording is dated after it. The last evidence of life is "
                         "{}, recorded {}, which closes on or before the claimed death.{}",
                         by, item_name(*last), window_phrase(*last), undated_note)
           : fmt::format("Uncontradicted: {}; no attributed recording has a lower bound on its date, so nothing "
                         "analysed shows the subject alive after it.{}",
                         by, undated_note);
  return a;
}

nlohmann::json bound_json(const std::optional<WindowBound>& b) {
  if (!b) return nullptr;
  nlohmann::json j = {{"day", day_to_iso(b->day)}, {"basis", b->basis},   {"rule", b->rule},
                      {"event", b->event_id},      {"label", b->event_label}, {"quote", b->quote},
                      {"sources", b->sources},     {"detail", b->detail}};
  j["finding"] = b->finding_id ? nlohmann::json(b->finding_id) : nlohmann::json(nullptr);
  if (b->quote_at_s) j["quote_at_s"] = *b->quote_at_s;
  return j;
}

nlohmann::json chain_json(const std::vector<ChainStep>& chain) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : chain) out.push_back({{"step", s.step}, {"text", s.text}});
  return out;
}

}  // namespace

std::string to_string(ClaimVerdict v) {
  switch (v) {
    case ClaimVerdict::contradicted: return "contradicted";
    case ClaimVerdict::inconclusive: return "inconclusive";
    case ClaimVerdict::uncontradicted: return "uncontradicted";
    case ClaimVerdict::not_tested: return "not_tested";
  }
  return "unknown";
}

std::vector<ChainStep> evidence_chain(const ItemWindow& w, const WindowBound& b) {
  std::vector<ChainStep> chain;
  chain.push_back({"item", fmt::format("{} {}", item_name(w), w.path)});
  chain.push_back({"window bound", b.detail});
  if (!b.event_label.empty() || !b.event_id.empty()) {
    std::string event = b.event_label;
    if (!b.event_id.empty()) event += fmt::format(" [{}]", b.event_id);
    if (!b.rule.empty()) event += fmt::format(" (rule {})", b.rule);
    chain.push_back({"cited event", event});
  }
  if (!b.quote.empty()) {
    chain.push_back({"quote", b.quote_at_s ? fmt::format("\"{}\" at {}", b.quote, clock(*b.quote_at_s))
                                          : fmt::format("\"{}\"", b.quote)});
  }
  for (const auto& source : b.sources) chain.push_back({"source", source});
  return chain;
}

ProofOfLife assess_proof_of_life(const std::string& subject, std::vector<ItemWindow> items,
                                 const std::vector<casefile::ClaimRecord>& claims) {
  ProofOfLife r;
  r.subject = subject;
  r.items = std::move(items);
  for (const auto& w : r.items) {
    if (!usable(w) || !w.lower) continue;
    if (!r.alive_on_or_after || w.lower->day > *r.alive_on_or_after) {
      r.alive_on_or_after = w.lower->day;
      r.alive_item = w.item_id;
    }
  }
  for (const auto& c : claims) r.claims.push_back(assess(c, r.items));
  return r;
}

nlohmann::json to_json(const ProofOfLife& r) {
  nlohmann::json j;
  j["subject"] = r.subject;
  j["alive_on_or_after"] = r.alive_on_or_after ? nlohmann::json(day_to_iso(*r.alive_on_or_after)) : nlohmann::json(nullptr);
  j["alive_item"] = r.alive_item ? nlohmann::json(*r.alive_item) : nlohmann::json(nullptr);
  j["items"] = nlohmann::json::array();
  for (const auto& w : r.items) {
    nlohmann::json item = {{"item", w.item_id},          {"sha256", w.sha256},
                           {"path", w.path},             {"earliest", bound_json(w.lower)},
                           {"latest", bound_json(w.upper)}, {"consistent", w.consistent},
                           {"notes", w.notes}};
    item["released"] = w.released ? nlohmann::json(day_to_iso(*w.released)) : nlohmann::json(nullptr);
    if (w.lower) item["chain"] = chain_json(evidence_chain(w, *w.lower));
    j["items"].push_back(std::move(item));
  }
  j["claims"] = nlohmann::json::array();
  for (const auto& a : r.claims) {
    const auto& c = a.claim;
    j["claims"].push_back({{"claim", c.id},
                           {"status", c.status},
                           {"place", c.place},
                           {"event_date", c.event_date},
                           {"published", c.published_date},
                           {"claimant", c.claimant},
                           {"published_in", c.published_in},
                           {"source", c.source},
                           {"assessment", c.assessment},
                           {"deadline", day_to_iso(a.deadline)},
                           {"verdict", to_string(a.verdict)},
                           {"items", a.items},
                           {"explanation", a.explanation},
                           {"chain", chain_json(a.chain)}});
  }
  return j;
}

std::string describe(const ProofOfLife& r) {
  std::string out = fmt::format("Proof of life: {}\n", r.subject);
  if (r.alive_on_or_after) {
    out += fmt::format("Alive on or after {}: the latest earliest-possible recording day of an attributed item (item {}).\n",
                       day_to_iso(*r.alive_on_or_after), *r.alive_item);
  } else {
    out += "No attributed item has a lower bound on its recording date: the evidence shows no date of life.\n";
  }
  out += fmt::format("\nItems ({}):\n", r.items.size());
  for (const auto& w : r.items) {
    out += fmt::format("  {}  window {}{}\n    {}\n", item_name(w), window_text(w), w.consistent ? "" : "  INCONSISTENT",
                       w.path);
    if (w.lower) out += fmt::format("    earliest: {}\n", w.lower->detail);
    if (w.upper) out += fmt::format("    latest:   {}\n", w.upper->detail);
    for (const auto& note : w.notes) out += fmt::format("    note: {}\n", note);
  }
  out += fmt::format("\nClaims ({}):\n", r.claims.size());
  if (r.claims.empty()) out += "  none recorded (add with: provenance claim add|import)\n";
  for (const auto& a : r.claims) {
    out += fmt::format("  {}  {}\n", claim_name(a.claim), to_string(a.verdict));
    out += fmt::format("    {}\n", a.explanation);
    if (!a.claim.source.empty()) out += fmt::format("    claim source: {}\n", a.claim.source);
    for (const auto& s : a.chain) out += fmt::format("    -> {}: {}\n", s.step, s.text);
  }
  return out;
}

}  // namespace prov::subjects
