// provenance subject add|show|list|link|timeline: the people a case is about,
// the items attributed to them, and the proof-of-life timeline.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <memory>

#include "command_registry.h"
#include "content/dating_inputs.h"
#include "core/error.h"
#include "core/terminal_text.h"
#include "examiner.h"
#include "report/proof_of_life_figure.h"
#include "report/subject_sections.h"
#include "subjects/names.h"

namespace prov::cli {
namespace {

using casefile::CaseStore;

struct SubjectOptions {
  std::string case_path;
  std::string name;
  std::vector<std::string> aliases;
  std::string item;
  std::string released;
  std::string examiner;
  std::string svg;
  bool json = false;
};

std::string safe(std::string_view text) { return terminal_safe(text); }
// Multi-line text from the case file: each line made safe, the line breaks kept.
std::string safe_lines(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const auto stop = end == std::string::npos ? text.size() : end;
    out += terminal_safe(std::string_view(text).substr(start, stop - start)) + "\n";
    start = stop + 1;
  }
  return out;
}

std::string json_text(const nlohmann::json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The keys of every name and alias of every subject but `except`.
bool key_taken(const std::vector<casefile::SubjectRecord>& all, const std::string& key, int64_t except) {
  for (const auto& s : all) {
    if (s.id == except) continue;
    if (subjects::name_key(s.name) == key) return true;
    for (const auto& a : s.aliases)
      if (subjects::name_key(a) == key) return true;
  }
  return false;
}

void add_subject(const SubjectOptions& o) {
  // Every name is checked before the case file is touched.
  subjects::name_key(o.name);
  for (const auto& alias : o.aliases) subjects::name_key(alias);
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::create_if_missing);
  const std::string actor = examiner_name(o.examiner);
  int64_t subject_id = 0;
  bool created = false;
  std::vector<std::string> added;
  store.transaction([&] {
    auto all = casefile::subjects(store);
    const auto existing = subjects::find_subject(all, o.name);
    if (existing) {
      subject_id = all[*existing].id;
    } else {
      subject_id = casefile::add_subject(store, o.name, actor);
      created = true;
      all.push_back({subject_id, o.name, {}, "", actor});
    }
    auto& subject = *std::find_if(all.begin(), all.end(), [&](const auto& s) { return s.id == subject_id; });
    for (const auto& alias : o.aliases) {
      const std::string key = subjects::name_key(alias);
      if (key_taken(all, key, subject_id)) {
        throw InputError(fmt::format("alias '{}' already names another subject of {}", alias, o.case_path));
      }
      bool known = subjects::name_key(subject.name) == key;
      for (const auto& a : subject.aliases) known = known || subjects::name_key(a) == key;
      if (known) continue;
      casefile::add_subject_alias(store, subject_id, alias, actor);
      subject.aliases.push_back(alias);
      added.push_back(alias);
    }
    if (!created && added.empty()) return;
    store.append_custody({actor, created ? "subject_add" : "subject_alias", "",
                          {{"subject", subject_id}, {"name", subject.name}, {"aliases_added", added}}});
  });
  if (created) {
    fmt::print("subject {} added: {}\n", subject_id, safe(o.name));
  } else {
    fmt::print("subject {} already in the case (as '{}')\n", subject_id, safe(o.name));
  }
  for (const auto& a : added) fmt::print("  alias: {} ({})\n", safe(a), subjects::name_script(a));
}

nlohmann::json subject_json(const CaseStore& store, const casefile::SubjectRecord& s) {
  nlohmann::json aliases = nlohmann::json::array();
  for (const auto& a : s.aliases) aliases.push_back({{"alias", a}, {"script", subjects::name_script(a)}});
  nlohmann::json items = nlohmann::json::array();
  for (const auto& link : casefile::attributed_items(store, s.id)) {
    const auto item = store.find_item(std::to_string(link.item_id));
    items.push_back({{"item", link.item_id},
                     {"sha256", item ? item->sha256 : ""},
                     {"path", item ? item->original_path : ""},
                     {"released", link.released.empty() ? nlohmann::json(nullptr) : nlohmann::json(link.released)},
                     {"linked_utc", link.linked_utc},
                     {"examiner", link.examiner}});
  }
  return {{"id", s.id},
          {"name", s.name},
          {"script", subjects::name_script(s.name)},
          {"aliases", aliases},
          {"created_utc", s.created_utc},
          {"examiner", s.examiner},
          {"items", items},
          {"claims", casefile::claims(store, s.id).size()}};
}

void list_subjects(const SubjectOptions& o) {
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  const auto all = casefile::subjects(store);
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : all) out.push_back(subject_json(store, s));
    std::cout << json_text(out) << "\n";
    return;
  }
  if (all.empty()) {
    fmt::print("no subjects in {} (add one with: provenance subject add NAME --case {})\n", safe(o.case_path),
               safe(o.case_path));
    return;
  }
  for (const auto& s : all) {
    std::vector<std::string> aliases;
    for (const auto& a : s.aliases) aliases.push_back(safe(a));
    fmt::print("{:>4}  {}  ({} item(s), {} claim(s))\n", s.id, safe(s.name), casefile::attributed_items(store, s.id).size(),
               casefile::claims(store, s.id).size());
    if (!aliases.empty()) fmt::print("      aliases: {}\n", fmt::join(aliases, "; "));
  }
}

