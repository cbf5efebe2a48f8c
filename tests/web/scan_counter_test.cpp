// web::ScanCounter: consumer page views counted per UTC day in memory and added to scan_days by a
// flush (also at destruction); consumer pages count only successful answers.
#include "web/scan_counter.h"

#include <catch2/catch.hpp>
#include <map>

#include "fixture.h"
#include "store/dashboard_queries.h"
#include "web/principal.h"

using webtest::Fixture;

namespace {

std::map<std::string, int64_t> scan_days(Fixture& f) {
  std::map<std::string, int64_t> out;
  for (const auto& r : store::DashboardQueries(f.app().reader().database()).scan_days("2000-01-01", "2999-12-31"))
    out[r.day] = r.scans;
  return out;
}

constexpr int64_t kNov20 = 1795132800;  // 2026-11-20T00:00:00Z

}  // namespace

TEST_CASE("utc_day gives the civil UTC date", "[web][scan_counter]") {
  CHECK(web::ScanCounter::utc_day(0) == "1970-01-01");
  CHECK(web::ScanCounter::utc_day(kNov20) == "2026-11-20");
  CHECK(web::ScanCounter::utc_day(kNov20 - 1) == "2026-11-19");
  CHECK(web::ScanCounter::utc_day(951782400) == "2000-02-29");
}

TEST_CASE("counted scans reach scan_days per UTC day after a flush and add to the day's row", "[web][scan_counter]") {
  Fixture f;
  auto& counter = f.app().scans();
  for (int i = 0; i < 3; ++i) counter.count_at(kNov20 + 10);
  counter.count_at(kNov20 + 86399);      // still the 20th
  counter.count_at(kNov20 + 86400);      // the 21st
  counter.count_at(kNov20 - 4 * 86400);  // the 16th takes the 20th's slot: its counts are carried, not lost
  CHECK(counter.pending() == 6);
  CHECK(scan_days(f).empty());  // nothing written before a flush

  auto written = counter.flush();
  REQUIRE(written);
  CHECK(*written == 6);
  CHECK(counter.pending() == 0);
  auto days = scan_days(f);
  CHECK(days == std::map<std::string, int64_t>{{"2026-11-16", 1}, {"2026-11-20", 4}, {"2026-11-21", 1}});
  int64_t log_size = f.log_size();

  counter.count_at(kNov20 + 100);
  counter.count_at(kNov20 + 200);
  REQUIRE(counter.flush());
  CHECK(scan_days(f)["2026-11-20"] == 6);  // added to, not replaced
  CHECK(f.log_size() == log_size);         // statistics, not log records
  auto nothing = counter.flush();
  REQUIRE(nothing);
  CHECK(*nothing == 0);
}

TEST_CASE("a counter flushes what is left when it is destroyed", "[web][scan_counter]") {
  Fixture f;
  {
    web::ScanCounter counter(f.app().ledger());
    counter.count_at(kNov20);
    counter.count_at(kNov20 + 1);
  }
  CHECK(scan_days(f)["2026-11-20"] == 2);
}

TEST_CASE("consumer pages count successful batch and product answers only", "[web][scan_counter]") {
  Fixture f;
  auto coop = f.party("大宁县宁脆苹果专业合作社");
  std::string orchard = f.site(coop, "南堡村果园");
  std::string gtin = "0" + webtest::with_check_digit("690612300001");
  f.product(coop, gtin, "kg", "大宁宁脆苹果", {{"category", "apple"}});
  f.batch(coop, orchard, gtin, "DN-A", "100", "kg");
  REQUIRE(f.get("/01/" + gtin + "/10/DN-A").status == 200);  // rendered
  REQUIRE(f.get("/01/" + gtin + "/10/DN-A").status == 200);  // stored
  REQUIRE(f.get("/01/" + gtin).status == 200);               // the product page
  REQUIRE(f.get("/01/" + gtin + "/10/NOPE").status == 404);  // unknown lot: not a view
  REQUIRE(f.get("/01/12345").status == 404);                 // not a GTIN
  CHECK(f.app().scans().pending() == 3);
  REQUIRE(f.app().scans().flush());
  CHECK(scan_days(f)[web::ScanCounter::utc_day(web::now_unix())] == 3);
}
