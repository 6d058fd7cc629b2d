#include <gtest/gtest.h>

#include "security/security_fixture.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "casefile/case_store.h"

namespace prov::test {

using casefile::CaseStore;

SmallCase make_small_case(const TempDir& dir, const std::string& name) {
  SmallCase c;
  c.path = (dir / name).string();
  auto store = CaseStore::open(c.path, CaseStore::Mode::create_if_missing);
  store.transaction([&] {
    casefile::ItemRecord item;
    item.sha256 = std::string(64, name.empty() ? 'a' : "0123456789abcdef"[name.size() % 16]);
    item.size_bytes = 1000;
    item.original_path = "/evidence/" + name + ".wav";
    item.decoded_duration_s = 12;
    const int64_t id = store.register_item(item);
    const int64_t run = store.append_custody({"analyst", "analyze", item.sha256, {}});
    Finding f;
    f.kind = "edit";
    f.detector = "integrity.zero_run";
    f.start_s = 2;
    f.end_s = 2.5;
    f.summary = "digital silence in " + name;
    c.finding = store.add_finding(id, run, f);
  });
  return c;
}

CaseState case_state(const SmallCase& c) {
  auto store = CaseStore::open(c.path, CaseStore::Mode::open_existing);
  CaseState s;
  s.custody_entries = store.custody_log().size();
  s.reviews = store.reviews(c.finding).size();
  s.file_bytes = std::filesystem::file_size(c.path);
  return s;
}

std::string case_token(int port) {
  const HttpReply reply = http_exchange(port, request_text("GET", "/api/case", port));
  if (reply.status != 200) return {};
  const auto body = nlohmann::json::parse(reply.body, nullptr, false);
  if (!body.is_object() || !body.contains("case_token") || !body["case_token"].is_string()) return {};
  return body["case_token"].get<std::string>();
}

std::map<std::string, std::string> review_headers(int port, const std::string& token) {
  return {{"Content-Type", "application/json"},
          {"Origin", "http://127.0.0.1:" + std::to_string(port)},
          {"Sec-Fetch-Site", "same-origin"},
          {"X-Provenance-Case", token}};
}

std::string review_path(int64_t finding) { return "/api/findings/" + std::to_string(finding) + "/review"; }

::testing::AssertionResult is_plain_error(const HttpReply& reply) {
  const auto body = nlohmann::json::parse(reply.body, nullptr, false);
  if (!body.is_object() || body.size() != 1 || !body.contains("error") || !body["error"].is_string()) {
    return ::testing::AssertionFailure() << "not a plain {\"error\": ...} body: " << reply.body;
  }
  for (const char* leak : {"json.exception", "stoll", "stoi", "out_of_range", "type_error", "parse_error", "what"}) {
    if (reply.body.find(leak) != std::string::npos) {
      return ::testing::AssertionFailure() << "library text in the answer: " << reply.body;
    }
  }
  for (const auto& [name, value] : reply.headers) {
    if (name == "exception_what") return ::testing::AssertionFailure() << "exception text in a header: " << value;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace prov::test
