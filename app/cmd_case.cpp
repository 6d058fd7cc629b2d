// provenance case show|log|mark|export|verify: read the case store and log
// examiner decisions.
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "command_registry.h"
#include "core/error.h"
#include "core/terminal_text.h"
#include "examiner.h"
#include "report/conclusions.h"
#include "report/html_report.h"
#include "report/pdf_print.h"
#include "report/item_report.h"

namespace prov::cli {
namespace {

using casefile::CaseStore;

// `case verify`: the case file was read and something in it was altered.
constexpr int kExitNotIntact = 4;

// Text from the case file or the user, for the terminal.
std::string safe(std::string_view text) { return terminal_safe(text); }

// JSON for stdout even when stored text holds bytes that are not UTF-8.
std::string json_text(const nlohmann::json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct CaseOptions {
  std::string case_path;
  std::string item;
  int64_t finding_id = 0;
  std::string status;
  std::string note;
  std::string examiner;
  std::string out;
  std::string head;
  bool json = false;
  bool pdf = false;
};

void show_case(const CaseOptions& o) {
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  std::vector<casefile::ItemRecord> items;
  if (o.item.empty()) {
    items = store.items();
  } else if (auto item = store.find_item(o.item)) {
    items.push_back(*item);
  } else {
    throw InputError(fmt::format("{}: no item '{}'", o.case_path, o.item));
  }
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : items) out.push_back(report::item_report(store, item));
    std::cout << json_text(out) << "\n";
    return;
  }
  fmt::print("case {} (schema {}), {} item(s)\n", safe(o.case_path), store.schema_version(), items.size());
  for (const auto& item : items) {
    fmt::print("\nitem {}  {}\n  path {}\n  {} bytes, {:.2f} s decoded, intake {}\n", item.id, safe(item.sha256),
               safe(item.original_path), item.size_bytes, item.decoded_duration_s, safe(item.intake_utc));
    for (const auto& s : store.findings(item.id)) {
      fmt::print("  #{:<5} {:>9.2f}-{:<9.2f} {:<9} {:<28} {:.2f}  {}\n", s.id, s.finding.start_s, s.finding.end_s,
                 to_string(s.finding.status), safe(s.finding.detector), s.finding.strength, safe(s.finding.summary));
    }
  }
}

std::string head_text(const casefile::LedgerHead& head) { return fmt::format("{}:{}", head.seq, head.hash); }

nlohmann::json problem_json(const casefile::LedgerProblem& p) {
  return {{"kind", std::string(to_string(p.kind))},
          {"table", utf8_or_replacement(p.table)},
          {"row_id", p.row_id},
          {"seq", p.seq},
          {"detail", utf8_or_replacement(p.detail)}};
}

std::string problem_line(const casefile::LedgerProblem& p) {
  std::string where = safe(p.table);
  if (p.row_id) where += fmt::format(" row {}", p.row_id);
  if (p.seq) where += fmt::format(" (ledger entry {})", p.seq);
  return fmt::format("{}: {} [{}]", where, safe(p.detail), to_string(p.kind));
}

// The verdict line that ends `case log` and `case verify`.
void print_verdict(const casefile::VerifyResult& r) {
  if (r.intact()) {
    fmt::print("case file intact: {} records chained, ledger head {}\n", r.entries, head_text(r.head));
    if (r.checked_head) fmt::print("the ledger still reaches the recorded head {}\n", head_text(*r.checked_head));
    return;
  }
  fmt::print("case file NOT INTACT: {} problem(s); first bad record: {}\n", r.problems.size(),
             problem_line(r.problems.front()));
}

void print_custody_log(const CaseOptions& o) {
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  std::string sha;
  if (!o.item.empty()) {
    auto item = store.find_item(o.item);
    if (!item) throw InputError(fmt::format("{}: no item '{}'", o.case_path, o.item));
    sha = item->sha256;
  }
  const auto entries = store.custody_log(sha);
  const int64_t broken = store.verify_custody_chain();
  const auto verified = store.verify();
  if (o.json) {
    nlohmann::json out = {{"entries", nlohmann::json::array()},
                          {"chain_intact", broken == 0},
                          {"case_intact", verified.intact()},
                          {"head", {{"seq", verified.head.seq}, {"hash", verified.head.hash}}}};
    for (const auto& e : entries) {
      auto entry = report::to_json(e);
      entry["ledger_hash"] = store.ledger_hash("custody_log", e.id);
      out["entries"].push_back(std::move(entry));
    }
    if (broken) out["first_broken_entry"] = broken;
    if (!verified.intact()) out["first_problem"] = problem_json(verified.problems.front());
    std::cout << json_text(out) << "\n";
    return;
  }
  for (const auto& e : entries) {
    fmt::print("{:>5}  {}  {:<12} {:<10} {}  {}  {}\n", e.id, safe(e.at_utc), safe(e.actor), safe(e.action),
               safe(e.item_sha256.substr(0, 12)), safe(e.tool_version),
               safe(e.parameters.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
    const std::string hash = store.ledger_hash("custody_log", e.id);
    fmt::print("       entry hash {}\n", hash.empty() ? "(none: not in the ledger)" : safe(hash));
  }
  if (broken) {
    fmt::print("custody chain BROKEN at entry {}\n", broken);
  } else {
    fmt::print("custody chain intact ({} entries in the case)\n", store.custody_log().size());
  }
  print_verdict(verified);
  fmt::print("head {}  (record it; check later with: provenance case verify CASE --head {})\n",
             head_text(verified.head), head_text(verified.head));
}

// True when the case file is intact (and reaches the recorded head, if given).
bool verify_case(const CaseOptions& o) {
  std::optional<casefile::LedgerHead> recorded;
  if (!o.head.empty()) {
    recorded = casefile::parse_ledger_head(o.head);
    if (!recorded) throw CLI::ValidationError("--head", "expected SEQ:HASH as `provenance case log` prints it");
  }
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  const auto r = store.verify(recorded);
  if (o.json) {
    nlohmann::json out = {{"case_file", utf8_or_replacement(o.case_path)},
                          {"intact", r.intact()},
                          {"records", r.entries},
                          {"head", {{"seq", r.head.seq}, {"hash", r.head.hash}}},
                          {"problems", nlohmann::json::array()}};
    if (recorded) out["recorded_head"] = {{"seq", recorded->seq}, {"hash", recorded->hash}};
    for (const auto& p : r.problems) out["problems"].push_back(problem_json(p));
    if (!r.intact()) out["first_problem"] = problem_json(r.problems.front());
    std::cout << json_text(out) << "\n";
    return r.intact();
  }
  fmt::print("case {} (schema {})\n", safe(o.case_path), store.schema_version());
  print_verdict(r);
  for (const auto& p : r.problems) fmt::print("  - {}\n", problem_line(p));
  return r.intact();
}

void mark_finding(const CaseOptions& o) {
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  if (o.status != "confirmed" && o.status != "rejected") {
    throw CLI::ValidationError("status", "must be 'confirmed' or 'rejected'");
  }
  const auto finding = store.finding(o.finding_id);
  if (!finding) throw InputError(fmt::format("{}: no finding #{}", o.case_path, o.finding_id));
  const auto item = store.find_item(std::to_string(finding->item_id));
  const std::string actor = examiner_name(o.examiner);
  store.transaction([&] {
    const int64_t review = store.add_review(o.finding_id, o.status, actor, o.note);
    store.append_custody({actor, "review", item->sha256,
                          {{"finding", o.finding_id}, {"status", o.status}, {"note", o.note}, {"review", review}}});
  });
  fmt::print("finding #{} marked {} by {}\n", o.finding_id, o.status, safe(actor));
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void export_report(const CaseOptions& o) {
  const bool pdf = o.pdf || ends_with(o.out, ".pdf");
  if (pdf && (o.out.empty() || o.out == "-")) throw InputError("--pdf needs --out FILE.pdf");
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  auto item = store.find_item(o.item);
  if (!item) throw InputError(fmt::format("{}: no item '{}'", o.case_path, o.item));
  nlohmann::json doc = report::latest_report(store, *item);
  std::string content;
  if (pdf) {
    content = report::print_html_to_pdf(report::render_html_report(doc));
  } else if (ends_with(o.out, ".html")) {
    content = report::render_html_report(doc);
  } else {
    nlohmann::json conclusions = nlohmann::json::array();
    for (const auto& c : report::conclusions(doc)) conclusions.push_back(report::to_json(c));
    doc["conclusions"] = std::move(conclusions);
    content = doc.dump(2);
  }
  if (o.out.empty() || o.out == "-") {
    std::cout << content << "\n";
  } else {
    write_file_atomically(o.out, content);
    fmt::print("wrote {}\n", safe(o.out));
  }
}

CommandRegistration registration{"case", [](CLI::App& app) {
  auto o = std::make_shared<CaseOptions>();
  auto* cmd = app.add_subcommand("case", "Inspect a case file and record examiner decisions");
  cmd->require_subcommand(1);

  auto* show_cmd = cmd->add_subcommand("show", "List items and their findings");
  show_cmd->add_option("case", o->case_path, "Case file")->required();
  show_cmd->add_option("--item", o->item, "Item id or SHA-256 prefix");
  show_cmd->add_flag("--json", o->json, "Machine-readable output");
  show_cmd->callback([o] { show_case(*o); });

  auto* log_cmd = cmd->add_subcommand("log", "Print the custody log with each entry's hash and the ledger head, and check the case file");
  log_cmd->add_option("case", o->case_path, "Case file")->required();
  log_cmd->add_option("--item", o->item, "Only entries of this item (id or SHA-256 prefix)");
  log_cmd->add_flag("--json", o->json, "Machine-readable output");
  log_cmd->callback([o] { print_custody_log(*o); });

  auto* verify_cmd = cmd->add_subcommand(
      "verify", "Check every record of the case file against its hash chain (exit 0 intact, 4 altered, 1 unreadable)");
  verify_cmd->add_option("case", o->case_path, "Case file")->required();
  verify_cmd->add_option("--head", o->head, "Ledger head recorded earlier (SEQ:HASH, from case log): detects cut-off entries");
  verify_cmd->add_flag("--json", o->json, "Machine-readable output");
  verify_cmd->callback([o] {
    if (!verify_case(*o)) {
      std::cout.flush();
      std::exit(kExitNotIntact);
    }
  });

  auto* mark_cmd = cmd->add_subcommand("mark", "Confirm or reject a finding (appended, never overwritten)");
  mark_cmd->add_option("case", o->case_path, "Case file")->required();
  mark_cmd->add_option("finding", o->finding_id, "Finding number (see case show)")->required();
  mark_cmd->add_option("status", o->status, "confirmed or rejected")->required()->check(
      CLI::IsMember({"confirmed", "rejected"}));
  mark_cmd->add_option("--note", o->note, "Why");
  mark_cmd->add_option("--examiner", o->examiner, "Examiner name (default: login name)");
  mark_cmd->callback([o] { mark_finding(*o); });

  auto* export_cmd = cmd->add_subcommand(
      "export", "Write an item's report: PDF with --pdf or OUT ending in .pdf, HTML if OUT ends in .html, else JSON");
  export_cmd->add_option("case", o->case_path, "Case file")->required();
  export_cmd->add_option("item", o->item, "Item id or SHA-256 prefix")->required();
  export_cmd->add_option("--out", o->out, "Output file (default: stdout)");
  export_cmd->add_flag("--pdf", o->pdf, "Print the HTML report to PDF with headless Chromium (needs --out)");
  export_cmd->callback([o] { export_report(*o); });
}};

}  // namespace
}  // namespace prov::cli
