#include "server/api_handlers.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <memory>
#include <variant>

#include "casefile/case_store.h"
#include "core/error.h"
#include "core/terminal_text.h"
#include "report/html_report.h"
#include "report/item_report.h"
#include "server/item_media.h"
#include "server/web_assets.h"
#include "server/review_input.h"

namespace prov::server {
namespace {

using casefile::CaseStore;

// The whole case file against its ledger (every item, run, finding, review
// and custody entry), not only the custody log's own chain.
nlohmann::json case_file_integrity(const CaseStore& store) {
  const auto verdict = store.verify();
  nlohmann::json out{{"intact", verdict.intact()},
                     {"entries", verdict.entries},
                     {"head", fmt::format("{}:{}", verdict.head.seq, verdict.head.hash)},
                     {"problems", verdict.problems.size()}};
  if (!verdict.intact()) {
    const auto& p = verdict.problems.front();
    out["first_problem"] = {{"kind", std::string(casefile::to_string(p.kind))},
                            {"table", utf8_or_replacement(p.table)},
                            {"row_id", p.row_id},
                            {"seq", p.seq},
                            {"detail", utf8_or_replacement(p.detail)}};
  }
  return out;
}


void send_json(httplib::Response& res, const nlohmann::json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

bool is_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// "/{prefix}{digits}{suffix}" with one of the suffixes given.
bool is_numbered(std::string_view path, std::string_view prefix, std::initializer_list<std::string_view> suffixes) {
  if (!starts_with(path, prefix)) return false;
  const std::string_view rest = path.substr(prefix.size());
  for (const std::string_view suffix : suffixes) {
    if (rest.size() > suffix.size() && rest.substr(rest.size() - suffix.size()) == suffix &&
        is_digits(rest.substr(0, rest.size() - suffix.size()))) {
      return true;
    }
  }
  return false;
}

std::optional<Refusal> check_body_framing(const httplib::Request& req, bool body_allowed, uint64_t max_body) {
  const std::size_t lengths = req.get_header_value_count("Content-Length");
  const std::size_t encodings = req.get_header_value_count("Transfer-Encoding");
  if (lengths > 1 || encodings > 1 || (lengths == 1 && encodings == 1)) {
    return Refusal{400, "the request's length is ambiguous"};
  }
  if (encodings == 1) {
    if (req.get_header_value("Transfer-Encoding") != "chunked") return Refusal{400, "unsupported transfer encoding"};
    if (!body_allowed) return Refusal{400, "this request takes no body"};
    return std::nullopt;
  }
  if (lengths == 0 && body_allowed) return Refusal{411, "the request must state its length"};
  if (lengths == 1) {
    const std::string length = req.get_header_value("Content-Length");
    if (!is_digits(length) || length.size() > 18) return Refusal{400, "bad Content-Length"};
    const auto bytes = std::stoull(length);
    if (bytes > 0 && !body_allowed) return Refusal{400, "this request takes no body"};
    if (bytes > max_body) return Refusal{413, fmt::format("the body is larger than {} bytes", max_body)};
  }
  return std::nullopt;
}

bool is_octet_stream(std::string_view value) {
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower == "application/octet-stream";
}

}  // namespace

Route route_of(std::string_view path) {
  if (!web_asset(path).content.empty()) return Route::page;
  if (path == "/api/case" || path == "/api/custody") return Route::read_api;
  if (is_numbered(path, "/api/items/", {"", "/report.html"})) return Route::read_api;
  if (is_numbered(path, "/api/items/", {"/peaks.json", "/spectrogram.png", "/audio"})) return Route::media;
  if (is_numbered(path, "/api/findings/", {"/review"})) return Route::review;
  if (path == "/api/uploads") return Route::upload;
  if (path == "/api/analyses") return Route::start_analysis;
  if (is_numbered(path, "/api/analyses/", {"/events"})) return Route::analysis_events;
  return Route::none;
}

std::optional<Refusal> check_request(const httplib::Request& req, const ServerContext& context) {
  if (req.get_header_value_count("Host") != 1 || !host_is_allowed(req.get_header_value("Host"), context.bound)) {
    return Refusal{421, "the Host header does not name this server"};
  }
  const Route route = route_of(req.path);
  if (route == Route::none) return Refusal{404, "not found"};
  const bool read = req.method == "GET" || req.method == "HEAD";
  const bool change = route == Route::review || route == Route::upload || route == Route::start_analysis;
  if (change ? req.method != "POST" : !read) return Refusal{405, "method not allowed"};
  if (auto refusal = check_body_framing(req, change, route == Route::upload ? kMaxUpload : kMaxBody)) return refusal;
  if (!change) return std::nullopt;

  if (auto refusal = refuse_cross_site(req.get_header_value("Origin"), req.get_header_value("Sec-Fetch-Site"),
                                       context.bound)) {
    return refusal;
  }
  if (route == Route::upload) {
    if (req.get_header_value_count("Content-Type") != 1 || !is_octet_stream(req.get_header_value("Content-Type"))) {
      return Refusal{415, "send the file as application/octet-stream"};
    }
  } else if (req.get_header_value_count("Content-Type") != 1 ||
             !is_json_content_type(req.get_header_value("Content-Type"))) {
    return Refusal{415, route == Route::review ? "send the review as application/json"
                                               : "send the request as application/json"};
  }
  if (req.get_header_value_count("X-Provenance-Case") > 1) return Refusal{400, "the case is named twice"};
  return refuse_case_token(req.get_header_value("X-Provenance-Case"), context.case_token);
}

void send_json_object(httplib::Response& res, const nlohmann::json& body, int status) { send_json(res, body, status); }

void send_refusal(httplib::Response& res, const Refusal& refusal) {
  send_json(res, {{"error", refusal.message}}, refusal.status);
}

void get_case(const CaseStore& store, const ServerContext& context, httplib::Response& res) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : store.items()) {
    int confirmed = 0, rejected = 0, total = 0;
    for (const auto& f : store.findings(item.id)) {
      ++total;
      confirmed += f.finding.status == FindingStatus::confirmed;
      rejected += f.finding.status == FindingStatus::rejected;
    }
    items.push_back({{"id", item.id},
                     {"sha256", item.sha256},
                     {"path", item.original_path},
                     {"size_bytes", item.size_bytes},
                     {"decoded_duration_s", item.decoded_duration_s},
                     {"intake_utc", item.intake_utc},
                     {"findings", total},
                     {"confirmed", confirmed},
                     {"rejected", rejected}});
  }
  const nlohmann::json integrity = case_file_integrity(store);
  send_json(res, {{"case_file", store.path()},
                  {"case_token", context.case_token},
                  {"schema_version", store.schema_version()},
                  {"chain_intact", integrity["intact"].get<bool>() && store.verify_custody_chain() == 0},
                  {"case_file_integrity", integrity},
                  {"items", items}});
}

