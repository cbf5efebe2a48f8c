#include "domain/utf8_char.h"

#include <cstdio>

namespace domain {
namespace {

std::string code_point_label(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

}  // namespace

Utf8Char Utf8Char::decode(std::string_view text, std::size_t pos) {
  Utf8Char c;
  const auto lead = static_cast<unsigned char>(text[pos]);
  c.bytes_.assign(1, text[pos]);
  std::size_t extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (lead < 0x80) {
    c.code_point_ = lead;
    c.valid_ = true;
    return c;
  } else if ((lead & 0xE0) == 0xC0) {
    extra = 1, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, cp = lead & 0x07, min = 0x10000;
  } else {
    return c;  // stray continuation byte or 0xF8..0xFF
  }
  if (pos + extra >= text.size()) return c;  // truncated sequence
  for (std::size_t i = 1; i <= extra; ++i) {
    const auto b = static_cast<unsigned char>(text[pos + i]);
    if ((b & 0xC0) != 0x80) return c;
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms and surrogates are how invalid text sneaks past naive checks; treat them as
  // bytes.
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return c;
  c.bytes_.assign(text.substr(pos, extra + 1));
  c.code_point_ = cp;
  c.length_ = extra + 1;
  c.valid_ = true;
  return c;
}

std::string Utf8Char::describe() const {
  if (!valid_) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "byte 0x%02X, which is not UTF-8",
                  static_cast<unsigned>(static_cast<unsigned char>(bytes_[0])));
    return buf;
  }
  if (code_point_ == U' ') return "space (U+0020)";
  // Control characters and other invisibles would vanish or garble the message if quoted.
  if (code_point_ < 0x20 || code_point_ == 0x7F || (code_point_ >= 0x80 && code_point_ < 0xA0)) {
    return "control character " + code_point_label(code_point_);
  }
  if (code_point_ < 0x80) return "'" + bytes_ + "'";
  return "'" + bytes_ + "' (" + code_point_label(code_point_) + ")";
}

}  // namespace domain
