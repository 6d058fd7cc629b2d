#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <fstream>

#include "content/transcript.h"
#include "content/transcript_encoding.h"
#include "core/error.h"
#include "support/test_support.h"

namespace prov::content {
namespace {

std::string encode(const std::string& utf8, const char* encoding) {
  const auto u = icu::UnicodeString::fromUTF8(utf8);
  std::string out(static_cast<std::size_t>(u.length()) * 4 + 8, '\0');
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(encoding, &status);
  const int32_t n = ucnv_fromUChars(conv, out.data(), static_cast<int32_t>(out.size()), u.getBuffer(), u.length(), &status);
  ucnv_close(conv);
  EXPECT_TRUE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

const std::string kArabic =
    "بسم الله الرحمن الرحيم. إن معركة الباغوز قد انتهت، وإن الدولة باقية بإذن الله. "
    "يا جنود الخلافة اصبروا وصابروا ورابطوا واتقوا الله لعلكم تفلحون. "
    "وقد سقطت الرقة بيد الصليبيين وأذنابهم من الملاحدة، ولكن الجهاد ماض إلى يوم القيامة.\n";

TEST(TranscriptEncoding, Utf16WithBom) {
  const std::string le = "\xFF\xFE" + encode(kArabic, "UTF-16LE");
  const auto d = decode_transcript_bytes(le, "", "a.txt");
  EXPECT_EQ(d.encoding, "UTF-16LE");
  EXPECT_EQ(d.how, "byte-order mark");
  EXPECT_EQ(d.utf8, kArabic);
  const auto be = decode_transcript_bytes("\xFE\xFF" + encode(kArabic, "UTF-16BE"), "", "a.txt");
  EXPECT_EQ(be.encoding, "UTF-16BE");
  EXPECT_EQ(be.utf8, kArabic);
}

TEST(TranscriptEncoding, ArabicCodePagesAreDetected) {
  for (const char* cp : {"windows-1256", "ISO-8859-6"}) {
    const auto d = decode_transcript_bytes(encode(kArabic, cp), "", "a.txt");
    // The two code pages share the Arabic letters used here; either reading is the same text.
    EXPECT_TRUE(d.encoding == "windows-1256" || d.encoding == "ISO-8859-6") << cp << " read as " << d.encoding;
    EXPECT_EQ(d.utf8, kArabic) << cp;
    EXPECT_NE(d.how.find("ICU"), std::string::npos);
  }
}

TEST(TranscriptEncoding, LatinOneAndOverride) {
  const std::string text = "Le Bataclan \xE0 Paris, la d\xE9" "claration du porte-parole.\n";
  const auto d = decode_transcript_bytes(text, "", "a.txt");
  EXPECT_TRUE(d.encoding == "ISO-8859-1" || d.encoding == "windows-1252") << d.encoding;
  EXPECT_NE(d.utf8.find("à Paris"), std::string::npos);
  const auto forced = decode_transcript_bytes(text, "windows-1252", "a.txt");
  EXPECT_EQ(forced.how, "--encoding");
  EXPECT_NE(forced.utf8.find("déclaration"), std::string::npos);
  EXPECT_THROW(decode_transcript_bytes(text, "UTF-8", "a.txt"), InputError);
  EXPECT_THROW(decode_transcript_bytes(text, "no-such-charset", "a.txt"), InputError);
}

TEST(TranscriptEncoding, LoadTranscriptSaysWhichEncoding) {
  prov::test::TempDir dir;
  std::ofstream(dir / "a.txt", std::ios::binary) << encode(kArabic, "windows-1256");
  const auto t = load_transcript(dir / "a.txt");
  EXPECT_NE(t.encoding, "UTF-8");
  EXPECT_NE(t.text.find("الباغوز"), std::string::npos);
  std::ofstream(dir / "e.txt", std::ios::binary) << " \n\n";
  EXPECT_TRUE(transcript_is_empty(load_transcript(dir / "e.txt")));
  EXPECT_FALSE(transcript_is_empty(t));
}

}  // namespace
}  // namespace prov::content
