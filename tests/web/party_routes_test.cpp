// POST/GET /api/v1/parties (admin only), POST/GET /api/v1/sites and POST/GET /api/v1/products.
#include <catch2/catch.hpp>

#include "fixture.h"

using nlohmann::json;
using namespace webtest;

namespace {

json party_body(json extra = json::object()) {
  json body = {{"name", "大宁县宁脆苹果专业合作社"}, {"kind", "cooperative"}, {"county", "大宁县"}};
  body.update(extra);
  return body;
}

}  // namespace

TEST_CASE("registering a party needs the admin token", "[web][party]") {
  Fixture f;
  Party coop = f.party("已登记合作社");
  int64_t before = f.log_size();

  SECTION("no token is 401 with a Bearer challenge") {
    auto r = f.post("/api/v1/parties", party_body(), "");
    expect_error(r, 401, "");
    CHECK(json_of(r)["error"] == "unauthorized");
    CHECK(r.header("www-authenticate") == "Bearer");
  }
  SECTION("an unknown token is 401") {
    auto r = f.post("/api/v1/parties", party_body(), "pt_not-a-real-token");
    expect_error(r, 401, "");
  }
  SECTION("a malformed authorization header is 401") {
    auto r = f.request("POST", "/api/v1/parties", party_body().dump(), {{"authorization", "Basic YWRtaW4="}});
    expect_error(r, 401, "");
  }
  SECTION("a party token is 403") {
    auto r = f.post("/api/v1/parties", party_body(), coop.token);
    expect_error(r, 403, "");
    CHECK(json_of(r)["error"] == "forbidden");
  }
  CHECK(f.log_size() == before);
}

TEST_CASE("the admin registers a party and its token is returned once", "[web][party]") {
  Fixture f;
  auto r = f.post("/api/v1/parties", party_body({{"contact", "0359-7722001"}}), kAdminToken);
  REQUIRE(r.status == 201);
  json created = json_of(r);
  std::string id = created["id"];
  std::string token = created["token"];
  CHECK(token.rfind("pt_", 0) == 0);
  CHECK(token.size() > 10);
  CHECK(created["name"] == "大宁县宁脆苹果专业合作社");
  CHECK(created["county"] == "大宁县");
  CHECK(created["leaf_index"].is_number_integer());

  auto got = f.get("/api/v1/parties/" + id);
  REQUIRE(got.status == 200);
  json stored = json_of(got);
  CHECK(stored["id"] == id);
  CHECK(stored["contact"] == "0359-7722001");
  CHECK_FALSE(stored.contains("token"));
  CHECK(got.body.find(token) == std::string::npos);

  // The token works for that party's own writes.
  auto site = f.post("/api/v1/sites", {{"name", "果园"}, {"kind", "orchard"}}, token);
  REQUIRE(site.status == 201);
  CHECK(json_of(site)["party"] == id);
  CHECK(json_of(site)["county"] == "大宁县");  // inherited from the party
  // Two parties never share a token.
  Party other = f.party("另一合作社");
  CHECK(other.token != token);
}

TEST_CASE("party USCC and GLN check characters are verified", "[web][party]") {
  Fixture f;
  int64_t before = f.log_size();
  SECTION("a wrong USCC check character is 400 on /uscc") {
    auto r = f.post("/api/v1/parties", party_body({{"uscc", "91350100M000100Y44"}}), kAdminToken);
    expect_error(r, 400, "/uscc");
    CHECK(f.log_size() == before);
  }
  SECTION("a USCC of the wrong length is 400 on /uscc") {
    auto r = f.post("/api/v1/parties", party_body({{"uscc", "91350100M000100Y4"}}), kAdminToken);
    expect_error(r, 400, "/uscc");
  }
  SECTION("a wrong GLN check digit is 400 on /gln") {
    std::string gln = with_check_digit("690612300001");
    gln.back() = gln.back() == '9' ? '0' : static_cast<char>(gln.back() + 1);
    auto r = f.post("/api/v1/parties", party_body({{"gln", gln}}), kAdminToken);
    expect_error(r, 400, "/gln");
    CHECK(f.log_size() == before);
  }
  SECTION("valid USCC and GLN are accepted and stored") {
    std::string gln = with_check_digit("690612300001");
    auto r = f.post("/api/v1/parties", party_body({{"uscc", "91350100M000100Y43"}, {"gln", gln}}), kAdminToken);
    INFO(r.body);
    REQUIRE(r.status == 201);
    auto stored = json_of(f.get("/api/v1/parties/" + json_of(r)["id"].get<std::string>()));
    CHECK(stored["uscc"] == "91350100M000100Y43");
    CHECK(stored["gln"] == gln);
    CHECK(f.log_size() == before + 1);
  }
  SECTION("lower-case USCC letters are normalised") {
    auto r = f.post("/api/v1/parties", party_body({{"uscc", "91350100m000100y43"}}), kAdminToken);
    REQUIRE(r.status == 201);
    CHECK(json_of(r)["uscc"] == "91350100M000100Y43");
  }
}

