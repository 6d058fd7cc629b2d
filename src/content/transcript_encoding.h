#pragma once
#include <string>

namespace prov::content {

// Transcript bytes as UTF-8, and how their encoding was settled.
struct DecodedText {
  std::string utf8;
  std::string encoding;  // UTF-8, UTF-16LE, UTF-16BE, windows-1256, ISO-8859-6, ISO-8859-1, ...
  std::string how;       // "byte-order mark", "valid UTF-8", "guessed by ICU's charset detector (confidence N)", "--encoding"
  bool converted = false;  // offsets refer to the UTF-8 text, not to the file's bytes
};

// UTF-16 with a byte-order mark and valid UTF-8 are taken as such; anything
// else is guessed with ICU's charset detector among Windows-1256, ISO-8859-6
// and Latin-1 (ISO-8859-1 / Windows-1252), Latin-1 when it cannot tell.
// A non-empty `forced` names the encoding instead (any ICU converter name);
// bytes invalid in it are an InputError naming `source`.
DecodedText decode_transcript_bytes(const std::string& bytes, const std::string& forced, const std::string& source);

}  // namespace prov::content
