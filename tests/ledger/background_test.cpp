// The ledger's background work: the heartbeat that keeps an idle log's checkpoint fresh, and the
// integrity sweep that re-hashes the whole log after start-up and stops writes on a tampered one.
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "ledger/heartbeat.h"
#include "ledger/integrity_sweep.h"
#include "ledger/ledger.h"
#include "store/database.h"
#include "store/queries.h"
#include "temp_db.h"

using nlohmann::json;

namespace {

void append_one(ledger::Ledger& ledger, int i) {
  REQUIRE(ledger.append([&](ledger::Ledger::Txn& t) -> domain::Status {
    REQUIRE(t.add("event", "e" + std::to_string(i), json{{"i", i}}));
    return domain::Ok{};
  }));
}

// Polls (bounded) until the condition holds.
template <typename F>
bool eventually(F condition, std::chrono::seconds limit = std::chrono::seconds(10)) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace

TEST_CASE("an idle log signs a heartbeat record, so its checkpoint stays fresh") {
  TempDb tmp;
  ledger::Ledger ledger(tmp.path);
  append_one(ledger, 0);
  std::string before = ledger.checkpoint();
  ledger::Heartbeat heartbeat(ledger, std::chrono::seconds(1));
  REQUIRE(eventually([&] { return ledger.size() >= 2; }));
  CHECK(ledger.checkpoint() != before);
  store::Database db(tmp.path, store::Database::Mode::read_only);
  auto entry = store::Queries(db).log_entry(1);
  REQUIRE(entry);
  CHECK(entry->kind == "heartbeat");
  auto record = json::parse(entry->leaf);
  CHECK(record["type"] == "heartbeat");
  CHECK(record["id"].get<std::string>().rfind("hbt_", 0) == 0);
  CHECK(record.contains("recorded_at"));
}

TEST_CASE("writes that add no record do not stop the heartbeat") {
  TempDb tmp;
  ledger::Ledger ledger(tmp.path);
  append_one(ledger, 0);
  std::atomic<bool> stop{false};
  // A busy server writes audit rows and scan counts (no log record) all the time.
  std::thread busy([&] {
    while (!stop) {
      REQUIRE(ledger.append([](ledger::Ledger::Txn&) -> domain::Status { return domain::Ok{}; }));
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  {
    ledger::Heartbeat heartbeat(ledger, std::chrono::seconds(1));
    CHECK(eventually([&] { return ledger.size() >= 2; }));
  }
  stop = true;
  busy.join();
}

TEST_CASE("an empty log gets no heartbeat") {
  TempDb tmp;
  ledger::Ledger ledger(tmp.path);
  {
    ledger::Heartbeat heartbeat(ledger, std::chrono::seconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(2300));
  }
  CHECK(ledger.size() == 0);
}

TEST_CASE("the integrity sweep passes a clean log and stops writes to a tampered one") {
  TempDb tmp;
  {
    ledger::Ledger ledger(tmp.path);
    for (int i = 0; i < 20; ++i) append_one(ledger, i);
  }
  ledger::LedgerOptions options;
  options.verify_recent = 4;  // so start-up itself does not see the old change below
  bool tamper = GENERATE(false, true);
  if (tamper) {
    store::Database db(tmp.path, store::Database::Mode::read_write);
    db.exec("UPDATE log_entries SET leaf = CAST(replace(CAST(leaf AS TEXT), '\"i\":3', '\"i\":4') AS BLOB) WHERE leaf_index = 3");
  }
  ledger::Ledger ledger(tmp.path, options);
  std::promise<std::pair<bool, std::string>> result;
  ledger::IntegritySweep sweep(ledger, "", [&](bool ok, const std::string& message) { result.set_value({ok, message}); });
  auto future = result.get_future();
  REQUIRE(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  auto [ok, message] = future.get();
  CHECK(ok == !tamper);
  auto appended = ledger.append([](ledger::Ledger::Txn& t) -> domain::Status {
    auto leaf = t.add("event", "after", json{{"i", 99}});
    if (!leaf) return leaf.error();
    return domain::Ok{};
  });
  if (tamper) {
    CHECK_THAT(message, Catch::Contains("log entry 3"));
    REQUIRE_FALSE(appended);
    CHECK(appended.error().code == domain::Errc::unavailable);
    CHECK_THAT(appended.error().message, Catch::Contains("log entry 3"));
    CHECK(ledger.size() == 20);
  } else {
    CHECK(appended);
    CHECK_FALSE(ledger.refusal());
  }
}
