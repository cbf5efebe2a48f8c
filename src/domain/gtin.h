// domain::Gtin: a GS1 Global Trade Item Number, held as its normalised 14-digit form (GTIN-8/12/13
// are left-padded with zeros, which leaves the check digit unchanged). Every Gtin made by parse()
// has a verified check digit; a default-constructed one is empty and only a placeholder.
// Value type; thread-compatible.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace domain {

class Gtin {
 public:
  Gtin() = default;

  // Accepts 8, 12, 13 or 14 ASCII digits, not all zero, whose last digit is the GS1 check digit.
  // Errors are Errc::invalid_input on `field`.
  static Result<Gtin> parse(std::string_view text, std::string field = "/gtin");

  // GS1 mod-10 check digit of `digits_without_check` (weights 3,1,3,… from the right).
  // Precondition: only ASCII digits. Shared by every GS1 key with a mod-10 check (GLN, SSCC).
  static char check_digit(std::string_view digits_without_check);

  const std::string& str() const { return digits_; }  // 14 digits

  bool operator==(const Gtin&) const = default;
  auto operator<=>(const Gtin&) const = default;

  // Rebuilds a value that was validated when it was stored (database rows); no checks.
  static Gtin from_trusted(std::string digits) { return Gtin(std::move(digits)); }

 private:
  explicit Gtin(std::string digits) : digits_(std::move(digits)) {}
  std::string digits_;
};

}  // namespace domain