void show_subject(const SubjectOptions& o) {
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  const auto all = casefile::subjects(store);
  const auto& s = subjects::require_subject(all, o.name, o.case_path);
  const nlohmann::json j = subject_json(store, s);
  if (o.json) {
    nlohmann::json out = j;
    out["claims"] = nlohmann::json::array();
    for (const auto& c : casefile::claims(store, s.id)) {
      out["claims"].push_back({{"claim", c.id}, {"status", c.status}, {"place", c.place}, {"event_date", c.event_date},
                               {"published", c.published_date}, {"claimant", c.claimant},
                               {"published_in", c.published_in}, {"source", c.source}, {"assessment", c.assessment},
                               {"origin", c.origin}});
    }
    std::cout << json_text(out) << "\n";
    return;
  }
  fmt::print("subject {}: {} ({})\n", s.id, safe(s.name), subjects::name_script(s.name));
  fmt::print("  added {} by {}\n", safe(s.created_utc), safe(s.examiner));
  for (const auto& a : s.aliases) fmt::print("  alias: {} ({})\n", safe(a), subjects::name_script(a));
  fmt::print("items ({}):\n", j["items"].size());
  for (const auto& i : j["items"]) {
    fmt::print("  item {}  {}  {}{}\n", i["item"].get<int64_t>(), safe(i["sha256"].get<std::string>().substr(0, 12)),
               safe(i["path"].get<std::string>()),
               i["released"].is_string() ? "  released " + safe(i["released"].get<std::string>()) : "");
  }
  const auto claims = casefile::claims(store, s.id);
  fmt::print("claims ({}):\n", claims.size());
  for (const auto& c : claims) {
    fmt::print("  #{} {}{} {}by {}, published {}{}: {}\n", c.id, c.status, c.place.empty() ? "" : " " + safe(c.place),
               c.event_date.empty() ? "" : "on " + safe(c.event_date) + " ", safe(c.claimant), safe(c.published_date),
               c.published_in.empty() ? "" : " in " + safe(c.published_in), safe(c.source));
  }
}