void get_item(const CaseStore& store, std::string_view id, httplib::Response& res) {
  const auto number = parse_id(id);
  if (!number) return send_refusal(res, {400, "the item id is not a valid number"});
  const auto item = store.find_item(std::to_string(*number));
  if (!item) return send_refusal(res, {404, "no such item"});
  send_json(res, report::latest_report(store, *item));
}

void get_item_report(const CaseStore& store, std::string_view id, httplib::Response& res) {
  const auto number = parse_id(id);
  if (!number) return send_refusal(res, {400, "the item id is not a valid number"});
  const auto item = store.find_item(std::to_string(*number));
  if (!item) return send_refusal(res, {404, "no such item"});
  res.set_content(report::render_html_report(report::latest_report(store, *item)), "text/html; charset=utf-8");
}

void get_custody(const CaseStore& store, httplib::Response& res) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& e : store.custody_log()) entries.push_back(report::to_json(e));
  const int64_t broken = store.verify_custody_chain();
  const nlohmann::json integrity = case_file_integrity(store);
  send_json(res, {{"entries", entries},
                  {"chain_intact", broken == 0 && integrity["intact"].get<bool>()},
                  {"first_broken_entry", broken},
                  {"case_file_integrity", integrity}});
}

void post_review(CaseStore& store, const ServerContext& context, std::string_view finding_id, std::string_view body,
                 httplib::Response& res) {
  const auto id = parse_id(finding_id);
  if (!id) return send_refusal(res, {400, "the finding id is not a valid number"});
  auto parsed = parse_review(body, context.default_examiner);
  if (const auto* refusal = std::get_if<Refusal>(&parsed)) return send_refusal(res, *refusal);
  const ReviewInput& review = std::get<ReviewInput>(parsed);

  if (const auto target = store.finding(*id); target && target->finding.kind == "note")
    return send_refusal(res, {409, "a note is information about the recording, not a claim to confirm or reject"});
  int64_t stored = 0;
  bool found = false;
  store.transaction([&] {
    const auto finding = store.finding(*id);
    if (!finding) return;
    const auto item = store.find_item(std::to_string(finding->item_id));
    if (!item) return;
    found = true;
    stored = store.add_review(*id, review.status, review.examiner, review.note);
    store.append_custody({review.examiner, "review", item->sha256,
                          {{"finding", *id},
                           {"status", review.status},
                           {"note", review.note},
                           {"review", stored},
                           {"via", "web"}}});
  });
  if (!found) return send_refusal(res, {404, "no such finding"});
  send_json(res, {{"review", stored}, {"finding", *id}, {"status", review.status}}, 201);
}

