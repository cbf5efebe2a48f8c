// POST /api/v1/batches, GET /api/v1/batches/{id} and the filtered, cursor-paged list.
#include <catch2/catch.hpp>
#include <set>

#include "fixture.h"

using nlohmann::json;
using namespace webtest;

namespace {

// One cooperative with an orchard and a product in kg, and a second party with its own site.
struct BatchSetup {
  Fixture f;
  Party coop = f.party("大宁县宁脆苹果专业合作社", "cooperative", "大宁县");
  std::string orchard = f.site(coop, "南堡村果园");
  std::string gtin = "0" + with_check_digit("690612300001");
  json product = f.product(coop, gtin, "kg", "大宁苹果");
  Party other = f.party("沁水县蜂业专业合作社", "cooperative", "沁水县");
  std::string other_site = f.site(other, "端氏镇蜂场", "apiary");

  json body(json changes = json::object()) const {
    json b = {{"gtin", gtin}, {"lot", "DN-2026-A"}, {"quantity", "3000"}, {"unit", "kg"},
              {"site", orchard}, {"produced_at", "2026-10-12T09:00:00+08:00"}};
    b.update(changes);
    return b;
  }
  http::Response post(const json& b) { return f.post("/api/v1/batches", b, coop.token); }
};

std::vector<std::string> ids_of(const json& page) {
  std::vector<std::string> out;
  for (const auto& item : page["items"]) out.push_back(item["id"]);
  return out;
}

}  // namespace

TEST_CASE("a harvest batch is recorded with its digital link and holdings", "[web][batch]") {
  BatchSetup s;
  auto r = s.post(s.body({{"attributes", {{"variety", "红富士"}}}}));
  INFO(r.body);
  REQUIRE(r.status == 201);
  json b = json_of(r);
  CHECK(b["gtin"] == s.gtin);
  CHECK(b["lot"] == "DN-2026-A");
  CHECK(b["quantity"] == "3000");
  CHECK(b["party"] == s.coop.id);
  CHECK(b["county"] == "大宁县");
  CHECK(b["digital_link"] == "https://trace.example.cn/01/" + s.gtin + "/10/DN-2026-A");
  CHECK(b["remaining"] == "3000");
  REQUIRE(b["holdings"].size() == 1);
  CHECK(b["holdings"][0] == json({{"party", s.coop.id}, {"quantity", "3000"}}));
  CHECK(b["attributes"]["variety"] == "红富士");

  json again = s.f.batch_view(b["id"]);
  CHECK(again["id"] == b["id"]);
  CHECK(again["digital_link"] == b["digital_link"]);
  CHECK(again["leaf_index"] == b["leaf_index"]);
}

TEST_CASE("batch digital links percent-encode the lot", "[web][batch]") {
  BatchSetup s;
  json b = s.f.batch(s.coop, s.orchard, s.gtin, "A/B", "10", "kg");
  CHECK(b["digital_link"] == "https://trace.example.cn/01/" + s.gtin + "/10/A%2FB");
  json c = s.f.batch(s.coop, s.orchard, s.gtin, "L%1", "10", "kg");
  CHECK(c["digital_link"] == "https://trace.example.cn/01/" + s.gtin + "/10/L%251");
  // The encoded link resolves to the batch's consumer page.
  auto page = s.f.get(Fixture::path_of(b["digital_link"]), {{"accept", "application/json"}});
  INFO(page.body);
  REQUIRE(page.status == 200);
  CHECK(json_of(page)["batch"]["lot"] == "A/B");
}

TEST_CASE("batch domain rules give the right status and field", "[web][batch]") {
  BatchSetup s;
  int64_t before = s.f.log_size();
  SECTION("an unregistered GTIN is 422 on /gtin") {
    std::string unknown = "0" + with_check_digit("690612300777");
    expect_error(s.post(s.body({{"gtin", unknown}})), 422, "/gtin");
  }
  SECTION("another party's site is 403 on /site") {
    expect_error(s.post(s.body({{"site", s.other_site}})), 403, "/site");
  }
  SECTION("an unknown site is 422 on /site") {
    expect_error(s.post(s.body({{"site", "sit_nope"}})), 422, "/site");
  }
  SECTION("a unit other than the product's is 422 on /unit") {
    std::string message = expect_error(s.post(s.body({{"unit", "box"}})), 422, "/unit");
    CHECK_THAT(message, Catch::Contains("box") && Catch::Contains("kg"));
  }
  SECTION("a duplicate lot is 409 on /lot") {
    REQUIRE(s.post(s.body()).status == 201);
    before = s.f.log_size();
    auto r = s.post(s.body({{"quantity", "5"}}));
    expect_error(r, 409, "/lot");
    CHECK(json_of(r)["error"] == "conflict");
  }
  SECTION("the admin token cannot record a batch") {
    expect_error(s.f.post("/api/v1/batches", s.body(), kAdminToken), 403, "");
  }
  SECTION("no token is 401") {
    expect_error(s.f.post("/api/v1/batches", s.body(), ""), 401, "");
  }
  CHECK(s.f.log_size() == before);
}

