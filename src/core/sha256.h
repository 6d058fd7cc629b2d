#pragma once
#include <cstddef>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace prov {

// Incremental SHA-256 (OpenSSL libcrypto).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t size);
  std::string hex_digest();  // lowercase hex; call once

 private:
  evp_md_ctx_st* ctx_;
};

std::string sha256_hex(std::string_view data);

}  // namespace prov
