// label::LabelText and label::LabelSize: what a label says and how big it is, shared by the SVG and
// PNG renderers. Plain values; thread-compatible.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.h"

namespace label {

// The three lines printed under the code. Any line may be empty; empty lines are not drawn.
struct LabelText {
  std::string title;     // product name, UTF-8, may be Chinese, e.g. "大宁宁脆苹果 5kg 礼盒"
  std::string lot_line;  // e.g. "批号 Lot: DN2026-0915-A"
  std::string url_line;  // the short URL printed under the code (the code itself holds the full URL)
};

// Requested width of the whole label; the height follows from the text (QR on top, text below).
struct LabelSize {
  enum class Unit { px, mm };

  static constexpr double kMinPx = 120, kMaxPx = 4000;
  static constexpr double kMinMm = 15, kMaxMm = 300;
  static constexpr double kDpi = 300;  // print resolution used to turn mm into pixels

  double width = 400;
  Unit unit = Unit::px;

  // Accepts "400", "400px" (whole pixels, 120..4000) and "50mm", "50.5mm" (15..300). Anything else,
  // including signs, exponents, spaces and upper-case units, is invalid_input naming `field`.
  static domain::Result<LabelSize> parse(std::string_view text, std::string field = "/size");

  // Width in pixels: px as is; mm at kDpi, rounded to the nearest pixel.
  int pixels() const;
};

}  // namespace label
