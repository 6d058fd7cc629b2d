// provenance case show|log|mark|export|verify: read the case store and log
// examiner decisions.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "command_registry.h"
#include "core/error.h"
#include "examiner.h"
#include "report/html_report.h"
#include "report/item_report.h"

namespace prov::cli {
namespace {

using casefile::CaseStore;

struct CaseOptions {
  std::string case_path;
  std::string item;
  int64_t finding_id = 0;
  std::string status;
  std::string note;
  std::string examiner;
  std::string out;
  bool json = false;
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
    std::cout << out.dump(2) << "\n";
    return;
  }
  fmt::print("case {} (schema {}), {} item(s)\n", o.case_path, store.schema_version(), items.size());
  for (const auto& item : items) {
    fmt::print("\nitem {}  {}\n  path {}\n  {} bytes, {:.2f} s decoded, intake {}\n", item.id, item.sha256,
               item.original_path, item.size_bytes, item.decoded_duration_s, item.intake_utc);
    for (const auto& s : store.findings(item.id)) {
      fmt::print("  #{:<5} {:>9.2f}-{:<9.2f} {:<9} {:<28} {:.2f}  {}\n", s.id, s.finding.start_s, s.finding.end_s,
                 to_string(s.finding.status), s.finding.detector, s.finding.strength, s.finding.summary);
    }
  }
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
  if (o.json) {
    nlohmann::json out = {{"entries", nlohmann::json::array()}, {"chain_intact", broken == 0}};
    for (const auto& e : entries) out["entries"].push_back(report::to_json(e));
    if (broken) out["first_broken_entry"] = broken;
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (const auto& e : entries) {
    fmt::print("{:>5}  {}  {:<12} {:<10} {}  {}  {}\n", e.id, e.at_utc, e.actor, e.action, e.item_sha256.substr(0, 12),
               e.tool_version, e.parameters.dump());
  }
  if (broken) {
    fmt::print("custody chain BROKEN at entry {}\n", broken);
  } else {
    fmt::print("custody chain intact ({} entries in the case)\n", store.custody_log().size());
  }
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
  fmt::print("finding #{} marked {} by {}\n", o.finding_id, o.status, actor);
}

void export_report(const CaseOptions& o) {
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  auto item = store.find_item(o.item);
  if (!item) throw InputError(fmt::format("{}: no item '{}'", o.case_path, o.item));
  nlohmann::json doc = report::latest_report(store, *item);
  const bool html = o.out.size() > 5 && o.out.substr(o.out.size() - 5) == ".html";
  const std::string content = html ? report::render_html_report(doc) : doc.dump(2);
  if (o.out.empty() || o.out == "-") {
    std::cout << content << "\n";
  } else {
    write_file_atomically(o.out, content);
    fmt::print("wrote {}\n", o.out);
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

  auto* log_cmd = cmd->add_subcommand("log", "Print the custody log and check its hash chain");
  log_cmd->add_option("case", o->case_path, "Case file")->required();
  log_cmd->add_option("--item", o->item, "Only entries of this item (id or SHA-256 prefix)");
  log_cmd->add_flag("--json", o->json, "Machine-readable output");
  log_cmd->callback([o] { print_custody_log(*o); });

  auto* mark_cmd = cmd->add_subcommand("mark", "Confirm or reject a finding (appended, never overwritten)");
  mark_cmd->add_option("case", o->case_path, "Case file")->required();
  mark_cmd->add_option("finding", o->finding_id, "Finding number (see case show)")->required();
  mark_cmd->add_option("status", o->status, "confirmed or rejected")->required()->check(
      CLI::IsMember({"confirmed", "rejected"}));
  mark_cmd->add_option("--note", o->note, "Why");
  mark_cmd->add_option("--examiner", o->examiner, "Examiner name (default: login name)");
  mark_cmd->callback([o] { mark_finding(*o); });

  auto* export_cmd = cmd->add_subcommand("export", "Write an item's report (HTML if OUT ends in .html, else JSON)");
  export_cmd->add_option("case", o->case_path, "Case file")->required();
  export_cmd->add_option("item", o->item, "Item id or SHA-256 prefix")->required();
  export_cmd->add_option("--out", o->out, "Output file (default: stdout)");
  export_cmd->callback([o] { export_report(*o); });
}};

}  // namespace
}  // namespace prov::cli
