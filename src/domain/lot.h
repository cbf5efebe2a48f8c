// domain::Lot: a batch/lot number (GS1 AI 10) or a serial number (AI 21): 1 to 20 characters of
// GS1 AI encodable character set 82. Kept exactly as entered (case matters). Every Lot made by
// parse()/parse_serial() is valid; a default-constructed one is empty. Value type;
// thread-compatible.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace domain {

class Lot {
 public:
  static constexpr std::size_t kMaxLength = 20;

  Lot() = default;

  // Lot number (AI 10). Errors are Errc::invalid_input on `field`, naming the offending character.
  static Result<Lot> parse(std::string_view text, std::string field = "/lot");
  // Serial number (AI 21): the same rules, reported as "serial" / AI 21.
  static Result<Lot> parse_serial(std::string_view text, std::string field = "/serial");

  // True for the 82 characters of GS1 CSET 82: A-Z a-z 0-9 ! " % & ' ( ) * + , - . / : ; < = > ? _
  static bool is_cset82(char c);

  const std::string& str() const { return text_; }

  bool operator==(const Lot&) const = default;
  auto operator<=>(const Lot&) const = default;

  // Rebuilds a value that was validated when it was stored (database rows); no checks.
  static Lot from_trusted(std::string text) { return Lot(std::move(text)); }

 private:
  explicit Lot(std::string text) : text_(std::move(text)) {}
  static Result<Lot> parse_as(std::string_view text, std::string field, std::string_view noun,
                              std::string_view ai);
  std::string text_;
};

}  // namespace domain
