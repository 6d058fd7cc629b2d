#include "report/proof_of_life_figure.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/svg_plot.h"
#include "subjects/claims.h"

namespace prov::report {
namespace {

using content::Day;
using content::day_to_iso;
using content::day_to_unix_seconds;
constexpr double kDay = 86400.0;

const char* verdict_color(subjects::ClaimVerdict v) {
  switch (v) {
    case subjects::ClaimVerdict::contradicted: return "#d62728";
    case subjects::ClaimVerdict::inconclusive: return "#ff7f0e";
    case subjects::ClaimVerdict::uncontradicted: return "#7f7f7f";
    case subjects::ClaimVerdict::not_tested: return "#1f77b4";
  }
  return "#1f77b4";
}

}  // namespace

std::string proof_of_life_svg(const subjects::ProofOfLife& r) {
  std::vector<Day> days;
  for (const auto& w : r.items) {
    if (w.lower) days.push_back(w.lower->day);
    if (w.upper) days.push_back(w.upper->day);
    if (w.released) days.push_back(*w.released);
  }
  for (const auto& a : r.claims) {
    days.push_back(a.deadline);
    if (const auto first = subjects::claim_earliest(a.claim)) days.push_back(*first);
  }
  if (days.empty()) return "";
  const auto [lo_it, hi_it] = std::minmax_element(days.begin(), days.end());
  const Day margin = std::max(30, (*hi_it - *lo_it) / 10);
  const double axis_min = day_to_unix_seconds(*lo_it - margin), axis_max = day_to_unix_seconds(*hi_it + margin + 1);
  Timeline t;
  t.title = fmt::format("Proof of life: {} — recording windows, release dates and claims", r.subject);
  t.x_label = "date";
  t.x_is_unix_time = true;
  t.x_min = axis_min;
  t.x_max = axis_max;
  if (r.alive_on_or_after) {
    t.bars.push_back({"alive (evidence)", day_to_unix_seconds(*r.alive_on_or_after), axis_max, "#2ca02c",
                      fmt::format("the evidence shows the subject alive on or after {} (item {})",
                                  day_to_iso(*r.alive_on_or_after), r.alive_item.value_or(0))});
  }
  for (const auto& w : r.items) {
    const std::string row = fmt::format("item {} window", w.item_id);
    if (w.lower || w.upper) {
      const double a = w.lower ? day_to_unix_seconds(w.lower->day) : axis_min;
      const double b = w.upper ? day_to_unix_seconds(w.upper->day) + kDay : axis_max;
      t.bars.push_back({row, a, b, w.consistent ? "#2ca02c" : "#8c564b",
                        fmt::format("item {} recorded {} .. {}{}", w.item_id, subjects::edge_text(w.lower),
                                    subjects::edge_text(w.upper), w.consistent ? "" : " (inconsistent)")});
    }
    if (w.released) {
      const double d = day_to_unix_seconds(*w.released);
      t.bars.push_back({fmt::format("item {} released", w.item_id), d, d + kDay, "#9467bd",
                        fmt::format("item {} released {}", w.item_id, day_to_iso(*w.released))});
    }
  }
  for (const auto& a : r.claims) {
    const auto first = subjects::claim_earliest(a.claim);
    const double start = day_to_unix_seconds(first.value_or(a.deadline));
    const std::string what = a.claim.status == "seen_in" ? "seen in " + a.claim.place : a.claim.status;
    // The verdict is in the row label as well as the colour, for printed reports.
    const std::string verdict =
        a.verdict == subjects::ClaimVerdict::not_tested ? "" : ": " + subjects::to_string(a.verdict);
    t.bars.push_back({fmt::format("claim {} {}{}", a.claim.id, what, verdict), start, day_to_unix_seconds(a.deadline) + kDay,
                      verdict_color(a.verdict),
                      fmt::format("{} by {} (published {}): {}", what, a.claim.claimant, a.claim.published_date,
                                  subjects::to_string(a.verdict))});
  }
  return render_timeline_svg(t);
}

nlohmann::json proof_of_life_section(const subjects::ProofOfLife& r) {
  nlohmann::json section{{"id", "subject"}, {"title", fmt::format("Subject: {} — proof of life", r.subject)}};
  std::string summary =
      r.alive_on_or_after
          ? fmt::format("The evidence shows {} alive on or after {} (item {}).", r.subject,
                        day_to_iso(*r.alive_on_or_after), *r.alive_item)
          : fmt::format("No recording attributed to {} has a lower bound on its date.", r.subject);
  for (const auto& a : r.claims) {
    if (a.verdict == subjects::ClaimVerdict::not_tested) continue;
    summary += fmt::format(" Claim {} ({} by {}): {}", a.claim.id, a.claim.status, a.claim.claimant, a.explanation);
  }
  section["summary"] = summary;
  // Flat facts (one row per claim, its chain written out) for the HTML table;
  // the full structure beside them for JSON readers.
  nlohmann::json facts = {{"subject", r.subject},
                          {"alive_on_or_after", r.alive_on_or_after ? day_to_iso(*r.alive_on_or_after) : "no evidence"},
                          {"items", r.items.size()}};
  for (const auto& a : r.claims) {
    std::string text = subjects::to_string(a.verdict) + ". " + a.explanation;
    if (!a.chain.empty()) {
      text += " Chain:";
      for (const auto& step : a.chain) text += fmt::format(" → {}: {}", step.step, step.text);
    }
    facts[fmt::format("claim {} ({}, {}, published {})", a.claim.id, a.claim.status, a.claim.claimant,
                      a.claim.published_date)] = text;
  }
  section["facts"] = facts;
  section["proof_of_life"] = subjects::to_json(r);
  section["figures"] = nlohmann::json::array();
  if (const std::string svg = proof_of_life_svg(r); !svg.empty()) {
    section["figures"].push_back({{"title", "Claims against the recordings' date windows"}, {"svg", svg}});
  }
  return section;
}

}  // namespace prov::report
