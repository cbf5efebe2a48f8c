// web::sensor_chart_svg: one sensor event's temperature readings drawn as an inline SVG line chart for
// the bureau's console — readings over time, the product's storage band shaded, excursions marked red.
// Pure; every text is XML-escaped here. Thread-safe (pure function).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace web {

struct SensorPoint {
  int64_t at_unix = 0;
  double value = 0;
  bool excursion = false;
  std::string label;  // the reading's time as shown in its tooltip ("2026-10-16 08:00")
};

struct SensorBand {
  std::optional<double> min, max;  // the product's storage band; either side may be open
};

// The <svg> element; `unit` labels the axis ("°C"). Points are drawn in time order. An empty chart
// (no points) is an empty string.
std::string sensor_chart_svg(std::vector<SensorPoint> points, const SensorBand& band, const std::string& unit);

}  // namespace web
