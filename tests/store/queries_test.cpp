#include "store/queries.h"

#include <catch2/catch.hpp>

#include "store/writes.h"
#include "temp_db.h"

using store::Database;

namespace {

struct Fixture {
  TempDb tmp;
  Database db{tmp.path, Database::Mode::read_write};
  store::Writes w{db};
  store::Queries q{db};
  int64_t next_leaf = 0;

  Fixture() {
    db.migrate();
    w.insert_party(store::PartyRow{"p1", "合作社", "cooperative", "大宁县", "{}", leaf()}, "hash1");
    w.insert_party(store::PartyRow{"p2", "网店", "shop", "大宁县", "{}", leaf()}, "hash2");
    w.insert_product(store::ProductRow{"prd1", "06906123000016", "p1", "{}", leaf()});
  }
  int64_t leaf() {
    int64_t i = next_leaf++;
    w.append_log(i, "test", "r" + std::to_string(i), "{}", "2026-01-01T00:00:00+00:00");
    return i;
  }
  bool batch(const std::string& id, const std::string& lot, const std::string& county = "大宁县", int64_t produced = 100) {
    return w.insert_batch(store::BatchRow{0, id, "prd1", "06906123000016", lot, "p1", county, produced, "{}", leaf()});
  }
};

}  // namespace

TEST_CASE("a batch is found by id and by GTIN and lot, and a duplicate lot is refused") {
  Fixture f;
  REQUIRE(f.batch("b1", "LOT-1"));
  CHECK_FALSE(f.batch("b2", "LOT-1"));
  auto by_id = f.q.batch("b1");
  REQUIRE(by_id);
  CHECK(by_id->lot == "LOT-1");
  auto by_lot = f.q.batch_by_gtin_lot("06906123000016", "LOT-1");
  REQUIRE(by_lot);
  CHECK(by_lot->id == "b1");
  CHECK_FALSE(f.q.batch("nope"));
}

TEST_CASE("listing pages by cursor without gaps or repeats and applies every filter") {
  Fixture f;
  for (int i = 0; i < 7; ++i) REQUIRE(f.batch("b" + std::to_string(i), "L" + std::to_string(i), i % 2 ? "沁水县" : "大宁县", 100 + i));
  store::BatchFilter filter;
  filter.limit = 3;
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    auto rows = f.q.batches(filter);
    for (const auto& r : rows) seen.push_back(r.id);
    if (rows.size() < 3) break;
    filter.after_seq = rows.back().seq;
  }
  CHECK(seen == std::vector<std::string>{"b0", "b1", "b2", "b3", "b4", "b5", "b6"});

  store::BatchFilter county;
  county.county = "沁水县";
  CHECK(f.q.batches(county).size() == 3);
  store::BatchFilter range;
  range.from_unix = 102;
  range.to_unix = 104;
  CHECK(f.q.batches(range).size() == 3);
  store::BatchFilter lot;
  lot.lot = "L4";
  REQUIRE(f.q.batches(lot).size() == 1);
  CHECK(f.q.batches(lot)[0].id == "b4");
}

TEST_CASE("holdings are per party and only positive ones are listed") {
  Fixture f;
  REQUIRE(f.batch("b1", "L1"));
  f.w.set_holding("b1", "p1", 5000);
  f.w.set_holding("b1", "p2", 0);
  CHECK(f.q.holding("b1", "p1") == 5000);
  CHECK(f.q.holding("b1", "p2") == 0);
  CHECK(f.q.holding("b1", "nobody") == 0);
  auto list = f.q.holdings("b1");
  REQUIRE(list.size() == 1);
  CHECK(list[0].party_id == "p1");
  f.w.set_holding("b1", "p1", 3000);
  CHECK(f.q.holding("b1", "p1") == 3000);
}

