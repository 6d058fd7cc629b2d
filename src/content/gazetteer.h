#pragma once
#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace prov::content {

// A place, person or organisation and every spelling it goes by, in Latin
// and Arabic script (Raqqa / Rakka / ar-Raqqah / الرقة).
struct Entity {
  std::string id;
  std::string type;  // place, person, organisation
  std::string name;  // display name
  std::vector<std::string> aliases;
  int line = 0;
};

struct Gazetteer {
  std::string source;
  std::vector<Entity> entities;
  const Entity* find(const std::string& id) const;
};

// JSON Lines: {"id":..,"type":..,"name":..,"aliases":{"en":[..],"ar":[..]}}
// (aliases may also be a flat list). Throws InputError with the line number.
Gazetteer parse_gazetteer(std::istream& in, const std::string& source);
Gazetteer load_gazetteer(const std::filesystem::path& path);

// Adds `more`'s entries; an id both hold gets the union of their aliases.
void merge_gazetteer(Gazetteer& into, Gazetteer more);

}  // namespace prov::content
