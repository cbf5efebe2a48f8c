#include "domain/gtin.h"

#include "domain/utf8_char.h"

namespace domain {
namespace {

constexpr std::size_t kNormalisedLength = 14;

}  // namespace

char Gtin::check_digit(std::string_view digits_without_check) {
  int sum = 0;
  int weight = 3;  // the digit next to the check digit weighs 3
  for (auto it = digits_without_check.rbegin(); it != digits_without_check.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = 4 - weight;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

Result<Gtin> Gtin::parse(std::string_view text, std::string field) {
  if (text.empty()) return make_error(Errc::invalid_input, "gtin is empty", std::move(field));
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return make_error(Errc::invalid_input,
                        "gtin contains " + Utf8Char::decode(text, i).describe() + " at position " +
                            std::to_string(i + 1) + "; a GTIN has digits only",
                        std::move(field));
    }
  }
  const std::size_t n = text.size();
  if (n != 8 && n != 12 && n != 13 && n != 14) {
    return make_error(Errc::invalid_input,
                      "gtin has " + std::to_string(n) + " digits; a GTIN has 8, 12, 13 or 14",
                      std::move(field));
  }
  if (text.find_first_not_of('0') == std::string_view::npos) {
    return make_error(Errc::invalid_input, "gtin is all zeros", std::move(field));
  }
  const char expected = check_digit(text.substr(0, n - 1));
  if (text.back() != expected) {
    return make_error(Errc::invalid_input,
                      std::string("gtin check digit is ") + text.back() + ", expected " + expected,
                      std::move(field));
  }
  std::string digits(kNormalisedLength - n, '0');
  digits.append(text);
  return Gtin(std::move(digits));
}

}  // namespace domain
