#include "domain/fixed_decimal.h"

#include "domain/utf8_char.h"

namespace domain {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

}  // namespace

Result<std::int64_t> FixedDecimal::parse(std::string_view text, int max_decimals, int scale, std::string field,
                                         std::string_view what) {
  const std::string name(what);
  auto fail = [&](std::string message) {
    return make_error(Errc::invalid_input, name + " " + std::move(message), std::move(field));
  };
  if (text.empty()) return fail("is empty; write a plain decimal like 0.85");
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_digit(text[i]) && text[i] != '.') {
      return fail("contains " + Utf8Char::decode(text, i).describe() +
                  "; write a plain decimal like 0.85 (no sign, exponent, spaces or units)");
    }
  }
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (dot != std::string_view::npos && frac.find('.') != std::string_view::npos) return fail("has more than one '.'");
  if (whole.empty()) return fail("starts with '.'; write 0.5, not .5");
  if (dot != std::string_view::npos && frac.empty()) return fail("ends with '.'; write 12 or 12.5, not 12.");
  if (whole.size() > 1 && whole.front() == '0') return fail("has a leading zero; write 7, not 07");
  if (frac.size() > static_cast<std::size_t>(max_decimals)) {
    return fail("has " + std::to_string(frac.size()) + " decimal places; at most " + std::to_string(max_decimals) +
                " are allowed");
  }
  if (whole.size() > 12) return fail("is too large (more than 12 integer digits)");
  std::int64_t value = 0;
  for (const char c : whole) value = value * 10 + (c - '0');
  value *= pow10(scale);
  std::int64_t unit = pow10(scale - 1);
  for (const char c : frac) {
    value += (c - '0') * unit;
    unit /= 10;
  }
  return value;
}

std::string FixedDecimal::str(std::int64_t scaled, int scale) {
  std::string out = str_fixed(scaled, scale, scale);
  if (out.find('.') == std::string::npos) return out;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

std::string FixedDecimal::str_fixed(std::int64_t scaled, int scale, int decimals) {
  const bool negative = scaled < 0;
  const std::uint64_t abs = negative ? 0 - static_cast<std::uint64_t>(scaled) : static_cast<std::uint64_t>(scaled);
  const std::uint64_t p = static_cast<std::uint64_t>(pow10(scale));
  std::string out = negative ? "-" : "";
  out += std::to_string(abs / p);
  if (decimals > 0) {
    std::string digits = std::to_string(abs % p);
    digits.insert(0, static_cast<std::size_t>(scale) - digits.size(), '0');
    out += "." + digits.substr(0, static_cast<std::size_t>(decimals));
  }
  return out;
}

}  // namespace domain
