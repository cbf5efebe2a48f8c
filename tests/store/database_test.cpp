#include "store/database.h"

#include <catch2/catch.hpp>

#include "store/embedded_sql.h"
#include "temp_db.h"

using store::Database;

TEST_CASE("migrations create the schema once and record the version") {
  TempDb tmp;
  {
    Database db(tmp.path, Database::Mode::read_write);
    db.migrate();
    store::Statement v(db.handle(), "PRAGMA user_version");
    REQUIRE(v.step());
    CHECK(v.integer(0) == static_cast<int64_t>(store::embedded_sql_names().size()));
  }
  // Running again on the same file is a no-op, not a "table exists" failure.
  Database again(tmp.path, Database::Mode::read_write);
  CHECK_NOTHROW(again.migrate());
}

TEST_CASE("connections use WAL, foreign keys and full sync") {
  TempDb tmp;
  Database db(tmp.path, Database::Mode::read_write);
  db.migrate();
  store::Statement mode(db.handle(), "PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.text(0) == "wal");
  store::Statement fk(db.handle(), "PRAGMA foreign_keys");
  REQUIRE(fk.step());
  CHECK(fk.integer(0) == 1);
  store::Statement sync(db.handle(), "PRAGMA synchronous");
  REQUIRE(sync.step());
  CHECK(sync.integer(0) == 2);  // FULL
}

TEST_CASE("a transaction not committed leaves nothing behind") {
  TempDb tmp;
  Database db(tmp.path, Database::Mode::read_write);
  db.migrate();
  {
    store::Transaction tx(db);
    db.exec("INSERT INTO log_entries (leaf_index, kind, record_id, leaf, recorded_at) VALUES (0, 'x', 'x', x'00', 't')");
  }
  store::Statement count(db.handle(), "SELECT COUNT(*) FROM log_entries");
  REQUIRE(count.step());
  CHECK(count.integer(0) == 0);
}

TEST_CASE("run throws on an unexpected constraint failure while try_run reports it") {
  TempDb tmp;
  Database db(tmp.path, Database::Mode::read_write);
  db.migrate();
  static constexpr const char* kSql =
      "INSERT INTO log_entries (leaf_index, kind, record_id, leaf, recorded_at) VALUES (?, 'k', 'r', ?, 't')";
  db.cached(kSql).bind(1, int64_t{0}).bind_blob(2, "leaf").run();
  CHECK_FALSE(db.cached(kSql).bind(1, int64_t{0}).bind_blob(2, "leaf").try_run());
  CHECK_THROWS(db.cached(kSql).bind(1, int64_t{0}).bind_blob(2, "leaf").run());
  // STRICT tables refuse text in a BLOB column: the leaf must be bound as bytes.
  CHECK_THROWS(db.cached(kSql).bind(1, int64_t{1}).bind(2, std::string_view("leaf")).run());
}

TEST_CASE("opening a database in a missing directory names the path") {
  try {
    Database db("/nonexistent-dir/x/y.db", Database::Mode::read_write);
    FAIL("expected an exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("/nonexistent-dir/x/y.db") != std::string::npos);
  }
}

TEST_CASE("an empty text binds as the empty string, not NULL") {
  TempDb tmp;
  Database db(tmp.path, Database::Mode::read_write);
  store::Statement s(db.handle(), "SELECT ? IS NULL, ? = ''");
  s.bind(1, std::string_view()).bind(2, std::string_view());
  REQUIRE(s.step());
  CHECK(s.integer(0) == 0);
  CHECK(s.integer(1) == 1);
}

TEST_CASE("migration 7 keeps producers and admins, gives inspectors a bureau and ends sessions") {
  TempDb tmp;
  {
    // A database as schema 6 left it: an admin, a producer, a party-less inspector and a session.
    Database db(tmp.path, Database::Mode::read_write);
    for (int n = 1; n <= 6; ++n)
      for (auto name : store::embedded_sql_names())
        if (std::stoi(std::string(name.substr(0, 3))) == n) db.exec(store::embedded_sql(name));
    db.exec("PRAGMA user_version=6");
    db.exec("INSERT INTO log_entries VALUES (0, 'party', 'p1', x'7b7d', '2026-01-01T00:00:00Z')");
    db.exec("INSERT INTO parties (id, name, kind, county, token_hash, body, leaf_index)"
            " VALUES ('p1', '合作社', 'cooperative', '大宁县', 'h', '{}', 0)");
    db.exec("INSERT INTO users (id, username, role, party_id, password_hash, created_at) VALUES"
            " ('u1', 'root', 'admin', NULL, 'x', 't'), ('u2', 'wang', 'producer', 'p1', 'x', 't'),"
            " ('u3', 'li', 'inspector', NULL, 'x', 't')");
    db.exec("INSERT INTO sessions VALUES ('s1', 'u2', 'c', 1, 2)");
  }
  Database db(tmp.path, Database::Mode::read_write);
  db.migrate();
  store::Statement users(db.handle(), "SELECT group_concat(username, ',') FROM (SELECT username FROM users ORDER BY id)");
  REQUIRE(users.step());
  CHECK(users.text(0) == "root,wang");
  store::Statement sessions(db.handle(), "SELECT count(*) FROM sessions");
  REQUIRE(sessions.step());
  CHECK(sessions.integer(0) == 0);
  // The rebuilt table still refuses an inspector without a bureau, and sessions still point at users.
  CHECK_THROWS(db.exec("INSERT INTO users (id, username, role, party_id, password_hash, created_at)"
                       " VALUES ('u4', 'zhao', 'inspector', NULL, 'x', 't')"));
  CHECK_THROWS(db.exec("INSERT INTO sessions VALUES ('s2', 'u_missing', 'c', 1, 2)"));
  CHECK_NOTHROW(db.exec("INSERT INTO sessions VALUES ('s3', 'u2', 'c', 1, 2)"));
}