TEST_CASE("a reader connection sees each new commit, never a stale snapshot") {
  Fixture f;
  Database reader_db(f.tmp.path, Database::Mode::read_only);
  store::Queries reader(reader_db);
  CHECK_FALSE(reader.batch("b1"));
  REQUIRE(f.batch("b1", "L1"));
  CHECK(reader.batch("b1"));  // a statement left open by the first read would hide this row
  REQUIRE(f.batch("b2", "L2"));
  CHECK(reader.log_size() == f.next_leaf);
}

TEST_CASE("events list in event time order with corrections linked both ways") {
  Fixture f;
  REQUIRE(f.batch("b1", "L1"));
  REQUIRE(f.w.insert_event(store::EventRow{0, "e2", "store", "p1", 200, std::nullopt, std::nullopt, "{}", f.leaf()}));
  REQUIRE(f.w.insert_event(store::EventRow{0, "e1", "inspect", "p1", 100, std::nullopt, std::nullopt, "{}", f.leaf()}));
  REQUIRE(f.w.insert_event(store::EventRow{0, "e3", "inspect", "p1", 150, std::string("e1"), std::nullopt, "{}", f.leaf()}));
  // A second correction of the same event is refused by the unique index.
  CHECK_FALSE(f.w.insert_event(store::EventRow{0, "e4", "inspect", "p1", 150, std::string("e1"), std::nullopt, "{}", f.leaf()}));
  for (const char* e : {"e1", "e2", "e3"}) f.w.insert_event_batch(e, "b1", "subject");
  auto events = f.q.events_of_batch("b1");
  REQUIRE(events.size() == 3);
  CHECK(events[0].id == "e1");
  CHECK(events[0].corrected_by == std::optional<std::string>("e3"));
  CHECK(events[1].id == "e3");
  CHECK(events[1].corrects == std::optional<std::string>("e1"));
  CHECK(events[2].id == "e2");
}

TEST_CASE("shipments are marked received once") {
  Fixture f;
  REQUIRE(f.batch("b1", "L1"));
  REQUIRE(f.w.insert_event(store::EventRow{0, "ship1", "ship", "p1", 100, std::nullopt, std::nullopt, "{}", f.leaf()}));
  REQUIRE(f.w.insert_event(store::EventRow{0, "recv1", "receive", "p2", 200, std::nullopt, std::nullopt, "{}", f.leaf()}));
  f.w.insert_shipment(store::ShipmentRow{"ship1", "b1", "p2", 1000, std::nullopt});
  CHECK_FALSE(f.q.shipment("ship1")->received_by);
  f.w.mark_received("ship1", "recv1");
  CHECK(f.q.shipment("ship1")->received_by == std::optional<std::string>("recv1"));
}

TEST_CASE("stored pages count only at their subject's current version and only for this build") {
  Fixture f;
  REQUIRE(f.batch("b1", "L1"));
  f.w.put_rendered_page("new|06906123000016|L1||zh|h", "b1", 0, store::RenderedPage{"text/html", "page v0"});
  REQUIRE(f.q.rendered_page("new|06906123000016|L1||zh|h"));
  CHECK(f.q.rendered_page("new|06906123000016|L1||zh|h")->body == "page v0");
  CHECK_FALSE(f.q.rendered_page("new|06906123000016|L2||zh|h"));

  f.w.bump_page_version("b1");  // a write changed the batch: the stored page no longer counts
  CHECK_FALSE(f.q.rendered_page("new|06906123000016|L1||zh|h"));
  f.w.put_rendered_page("new|06906123000016|L1||zh|h", "b1", 1, store::RenderedPage{"text/html", "page v1"});
  CHECK(f.q.rendered_page("new|06906123000016|L1||zh|h")->body == "page v1");

  f.w.put_rendered_page("old|06906123000016|L1||zh|h", "b1", 1, store::RenderedPage{"text/html", "old build"});
  REQUIRE(f.q.rendered_page("old|06906123000016|L1||zh|h"));
  f.w.delete_rendered_pages_except("new|");
  CHECK_FALSE(f.q.rendered_page("old|06906123000016|L1||zh|h"));
  CHECK(f.q.rendered_page("new|06906123000016|L1||zh|h"));
}
