#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace prov::report {

// The answer to one of the questions a report exists for, in the order of
// ISO 21043-5 and the SWGDE reporting guidelines: the answer in words, how
// strong it is, the methods behind it, and the limits of those methods and
// of their validation. `cited` names the findings (by id or position) the
// answer rests on.
struct Conclusion {
  std::string id;        // when, edited, recycled, who, says
  std::string question;  // "When was it recorded?"
  std::string answer;
  std::string strength;  // "not examined", "cannot tell", "weak", "moderate", "strong", "confirmed by the examiner"
  std::vector<std::string> methods;
  std::vector<std::string> limitations;
  std::vector<std::string> cited;
};

// Reads an analysis report (the JSON `provenance analyze` writes, or a case
// export) and answers each question from its findings and sections. A
// question no analysis addressed says so; rejected findings never count.
std::vector<Conclusion> conclusions(const nlohmann::json& report);

nlohmann::json to_json(const Conclusion& conclusion);

}  // namespace prov::report
