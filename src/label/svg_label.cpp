#include "label/svg_label.h"

#include <charconv>
#include <cmath>

#include "label/text_layout.h"

namespace label {
namespace {

// Locale-independent, short: at most `decimals` decimals, trailing zeros dropped.
std::string num(double v, int decimals = 3) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  std::string s(buf, end);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

// Module coordinates with the quiet zone as origin offset; each horizontal run of dark modules is
// one rectangle, which keeps the path a few kilobytes even for large versions.
std::string module_path(const QrCode& code) {
  std::string d;
  const int q = QrCode::kQuietZone;
  for (int y = 0; y < code.size(); ++y) {
    for (int x = 0; x < code.size();) {
      if (!code.dark(x, y)) { ++x; continue; }
      int run = 1;
      while (x + run < code.size() && code.dark(x + run, y)) ++run;
      d += 'M' + std::to_string(x + q) + ' ' + std::to_string(y + q) + 'h' + std::to_string(run) +
           "v1h-" + std::to_string(run) + 'z';
      x += run;
    }
  }
  return d;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_svg(const QrCode& code, const LabelText& text, const LabelSize& size) {
  const bool mm = size.unit == LabelSize::Unit::mm;
  const double width = mm ? size.width : size.pixels();
  const int modules = code.size() + 2 * QrCode::kQuietZone;
  double module = width / modules;
  if (!mm && module >= 1) module = std::floor(module);
  const double offset = (width - module * modules) / 2;
  const double text_top = offset + module * modules;

  TextLayout layout = TextLayout::fit(text, width, TextLayout::estimate_em);
  double height = text_top + layout.height();
  if (!mm) height = std::ceil(height);
  const char* unit = mm ? "mm" : "";

  std::string svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + num(width) + unit +
         "\" height=\"" + num(height) + unit + "\" viewBox=\"0 0 " + num(width) + ' ' + num(height) + "\">\n";
  svg += "<rect width=\"" + num(width) + "\" height=\"" + num(height) + "\" fill=\"#fff\"/>\n";
  svg += "<path transform=\"translate(" + num(offset) + ' ' + num(offset) + ") scale(" + num(module, 6) +
         ")\" fill=\"#000\" shape-rendering=\"crispEdges\" d=\"" + module_path(code) + "\"/>\n";
  svg += "<g font-family=\"" + xml_escape(kLabelFontFamily) + "\" text-anchor=\"middle\" fill=\"#000\">\n";
  for (const auto& line : layout.lines()) {
    svg += "<text x=\"" + num(width / 2) + "\" y=\"" + num(text_top + line.baseline) + "\" font-size=\"" +
           num(line.font_size) + '"' + (line.bold ? " font-weight=\"bold\"" : "") + '>' +
           xml_escape(line.text) + "</text>\n";
  }
  svg += "</g>\n</svg>\n";
  return svg;
}

}  // namespace label
