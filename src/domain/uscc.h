// domain::Uscc: a 统一社会信用代码 (Unified Social Credit Code, GB 32100-2015), the 18-character
// registration number of a Chinese legal person or organisation. Layout: 1 registration authority,
// 2 organisation type, 3–8 region code (digits), 9–17 organisation code (GB 11714, with its own
// check character at 17), 18 check character (mod 31). Every Uscc made by parse() passes both
// checks; a default-constructed one is empty. Value type; thread-compatible.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace domain {

class Uscc {
 public:
  Uscc() = default;

  // Accepts 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY" (lower case is upper-cased),
  // digits at 3–8, a valid GB 11714 check character at 17 and a valid GB 32100 check character
  // at 18. Errors are Errc::invalid_input on `field`.
  static Result<Uscc> parse(std::string_view text, std::string field = "/uscc");

  // GB 32100 check character for the first 17 characters. Precondition: all 17 are in the charset.
  static char check_character(std::string_view first17);
  // GB 11714 check character for an 8-character organisation code body ('0'..'9' or 'X').
  // Precondition: digits or upper-case ASCII letters only.
  static char organisation_check_character(std::string_view body8);

  const std::string& str() const { return code_; }  // 18 upper-case characters

  bool operator==(const Uscc&) const = default;
  auto operator<=>(const Uscc&) const = default;

 private:
  explicit Uscc(std::string code) : code_(std::move(code)) {}
  std::string code_;
};

}  // namespace domain
