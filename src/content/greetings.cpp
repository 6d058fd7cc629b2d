#include "content/greetings.h"

namespace prov::content {
namespace {

Event holiday(const char* id, const char* label, std::vector<HijriSpan> spans, std::vector<const char*> cues) {
  Event e;
  e.id = id;
  e.kind = EventKind::holiday;
  e.label = label;
  e.implies = Relation::during;
  e.hard = false;
  e.tense_sensitive = false;
  e.hijri = std::move(spans);
  for (const char* c : cues) e.cues.push_back({c, std::nullopt, std::nullopt});
  e.sources = {"Built-in greeting; dates from the Hijri calendar (ICU islamic-umalqura and islamic-civil, widened by 2 days)"};
  return e;
}

}  // namespace

std::vector<Event> builtin_greetings() {
  return {
      holiday("greeting-ramadan", "Ramadan greeting", {{9, 1, 30}},
              {"Ramadan Mubarak", "Ramadan Kareem", "blessed month of Ramadan is upon us", "this blessed month",
               "this month of Ramadan", "this holy month", "رمضان كريم", "رمضان مبارك", "مبارك عليكم الشهر",
               "هذا الشهر الفضيل", "هذا الشهر الكريم", "هذا الشهر المبارك", "في شهركم هذا", "شهر رمضان المبارك هذا"}),
      holiday("greeting-eid-al-fitr", "Eid al-Fitr greeting", {{10, 1, 3}},
              {"Eid al-Fitr Mubarak", "happy Eid al-Fitr", "on this Eid al-Fitr", "عيد فطر مبارك", "في عيد الفطر هذا",
               "عيدكم فطر مبارك"}),
      holiday("greeting-eid-al-adha", "Eid al-Adha greeting", {{12, 10, 13}},
              {"Eid al-Adha Mubarak", "happy Eid al-Adha", "on this Eid al-Adha", "عيد أضحى مبارك",
               "في عيد الأضحى هذا", "أضحى مبارك"}),
      holiday("greeting-eid", "Eid greeting (al-Fitr or al-Adha)", {{10, 1, 3}, {12, 10, 13}},
              {"Eid Mubarak", "عيد مبارك", "عيدكم مبارك", "تقبل الله منا ومنكم", "كل عام وأنتم بخير بمناسبة العيد"}),
  };
}

}  // namespace prov::content
