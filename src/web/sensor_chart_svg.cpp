#include "web/sensor_chart_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "web/xml_escape.h"

namespace web {
namespace {

constexpr int kWidth = 600, kHeight = 220;
constexpr int kLeft = 48, kRight = 12, kTop = 12, kBottom = 30;

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}
std::string px(double v) { return std::to_string(static_cast<int>(std::lround(v))); }

}  // namespace

std::string sensor_chart_svg(std::vector<SensorPoint> points, const SensorBand& band, const std::string& unit) {
  if (points.empty()) return {};
  std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.at_unix < b.at_unix; });
  double lo = points.front().value, hi = lo;
  for (const auto& p : points) lo = std::min(lo, p.value), hi = std::max(hi, p.value);
  if (band.min) lo = std::min(lo, *band.min), hi = std::max(hi, *band.min);
  if (band.max) lo = std::min(lo, *band.max), hi = std::max(hi, *band.max);
  double pad = std::max((hi - lo) * 0.1, 0.5);
  lo -= pad, hi += pad;
  int64_t t0 = points.front().at_unix, t1 = points.back().at_unix;

  double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto x_of = [&](int64_t t) {
    return t1 == t0 ? kLeft + plot_w / 2 : kLeft + plot_w * static_cast<double>(t - t0) / static_cast<double>(t1 - t0);
  };
  auto y_of = [&](double v) { return kTop + plot_h * (hi - v) / (hi - lo); };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sensor-chart\" viewBox=\"0 0 " +
                    std::to_string(kWidth) + " " + std::to_string(kHeight) +
                    "\" width=\"100%\" role=\"img\" aria-label=\"温度曲线 temperature chart\" font-size=\"11\">";
  svg += "<rect x=\"" + px(kLeft) + "\" y=\"" + px(kTop) + "\" width=\"" + px(plot_w) + "\" height=\"" + px(plot_h) +
         "\" fill=\"#fafcf9\" stroke=\"#ccd\"/>";
  if (band.min || band.max) {
    double top = y_of(band.max ? *band.max : hi), bottom = y_of(band.min ? *band.min : lo);
    svg += "<rect class=\"band\" x=\"" + px(kLeft) + "\" y=\"" + px(top) + "\" width=\"" + px(plot_w) + "\" height=\"" +
           px(bottom - top) + "\" fill=\"#2f6b3a\" fill-opacity=\"0.12\"/>";
    for (const auto& edge : {band.min, band.max}) {
      if (!edge) continue;
      svg += "<line class=\"band-edge\" x1=\"" + px(kLeft) + "\" x2=\"" + px(kLeft + plot_w) + "\" y1=\"" +
             px(y_of(*edge)) + "\" y2=\"" + px(y_of(*edge)) +
             "\" stroke=\"#2f6b3a\" stroke-dasharray=\"4 3\"/><text x=\"" + px(kLeft - 4) + "\" y=\"" +
             px(y_of(*edge) + 4) + "\" text-anchor=\"end\" fill=\"#2f6b3a\">" + xml_escape(num(*edge)) + "</text>";
    }
  }
  // Axis ends: the value range and the first and last reading times.
  svg += "<text x=\"" + px(kLeft - 4) + "\" y=\"" + px(kTop + 8) + "\" text-anchor=\"end\" fill=\"#667\">" +
         xml_escape(num(hi)) + "</text><text x=\"" + px(kLeft - 4) + "\" y=\"" + px(kTop + plot_h) +
         "\" text-anchor=\"end\" fill=\"#667\">" + xml_escape(num(lo)) + "</text>";
  svg += "<text x=\"4\" y=\"" + px(kTop + plot_h / 2) + "\" fill=\"#667\">" + xml_escape(unit) + "</text>";
  svg += "<text x=\"" + px(kLeft) + "\" y=\"" + px(kHeight - 10) + "\" fill=\"#667\">" +
         xml_escape(points.front().label) + "</text><text x=\"" + px(kLeft + plot_w) + "\" y=\"" + px(kHeight - 10) +
         "\" text-anchor=\"end\" fill=\"#667\">" + xml_escape(points.back().label) + "</text>";

  std::string line;
  for (const auto& p : points) line += (line.empty() ? "" : " ") + px(x_of(p.at_unix)) + "," + px(y_of(p.value));
  svg += "<polyline points=\"" + line + "\" fill=\"none\" stroke=\"#2f6b3a\" stroke-width=\"1.5\"/>";
  for (const auto& p : points) {
    svg += "<circle class=\"" + std::string(p.excursion ? "reading excursion" : "reading") + "\" cx=\"" +
           px(x_of(p.at_unix)) + "\" cy=\"" + px(y_of(p.value)) + "\" r=\"" + (p.excursion ? "5" : "3") + "\" fill=\"" +
           (p.excursion ? "#b3261e" : "#2f6b3a") + "\"><title>" +
           xml_escape(p.label + " " + num(p.value) + " " + unit + (p.excursion ? " 超出范围 excursion" : "")) +
           "</title></circle>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace web