TEST_CASE("batch lots must be GS1 AI 10 text", "[web][batch]") {
  BatchSetup s;
  int64_t before = s.f.log_size();
  for (const char* lot : {"DN 2026", "批次2026", "", "ABCDEFGHIJKLMNOPQRSTU", "tab\there"}) {
    INFO(lot);
    expect_error(s.post(s.body({{"lot", lot}})), 400, "/lot");
  }
  CHECK(s.f.log_size() == before);
  // Exactly 20 characters of CSET 82 is fine.
  REQUIRE(s.post(s.body({{"lot", "ABCDEFGHIJKLMNOPQRST"}})).status == 201);
}

TEST_CASE("batch quantities are plain positive decimals", "[web][batch]") {
  BatchSetup s;
  int64_t before = s.f.log_size();
  for (const char* q : {"-1", "1e3", "abc", "1.12345", "0", "", " 5", "1,5", "007"}) {
    INFO(q);
    expect_error(s.post(s.body({{"quantity", q}})), 400, "/quantity");
  }
  CHECK(s.f.log_size() == before);
  auto ok = s.post(s.body({{"quantity", "12.125"}}));
  REQUIRE(ok.status == 201);
  CHECK(json_of(ok)["quantity"] == "12.125");
}

TEST_CASE("batch timestamps need an explicit offset", "[web][batch]") {
  BatchSetup s;
  for (const char* at : {"2026-10-12T09:00:00", "2026-10-12", "2026-02-30T09:00:00+08:00", "yesterday"}) {
    INFO(at);
    expect_error(s.post(s.body({{"produced_at", at}})), 400, "/produced_at");
  }
  auto ok = s.post(s.body({{"produced_at", "2026-10-12T01:00:00Z"}}));
  REQUIRE(ok.status == 201);
  CHECK(json_of(ok)["produced_at"] == "2026-10-12T01:00:00+00:00");
}

TEST_CASE("batch bodies must be well-formed strict JSON of the right types", "[web][batch]") {
  BatchSetup s;
  int64_t before = s.f.log_size();
  SECTION("a quantity given as a number is 400 on /quantity") {
    expect_error(s.post(s.body({{"quantity", 3000}})), 400, "/quantity");
  }
  SECTION("a lot given as null is 400 on /lot") {
    expect_error(s.post(s.body({{"lot", nullptr}})), 400, "/lot");
  }
  SECTION("an attribute that is not a string is 400") {
    auto r = s.post(s.body({{"attributes", {{"variety", 1}}}}));
    CHECK(r.status == 400);
    CHECK(json_of(r)["field"].get<std::string>().rfind("/attributes", 0) == 0);
  }
  SECTION("an unknown property is 400") {
    CHECK(s.post(s.body({{"colour", "red"}})).status == 400);
  }
  SECTION("malformed JSON is 400") {
    auto r = s.f.post_raw("/api/v1/batches", R"({"gtin": "06906123000016", "lot": )", s.coop.token);
    std::string message = expect_error(r, 400, "");
    CHECK_THAT(message, Catch::Contains("not valid JSON"));
  }
  SECTION("duplicate keys are 400") {
    std::string text = s.body().dump();
    text.insert(1, R"("quantity":"1",)");  // the same key twice: which one would be signed?
    auto r = s.f.post_raw("/api/v1/batches", text, s.coop.token);
    std::string message = expect_error(r, 400, "");
    CHECK_THAT(message, Catch::Contains("duplicate") && Catch::Contains("quantity"));
  }
  SECTION("an empty body is 400") {
    expect_error(s.f.post_raw("/api/v1/batches", "", s.coop.token), 400, "");
  }
  SECTION("a JSON array is 400") {
    expect_error(s.f.post_raw("/api/v1/batches", "[" + s.body().dump() + "]", s.coop.token), 400, "");
  }
  SECTION("a body over 1 MiB is 413") {
    json b = s.body();
    b["attributes"] = {{"note", std::string((1 << 20) + 16, 'x')}};
    auto r = s.post(b);
    expect_error(r, 413, "");
    CHECK(json_of(r)["error"] == "too_large");
  }
  CHECK(s.f.log_size() == before);
}