void post_analysis(AnalysisJobs& jobs, std::string_view body, httplib::Response& res) {
  if (!jobs.available()) return send_refusal(res, {501, "this server cannot run analyses"});
  nlohmann::json request;
  try {
    request = nlohmann::json::parse(body);
  } catch (const std::exception&) {
    return send_refusal(res, {400, "the request is not valid JSON"});
  }
  if (!request.is_object() || !request.contains("recording") || !request["recording"].is_string() ||
      (request.contains("transcript") && !request["transcript"].is_string() && !request["transcript"].is_null())) {
    return send_refusal(res, {400, "name the uploaded recording (and optionally transcript) by upload id"});
  }
  std::optional<std::string> transcript;
  if (request.contains("transcript") && request["transcript"].is_string()) transcript = request["transcript"];
  try {
    const int64_t job = jobs.start(request["recording"].get<std::string>(), transcript);
    send_json(res, {{"job", job}, {"events", fmt::format("/api/analyses/{}/events", job)}}, 202);
  } catch (const MediaRefused& refused) {
    send_refusal(res, refused.refusal);
  }
}

void get_analysis_events(AnalysisJobs& jobs, std::string_view id, const httplib::Request& req,
                         httplib::Response& res) {
  const auto job = parse_id(id);
  if (!job || !jobs.events_after(*job, 0, std::chrono::milliseconds(0))) {
    return send_refusal(res, {404, "no such analysis"});
  }
  // A reconnecting EventSource says which events it has (their ids count from 1).
  std::size_t seen = 0;
  const std::string last = req.get_header_value("Last-Event-ID");
  if (is_digits(last) && last.size() < 10) seen = std::stoul(last);
  auto sent = std::make_shared<std::size_t>(seen);
  const int64_t job_id = *job;
  res.set_chunked_content_provider("text/event-stream", [&jobs, sent, job_id](size_t offset, httplib::DataSink& sink) {
    const auto events = jobs.events_after(job_id, *sent, std::chrono::milliseconds(1000));
    if (!events) return false;
    // A connection lasts at most 30 s (ConnectionLimits); the page's
    // EventSource then comes back at once and resumes after its last event.
    std::string text = offset == 0 ? "retry: 500\n" : "";
    for (const auto& json : events->json) text += fmt::format("id: {}\ndata: {}\n\n", ++*sent, json);
    if (text.empty()) text = ": waiting\n\n";
    if (!sink.write(text.data(), text.size())) return false;
    if (events->finished) sink.done();
    return true;
  });
}

}  // namespace prov::server
