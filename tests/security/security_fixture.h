#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "security/raw_http.h"
#include "security/serve_process.h"
#include "support/test_support.h"

namespace prov::test {

// A small real case file: one item and one proposed finding.
struct SmallCase {
  std::string path;
  int64_t finding = 0;
};
SmallCase make_small_case(const TempDir& dir, const std::string& name);

// What a case file holds that a request could change.
struct CaseState {
  std::size_t custody_entries = 0;
  std::size_t reviews = 0;
  std::uintmax_t file_bytes = 0;
};
CaseState case_state(const SmallCase& c);

// The case token a server hands its page (empty when it has none).
std::string case_token(int port);

// The headers the web page sends with a review.
std::map<std::string, std::string> review_headers(int port, const std::string& token);

std::string review_path(int64_t finding);

// The reply is a JSON object {"error": plain text} with no trace of a
// library's exception text.
::testing::AssertionResult is_plain_error(const HttpReply& reply);

// A real `provenance serve` of a small case, with the token its page gets.
class ServedCase : public ::testing::Test {
 protected:
  void SetUp() override {
    case_ = make_small_case(dir_, "case.db");
    server_ = std::make_unique<ServeProcess>(case_.path);
    ASSERT_TRUE(server_->listening()) << server_->output();
    port_ = server_->port();
    token_ = case_token(port_);
  }

  TempDir dir_;
  SmallCase case_;
  std::unique_ptr<ServeProcess> server_;
  int port_ = 0;
  std::string token_;
};

}  // namespace prov::test
