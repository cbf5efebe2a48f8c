// domain::DigitalLink: builds and parses uncompressed GS1 Digital Link URIs for our keys:
// {base}/01/{gtin14}[/10/{lot}][/21/{serial}] — 01's qualifiers in GS1's fixed order 10 then 21,
// AI values percent-encoded. Stateless; all functions are thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/gtin.h"
#include "domain/lot.h"
#include "domain/result.h"

namespace domain {

class DigitalLink {
 public:
  struct Path {
    Gtin gtin;
    std::optional<Lot> lot;
    std::optional<Lot> serial;
  };

  // base_url like "https://trace.example.cn" (trailing slashes dropped). `lot` and `serial` may be
  // null; the GTIN is always emitted in its 14-digit form, so one item has one URI.
  static std::string build(std::string_view base_url, const Gtin& gtin, const Lot* lot,
                           const Lot* serial = nullptr);
  // The path part of build(): "/01/{gtin14}[/10/{lot}][/21/{serial}]".
  static std::string build_path(const Gtin& gtin, const Lot* lot, const Lot* serial = nullptr);

  // Every byte except the unreserved A-Z a-z 0-9 - . _ ~ becomes %XX (upper-case hex), so the
  // result is safe as one path segment ("A/B" -> "A%2FB").
  static std::string percent_encode(std::string_view text);
  // Reverses percent_encode; accepts either hex case. A '%' not followed by two hex digits is
  // Errc::invalid_input on `field`. '+' stays '+' (it means space only in HTML forms).
  static Result<std::string> percent_decode(std::string_view text, std::string field);

  // Parses a request path (no scheme, host or query): "/01/{gtin}", "/01/{gtin}/10/{lot}",
  // "/01/{gtin}/10/{lot}/21/{serial}" or "/01/{gtin}/21/{serial}". GTIN-8/12/13 are accepted and
  // normalised; values are percent-decoded, then validated. Anything else — other AIs, wrong
  // order, repeats, empty or extra segments — is Errc::invalid_input.
  static Result<Path> parse_path(std::string_view path);
};

}  // namespace domain
