// GET /api/v1/batches/{id}/label.svg|png?size=
#include <catch2/catch.hpp>

#include "fixture.h"

using nlohmann::json;
using namespace webtest;

namespace {

struct Labelled {
  Fixture f;
  Party coop = f.party("大宁县宁脆苹果专业合作社");
  std::string orchard = f.site(coop, "果园");
  std::string gtin = "0" + with_check_digit("690612300002");
  json product = f.product(coop, gtin, "box", "大宁宁脆苹果", {{"spec", "5kg 礼盒"}});
  json batch = f.batch(coop, orchard, gtin, "DN-A/5", "190", "box");
  std::string base = "/api/v1/batches/" + batch["id"].get<std::string>();
};

}  // namespace

TEST_CASE("label.svg is an SVG carrying the digital link", "[web][label]") {
  Labelled l;
  auto r = l.f.get(l.base + "/label.svg");
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type").find("image/svg+xml") == 0);
  CHECK_THAT(r.body, Catch::Contains("<svg") && Catch::Contains("</svg>"));
  // The printed short URL is the Digital Link without the scheme, with the lot percent-encoded.
  CHECK_THAT(r.body, Catch::Contains("trace.example.cn/01/" + l.gtin + "/10/DN-A%2F5"));
  CHECK_THAT(r.body, Catch::Contains("DN-A/5"));     // the lot line
  CHECK_THAT(r.body, Catch::Contains("大宁宁脆苹果 5kg 礼盒"));  // the title line

  auto mm = l.f.get(l.base + "/label.svg?size=50mm");
  REQUIRE(mm.status == 200);
  CHECK_THAT(mm.body, Catch::Contains("width=\"50mm\""));
  CHECK(mm.body != r.body);
}

TEST_CASE("label.png is a PNG", "[web][label]") {
  Labelled l;
  auto r = l.f.get(l.base + "/label.png");
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type") == "image/png");
  REQUIRE(r.body.size() > 100);
  CHECK(r.body.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  auto mm = l.f.get(l.base + "/label.png?size=50mm");
  REQUIRE(mm.status == 200);
  CHECK(mm.body.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  CHECK(mm.body != r.body);  // 50 mm at 300 dpi is about 591 px, not the default 400
}

TEST_CASE("label sizes and batches are checked", "[web][label]") {
  Labelled l;
  for (const char* size : {"abc", "-50mm", "50MM", "1e3", "10", "99999"}) {
    INFO(size);
    expect_error(l.f.get(l.base + "/label.svg?size=" + size), 400, "?size");
    expect_error(l.f.get(l.base + "/label.png?size=" + size), 400, "?size");
  }
  expect_error(l.f.get("/api/v1/batches/bat_nope/label.svg"), 404, "");
  expect_error(l.f.get("/api/v1/batches/bat_nope/label.png"), 404, "");
}
