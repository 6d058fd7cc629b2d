#pragma once
#include <istream>
#include <string>
#include <vector>

namespace prov::subjects {

// One record of a CSV file (RFC 4180: commas, double quotes, "" inside
// quotes, quoted fields may span lines; CRLF or LF) and the line it starts on.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// Reads every record. Blank lines are skipped; a UTF-8 byte order mark is
// dropped. Throws InputError "<source>: line N: ..." for an unterminated
// quote or text after a closing quote.
std::vector<CsvRecord> read_csv(std::istream& in, const std::string& source);

}  // namespace prov::subjects
