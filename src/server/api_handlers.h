#pragma once
#include <httplib.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "server/request_checks.h"

namespace prov::casefile {
class CaseStore;
}

namespace prov::server {

// Largest request body accepted, however it is sent (Content-Length or
// chunked): a review is a few hundred bytes.
inline constexpr std::size_t kMaxBody = 64 * 1024;

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

}  // namespace prov::server
