// web::genealogy_svg and web::sensor_chart_svg: the console's inline SVG drawings — columns by
// generation, links on boxes, escaping of every text, and the temperature chart's band and excursions.
#include "web/genealogy_svg.h"

#include <catch2/catch.hpp>
#include <string>

#include "web/sensor_chart_svg.h"

using namespace web;

namespace {

// The x attribute of the first <rect> after the text `marker`'s box opens (boxes are <g> groups).
int box_x(const std::string& svg, const std::string& title) {
  auto at = svg.find("<title>" + title + "</title>");
  REQUIRE(at != std::string::npos);
  auto x = svg.find("x=\"", at);
  return std::stoi(svg.substr(x + 3));
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the genealogy graph puts generations in columns left to right, each box a link", "[web][console][svg]") {
  std::vector<GraphBox> boxes = {
      {"farm-a", -1, {"批号 DN-A", "苹果"}, "/console/batches/farm-a"},
      {"farm-b", -1, {"批号 DN-B", "苹果"}, "/console/batches/farm-b"},
      {"jam", 0, {"批号 J-1", "苹果酱"}, "", true},
      {"parcel", 1, {"包裹 P0001"}, "/01/06906123000025/10/J-1/21/P0001", false, true},
  };
  std::vector<GraphLink> links = {{"farm-a", "jam"}, {"farm-b", "jam"}, {"jam", "parcel"}, {"jam", "nowhere"}};
  std::string svg = genealogy_svg(boxes, links);
  REQUIRE(svg.rfind("<svg ", 0) == 0);
  CHECK(svg.substr(svg.size() - 6) == "</svg>");
  CHECK(box_x(svg, "批号 DN-A") == box_x(svg, "批号 DN-B"));
  CHECK(box_x(svg, "批号 DN-A") < box_x(svg, "包裹 P0001"));
  CHECK(svg.find("href=\"/console/batches/farm-a\"") != std::string::npos);
  CHECK(svg.find("href=\"/01/06906123000025/10/J-1/21/P0001\"") != std::string::npos);
  CHECK(count(svg, "<a ") == 3);     // the current batch is not a link to itself
  CHECK(count(svg, "<path ") == 3);  // the link to an unknown box is skipped
  CHECK(svg.find("class=\"node current\"") != std::string::npos);
  CHECK(svg.find("class=\"node parcel\"") != std::string::npos);
}

TEST_CASE("every text and link in the genealogy graph is escaped", "[web][console][svg]") {
  std::vector<GraphBox> boxes = {{"x", 0, {"<script>alert(1)</script>", "A & \"B\""}, "/a?b=1&c=\"2\""}};
  std::string svg = genealogy_svg(boxes, {});
  CHECK(svg.find("<script>") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;") != std::string::npos);
  CHECK(svg.find("A &amp; &quot;B&quot;") != std::string::npos);
  CHECK(svg.find("href=\"/a?b=1&amp;c=&quot;2&quot;\"") != std::string::npos);
}

TEST_CASE("long names are shortened by display width without splitting a character", "[web][console][svg]") {
  CHECK(shorten("abc", 3) == "abc");
  CHECK(shorten("abcd", 3) == "abc…");
  CHECK(shorten("大宁县宁脆苹果专业合作社", 8) == "大宁县宁…");
  CHECK(shorten("", 5).empty());
}

TEST_CASE("the temperature chart draws the band and marks excursions red", "[web][console][svg]") {
  std::vector<SensorPoint> points = {
      {1000, 0.5, false, "10-14 08:00"}, {3000, 3.5, true, "10-16 08:00"}, {2000, 0.0, false, "10-15 08:00"}};
  std::string svg = sensor_chart_svg(points, {-1.0, 1.0}, "°C");
  CHECK(svg.rfind("<svg ", 0) == 0);
  CHECK(count(svg, "class=\"reading excursion\"") == 1);
  CHECK(count(svg, "class=\"reading\"") == 2);
  CHECK(svg.find("fill=\"#b3261e\"><title>10-16 08:00 3.5 °C") != std::string::npos);
  CHECK(svg.find("class=\"band\"") != std::string::npos);
  CHECK(count(svg, "class=\"band-edge\"") == 2);
  // Drawn in time order whatever the input order: the first label is the earliest reading.
  CHECK(svg.find("10-14 08:00</text>") < svg.find("10-16 08:00</text>"));
  CHECK(sensor_chart_svg({}, {}, "°C").empty());

  std::string open = sensor_chart_svg({{0, 2, false, "t"}}, {std::nullopt, std::nullopt}, "<u>");
  CHECK(open.find("class=\"band\"") == std::string::npos);
  CHECK(open.find("&lt;u&gt;") != std::string::npos);
}
