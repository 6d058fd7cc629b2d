#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "casefile/case_store.h"

namespace prov::casefile {

// A person of interest. Names are stored as given; matching them (scripts,
// spellings) is the subjects module's job.
struct SubjectRecord {
  int64_t id = 0;
  std::string name;
  std::vector<std::string> aliases;  // in the order they were added
  std::string created_utc;
  std::string examiner;
};

// An item attributed to a subject, with the day it was released if known.
struct SubjectItemRecord {
  int64_t id = 0;
  int64_t subject_id = 0;
  int64_t item_id = 0;
  std::string released;  // YYYY-MM-DD, empty when not recorded
  std::string linked_utc;
  std::string examiner;
};

// A dated, sourced statement about a subject's status.
struct ClaimRecord {
  int64_t id = 0;
  int64_t subject_id = 0;
  std::string status;          // killed, injured, alive, captured, seen_in
  std::string place;           // where (seen_in; may be given for any status)
  std::string event_date;      // YYYY, YYYY-MM or YYYY-MM-DD the claim puts the event at; empty: not stated
  std::string published_date;  // YYYY-MM-DD the claim was made public
  std::string claimant;        // who made it (a government, a group, a newspaper's source)
  std::string published_in;    // where it was published
  std::string source;          // URL or document reference
  std::string assessment;      // the examiner's assessment of the claim
  std::string origin;          // how it entered the case ("claim add", "import FILE line N")
  std::string added_utc;
  std::string examiner;
};

// Every write below inserts rows and their ledger entries atomically, inside
// the caller's transaction when there is one.

int64_t add_subject(CaseStore& store, const std::string& name, const std::string& examiner);
int64_t add_subject_alias(CaseStore& store, int64_t subject_id, const std::string& alias, const std::string& examiner);
std::vector<SubjectRecord> subjects(const CaseStore& store);

// Throws InputError when the subject or item is unknown.
int64_t link_subject_item(CaseStore& store, int64_t subject_id, int64_t item_id, const std::string& released,
                          const std::string& examiner);
std::vector<SubjectItemRecord> subject_items(const CaseStore& store, std::optional<int64_t> subject_id = std::nullopt);
// One record per attributed item (the first link), carrying the latest release day recorded for it.
std::vector<SubjectItemRecord> attributed_items(const CaseStore& store, int64_t subject_id);
// True when the item is already attributed to the subject with this release
// day, or `released` is empty: linking again would add nothing.
bool link_adds_nothing(const CaseStore& store, int64_t subject_id, int64_t item_id, const std::string& released);
std::vector<SubjectItemRecord> subjects_of_item(const CaseStore& store, int64_t item_id);

// `record.id`, `added_utc` are set here. Throws InputError for an unknown subject.
int64_t add_claim(CaseStore& store, const ClaimRecord& record);
std::vector<ClaimRecord> claims(const CaseStore& store, std::optional<int64_t> subject_id = std::nullopt);

}  // namespace prov::casefile
