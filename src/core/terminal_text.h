#pragma once
#include <string>
#include <string_view>

namespace prov {

// Text from a file or a user, made safe to print on a terminal: control
// characters (C0, DEL, C1) become visible escapes such as "\x1b" or "\n", and
// bytes that are not UTF-8 become "\xff", so no escape sequence, carriage
// return or newline in a tag, file name or examiner name can hide or forge
// output. Printable UTF-8 passes unchanged.
std::string terminal_safe(std::string_view text);

// Text that is valid UTF-8, for JSON and HTML: every byte that is not part of
// a well-formed UTF-8 sequence becomes U+FFFD. Keep the original bytes
// beside it (see bytes_hex) where they are evidence, such as a file name.
std::string utf8_or_replacement(std::string_view text);

// True when the text is well-formed UTF-8 (no overlongs, surrogates or
// code points above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Lower-case hexadecimal of every byte, for keeping original bytes in JSON.
std::string bytes_hex(std::string_view bytes);

}  // namespace prov
