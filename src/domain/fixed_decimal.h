// domain::FixedDecimal: plain non-negative decimal text ("0.8421", "68.2") read into an integer count of
// 10^-scale units, and written back, so measurements and limits compare exactly (no binary floating
// point). Shared by the rapid-test and quality-profile code. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace domain {

struct FixedDecimal {
  // Digits, optionally '.' and 1..max_decimals more digits; no sign, exponent, spaces, leading '.' or
  // superfluous leading zeros. At most 12 integer digits. The result is value × 10^scale, where
  // max_decimals <= scale <= 6. Errors are Errc::invalid_input on `field`; `what` names the quantity
  // in the message ("ΔA0", "value").
  static Result<std::int64_t> parse(std::string_view text, int max_decimals, int scale, std::string field,
                                    std::string_view what);
  // Canonical text of value × 10^-scale with trailing fractional zeros removed ("68.2", "5", "-0.25").
  static std::string str(std::int64_t scaled, int scale);
  // As str() but always exactly `decimals` fractional digits (decimals <= scale), truncating nothing:
  // the caller has already rounded to that many places.
  static std::string str_fixed(std::int64_t scaled, int scale, int decimals);
};

}  // namespace domain
