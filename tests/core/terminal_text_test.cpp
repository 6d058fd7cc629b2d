#include "core/terminal_text.h"

#include <gtest/gtest.h>

namespace prov {
namespace {

TEST(TerminalSafe, EscapeSequenceBecomesVisible) {
  EXPECT_EQ(terminal_safe("enc\x1b[8mhidden"), "enc\\x1b[8mhidden");
}

TEST(TerminalSafe, NewlineAndCarriageReturnCannotForgeRows) {
  EXPECT_EQ(terminal_safe("a.wav\nconfirmed  edit"), "a.wav\\nconfirmed  edit");
  EXPECT_EQ(terminal_safe("x\ry"), "x\\ry");
}

TEST(TerminalSafe, C1ControlIsEscapedButArabicPasses) {
  EXPECT_EQ(terminal_safe("\xc2\x9b" "2J"), "\\xc2\\x9b2J");
  const std::string arabic = "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa7\xd9\x82";
  EXPECT_EQ(terminal_safe(arabic), arabic);
}

TEST(TerminalSafe, InvalidBytesShownAsHex) {
  EXPECT_EQ(terminal_safe("name\xff.wav"), "name\\xff.wav");
  EXPECT_EQ(terminal_safe("\xe2\x82"), "\\xe2\\x82");
}

TEST(TerminalSafe, BackslashIsDoubledSoEscapesCannotBeFaked) {
  EXPECT_EQ(terminal_safe("a\\x1b"), "a\\\\x1b");
}

TEST(Utf8, ReplacementForInvalidBytesOnly) {
  EXPECT_EQ(utf8_or_replacement("ok\xff"), "ok\xef\xbf\xbd");
  EXPECT_EQ(utf8_or_replacement("\xc3\xa9"), "\xc3\xa9");
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));        // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));    // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_TRUE(is_valid_utf8("\xf0\x9f\x98\x80"));
  EXPECT_EQ(bytes_hex("\xff\x41"), "ff41");
}

}  // namespace
}  // namespace prov
