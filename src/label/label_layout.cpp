#include "label/label_layout.h"

#include <charconv>
#include <cmath>

namespace label {
namespace {

// from_chars alone would also take "1e3", "inf" and "-5"; only plain decimals are sizes.
bool plain_decimal(std::string_view s, bool allow_fraction) {
  if (s.empty() || s.size() > 12) return false;
  std::size_t dot = s.find('.');
  if (dot != std::string_view::npos && (!allow_fraction || dot == 0 || dot + 1 == s.size())) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == dot) continue;
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

}  // namespace

domain::Result<LabelSize> LabelSize::parse(std::string_view text, std::string field) {
  auto invalid = [&](std::string why) {
    return domain::make_error(domain::Errc::invalid_input,
                              "label size \"" + std::string(text) + "\" " + why, std::move(field));
  };
  LabelSize size;
  std::string_view number = text;
  if (text.ends_with("mm")) {
    size.unit = Unit::mm;
    number.remove_suffix(2);
  } else if (text.ends_with("px")) {
    number.remove_suffix(2);
  }
  bool mm = size.unit == Unit::mm;
  if (!plain_decimal(number, mm))
    return invalid(mm ? "is not a number of millimetres like \"50mm\" or \"50.5mm\""
                      : "is not a whole number of pixels like \"400\" or \"400px\", nor millimetres like \"50mm\"");
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), size.width);
  if (ec != std::errc() || end != number.data() + number.size()) return invalid("is not a number");
  double lo = mm ? kMinMm : kMinPx, hi = mm ? kMaxMm : kMaxPx;
  if (size.width < lo || size.width > hi) {
    const char* unit = mm ? "mm" : "px";
    return invalid("is out of range: must be " + std::to_string(int(lo)) + unit + " to " +
                   std::to_string(int(hi)) + unit);
  }
  return size;
}

int LabelSize::pixels() const {
  if (unit == Unit::px) return static_cast<int>(std::lround(width));
  return static_cast<int>(std::lround(width / 25.4 * kDpi));
}

}  // namespace label