void link_item(const SubjectOptions& o) {
  if (!o.released.empty()) content::parse_full_date(o.released, "--released");
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  const auto all = casefile::subjects(store);
  const auto& s = subjects::require_subject(all, o.name, o.case_path);
  const auto item = store.find_item(o.item);
  if (!item) throw InputError(fmt::format("{}: no item '{}'", o.case_path, o.item));
  const std::string actor = examiner_name(o.examiner);
  if (casefile::link_adds_nothing(store, s.id, item->id, o.released)) {
    fmt::print("item {} is already attributed to {}\n", item->id, safe(s.name));
    return;
  }
  store.transaction([&] {
    const int64_t link = casefile::link_subject_item(store, s.id, item->id, o.released, actor);
    store.append_custody({actor, "subject_link", item->sha256,
                          {{"subject", s.id}, {"name", s.name}, {"link", link}, {"released", o.released}}});
  });
  fmt::print("item {} attributed to {}{}\n", item->id, safe(s.name),
             o.released.empty() ? "" : ", released " + safe(o.released));
}

void timeline(const SubjectOptions& o) {
  auto store = CaseStore::open(o.case_path, CaseStore::Mode::open_existing);
  const auto all = casefile::subjects(store);
  const auto& s = subjects::require_subject(all, o.name, o.case_path);
  const auto result = report::proof_of_life_of(store, s);
  if (!o.svg.empty()) {
    const std::string svg = report::proof_of_life_svg(result);
    if (svg.empty()) throw InputError(fmt::format("{}: nothing dated to draw for {}", o.case_path, s.name));
    write_file_atomically(o.svg, svg);
  }
  if (o.json) {
    std::cout << json_text(subjects::to_json(result)) << "\n";
  } else {
    std::cout << safe_lines(subjects::describe(result));
    if (!o.svg.empty()) fmt::print("\nwrote {}\n", safe(o.svg));
  }
}

CommandRegistration registration{"subject", [](CLI::App& app) {
  auto o = std::make_shared<SubjectOptions>();
  auto* cmd = app.add_subcommand("subject", "People of interest: names and aliases, their items, proof of life");
  cmd->require_subcommand(1);

  auto* add = cmd->add_subcommand("add", "Add a subject, or new aliases to a known one (Latin or Arabic script)");
  add->add_option("name", o->name, "Name")->required();
  add->add_option("--alias", o->aliases, "Another name or spelling (repeatable)");
  add->add_option("--case", o->case_path, "Case file (created if missing)")->required();
  add->add_option("--examiner", o->examiner, "Examiner name (default: login name)");
  add->callback([o] { add_subject(*o); });

  auto* show = cmd->add_subcommand("show", "A subject's names, items and claims");
  show->add_option("name", o->name, "Name or alias")->required();
  show->add_option("--case", o->case_path, "Case file")->required();
  show->add_flag("--json", o->json, "Machine-readable output");
  show->callback([o] { show_subject(*o); });

  auto* list = cmd->add_subcommand("list", "Every subject of the case");
  list->add_option("--case", o->case_path, "Case file")->required();
  list->add_flag("--json", o->json, "Machine-readable output");
  list->callback([o] { list_subjects(*o); });

  auto* link = cmd->add_subcommand("link", "Attribute an item already in the case to a subject");
  link->add_option("name", o->name, "Name or alias")->required();
  link->add_option("item", o->item, "Item id or SHA-256 prefix")->required();
  link->add_option("--case", o->case_path, "Case file")->required();
  link->add_option("--released", o->released, "The day the item was released YYYY-MM-DD: recorded no later");
  link->add_option("--examiner", o->examiner, "Examiner name (default: login name)");
  link->callback([o] { link_item(*o); });

  auto* tl = cmd->add_subcommand(
      "timeline", "Proof of life: each item's date window against every claim (contradicted, inconclusive, uncontradicted)");
  tl->add_option("name", o->name, "Name or alias")->required();
  tl->add_option("--case", o->case_path, "Case file")->required();
  tl->add_option("--svg", o->svg, "Also draw the timeline as SVG here");
  tl->add_flag("--json", o->json, "Machine-readable output");
  tl->callback([o] { timeline(*o); });
}};

}  // namespace
}  // namespace prov::cli
