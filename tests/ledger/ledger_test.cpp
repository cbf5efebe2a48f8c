#include "ledger/ledger.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "ledger/base64.h"
#include "ledger/checkpoint.h"
#include "ledger/log_check.h"
#include "ledger/merkle.h"
#include "ledger/note_verifier.h"
#include "receipt_check.h"
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

namespace {

std::string leaf_bytes(const std::string& db_path, int64_t index) {
  store::Database db(db_path, store::Database::Mode::read_only);
  return store::Queries(db).log_entry(index)->leaf;
}

}  // namespace

TEST_CASE("every append signs a checkpoint whose tree proves each receipt") {
  TempDb tmp;
  ledger::Ledger ledger(tmp.path);
  std::vector<ledger::Leaf> receipts;
  for (int round = 0; round < 9; ++round) {
    auto leaves = ledger.append([&](ledger::Ledger::Txn& t) -> domain::Status {
      for (int i = 0; i <= round % 3; ++i) REQUIRE(t.add("event", "e", json{{"round", round}, {"i", i}}));
      return domain::Ok{};
    });
    REQUIRE(leaves);
    for (auto& l : *leaves) receipts.push_back(l);
  }
  CHECK(ledger.size() == 18);
  for (const auto& r : receipts) check_receipt(r, ledger.verifier_key(), leaf_bytes(tmp.path, r.index));
  // The newest checkpoint's root is the RFC 6962 root of every stored leaf.
  std::vector<ledger::Hash> hashes;
  for (int64_t i = 0; i < ledger.size(); ++i) hashes.push_back(ledger::leaf_hash(leaf_bytes(tmp.path, i)));
  auto text = ledger::NoteVerifier::from_key(ledger.verifier_key())->open(ledger.checkpoint());
  REQUIRE(text);
  auto cp = ledger::Checkpoint::parse(*text);
  REQUIRE(cp);
  CHECK(cp->size == 18);
  CHECK(cp->root == ledger::root(hashes));
}

TEST_CASE("reopening keeps the key and the checkpoint, and refuses a tree that no longer matches") {
  TempDb tmp;
  std::string key, checkpoint;
  {
    ledger::Ledger ledger(tmp.path);
    for (int i = 0; i < 5; ++i)
      REQUIRE(ledger.append([&](ledger::Ledger::Txn& t) -> domain::Status {
        REQUIRE(t.add("x", std::to_string(i), json{{"i", i}}));
        return domain::Ok{};
      }));
    key = ledger.verifier_key();
    checkpoint = ledger.checkpoint();
  }
  {
    ledger::Ledger reopened(tmp.path);
    CHECK(reopened.verifier_key() == key);
    CHECK(reopened.checkpoint() == checkpoint);
  }
  SECTION("a changed tree node") {
    store::Database db(tmp.path, store::Database::Mode::read_write);
    db.exec("UPDATE tree_nodes SET hash = zeroblob(32) WHERE level = 0 AND idx = 4");
  }
  SECTION("a deleted record") {
    store::Database db(tmp.path, store::Database::Mode::read_write);
    db.exec("DELETE FROM log_entries WHERE leaf_index = 4");
  }
  CHECK_THROWS_AS(ledger::Ledger(tmp.path), std::runtime_error);
}

TEST_CASE("a log without a tree is hashed once at start-up and signed") {
  TempDb tmp;
  std::string checkpoint;
  {
    ledger::Ledger ledger(tmp.path);
    REQUIRE(ledger.append([&](ledger::Ledger::Txn& t) -> domain::Status {
      for (int i = 0; i < 7; ++i) REQUIRE(t.add("x", std::to_string(i), json{{"i", i}}));
      return domain::Ok{};
    }));
    checkpoint = ledger.checkpoint();
  }
  {
    store::Database db(tmp.path, store::Database::Mode::read_write);
    db.exec("DELETE FROM tree_nodes; DELETE FROM checkpoints");
  }
  ledger::Ledger rebuilt(tmp.path);
  CHECK(rebuilt.checkpoint() == checkpoint);  // Ed25519 is deterministic: same key, same tree, same note
}

TEST_CASE("check_log finds the first record changed or deleted after it was signed") {
  TempDb tmp;
  {
    ledger::Ledger ledger(tmp.path);
    for (int i = 0; i < 12; ++i)
      REQUIRE(ledger.append([&](ledger::Ledger::Txn& t) -> domain::Status {
        REQUIRE(t.add("event", std::to_string(i), json{{"i", i}}));
        return domain::Ok{};
      }));
  }
  auto clean = ledger::check_log(tmp.path);
  REQUIRE(clean);
  CHECK(clean->ok);
  CHECK(clean->leaves == 12);
  CHECK(clean->checkpoint_size == 12);

  SECTION("one changed byte") {
    {
      store::Database db(tmp.path, store::Database::Mode::read_write);
      db.exec("UPDATE log_entries SET leaf = CAST(replace(CAST(leaf AS TEXT), '\"i\":7', '\"i\":8') AS BLOB) WHERE leaf_index = 7");
    }
    auto report = ledger::check_log(tmp.path);
    REQUIRE(report);
    CHECK_FALSE(report->ok);
    CHECK(report->problem.find("log entry 7 ") != std::string::npos);
  }
  SECTION("a deleted row") {
    {
      store::Database db(tmp.path, store::Database::Mode::read_write);
      db.exec("DELETE FROM log_entries WHERE leaf_index = 3");
    }
    auto report = ledger::check_log(tmp.path);
    REQUIRE(report);
    CHECK_FALSE(report->ok);
    CHECK(report->problem.find("log entry 3 is missing") != std::string::npos);
  }
  SECTION("a missing key") {
    std::filesystem::remove(tmp.path + ".key");
    CHECK_FALSE(ledger::check_log(tmp.path));  // no key: nothing to check the signature with
  }
}
