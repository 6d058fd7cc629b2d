#include "content/transcript_encoding.h"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <memory>
#include <set>
#include <vector>

#include "core/error.h"
#include "core/terminal_text.h"

namespace prov::content {
namespace {

// Converts with ICU, refusing bytes that are invalid in `encoding`.
std::string convert(const char* data, std::size_t size, const std::string& encoding, const std::string& source) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(encoding.c_str(), &status), ucnv_close);
  if (U_FAILURE(status)) throw InputError(fmt::format("{}: unknown encoding '{}'", source, encoding));
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::vector<UChar> out(size * 2 + 16);
  const int32_t length = ucnv_toUChars(conv.get(), out.data(), static_cast<int32_t>(out.size()), data,
                                       static_cast<int32_t>(size), &status);
  if (U_FAILURE(status)) {
    throw InputError(fmt::format("{}: bytes that are not valid {} ({})", source, encoding, u_errorName(status)));
  }
  std::string utf8;
  icu::UnicodeString(out.data(), length).toUTF8String(utf8);
  return utf8;
}

bool starts_with(const std::string& s, const char* prefix, std::size_t n) { return s.compare(0, n, prefix, n) == 0; }

}  // namespace

DecodedText decode_transcript_bytes(const std::string& bytes, const std::string& forced, const std::string& source) {
  DecodedText d;
  if (!forced.empty()) {
    d.encoding = forced;
    d.how = "--encoding";
    d.utf8 = convert(bytes.data(), bytes.size(), forced, source);
    d.converted = true;
    return d;
  }
  if (starts_with(bytes, "\xFF\xFE", 2) || starts_with(bytes, "\xFE\xFF", 2)) {
    d.encoding = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    d.how = "byte-order mark";
    d.utf8 = convert(bytes.data() + 2, bytes.size() - 2, d.encoding, source);
    d.converted = true;
    return d;
  }
  if (is_valid_utf8(bytes)) {
    d.encoding = "UTF-8";
    d.how = starts_with(bytes, "\xEF\xBB\xBF", 3) ? "byte-order mark" : "valid UTF-8";
    d.utf8 = bytes;
    return d;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&status), ucsdet_close);
  std::string chosen;
  int32_t confidence = 0;
  if (U_SUCCESS(status)) {
    ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    int32_t found = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &found, &status);
    static const std::set<std::string> allowed{"windows-1256", "ISO-8859-6", "ISO-8859-1", "windows-1252"};
    for (int32_t i = 0; U_SUCCESS(status) && i < found; ++i) {
      const char* name = ucsdet_getName(matches[i], &status);
      if (U_FAILURE(status) || !name || allowed.count(name) == 0) continue;
      chosen = name;
      confidence = ucsdet_getConfidence(matches[i], &status);
      break;
    }
  }
  if (chosen.empty()) {
    d.encoding = "ISO-8859-1";
    d.how = "not valid UTF-8 and not recognised; assumed Latin-1";
  } else {
    d.encoding = chosen;
    d.how = fmt::format("not valid UTF-8; guessed by ICU's charset detector (confidence {})", confidence);
  }
  d.utf8 = convert(bytes.data(), bytes.size(), d.encoding, source);
  d.converted = true;
  return d;
}

}  // namespace prov::content
