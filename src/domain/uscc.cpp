#include "domain/uscc.h"

#include <array>

#include "domain/utf8_char.h"

namespace domain {
namespace {

constexpr std::size_t kLength = 18;
// GB 32100 drops I, O, S, V and Z: they are too easily read as 1, 0, 5, U and 2.
constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
// 3^(i-1) mod 31, as tabulated in GB 32100-2015.
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};
constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};  // GB 11714-1997

char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// GB 11714 values every letter A..Z as 10..35, including the letters GB 32100 later excluded.
int organisation_value(char c) { return c <= '9' ? c - '0' : c - 'A' + 10; }

}  // namespace

char Uscc::check_character(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) {
    sum += static_cast<int>(kCharset.find(first17[i])) * kWeights[i];
  }
  return kCharset[(31 - sum % 31) % 31];
}

char Uscc::organisation_check_character(std::string_view body8) {
  int sum = 0;
  for (std::size_t i = 0; i < kOrgWeights.size(); ++i) {
    sum += organisation_value(body8[i]) * kOrgWeights[i];
  }
  const int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

Result<Uscc> Uscc::parse(std::string_view text, std::string field) {
  if (text.empty()) return make_error(Errc::invalid_input, "uscc is empty", std::move(field));
  std::string code;
  code.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = upper(text[i]);
    if (static_cast<unsigned char>(c) >= 0x80 || kCharset.find(c) == std::string_view::npos) {
      const Utf8Char bad = Utf8Char::decode(text, i);
      return make_error(Errc::invalid_input,
                        "uscc contains " + bad.describe() + " at position " +
                            std::to_string(code.size() + 1) +
                            "; a 统一社会信用代码 uses only 0-9 and A-Y without I, O, S, V, Z",
                        std::move(field));
    }
    code.push_back(c);
    ++i;
  }
  if (code.size() != kLength) {
    return make_error(Errc::invalid_input,
                      "uscc has " + std::to_string(code.size()) +
                          " characters; a 统一社会信用代码 has exactly 18",
                      std::move(field));
  }
  for (std::size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      return make_error(
          Errc::invalid_input,
          "uscc characters 3-8 are the region code and must be digits, but position " +
              std::to_string(i + 1) + " is '" + code[i] + "'",
          std::move(field));
    }
  }
  // Check the whole-code character first: it catches any single mistyped character anywhere.
  const char expected = check_character(std::string_view(code).substr(0, 17));
  if (code[17] != expected) {
    return make_error(
        Errc::invalid_input,
        std::string("uscc check character is '") + code[17] + "', expected '" + expected + "'",
        std::move(field));
  }
  const char org_expected = organisation_check_character(std::string_view(code).substr(8, 8));
  if (code[16] != org_expected) {
    return make_error(Errc::invalid_input,
                      std::string("uscc organisation code (characters 9-17) ends in '") + code[16] +
                          "', but its GB 11714 check character is '" + org_expected + "'",
                      std::move(field));
  }
  return Uscc(std::move(code));
}

}  // namespace domain
