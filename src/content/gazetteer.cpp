#include "content/gazetteer.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <stdexcept>

#include "content/jsonl.h"
#include "core/error.h"

namespace prov::content {
namespace {

void collect_strings(const nlohmann::json& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_array() || value.is_object()) {
    for (const auto& item : value) collect_strings(item, out);
  } else {
    throw std::runtime_error("aliases must be strings");
  }
}

}  // namespace

const Entity* Gazetteer::find(const std::string& id) const {
  for (const auto& e : entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

Gazetteer parse_gazetteer(std::istream& in, const std::string& source) {
  Gazetteer g;
  g.source = source;
  std::set<std::string> ids;
  for_each_jsonl_object(in, source, [&](const nlohmann::json& v, int line) {
    Entity e;
    e.line = line;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key() != "id" && it.key() != "type" && it.key() != "name" && it.key() != "aliases" && it.key() != "note") {
        throw std::runtime_error("unknown key \"" + it.key() + "\" (known: id, type, name, aliases, note)");
      }
    }
    if (!v.contains("id") || !v["id"].is_string() || v["id"].get<std::string>().empty()) {
      throw std::runtime_error("entry needs a string \"id\"");
    }
    e.id = v["id"].get<std::string>();
    if (!ids.insert(e.id).second) throw std::runtime_error("duplicate id '" + e.id + "'");
    e.type = v.value("type", "place");
    e.name = v.value("name", e.id);
    e.aliases.push_back(e.name);
    if (v.contains("aliases")) collect_strings(v["aliases"], e.aliases);
    g.entities.push_back(std::move(e));
  });
  return g;
}

Gazetteer load_gazetteer(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open gazetteer", path.string()));
  return parse_gazetteer(in, path.string());
}

void merge_gazetteer(Gazetteer& into, Gazetteer more) {
  for (auto& e : more.entities) {
    auto it = std::find_if(into.entities.begin(), into.entities.end(), [&](const Entity& x) { return x.id == e.id; });
    if (it == into.entities.end()) {
      into.entities.push_back(std::move(e));
    } else {
      for (auto& a : e.aliases) it->aliases.push_back(std::move(a));
    }
  }
  if (into.source.empty()) {
    into.source = more.source;
  } else if (!more.source.empty()) {
    into.source += ", " + more.source;
  }
}

}  // namespace prov::content
