#include "label/svg_label.h"

#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

namespace {

const std::string kUrl = "https://trace.example.cn/01/06901234567892/10/DN2026-0915-A";

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// Rebuilds the module matrix (quiet zone included) from the path data the renderer wrote.
std::vector<std::vector<bool>> modules_from_path(const std::string& svg, int side) {
  std::smatch d;
  REQUIRE(std::regex_search(svg, d, std::regex(" d=\"([^\"]*)\"")));
  std::vector<std::vector<bool>> grid(side, std::vector<bool>(side, false));
  const std::string path = d[1];
  std::regex run("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
  std::size_t covered = 0;
  for (std::sregex_iterator it(path.begin(), path.end(), run), end; it != end; ++it) {
    int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), w = std::stoi((*it)[3]);
    REQUIRE(std::stoi((*it)[4]) == w);
    REQUIRE(x + w <= side);
    for (int i = 0; i < w; ++i) grid[y][x + i] = true;
    covered += it->length();
  }
  CHECK(covered == path.size());  // nothing in the path the pattern did not explain
  return grid;
}

}  // namespace

TEST_CASE("an SVG label is a standalone document with one path holding exactly the code") {
  auto code = label::QrCode::encode(kUrl);
  REQUIRE(code.ok());
  std::string svg = label::render_svg(*code, {"大宁宁脆苹果 5kg 礼盒", "批号 Lot: DN2026-0915-A", kUrl}, {});
  CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.size() > 7);
  CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
  CHECK(count(svg, "<path") == 1);
  CHECK(svg.find("shape-rendering=\"crispEdges\"") != std::string::npos);
  CHECK(svg.find("font-family=\"WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif\"") != std::string::npos);

  const int q = label::QrCode::kQuietZone;
  const int side = code->size() + 2 * q;
  auto grid = modules_from_path(svg, side);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      bool inside = x >= q && y >= q && x < side - q && y < side - q;
      bool want = inside && code->dark(x - q, y - q);
      INFO("module " << x << "," << y);
      REQUIRE(grid[y][x] == want);
    }
  }
}

TEST_CASE("SVG text lines appear in order, the title escaped and larger") {
  auto code = label::QrCode::encode(kUrl);
  REQUIRE(code.ok());
  std::string svg = label::render_svg(*code, {"Tom's <apples> & \"pears\"", "批号 Lot: A&B", "trace.example.cn/x"}, {});
  auto title = svg.find(">Tom&apos;s &lt;apples&gt; &amp; &quot;pears&quot;</text>");
  auto lot = svg.find(">批号 Lot: A&amp;B</text>");
  auto url = svg.find(">trace.example.cn/x</text>");
  REQUIRE(title != std::string::npos);
  REQUIRE(lot != std::string::npos);
  REQUIRE(url != std::string::npos);
  CHECK(title < lot);
  CHECK(lot < url);
  CHECK(svg.find("<apples>") == std::string::npos);
  CHECK(svg.find("A&B") == std::string::npos);
  CHECK(count(svg, "<text ") == 3);
  CHECK(count(svg, "font-weight=\"bold\"") == 1);

  std::regex sizes("font-size=\"([0-9.]+)\"");
  std::vector<double> found;
  for (std::sregex_iterator it(svg.begin(), svg.end(), sizes), end; it != end; ++it) found.push_back(std::stod((*it)[1]));
  REQUIRE(found.size() == 3);
  CHECK(found[0] > found[1]);
  CHECK(found[1] > found[2]);
}

TEST_CASE("SVG sizes: mm labels use mm with a matching viewBox, px labels whole-pixel modules") {
  auto code = label::QrCode::encode(kUrl);
  REQUIRE(code.ok());
  label::LabelText text{"大宁苹果", "Lot: A", "trace.example.cn/a"};
  std::smatch m;

  std::string mm = label::render_svg(*code, text, *label::LabelSize::parse("50mm"));
  REQUIRE(std::regex_search(mm, m, std::regex("width=\"50mm\" height=\"([0-9.]+)mm\" viewBox=\"0 0 50 ([0-9.]+)\"")));
  CHECK(m[1] == m[2]);
  CHECK(std::stod(m[1]) > 50);  // text below the square code area
  CHECK(std::stod(m[1]) < 75);  // still square-ish

  std::string px = label::render_svg(*code, text, *label::LabelSize::parse("400"));
  REQUIRE(std::regex_search(px, m, std::regex("width=\"400\" height=\"(\\d+)\" viewBox=\"0 0 400 (\\d+)\"")));
  CHECK(m[1] == m[2]);
  // 400 / (33 + 8) = 9.76 -> 9 px per module, centred: (400 - 369) / 2 = 15.5.
  CHECK(px.find("transform=\"translate(15.5 15.5) scale(9)\"") != std::string::npos);
}

TEST_CASE("a Chinese title is written as UTF-8, unchanged") {
  auto code = label::QrCode::encode(kUrl);
  REQUIRE(code.ok());
  std::string svg = label::render_svg(*code, {"大宁宁脆苹果 5kg 礼盒", "", ""}, {});
  CHECK(svg.find(">大宁宁脆苹果 5kg 礼盒</text>") != std::string::npos);
  CHECK(count(svg, "<text ") == 1);
}
