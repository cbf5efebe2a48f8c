// domain::Quantity: an exact non-negative decimal amount with up to 3 decimals ("1200", "12.5",
// "0.125"), held as integer thousandths so sums of weights never drift. The unit lives beside it
// (EPCIS uom), not in it. Sums and differences may go negative (e.g. a balance being checked);
// parse() never yields a negative value. Value type; thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace domain {

class Quantity {
 public:
  static constexpr std::int64_t kMilliPerUnit = 1000;
  static constexpr std::int64_t kMaxUnits = 1'000'000'000'000;  // 1e12: far above any real batch
  static constexpr std::int64_t kMaxMilli = kMaxUnits * kMilliPerUnit;

  Quantity() = default;  // zero

  // Plain decimal: digits, optionally '.' and 1-3 more digits; value in (0, 1e12]. No sign,
  // exponent, spaces, leading/trailing '.', or superfluous leading zeros ("007").
  // Errors are Errc::invalid_input on `field`.
  static Result<Quantity> parse(std::string_view text, std::string field = "/quantity");
  // As parse() but 0 is allowed (e.g. a reading or a remaining stock of nothing).
  static Result<Quantity> parse_allow_zero(std::string_view text, std::string field);
  static Quantity from_milli(std::int64_t milli) { return Quantity(milli); }

  std::int64_t milli() const { return milli_; }
  // Canonical text: "1200", "12.5", "0.125", "-3.5"; no trailing zeros, no trailing '.'.
  std::string str() const;

  auto operator<=>(const Quantity&) const = default;
  // Precondition: the result fits in int64 (always true for values from parse()).
  Quantity operator+(Quantity o) const { return Quantity(milli_ + o.milli_); }
  Quantity operator-(Quantity o) const { return Quantity(milli_ - o.milli_); }
  Quantity& operator+=(Quantity o) {
    milli_ += o.milli_;
    return *this;
  }
  Quantity& operator-=(Quantity o) {
    milli_ -= o.milli_;
    return *this;
  }

 private:
  explicit Quantity(std::int64_t milli) : milli_(milli) {}
  static Result<Quantity> parse_impl(std::string_view text, std::string field, bool allow_zero);
  std::int64_t milli_ = 0;
};

}  // namespace domain
