// provenance claim add|import|list: dated, sourced statements about a
// subject's status, appended to the case file and its hash chain.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "command_registry.h"
#include "content/timeline.h"
#include "core/error.h"
#include "core/terminal_text.h"
#include "examiner.h"
#include "side_input.h"
#include "subjects/claims.h"
#include "subjects/names.h"

namespace prov::cli {
namespace {

using casefile::CaseStore;

struct ClaimOptions {
  std::string case_path;
  std::string file;
  std::string subject;
  std::string status;
  std::string event_date;
  std::string place;
  std::string published;
  std::string claimant;
  std::string published_in;
  std::string source;
  std::string assessment;
  std::string examiner;
  bool json = false;
};

std::string safe(std::string_view text) { return terminal_safe(text); }

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// Resolves each claim's subject and appends them all in one transaction with
// one custody entry: any failure leaves the case file as it was.
void store_claims(CaseStore& store, std::vector<subjects::ClaimInput>& inputs, const std::string& actor,
                  const std::string& source_label, const nlohmann::json& custody_parameters) {
  const auto all = casefile::subjects(store);
  for (auto& in : inputs) {
    try {
      in.record.subject_id = subjects::require_subject(all, in.subject, store.path()).id;
    } catch (const InputError& e) {
      if (in.line == 0) throw;
      throw InputError(fmt::format("{}: line {}: {}", source_label, in.line, e.what()));
    }
    in.record.examiner = actor;
    in.record.origin = in.line ? fmt::format("import {} line {}", source_label, in.line) : "claim add";
  }
  store.transaction([&] {
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& in : inputs) ids.push_back(casefile::add_claim(store, in.record));
    nlohmann::json parameters = custody_parameters;
    parameters["claims"] = ids;
    store.append_custody({actor, inputs.size() == 1 && inputs[0].line == 0 ? "claim_add" : "claim_import", "",
                          parameters});
  });
}

void add_claim(const ClaimOptions& o) {
  std::map<std::string, std::string> fields = {
      {"subject", o.subject},   {"status", o.status},     {"event_date", o.event_date},
      {"place", o.place},       {"published", o.published}, {"claimant", o.claimant},
      {"published_in", o.published_in}, {"source", o.source}, {"assessment", o.assessment}};
  std::vector<subjects::ClaimInput> inputs;
  try {
    inputs.push_back(subjects::claim_from_fields(fields, content::today()));
  } catch (const std::invalid_argument& e) {
    throw InputError(fmt::format("claim add: {}", e.what()));
  }
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  store_claims(store, inputs, examiner_name(o.examiner), "claim add", nlohmann::json::object());
  fmt::print("claim added: {} {} (published {} by {})\n", safe(inputs[0].subject), inputs[0].record.status,
             safe(inputs[0].record.published_date), safe(inputs[0].record.claimant));
}

void import_claims(const ClaimOptions& o) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open", o.file));
  std::vector<subjects::ClaimInput> inputs;
  if (ends_with(o.file, ".csv")) {
    inputs = subjects::read_claims_csv(in, o.file, content::today());
  } else if (ends_with(o.file, ".jsonl") || ends_with(o.file, ".ndjson")) {
    inputs = subjects::read_claims_jsonl(in, o.file, content::today());
  } else {
    throw InputError(fmt::format("{}: expected a .csv or .jsonl file of claims", o.file));
  }
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  store_claims(store, inputs, examiner_name(o.examiner), o.file, {{"file", side_input(o.file)}});
  fmt::print("{} claim(s) imported from {}\n", inputs.size(), safe(o.file));
}

void list_claims(const ClaimOptions& o) {
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  const auto all = casefile::subjects(store);
  std::optional<int64_t> subject;
  if (!o.subject.empty()) subject = subjects::require_subject(all, o.subject, o.case_path).id;
  auto name_of = [&](int64_t id) {
    for (const auto& s : all)
      if (s.id == id) return s.name;
    return std::string("?");
  };
  const auto claims = casefile::claims(store, subject);
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : claims) {
      out.push_back({{"claim", c.id}, {"subject", name_of(c.subject_id)}, {"status", c.status}, {"place", c.place},
                     {"event_date", c.event_date}, {"published", c.published_date}, {"claimant", c.claimant},
                     {"published_in", c.published_in}, {"source", c.source}, {"assessment", c.assessment},
                     {"origin", c.origin}, {"added_utc", c.added_utc}, {"examiner", c.examiner}});
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  if (claims.empty()) fmt::print("no claims\n");
  for (const auto& c : claims) {
    fmt::print("#{:<4} {:<24} {:<9}{} event {}  published {} by {}{}\n", c.id, safe(name_of(c.subject_id)), c.status,
               c.place.empty() ? "" : " (" + safe(c.place) + ")", c.event_date.empty() ? "not stated" : safe(c.event_date),
               safe(c.published_date), safe(c.claimant), c.published_in.empty() ? "" : " in " + safe(c.published_in));
    fmt::print("      source: {}\n", safe(c.source));
    if (!c.assessment.empty()) fmt::print("      assessment: {}\n", safe(c.assessment));
  }
}

CommandRegistration registration{"claim", [](CLI::App& app) {
  auto o = std::make_shared<ClaimOptions>();
  auto* cmd = app.add_subcommand("claim", "Dated, sourced claims about a subject (killed, injured, alive, captured, seen_in)");
  cmd->require_subcommand(1);

  auto* add = cmd->add_subcommand("add", "Add one claim");
  add->add_option("--case", o->case_path, "Case file")->required();
  add->add_option("--subject", o->subject, "Subject name or alias")->required();
  add->add_option("--status", o->status, "killed, injured, alive, captured or seen_in")->required();
  add->add_option("--event-date", o->event_date, "When the claim says it happened: YYYY, YYYY-MM or YYYY-MM-DD");
  add->add_option("--place", o->place, "Where (required for seen_in)");
  add->add_option("--published", o->published, "When the claim was published YYYY-MM-DD")->required();
  add->add_option("--claimant", o->claimant, "Who made the claim")->required();
  add->add_option("--published-in", o->published_in, "Where it was published");
  add->add_option("--source", o->source, "Source URL or document")->required();
  add->add_option("--assessment", o->assessment, "The examiner's assessment of the claim");
  add->add_option("--examiner", o->examiner, "Examiner name (default: login name)");
  add->callback([o] { add_claim(*o); });

  auto* import = cmd->add_subcommand(
      "import", "Import claims from CSV (header: subject,status,event_date,place,published,claimant,published_in,"
                "source,assessment) or JSON Lines; all or nothing");
  import->add_option("file", o->file, "Claims file (.csv or .jsonl)")->required()->check(CLI::ExistingFile);
  import->add_option("--case", o->case_path, "Case file")->required();
  import->add_option("--examiner", o->examiner, "Examiner name (default: login name)");
  import->callback([o] { import_claims(*o); });

  auto* list = cmd->add_subcommand("list", "List claims");
  list->add_option("--case", o->case_path, "Case file")->required();
  list->add_option("--subject", o->subject, "Only this subject's claims");
  list->add_flag("--json", o->json, "Machine-readable output");
  list->callback([o] { list_claims(*o); });
}};

}  // namespace
}  // namespace prov::cli
