#include "domain/lot.h"

#include "domain/utf8_char.h"

namespace domain {
namespace {

// The 20 punctuation characters of CSET 82. Absent on purpose: space, '#', '$', '@', '[', '\\',
// ']', '^', '`', '{', '|', '}', '~' — they do not survive every barcode symbology and GS1 bans
// them.
constexpr std::string_view kPunctuation = "!\"%&'()*+,-./:;<=>?_";

}  // namespace

bool Lot::is_cset82(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return c != '\0' && kPunctuation.find(c) != std::string_view::npos;
}

Result<Lot> Lot::parse(std::string_view text, std::string field) {
  return parse_as(text, std::move(field), "lot", "10");
}

Result<Lot> Lot::parse_serial(std::string_view text, std::string field) {
  return parse_as(text, std::move(field), "serial", "21");
}

Result<Lot> Lot::parse_as(std::string_view text, std::string field, std::string_view noun,
                          std::string_view ai) {
  const std::string who(noun);
  if (text.empty()) return make_error(Errc::invalid_input, who + " is empty", std::move(field));
  // Characters before length: "contains '€'" tells the user more than "too long" would, and since
  // every allowed character is one byte, the byte count is then the character count.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_cset82(text[i])) {
      return make_error(Errc::invalid_input,
                        who + " contains " + Utf8Char::decode(text, i).describe() +
                            ", which is not allowed in GS1 AI " + std::string(ai) + " (CSET 82)",
                        std::move(field));
    }
  }
  if (text.size() > kMaxLength) {
    return make_error(Errc::invalid_input,
                      who + " has " + std::to_string(text.size()) + " characters; GS1 AI " +
                          std::string(ai) + " allows at most 20",
                      std::move(field));
  }
  return Lot(std::string(text));
}

}  // namespace domain
