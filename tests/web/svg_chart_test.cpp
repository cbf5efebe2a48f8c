// web::bar_chart / line_chart: bars scaled to the largest value, every label escaped, bounded output.
#include "web/svg_chart.h"

#include <catch2/catch.hpp>
#include <regex>

namespace {

std::vector<double> attribute_values(const std::string& svg, const std::string& element, const std::string& attr) {
  std::vector<double> out;
  std::regex re("<" + element + "[^>]* " + attr + "=\"([0-9.]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back(std::stod((*it)[1]));
  return out;
}

}  // namespace

TEST_CASE("bar heights are proportional to the values and the largest fills the plot", "[web][svg_chart]") {
  web::ChartOptions o{"批次 batches"};
  std::string svg = web::bar_chart({{"苹果", 10}, {"蜂蜜", 5}, {"连翘", 0}, {"山楂", 2.5}}, o);
  auto heights = attribute_values(svg, "rect", "height");
  REQUIRE(heights.size() == 4);
  double plot = o.height - web::kChartTop - web::kChartBottom;
  CHECK(heights[0] == Approx(plot));
  CHECK(heights[1] == Approx(plot / 2));
  CHECK(heights[2] == Approx(0));
  CHECK(heights[3] == Approx(plot / 4));
  // Each bar stands on the baseline: y + height is the same for all.
  auto ys = attribute_values(svg, "rect", "y");
  REQUIRE(ys.size() == 4);
  for (size_t i = 0; i < 4; ++i) CHECK(ys[i] + heights[i] == Approx(web::kChartTop + plot));
  CHECK(svg.find("<title>苹果: 10</title>") != std::string::npos);
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.find("aria-label=\"批次 batches\"") != std::string::npos);
}

TEST_CASE("chart labels and titles are XML-escaped", "[web][svg_chart]") {
  std::string evil = "<script>alert(\"x\")</script>&'";
  web::ChartOptions o{evil};
  for (const auto& svg : {web::bar_chart({{evil, 3}}, o), web::line_chart({{evil, 3}, {"b", 1}}, o)}) {
    CHECK(svg.find("<script>") == std::string::npos);
    CHECK(svg.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;") != std::string::npos);
  }
}

TEST_CASE("a line chart puts points at heights proportional to the values", "[web][svg_chart]") {
  web::ChartOptions o{"scans"};
  std::string svg = web::line_chart({{"11-01", 4}, {"11-02", 8}, {"11-03", 0}}, o);
  auto cy = attribute_values(svg, "circle", "cy");
  REQUIRE(cy.size() == 3);
  double base = o.height - web::kChartBottom;
  double plot = o.height - web::kChartTop - web::kChartBottom;
  CHECK(base - cy[0] == Approx(plot / 2));
  CHECK(base - cy[1] == Approx(plot));
  CHECK(cy[2] == Approx(base));
  CHECK(svg.find("<polyline") != std::string::npos);
}

TEST_CASE("empty, negative and oversized inputs stay bounded", "[web][svg_chart]") {
  CHECK(web::bar_chart({}, {"none"}).find("no data") != std::string::npos);
  CHECK(web::bar_chart({{"zero", 0}}, {"zero"}).find("height=\"0.00\"") != std::string::npos);
  auto heights = attribute_values(web::bar_chart({{"neg", -5}, {"pos", 5}}, {"neg"}), "rect", "height");
  REQUIRE(heights.size() == 2);
  CHECK(heights[0] == Approx(0));
  std::vector<web::ChartPoint> many(500, {"x", 1});
  CHECK(attribute_values(web::bar_chart(many, {"many"}), "rect", "height").size() == web::kMaxChartPoints);
}
