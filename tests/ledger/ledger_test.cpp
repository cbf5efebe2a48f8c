#include "ledger/ledger.h"

#include <catch2/catch.hpp>

#include "temp_db.h"

using nlohmann::json;

TEST_CASE("append writes every leaf in order with its canonical bytes") {
  TempDb tmp;
  ledger::Ledger ledger(tmp.path);
  auto leaves = ledger.append([](ledger::Ledger::Txn& t) -> domain::Status {
    REQUIRE(t.add("party", "p1", json{{"b", 2}, {"a", "大宁"}}));
    REQUIRE(t.add("site", "s1", json{{"x", true}}));
    return domain::Ok{};
  });
  REQUIRE(leaves);
  REQUIRE(leaves->size() == 2);
  CHECK((*leaves)[0].index == 0);
  CHECK((*leaves)[1].index == 1);
  CHECK(ledger.size() == 2);
  store::Database db(tmp.path, store::Database::Mode::read_only);
  auto entry = store::Queries(db).log_entry(0);
  REQUIRE(entry);
  CHECK(entry->leaf == "{\"a\":\"大宁\",\"b\":2}");
  CHECK(entry->kind == "party");
}

TEST_CASE("a failing plan writes nothing and does not move the log") {
  TempDb tmp;
  ledger::Ledger ledger(tmp.path);
  auto generation = ledger.generation();
  auto result = ledger.append([](ledger::Ledger::Txn& t) -> domain::Status {
    REQUIRE(t.add("party", "p1", json{{"a", 1}}));
    return domain::make_error(domain::Errc::conflict, "refused after the leaf was added");
  });
  REQUIRE_FALSE(result);
  CHECK(result.error().code == domain::Errc::conflict);
  CHECK(ledger.size() == 0);
  CHECK(ledger.generation() == generation);
  store::Database db(tmp.path, store::Database::Mode::read_only);
  CHECK(store::Queries(db).log_size() == 0);
}

TEST_CASE("a leaf over 64 KiB is refused") {
  TempDb tmp;
  ledger::Ledger ledger(tmp.path);
  auto result = ledger.append([](ledger::Ledger::Txn& t) -> domain::Status {
    auto leaf = t.add("event", "e1", json{{"note", std::string(70000, 'x')}});
    if (!leaf) return leaf.error();
    return domain::Ok{};
  });
  REQUIRE_FALSE(result);
  CHECK(result.error().code == domain::Errc::too_large);
  CHECK(ledger.size() == 0);
}

TEST_CASE("the log size survives reopening") {
  TempDb tmp;
  {
    ledger::Ledger ledger(tmp.path);
    REQUIRE(ledger.append([](ledger::Ledger::Txn& t) -> domain::Status {
      for (int i = 0; i < 3; ++i) REQUIRE(t.add("x", std::to_string(i), json{{"i", i}}));
      return domain::Ok{};
    }));
  }
  ledger::Ledger reopened(tmp.path);
  CHECK(reopened.size() == 3);
}
