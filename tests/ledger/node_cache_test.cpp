// StoredTree with a NodeCache: proofs read through the cache equal proofs read from SQLite, at every
// tree size the cache has served (upper nodes are immutable, so sizes may share cached nodes).
#include <catch2/catch.hpp>

#include "ledger/ledger.h"
#include "ledger/merkle.h"
#include "ledger/stored_tree.h"
#include "store/database.h"
#include "store/queries.h"
#include "temp_db.h"

TEST_CASE("proofs through the node cache equal proofs read from the database") {
  TempDb tmp;
  {
    ledger::Ledger ledger(tmp.path);
    REQUIRE(ledger.append([](ledger::Ledger::Txn& t) -> domain::Status {
      for (int i = 0; i < 3000; ++i) REQUIRE(t.add("event", "e" + std::to_string(i), nlohmann::json{{"i", i}}));
      return domain::Ok{};
    }));
  }
  store::Database db(tmp.path, store::Database::Mode::read_only);
  store::Queries queries(db);
  ledger::NodeCache cache;
  for (uint64_t size : {3000u, 2049u, 2048u, 1500u, 1024u, 777u}) {
    ledger::StoredTree plain(queries, size), cached(queries, size, &cache);
    CHECK(*ledger::root(size, cached) == *ledger::root(size, plain));
    for (uint64_t index : {uint64_t{0}, size / 3, size / 2, size - 1}) {
      auto a = ledger::inclusion_proof(index, size, cached);
      auto b = ledger::inclusion_proof(index, size, plain);
      REQUIRE(a);
      REQUIRE(b);
      CHECK(*a == *b);
    }
    auto c = ledger::consistency_proof(size / 2, size, cached);
    auto d = ledger::consistency_proof(size / 2, size, plain);
    REQUIRE(c);
    REQUIRE(d);
    CHECK(*c == *d);
  }
}
