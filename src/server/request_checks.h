#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace prov::server {

// A request the server turns down: the HTTP status and a plain message for
// the client (never a library's exception text).
struct Refusal {
  int status = 400;
  std::string message;
};

// Where the server listens, as the Host and Origin checks need it.
struct BoundAddress {
  std::string host;  // as given to --host: "127.0.0.1", "::1", "0.0.0.0", a name...
  int port = 0;      // the port actually bound
};

// An id from a URL: decimal digits only, 1 to 2^53 (ids the page can hold
// exactly as JavaScript numbers). Nothing else parses.
std::optional<int64_t> parse_id(std::string_view text);

// The Host header must name this server, so that a page on another site
// cannot reach it through a DNS name it re-points at 127.0.0.1 (DNS
// rebinding). Accepted names: localhost, 127.0.0.1 and ::1, the bound host,
// and any IP address when bound to all addresses; the port must be the bound
// one.
bool host_is_allowed(std::string_view host_header, const BoundAddress& bound);

// Only "application/json" (case-insensitive), optionally with
// "charset=utf-8"; nothing a plain HTML form or a no-CORS fetch can send.
bool is_json_content_type(std::string_view value);

// Refuses a state-changing request sent by another site's page: an Origin
// header that is not this server's, or Sec-Fetch-Site other than
// same-origin / none. Absent headers (non-browser clients) pass; the case
// token still applies to them.
std::optional<Refusal> refuse_cross_site(std::string_view origin, std::string_view sec_fetch_site,
                                         const BoundAddress& bound);

// Each server start draws a random 128-bit token (32 hex digits) that names
// the case it serves; the page reads it from GET /api/case and sends it
// with every change in the X-Provenance-Case header. Missing: 403; another
// server's or an older start's: 409.
std::string new_case_token();
std::optional<Refusal> refuse_case_token(std::string_view sent, std::string_view expected);

}  // namespace prov::server
