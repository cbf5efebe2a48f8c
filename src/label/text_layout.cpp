#include "label/text_layout.h"

#include <algorithm>
#include <cstdint>

namespace label {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Offsets where a code point starts, plus the end.
std::vector<std::size_t> boundaries(std::string_view s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!continuation(static_cast<unsigned char>(s[i]))) out.push_back(i);
  out.push_back(s.size());
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Latin words stay whole; a break may fall at a space or beside any non-ASCII character (Chinese
// has no spaces between words).
bool can_break_at(std::string_view s, std::size_t at) {
  auto before = static_cast<unsigned char>(s[at - 1]);
  auto after = static_cast<unsigned char>(s[at]);
  return before == ' ' || after == ' ' || before >= 0x80 || after >= 0x80;
}

// Splits `title` into two lines whose wider one is as narrow as possible; empty when there is no
// place to break.
std::vector<std::string> split_in_two(std::string_view title, bool bold, const TextLayout::Measure& measure) {
  std::vector<std::size_t> cuts = boundaries(title);
  double best = 0;
  std::vector<std::string> result;
  for (std::size_t i = 1; i + 1 < cuts.size(); ++i) {
    if (!can_break_at(title, cuts[i])) continue;
    std::string_view left = trim(title.substr(0, cuts[i]));
    std::string_view right = trim(title.substr(cuts[i]));
    if (left.empty() || right.empty()) continue;
    double wider = std::max(measure(left, bold), measure(right, bold));
    if (result.empty() || wider < best) {
      best = wider;
      result = {std::string(left), std::string(right)};
    }
  }
  return result;
}

}  // namespace

TextLayout TextLayout::fit(const LabelText& text, double width, const Measure& measure) {
  const double available = width * (1 - 2 * kMargin);
  TextLayout layout;
  double cursor = 0;
  // Lines of one group share a font size so a wrapped title does not change size mid-way.
  auto add_group = [&](const std::vector<std::string>& group, double nominal, bool bold) {
    double widest = 0;
    for (const auto& line : group) widest = std::max(widest, measure(line, bold));
    double size = widest > 0 ? std::min(nominal, available / widest) : nominal;
    for (const auto& line : group) {
      layout.lines_.push_back(Line{line, size, cursor + size, bold});
      cursor += size * kLinePitch;
    }
  };

  std::string_view title = trim(text.title);
  if (!title.empty()) {
    const double nominal = width * kTitleSize;
    std::vector<std::string> group{std::string(title)};
    if (measure(title, true) * nominal * kMinTitleScale > available) {
      auto two = split_in_two(title, true, measure);
      if (!two.empty()) group = std::move(two);
    }
    add_group(group, nominal, true);
  }
  if (!trim(text.lot_line).empty()) add_group({std::string(trim(text.lot_line))}, width * kLotSize, false);
  if (!trim(text.url_line).empty()) add_group({std::string(trim(text.url_line))}, width * kUrlSize, false);
  layout.height_ = cursor + width * kMargin;
  return layout;
}

double TextLayout::estimate_em(std::string_view utf8, bool bold) {
  double em = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      if (std::string_view(" .,:;'|!/il1tfjI()[]").find(static_cast<char>(c)) != std::string_view::npos) {
        em += 0.34;
      } else if (std::string_view("mwMW@%").find(static_cast<char>(c)) != std::string_view::npos) {
        em += 0.9;
      } else {
        em += c >= 'A' && c <= 'Z' ? 0.7 : 0.58;
      }
      ++i;
      continue;
    }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    // Three- and four-byte sequences start at U+0800, where the wide scripts (CJK, kana, Hangul,
    // full-width forms) live; two-byte ones are Latin/Greek/Cyrillic letters.
    em += len >= 3 ? 1.0 : 0.62;
    i += len;
  }
  return bold ? em * 1.06 : em;
}

}  // namespace label
