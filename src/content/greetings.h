#pragma once
#include <vector>

#include "content/timeline.h"

namespace prov::content {

// Greetings for Ramadan, Eid al-Fitr and Eid al-Adha (and an "Eid Mubarak"
// that fits either), in English and Arabic, as holiday events. They are part
// of every index, whatever timeline is loaded.
std::vector<Event> builtin_greetings();

}  // namespace prov::content
