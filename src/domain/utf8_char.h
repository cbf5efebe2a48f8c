// domain::Utf8Char: one character decoded from UTF-8 text, for naming a rejected character in an
// error message ("'€' (U+20AC)", "space (U+0020)", "byte 0xFF, which is not UTF-8").
// Value type; thread-compatible.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace domain {

class Utf8Char {
 public:
  // Decodes the character starting at byte `pos` (pos < text.size()). Malformed, overlong and
  // surrogate sequences decode as a single invalid byte so callers always make progress.
  static Utf8Char decode(std::string_view text, std::size_t pos);

  bool valid() const { return valid_; }
  char32_t code_point() const { return code_point_; }  // meaningless when !valid()
  std::size_t length() const { return length_; }       // bytes consumed, >= 1
  // Human description for messages; quotes printable characters, names invisible ones.
  std::string describe() const;

 private:
  std::string bytes_;
  char32_t code_point_ = 0;
  std::size_t length_ = 1;
  bool valid_ = false;
};

}  // namespace domain
