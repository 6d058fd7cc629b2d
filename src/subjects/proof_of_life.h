#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "casefile/subject_records.h"
#include "subjects/item_window.h"

namespace prov::subjects {

// What a claim of death meets in the evidence. With D the last day the claim
// allows for the death (claim_deadline) and [L, U] an attributed recording's
// window (L: earliest possible recording day, U: latest):
//   contradicted    some recording has L > D: the subject was alive after it;
//   inconclusive    none does, but some window straddles D (L <= D < U, or an
//                   open edge): recorded before or after, the evidence cannot say;
//   uncontradicted  every dated window closes on or before D: nothing analysed
//                   shows the subject alive after the claimed death.
// Claims of other statuses (alive, injured, captured, seen_in) are drawn but
// not tested: not_tested.
enum class ClaimVerdict { contradicted, inconclusive, uncontradicted, not_tested };
std::string to_string(ClaimVerdict verdict);

// One step of the chain an examiner checks: item -> window bound -> cited
// event -> source.
struct ChainStep {
  std::string step;  // "item", "window bound", "cited event", "quote", "source"
  std::string text;
};

struct ClaimAssessment {
  casefile::ClaimRecord claim;
  content::Day deadline = 0;
  ClaimVerdict verdict = ClaimVerdict::not_tested;
  std::vector<int64_t> items;      // the contradicting or straddling items, by item id
  std::string explanation;         // plain sentences
  std::vector<ChainStep> chain;    // for contradicted: from the item with the latest lower bound
};

struct ProofOfLife {
  std::string subject;
  std::vector<ItemWindow> items;
  // The latest day the evidence shows the subject alive: the largest lower
  // bound of a consistent window, and the item that sets it.
  std::optional<content::Day> alive_on_or_after;
  std::optional<int64_t> alive_item;
  std::vector<ClaimAssessment> claims;  // in the order given
};

ProofOfLife assess_proof_of_life(const std::string& subject, std::vector<ItemWindow> items,
                                 const std::vector<casefile::ClaimRecord>& claims);

// The chain behind one edge of an item's window.
std::vector<ChainStep> evidence_chain(const ItemWindow& item, const WindowBound& bound);

nlohmann::json to_json(const ProofOfLife& result);

// Lines for a terminal (not yet made terminal-safe).
std::string describe(const ProofOfLife& result);

}  // namespace prov::subjects
