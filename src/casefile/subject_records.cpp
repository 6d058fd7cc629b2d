#include "casefile/subject_records.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>

#include "casefile/custody.h"
#include "casefile/ledger.h"
#include "core/error.h"
#include "sqlite/statement.h"

namespace prov::casefile {
namespace {

using sqlite::Statement;
const sqlite::Context kWrite{.label = "case store", .prepare_note = "cannot prepare statement: "};
const sqlite::Context kRead{.label = "case store", .prepare_note = "cannot read the case file: ", .input_error = true};

// Inserts with the prepared statement and chains the new row.
int64_t insert_chained(CaseStore& store, Statement& st, const char* table) {
  int64_t id = 0;
  store.write_atomically([&] {
    st.run();
    id = sqlite3_last_insert_rowid(store.handle());
    append_ledger(store.handle(), table, id);
  });
  return id;
}

bool row_exists(const CaseStore& store, const char* table, int64_t id) {
  Statement st(store.handle(), fmt::format("SELECT 1 FROM {} WHERE id = ?", table), kRead);
  st.bind(1, id);
  return st.step();
}

void require_subject(const CaseStore& store, int64_t subject_id) {
  if (!row_exists(store, "subjects", subject_id)) {
    throw InputError(fmt::format("{}: no subject with id {}", store.path(), subject_id));
  }
}

SubjectItemRecord link_from_row(const Statement& st) {
  SubjectItemRecord r;
  r.id = st.int64(0);
  r.subject_id = st.int64(1);
  r.item_id = st.int64(2);
  r.released = st.is_null(3) ? "" : st.text(3);
  r.linked_utc = st.text(4);
  r.examiner = st.text(5);
  return r;
}

constexpr const char* kLinkColumns = "id, subject_id, item_id, released, linked_utc, examiner";
constexpr const char* kClaimColumns =
    "id, subject_id, status, place, event_date, published_date, claimant, published_in, source, assessment, origin, "
    "added_utc, examiner";

}  // namespace

int64_t add_subject(CaseStore& store, const std::string& name, const std::string& examiner) {
  Statement st(store.handle(), "INSERT INTO subjects (name, created_utc, examiner) VALUES (?, ?, ?)", kWrite);
  st.bind(1, name).bind(2, utc_now_iso8601()).bind(3, examiner);
  return insert_chained(store, st, "subjects");
}

int64_t add_subject_alias(CaseStore& store, int64_t subject_id, const std::string& alias, const std::string& examiner) {
  require_subject(store, subject_id);
  Statement st(store.handle(),
               "INSERT INTO subject_aliases (subject_id, alias, created_utc, examiner) VALUES (?, ?, ?, ?)", kWrite);
  st.bind(1, subject_id).bind(2, alias).bind(3, utc_now_iso8601()).bind(4, examiner);
  return insert_chained(store, st, "subject_aliases");
}

std::vector<SubjectRecord> subjects(const CaseStore& store) {
  std::vector<SubjectRecord> out;
  {
    Statement st(store.handle(), "SELECT id, name, created_utc, examiner FROM subjects ORDER BY id", kRead);
    while (st.step()) out.push_back({st.int64(0), st.text(1), {}, st.text(2), st.text(3)});
  }
  Statement aliases(store.handle(), "SELECT subject_id, alias FROM subject_aliases ORDER BY id", kRead);
  while (aliases.step()) {
    const int64_t subject = aliases.int64(0);
    for (auto& s : out) {
      if (s.id == subject) s.aliases.push_back(aliases.text(1));
    }
  }
  return out;
}

int64_t link_subject_item(CaseStore& store, int64_t subject_id, int64_t item_id, const std::string& released,
                          const std::string& examiner) {
  require_subject(store, subject_id);
  if (!row_exists(store, "items", item_id)) throw InputError(fmt::format("{}: no item with id {}", store.path(), item_id));
  Statement st(store.handle(),
               "INSERT INTO subject_items (subject_id, item_id, released, linked_utc, examiner) VALUES (?, ?, ?, ?, ?)",
               kWrite);
  st.bind(1, subject_id).bind(2, item_id);
  if (released.empty()) st.bind_null(3);
  else st.bind(3, released);
  st.bind(4, utc_now_iso8601()).bind(5, examiner);
  return insert_chained(store, st, "subject_items");
}

std::vector<SubjectItemRecord> subject_items(const CaseStore& store, std::optional<int64_t> subject_id) {
  Statement st(store.handle(),
               fmt::format("SELECT {} FROM subject_items {} ORDER BY id", kLinkColumns,
                           subject_id ? "WHERE subject_id = ?" : ""),
               kRead);
  if (subject_id) st.bind(1, *subject_id);
  std::vector<SubjectItemRecord> out;
  while (st.step()) out.push_back(link_from_row(st));
  return out;
}

std::vector<SubjectItemRecord> attributed_items(const CaseStore& store, int64_t subject_id) {
  std::vector<SubjectItemRecord> out;
  for (auto& link : subject_items(store, subject_id)) {
    auto known = std::find_if(out.begin(), out.end(), [&](const auto& l) { return l.item_id == link.item_id; });
    if (known == out.end()) {
      out.push_back(std::move(link));
    } else if (!link.released.empty()) {
      known->released = link.released;
    }
  }
  return out;
}

bool link_adds_nothing(const CaseStore& store, int64_t subject_id, int64_t item_id, const std::string& released) {
  for (const auto& link : attributed_items(store, subject_id)) {
    if (link.item_id == item_id) return released.empty() || link.released == released;
  }
  return false;
}

std::vector<SubjectItemRecord> subjects_of_item(const CaseStore& store, int64_t item_id) {
  Statement st(store.handle(), fmt::format("SELECT {} FROM subject_items WHERE item_id = ? ORDER BY id", kLinkColumns),
               kRead);
  st.bind(1, item_id);
  std::vector<SubjectItemRecord> out;
  while (st.step()) out.push_back(link_from_row(st));
  return out;
}

int64_t add_claim(CaseStore& store, const ClaimRecord& c) {
  require_subject(store, c.subject_id);
  Statement st(store.handle(),
               fmt::format("INSERT INTO claims ({}) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kClaimColumns),
               kWrite);
  st.bind(1, c.subject_id)
      .bind(2, c.status)
      .bind(3, c.place)
      .bind(4, c.event_date)
      .bind(5, c.published_date)
      .bind(6, c.claimant)
      .bind(7, c.published_in)
      .bind(8, c.source)
      .bind(9, c.assessment)
      .bind(10, c.origin)
      .bind(11, utc_now_iso8601())
      .bind(12, c.examiner);
  return insert_chained(store, st, "claims");
}

std::vector<ClaimRecord> claims(const CaseStore& store, std::optional<int64_t> subject_id) {
  Statement st(store.handle(),
               fmt::format("SELECT {} FROM claims {} ORDER BY id", kClaimColumns, subject_id ? "WHERE subject_id = ?" : ""),
               kRead);
  if (subject_id) st.bind(1, *subject_id);
  std::vector<ClaimRecord> out;
  while (st.step()) {
    ClaimRecord c;
    c.id = st.int64(0);
    c.subject_id = st.int64(1);
    c.status = st.text(2);
    c.place = st.text(3);
    c.event_date = st.text(4);
    c.published_date = st.text(5);
    c.claimant = st.text(6);
    c.published_in = st.text(7);
    c.source = st.text(8);
    c.assessment = st.text(9);
    c.origin = st.text(10);
    c.added_utc = st.text(11);
    c.examiner = st.text(12);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace prov::casefile
