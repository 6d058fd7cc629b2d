#pragma once
#include <httplib.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "server/analysis_jobs.h"
#include "server/request_checks.h"

namespace prov::casefile {
class CaseStore;
}

namespace prov::server {

// Largest request body accepted, however it is sent (Content-Length or
// chunked): a review is a few hundred bytes.
inline constexpr std::size_t kMaxBody = 64 * 1024;

// The server's routes, by path (the method is checked apart).
enum class Route { none, page, read_api, media, review, upload, start_analysis, analysis_events };
Route route_of(std::string_view path);

// What the handlers know about the running server.
struct ServerContext {
  BoundAddress bound;
  std::string case_token;        // see new_case_token()
  std::string default_examiner;  // --examiner, used when a review names none
};

// The check every request passes before it is routed or its body is read:
// Host header, method and path, declared body size, then for changes the
// origin, the content type and the case token. A refusal is answered as is
// and the connection closed without reading the body.
std::optional<Refusal> check_request(const httplib::Request& req, const ServerContext& context);

// Writes a JSON answer with the status.
void send_json_object(httplib::Response& res, const nlohmann::json& body, int status);

// Writes {"error": message} with the refusal's status.
void send_refusal(httplib::Response& res, const Refusal& refusal);

// GET handlers; `id` is the path's id text, checked here.
void get_case(const casefile::CaseStore& store, const ServerContext& context, httplib::Response& res);
void get_item(const casefile::CaseStore& store, std::string_view id, httplib::Response& res);
void get_item_report(const casefile::CaseStore& store, std::string_view id, httplib::Response& res);
void get_custody(const casefile::CaseStore& store, httplib::Response& res);

// POST /api/findings/{id}/review with its body already read (at most
// kMaxBody bytes): appends the review and its custody entry in one
// transaction, or changes nothing.
void post_review(casefile::CaseStore& store, const ServerContext& context, std::string_view finding_id,
                 std::string_view body, httplib::Response& res);

// POST /api/analyses {"recording": upload id, "transcript": upload id}:
// starts the analysis, answers 202 with the job id and its events' address.
void post_analysis(AnalysisJobs& jobs, std::string_view body, httplib::Response& res);

// GET /api/analyses/{id}/events: server-sent events, one JSON object each
// ("started", "progress", "message", then "done" with the item and its
// reports, or "failed" with the reason).
void get_analysis_events(AnalysisJobs& jobs, std::string_view id, const httplib::Request& req,
                         httplib::Response& res);

}  // namespace prov::server
