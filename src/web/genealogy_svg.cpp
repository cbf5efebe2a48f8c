#include "web/genealogy_svg.h"

#include <algorithm>
#include <map>

#include "domain/utf8_char.h"
#include "web/xml_escape.h"

namespace web {
namespace {

constexpr int kBoxWidth = 176;
constexpr int kColumnGap = 56;
constexpr int kRowGap = 14;
constexpr int kLineHeight = 17;
constexpr int kPadding = 8;
constexpr int kMargin = 10;
constexpr size_t kLineChars = 24;  // display width of a line; CJK characters count double

int box_height(const GraphBox& b) {
  return static_cast<int>(std::max<size_t>(b.lines.size(), 1)) * kLineHeight + 2 * kPadding - 4;
}

struct Placed {
  int x = 0, y = 0, h = 0;
};

}  // namespace


std::string shorten(std::string_view text, size_t max_chars) {
  size_t width = 0, pos = 0;
  while (pos < text.size()) {
    auto ch = domain::Utf8Char::decode(text, pos);
    size_t w = ch.valid() && ch.code_point() >= 0x1100 ? 2 : 1;
    if (width + w > max_chars) return std::string(text.substr(0, pos)) + "…";
    width += w;
    pos += ch.length();
  }
  return std::string(text);
}

std::string genealogy_svg(const std::vector<GraphBox>& boxes, const std::vector<GraphLink>& links) {
  std::map<int, std::vector<const GraphBox*>> columns;
  for (const auto& b : boxes) columns[b.column].push_back(&b);

  std::map<std::string, Placed> placed;
  int width = kMargin, height = 0, col_index = 0;
  for (const auto& [column, members] : columns) {
    int x = kMargin + col_index++ * (kBoxWidth + kColumnGap);
    int y = kMargin;
    for (const GraphBox* b : members) {
      int h = box_height(*b);
      placed[b->id] = Placed{x, y, h};
      y += h + kRowGap;
    }
    height = std::max(height, y - kRowGap + kMargin);
    width = x + kBoxWidth + kMargin;
  }
  height = std::max(height, 2 * kMargin);

  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" class=\"genealogy\" "
      "width=\"" +
      std::to_string(width) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) +
      " " + std::to_string(height) + "\" role=\"img\" aria-label=\"批次谱系 genealogy\" font-size=\"13\">";
  // Lines first, so boxes are drawn over their ends.
  for (const auto& l : links) {
    auto from = placed.find(l.from), to = placed.find(l.to);
    if (from == placed.end() || to == placed.end()) continue;
    const Placed &a = from->second, &b = to->second;
    // Left to right when the generations allow it; otherwise (a diamond reaching a box in its own
    // column or to its left) from side to side all the same.
    int x1 = a.x < b.x ? a.x + kBoxWidth : a.x, x2 = a.x < b.x ? b.x : b.x + kBoxWidth;
    int y1 = a.y + a.h / 2, y2 = b.y + b.h / 2;
    int mid = (x1 + x2) / 2;
    if (a.x == b.x) mid = a.x - kColumnGap / 2;
    svg += "<path d=\"M" + std::to_string(x1) + " " + std::to_string(y1) + " C" + std::to_string(mid) + " " +
           std::to_string(y1) + " " + std::to_string(mid) + " " + std::to_string(y2) + " " + std::to_string(x2) + " " +
           std::to_string(y2) + "\" fill=\"none\" stroke=\"#7a9a7e\" stroke-width=\"1.5\"/>";
  }
  for (const auto& b : boxes) {
    const Placed& p = placed[b.id];
    std::string fill = b.current ? "#e3f0e3" : b.parcel ? "#fffbe6" : "#ffffff";
    std::string stroke = b.flagged ? "#b3261e" : b.current ? "#2f6b3a" : "#9bb39e";
    std::string cls = std::string("node") + (b.current ? " current" : "") + (b.parcel ? " parcel" : "") +
                      (b.flagged ? " flagged" : "");
    std::string g = "<g class=\"" + cls + "\">";
    g += "<rect x=\"" + std::to_string(p.x) + "\" y=\"" + std::to_string(p.y) + "\" width=\"" +
         std::to_string(kBoxWidth) + "\" height=\"" + std::to_string(p.h) + "\" rx=\"6\" fill=\"" + fill +
         "\" stroke=\"" + stroke + "\" stroke-width=\"" + (b.current || b.flagged ? "2.5" : "1.2") + "\"/>";
    for (size_t i = 0; i < b.lines.size(); ++i) {
      g += "<text x=\"" + std::to_string(p.x + kPadding) + "\" y=\"" +
           std::to_string(p.y + kPadding + 9 + static_cast<int>(i) * kLineHeight) + "\"" +
           (i == 0 ? " font-weight=\"600\"" : " fill=\"#556\"") + ">" + xml_escape(shorten(b.lines[i], kLineChars)) +
           "</text>";
    }
    g += "</g>";
    if (!b.href.empty())
      g = "<a href=\"" + xml_escape(b.href) + "\" xlink:href=\"" + xml_escape(b.href) + "\"><title>" +
          xml_escape(b.lines.empty() ? b.id : b.lines.front()) + "</title>" + g + "</a>";
    svg += g;
  }
  svg += "</svg>";
  return svg;
}

}  // namespace web
