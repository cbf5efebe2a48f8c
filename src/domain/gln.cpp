#include "domain/gln.h"

#include "domain/gtin.h"
#include "domain/utf8_char.h"

namespace domain {
namespace {

constexpr std::size_t kLength = 13;

}  // namespace

Result<Gln> Gln::parse(std::string_view text, std::string field) {
  if (text.empty()) return make_error(Errc::invalid_input, "gln is empty", std::move(field));
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return make_error(Errc::invalid_input,
                        "gln contains " + Utf8Char::decode(text, i).describe() + " at position " +
                            std::to_string(i + 1) + "; a GLN has digits only",
                        std::move(field));
    }
  }
  if (text.size() != kLength) {
    return make_error(Errc::invalid_input,
                      "gln has " + std::to_string(text.size()) + " digits; a GLN has exactly 13",
                      std::move(field));
  }
  if (text.find_first_not_of('0') == std::string_view::npos) {
    return make_error(Errc::invalid_input, "gln is all zeros", std::move(field));
  }
  const char expected = Gtin::check_digit(text.substr(0, kLength - 1));
  if (text.back() != expected) {
    return make_error(Errc::invalid_input,
                      std::string("gln check digit is ") + text.back() + ", expected " + expected,
                      std::move(field));
  }
  return Gln(std::string(text));
}

}  // namespace domain
