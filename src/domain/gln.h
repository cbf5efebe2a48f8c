// domain::Gln: a GS1 Global Location Number (AI 414), 13 digits with a mod-10 check digit; names a
// party or a physical site. Every Gln made by parse() is valid; a default-constructed one is empty.
// Value type; thread-compatible.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace domain {

class Gln {
 public:
  Gln() = default;

  // Accepts exactly 13 ASCII digits, not all zero, ending in the GS1 check digit.
  // Errors are Errc::invalid_input on `field`.
  static Result<Gln> parse(std::string_view text, std::string field = "/gln");

  const std::string& str() const { return digits_; }  // 13 digits

  bool operator==(const Gln&) const = default;
  auto operator<=>(const Gln&) const = default;

 private:
  explicit Gln(std::string digits) : digits_(std::move(digits)) {}
  std::string digits_;
};

}  // namespace domain
