// Posting lists are read from archive files, which may come from anywhere:
// decoding must fail cleanly, and what decodes must encode back the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "fingerprint/posting_list.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fp = prov::fingerprint;
  std::vector<fp::Posting> postings;
  try {
    fp::decode_postings(std::string_view(reinterpret_cast<const char*>(data), size), postings);
  } catch (const std::runtime_error&) {
    return 0;
  }
  // Anchors within a group need not be increasing in a hostile list; only
  // a well-ordered decode must round-trip.
  bool ordered = true;
  for (std::size_t i = 1; i < postings.size(); ++i)
    if (postings[i].item < postings[i - 1].item ||
        (postings[i].item == postings[i - 1].item && postings[i].anchor < postings[i - 1].anchor))
      ordered = false;
  if (ordered) {
    std::vector<fp::Posting> again;
    fp::decode_postings(fp::encode_postings(postings), again);
    if (again.size() != postings.size()) std::abort();
  }
  return 0;
}
