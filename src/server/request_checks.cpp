#include "server/request_checks.h"

#include <arpa/inet.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

#include "core/terminal_text.h"

namespace prov::server {
namespace {

constexpr int64_t kMaxId = int64_t{1} << 53;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_ip_literal(const std::string& name) {
  unsigned char buf[16];
  return inet_pton(AF_INET, name.c_str(), buf) == 1 || inet_pton(AF_INET6, name.c_str(), buf) == 1;
}

// "name:port", "[v6]:port" or a bare name (port 80) into its parts; false
// when malformed.
bool split_authority(std::string_view authority, std::string& name, int& port) {
  std::string_view rest;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return false;
    name = lower(authority.substr(1, close - 1));
    rest = authority.substr(close + 1);
  } else {
    const auto colon = authority.find(':');
    name = lower(authority.substr(0, colon));
    rest = colon == std::string_view::npos ? std::string_view{} : authority.substr(colon);
  }
  if (name.empty()) return false;
  if (rest.empty()) {
    port = 80;
    return true;
  }
  if (rest.front() != ':' || rest.size() < 2 || rest.size() > 6) return false;
  rest.remove_prefix(1);
  if (!std::all_of(rest.begin(), rest.end(), [](unsigned char c) { return std::isdigit(c); })) return false;
  port = std::stoi(std::string(rest));
  return true;
}

bool name_is_allowed(const std::string& name, const BoundAddress& bound) {
  const std::string bound_host = lower(bound.host);
  if (name == "localhost" || name == "127.0.0.1" || name == "::1") return true;
  if (name == bound_host) return true;
  const bool wildcard = bound_host == "0.0.0.0" || bound_host == "::" || bound_host.empty();
  return wildcard && is_ip_literal(name);
}

}  // namespace

std::optional<int64_t> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 16) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](unsigned char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > kMaxId) return std::nullopt;
  return value;
}

bool host_is_allowed(std::string_view host_header, const BoundAddress& bound) {
  std::string name;
  int port = 0;
  if (!split_authority(trim(host_header), name, port)) return false;
  return port == bound.port && name_is_allowed(name, bound);
}

bool is_json_content_type(std::string_view value) {
  value = trim(value);
  const auto semicolon = value.find(';');
  if (lower(trim(value.substr(0, semicolon))) != "application/json") return false;
  if (semicolon == std::string_view::npos) return true;
  const std::string parameter = lower(trim(value.substr(semicolon + 1)));
  return parameter == "charset=utf-8" || parameter == "charset=\"utf-8\"";
}

std::optional<Refusal> refuse_cross_site(std::string_view origin, std::string_view sec_fetch_site,
                                         const BoundAddress& bound) {
  sec_fetch_site = trim(sec_fetch_site);
  if (!sec_fetch_site.empty() && sec_fetch_site != "same-origin" && sec_fetch_site != "none") {
    return Refusal{403, "requests from other sites are refused"};
  }
  origin = trim(origin);
  if (origin.empty()) return std::nullopt;
  constexpr std::string_view scheme = "http://";
  if (lower(origin.substr(0, scheme.size())) != scheme || !host_is_allowed(origin.substr(scheme.size()), bound)) {
    return Refusal{403, "requests from other sites are refused"};
  }
  return std::nullopt;
}

std::string new_case_token() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random numbers for the case token");
  return bytes_hex(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

std::optional<Refusal> refuse_case_token(std::string_view sent, std::string_view expected) {
  sent = trim(sent);
  if (sent.empty()) {
    return Refusal{403, "the request does not name the case (X-Provenance-Case header); reload the page"};
  }
  if (sent.size() != expected.size() || CRYPTO_memcmp(sent.data(), expected.data(), expected.size()) != 0) {
    return Refusal{409,
                   "this page belongs to another case or an earlier start of the server; reload the page"};
  }
  return std::nullopt;
}

}  // namespace prov::server