TEST_CASE("batch lists filter by gtin lot party county and date", "[web][batch]") {
  BatchSetup s;
  std::string gtin2 = "0" + with_check_digit("690612300002");
  s.f.product(s.other, gtin2, "kg", "沁水原蜜");
  json a = s.f.batch(s.coop, s.orchard, s.gtin, "A1", "10", "kg", "2026-10-01T08:00:00+08:00");
  json b = s.f.batch(s.coop, s.orchard, s.gtin, "A2", "10", "kg", "2026-10-05T08:00:00+08:00");
  json c = s.f.batch(s.other, s.other_site, gtin2, "A1", "10", "kg", "2026-07-18T10:00:00+08:00");

  auto list = [&](const std::string& query) {
    auto r = s.f.get("/api/v1/batches" + query);
    INFO(query << " → " << r.body);
    REQUIRE(r.status == 200);
    return ids_of(json_of(r));
  };
  using V = std::vector<std::string>;
  CHECK(list("") == V{a["id"], b["id"], c["id"]});
  CHECK(list("?gtin=" + s.gtin) == V{a["id"], b["id"]});
  CHECK(list("?gtin=" + s.gtin.substr(1)) == V{a["id"], b["id"]});  // GTIN-13 form
  CHECK(list("?lot=A1") == V{a["id"], c["id"]});
  CHECK(list("?gtin=" + gtin2 + "&lot=A1") == V{c["id"]});
  CHECK(list("?party=" + s.other.id) == V{c["id"]});
  CHECK(list("?county=" + std::string("%E5%A4%A7%E5%AE%81%E5%8E%BF")) == V{a["id"], b["id"]});  // 大宁县
  CHECK(list("?from=2026-10-02T00:00:00%2B08:00") == V{b["id"]});
  CHECK(list("?to=2026-10-02T00:00:00%2B08:00") == V{a["id"], c["id"]});
  CHECK(list("?from=2026-10-01T08:00:00%2B08:00&to=2026-10-05T08:00:00%2B08:00") == V{a["id"], b["id"]});
  CHECK(list("?lot=NOPE").empty());

  SECTION("bad filter values are 400 naming the query parameter") {
    expect_error(s.f.get("/api/v1/batches?gtin=123"), 400, "?gtin");
    expect_error(s.f.get("/api/v1/batches?from=2026-10-02"), 400, "?from");
    expect_error(s.f.get("/api/v1/batches?to=soon"), 400, "?to");
    for (const char* limit : {"0", "501", "x", "-1", "10.5", "99999"}) {
      INFO(limit);
      expect_error(s.f.get(std::string("/api/v1/batches?limit=") + limit), 400, "?limit");
    }
    expect_error(s.f.get("/api/v1/batches?cursor=abc"), 400, "?cursor");
  }
  SECTION("limit 1 and 500 are the bounds") {
    CHECK(list("?limit=1").size() == 1);
    CHECK(list("?limit=500").size() == 3);
  }
}

TEST_CASE("batch list cursor paging is stable while batches arrive", "[web][batch]") {
  BatchSetup s;
  std::vector<std::string> created;
  for (int i = 0; i < 7; ++i) created.push_back(s.f.batch(s.coop, s.orchard, s.gtin, "P" + std::to_string(i), "1", "kg")["id"]);

  auto page = [&](const std::string& cursor) {
    auto r = s.f.get("/api/v1/batches?limit=3" + (cursor.empty() ? std::string() : "&cursor=" + cursor));
    INFO(r.body);
    REQUIRE(r.status == 200);
    return json_of(r);
  };

  SECTION("paging through seven batches three at a time sees each once") {
    std::vector<std::string> seen;
    std::string cursor;
    int pages = 0;
    do {
      json p = page(cursor);
      for (auto& id : ids_of(p)) seen.push_back(id);
      cursor = p["next_cursor"].is_null() ? "" : p["next_cursor"].get<std::string>();
      REQUIRE(++pages <= 4);
    } while (!cursor.empty());
    CHECK(pages == 3);
    CHECK(seen == created);
  }
  SECTION("a batch added between pages leaves earlier pages alone and is seen once at the end") {
    json first = page("");
    REQUIRE(first["items"].size() == 3);
    REQUIRE(first["next_cursor"].is_string());
    std::string added = s.f.batch(s.coop, s.orchard, s.gtin, "LATE", "1", "kg")["id"];

    CHECK(ids_of(page("")) == ids_of(first));
    std::vector<std::string> seen = ids_of(first);
    std::string cursor = first["next_cursor"];
    while (!cursor.empty()) {
      json p = page(cursor);
      for (auto& id : ids_of(p)) seen.push_back(id);
      cursor = p["next_cursor"].is_null() ? "" : p["next_cursor"].get<std::string>();
      REQUIRE(seen.size() <= 9);
    }
    std::vector<std::string> expected = created;
    expected.push_back(added);
    CHECK(seen == expected);
    CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == seen.size());
  }
}
