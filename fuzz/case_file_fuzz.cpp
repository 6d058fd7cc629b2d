// libFuzzer target: any bytes as a case file. Opening, verifying and showing
// it (what `case verify`, `case show` and `case log` do) must either work or
// refuse with InputError; verify must never throw.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "casefile/case_store.h"
#include "core/error.h"
#include "core/terminal_text.h"

namespace {

std::string scratch_path() {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/provenance-case-fuzz-" + std::to_string(getpid()) + ".db";
}

void show(prov::casefile::CaseStore& store) {
  using nlohmann::json;
  for (const auto& item : store.items()) {
    (void)prov::terminal_safe(item.original_path);
    (void)item.container.dump(-1, ' ', false, json::error_handler_t::replace);
    for (const auto& f : store.findings(item.id)) {
      (void)prov::terminal_safe(f.finding.summary);
      for (const auto& r : store.reviews(f.id)) (void)prov::terminal_safe(r.examiner);
    }
    if (auto latest = store.latest_run_report(item.id))
      (void)latest->second.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  for (const auto& e : store.custody_log()) {
    (void)prov::terminal_safe(e.actor);
    (void)e.parameters.dump(-1, ' ', false, json::error_handler_t::replace);
    (void)store.ledger_hash("custody_log", e.id);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const std::string path = scratch_path();
  std::remove((path + "-journal").c_str());
  FILE* out = std::fopen(path.c_str(), "wb");
  if (!out) return 0;
  std::fwrite(data, 1, size, out);
  std::fclose(out);
  try {
    auto store = prov::casefile::CaseStore::open(path, prov::casefile::CaseStore::Mode::open_existing);
    const auto verdict = store.verify();
    if (!verdict.intact() && verdict.problems.empty()) __builtin_trap();
    for (const auto& p : verdict.problems) (void)prov::terminal_safe(p.table + p.detail);
    show(store);
  } catch (const prov::InputError&) {
  }
  return 0;
}
