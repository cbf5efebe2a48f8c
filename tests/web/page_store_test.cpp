// Stored consumer pages: rendered ahead by the PageStore, served gzip to gzip clients, and never
// stale after a write.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "fixture.h"
#include "store/database.h"
#include "store/queries.h"
#include "web/consumer_page.h"
#include "web/gzip.h"

using webtest::Fixture;

namespace {

void start_page_store(Fixture& f) {
  f.app().pages().start([&f](store::Queries& reader, const store::BatchRow& batch) {
    return web::render_batch_page(f.app(), reader, batch, "zh", false);
  }, "test-build");
}

// The page store runs on its own thread; wait (bounded) until it reports every page current.
bool wait_settled(Fixture& f) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (f.app().pages().settled()) return true;
    std::this_thread::yield();
  }
  return false;
}

const webtest::Headers kGzip = {{"accept-encoding", "gzip, deflate, br"}};

}  // namespace

TEST_CASE("gzip round trips Chinese text and refuses broken streams") {
  std::string page = "<p>大宁宁脆苹果 · 流转记录</p>";
  for (int i = 0; i < 6; ++i) page += page;
  std::string packed = web::gzip(page);
  CHECK(packed.size() < page.size() / 4);
  CHECK(web::gunzip(packed) == page);
  CHECK_FALSE(web::gunzip(packed.substr(0, packed.size() / 2)));
  CHECK_FALSE(web::gunzip("not gzip"));
  CHECK_FALSE(web::gunzip(packed, 100));  // inflates past the bound
}

TEST_CASE("Accept-Encoding is read the way browsers send it") {
  CHECK(web::accepts_gzip("gzip"));
  CHECK(web::accepts_gzip("gzip, deflate, br"));
  CHECK(web::accepts_gzip("br;q=1.0, gzip;q=0.8"));
  CHECK_FALSE(web::accepts_gzip("gzip;q=0"));
  CHECK_FALSE(web::accepts_gzip("deflate, br"));
  CHECK_FALSE(web::accepts_gzip(""));
}

TEST_CASE("the page store renders every batch ahead and serves the stored page gzip") {
  Fixture f;
  f.load_demo();
  start_page_store(f);
  REQUIRE(wait_settled(f));
  const std::string page = "/01/06906123000023/10/DN2026-1012-A5";
  auto plain = f.get(page);
  REQUIRE(plain.status == 200);
  CHECK(plain.header("content-encoding").empty());
  auto packed = f.get(page, kGzip);
  REQUIRE(packed.status == 200);
  CHECK(packed.header("content-encoding") == "gzip");
  CHECK(web::gunzip(packed.body) == plain.body);
  CHECK(packed.header("vary").find("Accept-Encoding") != std::string_view::npos);
}

TEST_CASE("a write makes stored pages of the batch and its descendants outdated at once") {
  Fixture f;
  start_page_store(f);
  auto farm = f.party("页面测试蜂场", "farm", "沁水县");
  auto site = f.site(farm, "测试蜂场", "apiary");
  std::string gtin_raw = webtest::with_check_digit("0690612399001");
  std::string gtin_jar = webtest::with_check_digit("0690612399002");
  f.product(farm, gtin_raw, "kg", "测试原蜜");
  f.product(farm, gtin_jar, "jar", "测试瓶装蜜");
  auto raw = f.batch(farm, site, gtin_raw, "RAW-1", "100", "kg", "2026-07-01T08:00:00+08:00");
  f.event_ok(farm, {{"kind", "transform"}, {"site", site}, {"at", "2026-07-10T08:00:00+08:00"},
                    {"process", "灌装"},
                    {"inputs", {{{"batch", raw["id"]}, {"quantity", "50"}}}},
                    {"outputs", {{{"gtin", gtin_jar}, {"lot", "JAR-1"}, {"quantity", "100"}, {"unit", "jar"}}}}});
  REQUIRE(wait_settled(f));
  const std::string jar_page = "/01/" + gtin_jar + "/10/JAR-1";
  auto stored = web::gunzip(f.get(jar_page, kGzip).body);
  REQUIRE(stored);
  CHECK(stored->find("FAIL-MARKER") == std::string::npos);

  // An inspection of the raw honey, dated before the bottling, belongs on the jar page too.
  f.event_ok(farm, {{"kind", "inspect"}, {"batch", raw["id"]}, {"site", site}, {"at", "2026-07-05T08:00:00+08:00"},
                    {"result", "fail"}, {"method", "FAIL-MARKER 抽检"}});
  // Right after the write, before any re-render: the stored page must not be served.
  auto fresh = f.get(jar_page);
  REQUIRE(fresh.status == 200);
  CHECK(fresh.body.find("FAIL-MARKER") != std::string::npos);
  REQUIRE(wait_settled(f));
  auto restored = web::gunzip(f.get(jar_page, kGzip).body);
  REQUIRE(restored);
  CHECK(restored->find("FAIL-MARKER") != std::string::npos);
  CHECK(f.get(jar_page, kGzip).header("content-encoding") == "gzip");

  // The store followed the write's page changes instead of rescanning, and forgot them once done.
  store::Database db(f.app().ledger().db_path(), store::Database::Mode::read_only);
  CHECK(store::Queries(db).page_changes_after(0, 10).empty());
}
