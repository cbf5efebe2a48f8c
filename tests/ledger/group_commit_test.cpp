// Group commit: concurrent appends share transactions and checkpoints, yet each caller sees only its
// own outcome — a refused or throwing plan leaves nothing, the others keep everything, and every
// receipt is proved by the checkpoint it came with. Also start-up's bounded re-hash of recent leaves.
#include <catch2/catch.hpp>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "ledger/ledger.h"
#include "ledger/log_check.h"
#include "receipt_check.h"
#include "store/database.h"
#include "store/queries.h"
#include "temp_db.h"

using nlohmann::json;

namespace {

enum class Outcome { kept, refused, threw };

struct Attempt {
  std::string id;
  Outcome expected;
  Outcome got = Outcome::threw;
  std::vector<ledger::Leaf> leaves;
};

}  // namespace

TEST_CASE("concurrent appends are committed in groups, and a failing plan only fails itself") {
  TempDb tmp;
  ledger::Ledger ledger(tmp.path);
  constexpr int kThreads = 16, kEach = 20;
  std::vector<std::vector<Attempt>> attempts(kThreads);
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kEach; ++i) {
      int n = t * kEach + i;
      Outcome expected = n % 5 == 3 ? Outcome::refused : n % 7 == 4 ? Outcome::threw : Outcome::kept;
      attempts[t].push_back(Attempt{"rec-" + std::to_string(n), expected, Outcome::threw, {}});
    }
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      // No Catch2 macros here: its assertions are not thread-safe. Outcomes are checked after join.
      for (auto& a : attempts[t]) {
        try {
          auto leaves = ledger.append([&](ledger::Ledger::Txn& txn) -> domain::Status {
            if (!txn.add("event", a.id, json{{"id", a.id}, {"part", 1}})) return domain::make_error(domain::Errc::internal, "add");
            if (!txn.add("event", a.id + "-b", json{{"id", a.id}, {"part", 2}})) return domain::make_error(domain::Errc::internal, "add");
            // Holding the writer a moment makes the other threads queue up behind this group.
            std::this_thread::sleep_for(std::chrono::microseconds(300));
            if (a.expected == Outcome::refused) return domain::make_error(domain::Errc::conflict, "refused on purpose");
            if (a.expected == Outcome::threw) throw std::runtime_error("thrown on purpose");
            return domain::Ok{};
          });
          a.got = leaves ? Outcome::kept : Outcome::refused;
          if (leaves) a.leaves = *leaves;
        } catch (const std::runtime_error&) {
          a.got = Outcome::threw;
        }
      }
    });
  for (auto& t : threads) t.join();

  int64_t kept = 0;
  std::set<int64_t> indices;
  store::Database db(tmp.path, store::Database::Mode::read_only);
  store::Queries queries(db);
  for (const auto& per_thread : attempts)
    for (const auto& a : per_thread) {
      CHECK(int(a.got) == int(a.expected));
      if (a.got != Outcome::kept) {
        CHECK_FALSE(queries.log_entry_of(a.id));  // nothing of it was kept
        continue;
      }
      ++kept;
      REQUIRE(a.leaves.size() == 2);
      CHECK(a.leaves[1].index == a.leaves[0].index + 1);  // a plan's leaves stay together
      for (const auto& leaf : a.leaves) {
        indices.insert(leaf.index);
        check_receipt(leaf, ledger.verifier_key(), queries.log_entry(leaf.index)->leaf);
      }
    }
  CHECK(ledger.size() == 2 * kept);
  CHECK(int64_t(indices.size()) == 2 * kept);
  CHECK(*indices.rbegin() == 2 * kept - 1);  // no gaps: refused plans gave their indices back
  CHECK(ledger.commits() < uint64_t(kept));  // some commits carried several callers' records
  auto check = ledger::check_log(tmp.path);
  REQUIRE(check);
  CHECK(check->ok);
}

TEST_CASE("start-up re-hashes the newest leaves and refuses one changed after signing") {
  TempDb tmp;
  {
    ledger::Ledger ledger(tmp.path);
    for (int i = 0; i < 12; ++i)
      REQUIRE(ledger.append([&](ledger::Ledger::Txn& t) -> domain::Status {
        REQUIRE(t.add("event", std::to_string(i), json{{"i", i}}));
        return domain::Ok{};
      }));
  }
  auto change_leaf = [&](int index) {
    store::Database db(tmp.path, store::Database::Mode::read_write);
    db.exec("UPDATE log_entries SET leaf = CAST(replace(CAST(leaf AS TEXT), '\"i\":" + std::to_string(index) +
            "', '\"i\":99') AS BLOB) WHERE leaf_index = " + std::to_string(index));
  };
  SECTION("a recent leaf") {
    change_leaf(10);
    try {
      ledger::Ledger reopened(tmp.path);
      FAIL("a changed leaf was accepted at start-up");
    } catch (const std::runtime_error& e) {
      CHECK_THAT(e.what(), Catch::Contains("log entry 10") && Catch::Contains("changed after it was signed"));
    }
  }
  SECTION("an old leaf, beyond the bounded start-up check, is left to check_log") {
    change_leaf(1);
    ledger::LedgerOptions options;
    options.verify_recent = 4;
    CHECK_NOTHROW(ledger::Ledger(tmp.path, options));
    auto check = ledger::check_log(tmp.path);
    REQUIRE(check);
    CHECK_FALSE(check->ok);
    CHECK_THAT(check->problem, Catch::Contains("1"));
  }
}
