// store::PartyKeys: the current key is the newest registration; a signature value is accepted once,
// tied to its record's leaf; rows must point at real parties and leaves.
#include "store/party_keys.h"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "store/writes.h"
#include "temp_db.h"

using store::Database;

namespace {

struct Fixture {
  TempDb tmp;
  Database db{tmp.path, Database::Mode::read_write};
  store::Writes w{db};
  store::PartyKeys keys{db};
  int64_t next_leaf = 0;

  Fixture() {
    db.migrate();
    w.insert_party(store::PartyRow{"p1", "合作社", "cooperative", "大宁县", "{}", leaf("p1")}, "hash1");
  }
  int64_t leaf(const std::string& record_id) {
    int64_t i = next_leaf++;
    w.append_log(i, "test", record_id, "{}", "2026-01-01T00:00:00+00:00");
    return i;
  }
};

}  // namespace

TEST_CASE("the current party key is the newest registration") {
  Fixture f;
  CHECK_FALSE(f.keys.current("p1"));
  f.keys.insert(store::PartyKeyRow{0, "p1", "AAAA", "00000001", f.leaf("pky_1")});
  f.keys.insert(store::PartyKeyRow{0, "p1", "BBBB", "00000002", f.leaf("pky_2")});
  auto key = f.keys.current("p1");
  REQUIRE(key);
  CHECK(key->public_key == "BBBB");
  CHECK(key->key_id == "00000002");
  CHECK(key->leaf_index == 2);
  CHECK_FALSE(f.keys.current("p2"));
  // A key for a party that does not exist is refused by the foreign key.
  CHECK_THROWS(f.keys.insert(store::PartyKeyRow{0, "p9", "CCCC", "00000003", f.leaf("pky_3")}));
}

TEST_CASE("a signature value is stored once with its record's leaf") {
  Fixture f;
  int64_t site_leaf = f.leaf("sit_1");
  CHECK_FALSE(f.keys.signature_leaf("sig-a"));
  REQUIRE(f.keys.insert_signature("sig-a", "sit_1"));
  CHECK(f.keys.signature_leaf("sig-a") == site_leaf);
  int64_t other_leaf = f.leaf("sit_2");
  CHECK_FALSE(f.keys.insert_signature("sig-a", "sit_2"));  // replay
  CHECK(f.keys.signature_leaf("sig-a") == site_leaf);
  REQUIRE(f.keys.insert_signature("sig-b", "sit_2"));
  CHECK(f.keys.signature_leaf("sig-b") == other_leaf);
  // A record without a leaf is a programming error, not a replay.
  CHECK_THROWS_AS(f.keys.insert_signature("sig-c", "sit_none"), std::logic_error);
  CHECK_FALSE(f.keys.signature_leaf("sig-c"));
}
