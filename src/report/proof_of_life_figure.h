#pragma once
#include <string>

#include "subjects/proof_of_life.h"

namespace prov::report {

// One timeline of a subject: each attributed item's recording window (and
// its release day), the day from which the evidence shows the subject alive,
// and every claim at its date, coloured by verdict (red contradicted, orange
// inconclusive, grey uncontradicted, blue not tested). Empty when there is
// nothing dated to draw.
std::string proof_of_life_svg(const subjects::ProofOfLife& result);

// A report section ({"id": "subject", "title", "summary", "facts", "figures"})
// for the analysis sections of an item report.
nlohmann::json proof_of_life_section(const subjects::ProofOfLife& result);

}  // namespace prov::report
