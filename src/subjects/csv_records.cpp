#include "subjects/csv_records.h"

#include <fmt/format.h>

#include <iterator>

#include "core/error.h"

namespace prov::subjects {

std::vector<CsvRecord> read_csv(std::istream& in, const std::string& source) {
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<CsvRecord> out;
  CsvRecord record{1, {}};
  std::string field;
  int line = 1;
  bool quoted = false, after_quote = false, any = false;
  auto end_record = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    const bool blank = record.fields.size() == 1 && record.fields[0].empty() && !any;
    if (!blank) out.push_back(std::move(record));
    record = CsvRecord{line, {}};
    after_quote = false;
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
        after_quote = true;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      after_quote = false;
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_record();
    } else if (after_quote) {
      throw InputError(fmt::format("{}: line {}: text after a closing quote", source, line));
    } else if (c == '"' && field.empty()) {
      quoted = true;
      any = true;
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) throw InputError(fmt::format("{}: line {}: a quoted field is never closed", source, record.line));
  if (any || !field.empty()) end_record();
  return out;
}

}  // namespace prov::subjects
