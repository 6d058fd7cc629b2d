#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace prov::report {

// A few lines for the terminal: the item, its hash, and the findings, most
// telling first. `color` adds ANSI colours (only when stdout is a terminal).
std::string render_terminal_summary(const nlohmann::json& report, bool color);

}  // namespace prov::report
