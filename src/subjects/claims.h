#pragma once
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "casefile/subject_records.h"
#include "content/day.h"

namespace prov::subjects {

// The statuses a claim can report.
const std::vector<std::string>& claim_statuses();

// A claim as read, before its subject name is resolved to a subject of the case.
struct ClaimInput {
  std::string subject;           // a name or alias
  casefile::ClaimRecord record;  // subject_id, id and added_utc not yet set
  int line = 0;                  // line of the file it came from; 0 for the command line
};

// The field names a claim file uses (CSV header, JSON keys):
//   subject, status, published, claimant, source   required
//   event_date, place, published_in, assessment    optional (place required for seen_in)
const std::vector<std::string>& claim_fields();

// Checks and converts one claim's fields. Throws std::invalid_argument with a
// short reason (an unknown field, a missing one, an unknown status, a date
// that is not a date, an event after the claim was published, a date after
// `today`).
ClaimInput claim_from_fields(const std::map<std::string, std::string>& fields, content::Day today);

// Every claim of a CSV (header row of field names) or JSON Lines file (one
// object per line, string values). All or nothing: the first bad line throws
// InputError "<source>: line N: <reason>".
std::vector<ClaimInput> read_claims_csv(std::istream& in, const std::string& source, content::Day today);
std::vector<ClaimInput> read_claims_jsonl(std::istream& in, const std::string& source, content::Day today);

// The last day the claim allows for the event it reports: the end of its
// event date when given (a month or year covers all its days), else the day
// it was published (the event happened by then).
content::Day claim_deadline(const casefile::ClaimRecord& claim);
// The first day the claim allows; nullopt when it gives no event date.
std::optional<content::Day> claim_earliest(const casefile::ClaimRecord& claim);

}  // namespace prov::subjects
