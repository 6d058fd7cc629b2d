// libFuzzer target: the request handlers of `provenance serve`, in-process.
// The input is a request as text: "METHOD PATH", header lines, an empty
// line, then the body. It passes the same check the server runs before
// routing (Host, method, framing, origin, content type, case token) and, if
// admitted, the handler, against an in-memory case with one finding.
// Every answer must be a known status with a plain {"error": ...} body for
// refusals; any exception, crash or undefined behaviour is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "casefile/case_store.h"
#include "server/api_handlers.h"
#include "server/review_input.h"

namespace {

using prov::casefile::CaseStore;
using namespace prov::server;

const ServerContext kContext{{"127.0.0.1", 8080}, "0123456789abcdef0123456789abcdef", "fuzz-examiner"};

CaseStore make_store() {
  auto store = CaseStore::open(":memory:", CaseStore::Mode::create_if_missing);
  store.transaction([&] {
    prov::casefile::ItemRecord item;
    item.sha256 = std::string(64, 'f');
    item.size_bytes = 1;
    item.original_path = "/evidence/fuzz.wav";
    const int64_t id = store.register_item(item);
    const int64_t run = store.append_custody({"fuzz", "analyze", item.sha256, {}});
    prov::Finding f;
    f.kind = "edit";
    f.detector = "fuzz";
    f.summary = "fuzz finding";
    store.add_finding(id, run, f);
  });
  return store;
}

void fail(const char* what, const httplib::Response& res) {
  std::fprintf(stderr, "%s: status %d body %s\n", what, res.status, res.body.c_str());
  std::abort();
}

// Splits the input into a request the way the server would have parsed it.
httplib::Request request_from(std::string_view text, std::string& body) {
  httplib::Request req;
  auto next_line = [&]() {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };
  const std::string_view first = next_line();
  const auto space = first.find(' ');
  req.method = std::string(first.substr(0, space));
  req.path = space == std::string_view::npos ? "/" : std::string(first.substr(space + 1));
  for (int i = 0; i < 32 && !text.empty(); ++i) {
    const std::string_view line = next_line();
    if (line.empty()) break;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    req.headers.emplace(std::string(line.substr(0, colon)), std::string(value));
  }
  body = std::string(text.substr(0, kMaxBody));
  return req;
}

void check_answer(const httplib::Response& res) {
  switch (res.status) {
    case -1:  // content set, status left to the library (200)
    case 200:
    case 201:
      return;
    case 400: case 403: case 404: case 405: case 409: case 411: case 413: case 415: case 421: {
      const auto body = nlohmann::json::parse(res.body, nullptr, false);
      if (!body.is_object() || body.size() != 1 || !body.contains("error") || !body["error"].is_string()) {
        fail("refusal without a plain error body", res);
      }
      return;
    }
    default:
      fail("unexpected status", res);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static CaseStore store = make_store();
  static int runs = 0;
  if (++runs % 5000 == 0) store = make_store();  // reviews pile up in memory otherwise

  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string body;
  const httplib::Request req = request_from(text, body);

  // The pieces on their own, whatever the request.
  (void)parse_id(req.path);
  (void)host_is_allowed(req.get_header_value("Host"), kContext.bound);
  (void)is_json_content_type(req.get_header_value("Content-Type"));
  const auto review = parse_review(body, kContext.default_examiner);
  if (const auto* input = std::get_if<ReviewInput>(&review)) {
    if (input->examiner.find_first_not_of(" \t\r\n") == std::string::npos) std::abort();
    if (input->status != "confirmed" && input->status != "rejected") std::abort();
  }

  httplib::Response res;
  if (const auto refusal = check_request(req, kContext)) {
    send_refusal(res, *refusal);
    check_answer(res);
    return 0;
  }
  const std::string_view path = req.path;
  constexpr std::string_view findings = "/api/findings/", items = "/api/items/", report = "/report.html";
  if (req.method == "POST") {
    const auto id = path.substr(findings.size(), path.size() - findings.size() - std::string_view("/review").size());
    post_review(store, kContext, id, body, res);
  } else if (path == "/api/case") {
    get_case(store, kContext, res);
  } else if (path == "/api/custody") {
    get_custody(store, res);
  } else if (path.substr(0, items.size()) == items) {
    const std::string_view id = path.substr(items.size());
    if (id.size() > report.size() && id.substr(id.size() - report.size()) == report) {
      get_item_report(store, id.substr(0, id.size() - report.size()), res);
    } else {
      get_item(store, id, res);
    }
  } else {
    res.status = 200;  // a static page
  }
  check_answer(res);
  return 0;
}
