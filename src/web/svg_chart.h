// Bar and line charts as inline SVG, drawn on the server (the pages' CSP allows no scripts, and
// img-src 'self' keeps charts inside the HTML). Every label is XML-escaped, so the result may be
// inserted into a page unescaped ({{{chart}}}). Bars and points are scaled so the largest value
// fills the plot's height; each carries a <title> with its label and value for screen readers and
// hover. Thread-safe (pure functions).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace web {

struct ChartPoint {
  std::string label;  // the x-axis label (any text; escaped)
  double value = 0;   // >= 0; negative values are drawn as 0
};

struct ChartOptions {
  ChartOptions(std::string title_, int width_ = 640, int height_ = 220, std::string color_ = "#2f6b3a")
      : title(std::move(title_)), width(width_), height(height_), color(std::move(color_)) {}
  std::string title;  // the SVG's accessible name (aria-label and <title>)
  int width;
  int height;
  std::string color;
  std::string value_suffix;  // appended to values in titles and labels, e.g. "%"
};

// At most kMaxChartPoints points are drawn (the rest are left out; tables carry every value).
inline constexpr size_t kMaxChartPoints = 60;
inline constexpr int kChartTop = 16;     // room above the plot for the largest value's label
inline constexpr int kChartBottom = 36;  // room below the plot for the x labels

std::string bar_chart(const std::vector<ChartPoint>& points, const ChartOptions& options);
std::string line_chart(const std::vector<ChartPoint>& points, const ChartOptions& options);


}  // namespace web
