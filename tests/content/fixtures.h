#pragma once
#include <sstream>
#include <string>

#include "content/dating.h"
#include "content/gazetteer.h"
#include "content/references.h"
#include "content/timeline.h"
#include "content/transcript.h"

namespace prov::content::test {

// A small gazetteer and timeline with real dates (see data/timeline for sources).
inline const char* kGazetteer = R"(
{"id":"raqqa","type":"place","name":"Raqqa","aliases":{"en":["Rakka","ar-Raqqah","al-Raqqa","Raqqah"],"ar":["الرقة"]}}
{"id":"baghouz","type":"place","name":"Baghouz","aliases":{"en":["Baghuz","al-Baghuz"],"ar":["الباغوز"]}}
{"id":"mosul","type":"place","name":"Mosul","aliases":{"en":["Mosel","al-Mawsil"],"ar":["الموصل"]}}
{"id":"adnani","type":"person","name":"Abu Muhammad al-Adnani","aliases":{"en":["al-Adnani","Adnani"],"ar":["العدناني","أبو محمد العدناني"]}}
)";

inline const char* kTimeline = R"(
# test timeline
{"id":"raqqa-falls","kind":"event","label":"SDF takes Raqqa from IS","date":"2017-10-17","entity":"raqqa","predicates":{"en":["fall","fell","fallen","falls","liberated","liberation"],"ar":["سقوط","سقطت","تسقط","تحرير","تحررت"]},"sources":["test"]}
{"id":"baghouz-battle","kind":"state","label":"Battle of Baghuz","start":"2019-02-09","end":"2019-03-23","cues":["battle for {baghouz}","battle of {baghouz}","معركة {baghouz}"],"sources":["test"]}
{"id":"mosul-offensive","kind":"state","label":"Battle of Mosul","start":"2016-10-17","end":"2017-07-10","cues":["battle of {mosul}","battle for {mosul}","معركة {mosul}"],"sources":["test"]}
{"id":"adnani-death","kind":"death","label":"Death of al-Adnani","date":"2016-08-30","cues":[{"text":"the late {adnani}","relation":"after"},{"text":"martyr {adnani}","relation":"after"},{"text":"الشهيد {adnani}","relation":"after"},{"text":"{adnani} may allah preserve him","relation":"before","strength":"soft"}],"sources":["test"]}
{"id":"sri-lanka-easter","kind":"event","label":"Sri Lanka Easter bombings","date":"2019-04-21","cues":["Sri Lanka","سريلانكا","سيريلانكا"],"sources":["test"]}
)";

inline ReferenceIndex make_index() {
  std::istringstream g(kGazetteer), t(kTimeline);
  return ReferenceIndex(parse_timeline(t, "test-timeline.jsonl"), parse_gazetteer(g, "test-gazetteer.jsonl"));
}

inline DatingResult date_text(const ReferenceIndex& index, const std::string& text,
                              DatingOptions options = {}) {
  return date_transcript(parse_transcript(text, "passage.txt"), index, options);
}

}  // namespace prov::content::test
