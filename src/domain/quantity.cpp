#include "domain/quantity.h"

#include "domain/utf8_char.h"

namespace domain {
namespace {

constexpr std::size_t kMaxDecimals = 3;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Result<Quantity> Quantity::parse(std::string_view text, std::string field) {
  return parse_impl(text, std::move(field), false);
}

Result<Quantity> Quantity::parse_allow_zero(std::string_view text, std::string field) {
  return parse_impl(text, std::move(field), true);
}

Result<Quantity> Quantity::parse_impl(std::string_view text, std::string field, bool allow_zero) {
  auto fail = [&field](std::string message) {
    return make_error(Errc::invalid_input, std::move(message), std::move(field));
  };
  if (text.empty()) return fail("quantity is empty");
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_digit(text[i]) && text[i] != '.') {
      return fail("quantity contains " + Utf8Char::decode(text, i).describe() +
                  "; write a plain decimal like 12.5 (no sign, exponent, spaces or separators)");
    }
  }
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view frac =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (dot != std::string_view::npos && frac.find('.') != std::string_view::npos) {
    return fail("quantity has more than one '.'");
  }
  if (whole.empty()) return fail("quantity starts with '.'; write 0.5, not .5");
  if (dot != std::string_view::npos && frac.empty()) {
    return fail("quantity ends with '.'; write 12 or 12.5, not 12.");
  }
  if (whole.size() > 1 && whole.front() == '0') {
    return fail("quantity has a leading zero; write 7, not 07");
  }
  if (frac.size() > kMaxDecimals) {
    return fail("quantity has " + std::to_string(frac.size()) +
                " decimal places; at most 3 are allowed");
  }
  // 13 integer digits would already exceed 1e12; checking the length first keeps int64 safe.
  if (whole.size() > 13) return fail("quantity exceeds the maximum of 1000000000000");
  std::int64_t milli = 0;
  for (const char c : whole) milli = milli * 10 + (c - '0');
  milli *= kMilliPerUnit;
  std::int64_t scale = kMilliPerUnit / 10;
  for (const char c : frac) {
    milli += (c - '0') * scale;
    scale /= 10;
  }
  if (milli > kMaxMilli) return fail("quantity exceeds the maximum of 1000000000000");
  if (milli == 0 && !allow_zero) return fail("quantity must be greater than 0");
  return Quantity(milli);
}

std::string Quantity::str() const {
  // Via unsigned so that even INT64_MIN from from_milli() prints instead of overflowing.
  const bool negative = milli_ < 0;
  const std::uint64_t abs =
      negative ? 0 - static_cast<std::uint64_t>(milli_) : static_cast<std::uint64_t>(milli_);
  std::string out = negative ? "-" : "";
  out += std::to_string(abs / kMilliPerUnit);
  std::uint64_t frac = abs % kMilliPerUnit;
  if (frac != 0) {
    std::string digits = std::to_string(frac);
    digits.insert(0, 3 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

}  // namespace domain