TEST_CASE("party bodies are checked against the schema", "[web][party]") {
  Fixture f;
  int64_t before = f.log_size();
  SECTION("an unknown kind names /kind") {
    expect_error(f.post("/api/v1/parties", party_body({{"kind", "alien"}}), kAdminToken), 400, "/kind");
  }
  SECTION("a name of the wrong type names /name") {
    expect_error(f.post("/api/v1/parties", party_body({{"name", 42}}), kAdminToken), 400, "/name");
  }
  SECTION("a missing required field is 400") {
    json body = party_body();
    body.erase("county");
    auto r = f.post("/api/v1/parties", body, kAdminToken);
    REQUIRE(r.status == 400);
    CHECK(json_of(r)["error"] == "invalid_input");
  }
  SECTION("an unknown property is 400") {
    auto r = f.post("/api/v1/parties", party_body({{"password", "x"}}), kAdminToken);
    CHECK(r.status == 400);
  }
  CHECK(f.log_size() == before);
}

TEST_CASE("unknown parties sites and products are 404", "[web][party]") {
  Fixture f;
  for (const char* path : {"/api/v1/parties/pty_nope", "/api/v1/sites/sit_nope", "/api/v1/products/prd_nope",
                           "/api/v1/events/evt_nope", "/api/v1/batches/bat_nope"}) {
    INFO(path);
    auto r = f.get(path);
    expect_error(r, 404, "");
    CHECK(json_of(r)["error"] == "not_found");
  }
}

TEST_CASE("sites belong to the calling party", "[web][site]") {
  Fixture f;
  Party coop = f.party("合作社");
  SECTION("the admin token cannot register a site") {
    expect_error(f.post("/api/v1/sites", {{"name", "果园"}, {"kind", "orchard"}}, kAdminToken), 403, "");
  }
  SECTION("a bad site GLN names /gln") {
    std::string gln = with_check_digit("690612300002");
    gln.back() = gln.back() == '9' ? '0' : static_cast<char>(gln.back() + 1);
    expect_error(f.post("/api/v1/sites", {{"name", "果园"}, {"kind", "orchard"}, {"gln", gln}}, coop.token), 400, "/gln");
  }
  SECTION("a bad latitude names /latitude") {
    expect_error(f.post("/api/v1/sites", {{"name", "果园"}, {"kind", "orchard"}, {"latitude", "north"}}, coop.token), 400,
                 "/latitude");
  }
  SECTION("a registered site can be read back") {
    std::string id = f.site(coop, "昕水镇南堡村果园");
    auto got = json_of(f.get("/api/v1/sites/" + id));
    CHECK(got["party"] == coop.id);
    CHECK(got["name"] == "昕水镇南堡村果园");
  }
}

TEST_CASE("products are registered by a valid GTIN", "[web][product]") {
  Fixture f;
  Party coop = f.party("合作社");
  std::string gtin13 = with_check_digit("690612300099");
  int64_t before = f.log_size();

  SECTION("a wrong check digit is 400 on /gtin") {
    std::string bad = gtin13;
    bad.back() = bad.back() == '9' ? '0' : static_cast<char>(bad.back() + 1);
    auto r = f.post("/api/v1/products", {{"gtin", bad}, {"name", "苹果"}, {"category", "apple"}, {"unit", "kg"}},
                    coop.token);
    std::string message = expect_error(r, 400, "/gtin");
    CHECK(f.log_size() == before);
  }
  SECTION("letters in a GTIN are 400 on /gtin") {
    auto r = f.post("/api/v1/products", {{"gtin", "69061230009A"}, {"name", "苹果"}, {"category", "apple"}, {"unit", "kg"}},
                    coop.token);
    expect_error(r, 400, "/gtin");
  }
  SECTION("a GTIN-13 is stored as GTIN-14 and a duplicate is 409") {
    json created = f.product(coop, gtin13, "kg", "苹果");
    CHECK(created["gtin"] == "0" + gtin13);
    CHECK(json_of(f.get("/api/v1/products/" + created["id"].get<std::string>()))["gtin"] == "0" + gtin13);
    int64_t after = f.log_size();
    CHECK(after == before + 1);

    Party other = f.party("另一合作社");
    for (const std::string& same : {gtin13, "0" + gtin13}) {
      INFO(same);
      auto dup = f.post("/api/v1/products", {{"gtin", same}, {"name", "重复"}, {"category", "apple"}, {"unit", "kg"}},
                        other.token);
      std::string message = expect_error(dup, 409, "/gtin");
      CHECK(json_of(dup)["error"] == "conflict");
      CHECK_THAT(message, Catch::Contains("0" + gtin13));
    }
    CHECK(f.log_size() == after + 1);  // only the second party was written
  }
  SECTION("the admin token cannot register a product") {
    auto r = f.post("/api/v1/products", {{"gtin", gtin13}, {"name", "苹果"}, {"category", "apple"}, {"unit", "kg"}},
                    kAdminToken);
    expect_error(r, 403, "");
  }
  SECTION("a storage band value must be a decimal") {
    auto r = f.post("/api/v1/products",
                    {{"gtin", gtin13}, {"name", "苹果"}, {"category", "apple"}, {"unit", "kg"},
                     {"storage", {{"temperature_min", "cold"}}}},
                    coop.token);
    expect_error(r, 400, "/storage/temperature_min");
  }
}
