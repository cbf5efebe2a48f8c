// store::Accounts and store::AuditLog: users are unique by username, producers and inspectors need a
// party (an inspector's is its bureau) and the admin none, login state and sessions round-trip, expired sessions can be swept, and the audit
// log takes inserts only.
#include "store/accounts.h"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "store/audit_log.h"
#include "store/writes.h"
#include "temp_db.h"

using store::Database;

namespace {

struct Fixture {
  TempDb tmp;
  Database db{tmp.path, Database::Mode::read_write};
  store::Accounts accounts{db};

  Fixture() {
    db.migrate();
    store::Writes w{db};
    w.append_log(0, "party", "p1", "{}", "2026-01-01T00:00:00+00:00");
    w.insert_party(store::PartyRow{"p1", "合作社", "cooperative", "大宁县", "{}", 0}, "hash1");
  }
  static store::UserRow user(std::string id, std::string name, std::string role,
                             std::optional<std::string> party = std::nullopt) {
    return store::UserRow{
        std::move(id),         std::move(name), std::move(role), std::move(party), "scrypt$16$1$1$AAAA$AAAA", 0, 0,
        "2026-01-01T00:00:00Z"};
  }
};

}  // namespace

TEST_CASE("users are stored and found by id and by username") {
  Fixture f;
  REQUIRE(f.accounts.insert_user(Fixture::user("usr_1", "wang", "producer", "p1")));
  REQUIRE(f.accounts.insert_user(Fixture::user("usr_2", "li", "admin")));
  auto wang = f.accounts.user_by_username("wang");
  REQUIRE(wang);
  CHECK(wang->id == "usr_1");
  CHECK(wang->role == "producer");
  CHECK(wang->party_id == std::optional<std::string>("p1"));
  auto li = f.accounts.user("usr_2");
  REQUIRE(li);
  CHECK(li->username == "li");
  CHECK_FALSE(li->party_id);
  CHECK_FALSE(f.accounts.user_by_username("nobody"));
}

TEST_CASE("a taken username is refused with nothing written") {
  Fixture f;
  REQUIRE(f.accounts.insert_user(Fixture::user("usr_1", "wang", "inspector", "p1")));
  CHECK_FALSE(f.accounts.insert_user(Fixture::user("usr_2", "wang", "admin")));
  CHECK_FALSE(f.accounts.user("usr_2"));
}

TEST_CASE("the schema gives every role but admin a party") {
  Fixture f;
  CHECK_THROWS(f.accounts.insert_user(Fixture::user("usr_1", "a", "producer")));            // no party
  CHECK_THROWS(f.accounts.insert_user(Fixture::user("usr_2", "b", "inspector")));           // no bureau
  CHECK_THROWS(f.accounts.insert_user(Fixture::user("usr_5", "e", "admin", "p1")));         // party on admin
  CHECK_THROWS(f.accounts.insert_user(Fixture::user("usr_3", "c", "producer", "p_none")));  // unknown party
  CHECK_THROWS(f.accounts.insert_user(Fixture::user("usr_4", "d", "superuser")));           // unknown role
  CHECK_FALSE(f.accounts.user_by_username("a"));
}

TEST_CASE("login state is updated") {
  Fixture f;
  REQUIRE(f.accounts.insert_user(Fixture::user("usr_1", "wang", "inspector", "p1")));
  f.accounts.set_login_state("usr_1", 5, 1900000000);
  auto u = f.accounts.user("usr_1");
  CHECK(u->failed_logins == 5);
  CHECK(u->locked_until == 1900000000);
  CHECK_THROWS(f.accounts.set_login_state("usr_missing", 1, 0));
}

TEST_CASE("sessions round-trip, are deleted and expired ones are swept") {
  Fixture f;
  REQUIRE(f.accounts.insert_user(Fixture::user("usr_1", "wang", "inspector", "p1")));
  f.accounts.insert_session(store::SessionRow{"h1", "usr_1", "csrf1", 1000, 2000});
  f.accounts.insert_session(store::SessionRow{"h2", "usr_1", "csrf2", 1000, 5000});
  auto s = f.accounts.session("h1");
  REQUIRE(s);
  CHECK(s->user_id == "usr_1");
  CHECK(s->csrf_token == "csrf1");
  CHECK(s->expires_at == 2000);
  CHECK(f.accounts.delete_expired_sessions(3000) == 1);
  CHECK_FALSE(f.accounts.session("h1"));
  REQUIRE(f.accounts.session("h2"));
  f.accounts.delete_session("h2");
  CHECK_FALSE(f.accounts.session("h2"));
  CHECK_THROWS(f.accounts.insert_session(store::SessionRow{"h3", "usr_missing", "c", 1, 2}));  // foreign key
}

TEST_CASE("the audit log appends and refuses UPDATE and DELETE") {
  Fixture f;
  store::AuditLog audit(f.db);
  int64_t first = audit.append(store::AuditRow{0, "2026-01-01T00:00:00Z", "user:wang", "login", "usr_1", ""});
  int64_t second = audit.append(store::AuditRow{0, "2026-01-01T00:01:00Z", "user:wang", "logout", "usr_1", ""});
  CHECK(second > first);
  auto rows = audit.newest(10);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].action == "logout");
  CHECK(rows[1].actor == "user:wang");
  CHECK_THROWS_WITH(f.db.exec("UPDATE audit_log SET actor = 'someone else'"), Catch::Contains("append-only"));
  CHECK_THROWS_WITH(f.db.exec("DELETE FROM audit_log"), Catch::Contains("append-only"));
  CHECK(audit.newest(10).size() == 2);
  CHECK(audit.newest(10)[1].actor == "user:wang");
}
