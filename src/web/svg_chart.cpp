#include "web/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "web/xml_escape.h"

namespace web {
namespace {

std::string number(double v) {
  char out[32];
  if (std::fabs(v - std::round(v)) < 1e-9)
    std::snprintf(out, sizeof out, "%.0f", v);
  else
    std::snprintf(out, sizeof out, "%.1f", v);
  return out;
}

std::string coord(double v) {
  char out[32];
  std::snprintf(out, sizeof out, "%.2f", v);
  return out;
}

// Cuts a label to `max` code points (UTF-8), adding "…", so long names do not overlap.
std::string shorten(const std::string& s, size_t max) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (count == max) return s.substr(0, i) + "…";
    ++count;
  }
  return s;
}

struct Frame {
  std::vector<ChartPoint> points;
  double max = 0;
  double plot_height = 0;
  double step = 0;  // horizontal room per point
  int left = 8;
};

Frame frame(const std::vector<ChartPoint>& in, const ChartOptions& o) {
  Frame f;
  f.points.assign(in.begin(), in.begin() + static_cast<long>(std::min(in.size(), kMaxChartPoints)));
  for (auto& p : f.points) {
    if (!(p.value > 0)) p.value = 0;  // negative and NaN alike
    f.max = std::max(f.max, p.value);
  }
  f.plot_height = o.height - kChartTop - kChartBottom;
  f.step = f.points.empty() ? 0 : double(o.width - 2 * f.left) / double(f.points.size());
  return f;
}

double scaled(const Frame& f, double value) { return f.max > 0 ? value / f.max * f.plot_height : 0; }

std::string open_svg(const ChartOptions& o) {
  std::string t = xml_escape(o.title);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 " +
         std::to_string(o.width) + " " + std::to_string(o.height) + "\" width=\"100%\" aria-label=\"" + t +
         "\" font-size=\"11\" font-family=\"sans-serif\"><title>" + t + "</title>";
}

// The baseline and, for every point, its x label (thinned out when crowded).
std::string axis(const Frame& f, const ChartOptions& o) {
  double base = kChartTop + f.plot_height;
  std::string out = "<line x1=\"" + std::to_string(f.left) + "\" y1=\"" + coord(base) + "\" x2=\"" +
                    std::to_string(o.width - f.left) + "\" y2=\"" + coord(base) + "\" stroke=\"#889\"/>";
  size_t every = std::max<size_t>(1, static_cast<size_t>(std::ceil(48.0 / std::max(f.step, 1.0))));
  size_t chars = static_cast<size_t>(std::clamp(f.step * double(every) / 11.0, 3.0, 12.0));
  for (size_t i = 0; i < f.points.size(); i += every)
    out += "<text class=\"x\" x=\"" + coord(f.left + f.step * (double(i) + 0.5)) + "\" y=\"" + coord(base + 16) +
           "\" text-anchor=\"middle\" fill=\"#445\">" + xml_escape(shorten(f.points[i].label, chars)) + "</text>";
  return out;
}

std::string empty_chart(const ChartOptions& o) {
  return open_svg(o) + "<text x=\"" + std::to_string(o.width / 2) + "\" y=\"" + std::to_string(o.height / 2) +
         "\" text-anchor=\"middle\" fill=\"#667\">暂无数据 · no data</text></svg>";
}

}  // namespace


std::string bar_chart(const std::vector<ChartPoint>& points, const ChartOptions& o) {
  Frame f = frame(points, o);
  if (f.points.empty()) return empty_chart(o);
  std::string out = open_svg(o);
  double base = kChartTop + f.plot_height;
  double width = std::max(1.0, f.step * 0.7);
  for (size_t i = 0; i < f.points.size(); ++i) {
    const auto& p = f.points[i];
    double h = scaled(f, p.value);
    double x = f.left + f.step * double(i) + (f.step - width) / 2;
    std::string value = number(p.value) + o.value_suffix;
    out += "<rect class=\"bar\" x=\"" + coord(x) + "\" y=\"" + coord(base - h) + "\" width=\"" + coord(width) +
           "\" height=\"" + coord(h) + "\" fill=\"" + xml_escape(o.color) + "\"><title>" + xml_escape(p.label) + ": " +
           xml_escape(value) + "</title></rect>";
    if (f.step >= 24)
      out += "<text class=\"v\" x=\"" + coord(x + width / 2) + "\" y=\"" + coord(base - h - 3) +
             "\" text-anchor=\"middle\" fill=\"#1d2a1f\">" + xml_escape(value) + "</text>";
  }
  return out + axis(f, o) + "</svg>";
}

std::string line_chart(const std::vector<ChartPoint>& points, const ChartOptions& o) {
  Frame f = frame(points, o);
  if (f.points.empty()) return empty_chart(o);
  std::string out = open_svg(o);
  double base = kChartTop + f.plot_height;
  std::string path;
  std::string dots;
  for (size_t i = 0; i < f.points.size(); ++i) {
    const auto& p = f.points[i];
    double x = f.left + f.step * (double(i) + 0.5);
    double y = base - scaled(f, p.value);
    path += (i == 0 ? "" : " ") + coord(x) + "," + coord(y);
    dots += "<circle class=\"pt\" cx=\"" + coord(x) + "\" cy=\"" + coord(y) + "\" r=\"3\" fill=\"" +
            xml_escape(o.color) + "\"><title>" + xml_escape(p.label) + ": " +
            xml_escape(number(p.value) + o.value_suffix) + "</title></circle>";
  }
  out += "<polyline fill=\"none\" stroke=\"" + xml_escape(o.color) + "\" stroke-width=\"2\" points=\"" + path + "\"/>";
  out += dots;
  if (f.max > 0)
    out += "<text class=\"v\" x=\"" + std::to_string(f.left) + "\" y=\"" + std::to_string(kChartTop - 4) +
           "\" fill=\"#667\">max " + xml_escape(number(f.max) + o.value_suffix) + "</text>";
  return out + axis(f, o) + "</svg>";
}

}  // namespace web
