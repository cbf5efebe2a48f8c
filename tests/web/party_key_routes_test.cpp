// PUT/GET /api/v1/parties/{id}/key: who may register or rotate a party's producer key, what the
// party_key record holds, and how bad key bodies are refused.
#include <catch2/catch.hpp>

#include "fixture.h"
#include "ledger/digest.h"
#include "producer_signing.h"

using nlohmann::json;
using namespace webtest;

TEST_CASE("a party registers its own key and the log records it", "[web][party_key]") {
  Fixture f;
  Party coop = f.party("签名合作社");
  CHECK(f.get(key_path(coop)).status == 404);  // no key yet
  auto key = new_key();
  int64_t before = f.log_size();

  json created = register_key(f, coop, key);
  CHECK(f.log_size() == before + 1);
  CHECK(created["type"] == "party_key");
  std::string id = created["id"];
  CHECK(id.rfind("pky_", 0) == 0);
  CHECK(id.size() == 4 + 16);
  CHECK(created["party"] == coop.id);
  CHECK(created["public_key"] == key.public_key_base64());
  // key_id = first 4 bytes of SHA-256 of the raw key, computed here independently of the server.
  CHECK(created["key_id"] == ledger::sha256_hex(key.public_key()).substr(0, 8));
  CHECK(created["set_by"] == "party");
  CHECK_FALSE(created.contains("signature"));  // a first registration has no key to sign with
  CHECK(created["receipt"].is_object());

  // The leaf is exactly the record (kind party_key), and GET answers the current key.
  json leaf = leaf_record(f, created["leaf_index"]);
  CHECK(leaf["type"] == "party_key");
  CHECK(leaf["public_key"] == key.public_key_base64());
  CHECK(leaf["recorded_at"] == created["recorded_at"]);
  auto got = f.get(key_path(coop));
  REQUIRE(got.status == 200);
  CHECK(json_of(got)["id"] == id);
  CHECK(json_of(got)["leaf_index"] == created["leaf_index"]);
  auto entry = json_of(f.get("/api/v1/log/entries/" + std::to_string(created["leaf_index"].get<int64_t>())));
  CHECK(entry["kind"] == "party_key");
  CHECK(entry["record_id"] == id);
}

TEST_CASE("only the party itself or the admin sets a party's key", "[web][party_key]") {
  Fixture f;
  Party coop = f.party("合作社甲");
  Party other = f.party("合作社乙");
  auto key = new_key();
  int64_t before = f.log_size();

  SECTION("no token is 401") { expect_error(send(f, "PUT", key_path(coop), key_body(key), ""), 401, ""); }
  SECTION("an unknown token is 401") {
    expect_error(send(f, "PUT", key_path(coop), key_body(key), "pt_not-a-token"), 401, "");
  }
  SECTION("an unknown party is 404") {
    auto r = send(f, "PUT", "/api/v1/parties/pty_nope/key", key_body(key), kAdminToken);
    expect_error(r, 404, "");
    CHECK(json_of(r)["error"] == "not_found");
    expect_error(send(f, "PUT", "/api/v1/parties/pty_nope/key", key_body(key), coop.token), 404, "");
    expect_error(f.get("/api/v1/parties/pty_nope/key"), 404, "");
  }
  SECTION("another party's token is 403 and says whose key it is") {
    auto r = send(f, "PUT", key_path(coop), key_body(key), other.token);
    std::string message = expect_error(r, 403, "");
    CHECK_THAT(message, Catch::Contains(other.id) && Catch::Contains(coop.id));
  }
  SECTION("the admin's key reset must not carry a Signature") {
    auto r = send(f, "PUT", key_path(coop), key_body(key), kAdminToken, "ed25519=AAAA");
    expect_error(r, 422, "");
  }
  CHECK(f.log_size() == before);

  SECTION("the admin may set it, and the record says so") {
    auto r = send(f, "PUT", key_path(coop), key_body(key), kAdminToken);
    INFO(r.body);
    REQUIRE(r.status == 201);
    CHECK(json_of(r)["set_by"] == "admin");
    CHECK(json_of(r)["party"] == coop.id);
    CHECK(f.log_size() == before + 1);
  }
}

TEST_CASE("bad key bodies are refused naming the field", "[web][party_key]") {
  Fixture f;
  Party coop = f.party("合作社");
  auto key = new_key();
  std::string raw = key.public_key();
  int64_t before = f.log_size();
  auto put = [&](const std::string& body) {
    return f.request("PUT", key_path(coop), body,
                     {{"content-type", "application/json"}, {"authorization", "Bearer " + coop.token}});
  };

  SECTION("not base64") { expect_error(put(R"({"public_key": "not base64!"})"), 400, "/public_key"); }
  SECTION("unpadded base64") {
    std::string b64 = key.public_key_base64();
    REQUIRE(b64.back() == '=');
    expect_error(put(json{{"public_key", b64.substr(0, b64.size() - 1)}}.dump()), 400, "/public_key");
  }
  SECTION("31 bytes") {
    auto r = put(json{{"public_key", ledger::base64_encode(raw.substr(0, 31))}}.dump());
    CHECK_THAT(expect_error(r, 400, "/public_key"), Catch::Contains("32"));
  }
  SECTION("33 bytes") {
    expect_error(put(json{{"public_key", ledger::base64_encode(raw + "x")}}.dump()), 400, "/public_key");
  }
  SECTION("a number") { expect_error(put(R"({"public_key": 42})"), 400, "/public_key"); }
  SECTION("an extra field") {
    expect_error(put(json{{"public_key", key.public_key_base64()}, {"key_id", "00000000"}}.dump()), 400, "/key_id");
  }
  SECTION("no public_key") { CHECK(put("{}").status == 400); }
  SECTION("not JSON") { expect_error(put("public_key=abc"), 400, ""); }
  SECTION("duplicate keys") {
    std::string b64 = key.public_key_base64();
    expect_error(put(R"({"public_key": ")" + b64 + R"(", "public_key": ")" + b64 + R"("})"), 400, "");
  }
  CHECK(f.log_size() == before);
  CHECK(f.get(key_path(coop)).status == 404);
}

TEST_CASE("rotating a key needs a signature by the current key", "[web][party_key]") {
  Fixture f;
  Party coop = f.party("轮换合作社");
  auto old_key = new_key();
  auto new_key_ = new_key();
  json first = register_key(f, coop, old_key);
  int64_t before = f.log_size();
  const std::string path = key_path(coop);

  SECTION("unsigned is 401 and names the Signature header") {
    auto r = send(f, "PUT", path, key_body(new_key_), coop.token);
    CHECK_THAT(expect_error(r, 401, ""), Catch::Contains("Signature"));
    CHECK(f.log_size() == before);
  }
  SECTION("signed by the new key is 403 naming the current key id") {
    auto r = send(f, "PUT", path, key_body(new_key_), coop.token,
                  signature_for(new_key_, key_body(new_key_), coop.id, path, "PUT"));
    CHECK_THAT(expect_error(r, 403, ""), Catch::Contains(first["key_id"].get<std::string>()));
    CHECK(f.log_size() == before);
  }
  SECTION("signed by the current key it lands, and only the new key signs from then on") {
    std::string sig = signature_for(old_key, key_body(new_key_), coop.id, path, "PUT");
    auto r = send(f, "PUT", path, key_body(new_key_), coop.token, sig);
    INFO(r.body);
    REQUIRE(r.status == 201);
    json rotated = json_of(r);
    CHECK(rotated["set_by"] == "party");
    CHECK(rotated["public_key"] == new_key_.public_key_base64());
    CHECK(rotated["signature"]["key_id"] == first["key_id"]);  // signed by the key it replaces
    CHECK(rotated["signature"]["signed"]["method"] == "PUT");
    CHECK(rotated["signature"]["signed"]["path"] == path);
    CHECK(json_of(f.get(path))["id"] == rotated["id"]);

    json site = {{"name", "新果园"}, {"kind", "orchard"}};
    auto by_old = signed_post(f, "/api/v1/sites", site, coop, old_key);
    CHECK_THAT(expect_error(by_old, 403, ""), Catch::Contains(rotated["key_id"].get<std::string>()));
    auto by_new = signed_post(f, "/api/v1/sites", site, coop, new_key_);
    INFO(by_new.body);
    CHECK(by_new.status == 201);

    // The same signed rotation cannot be replayed to put the key back later.
    CHECK(send(f, "PUT", path, key_body(new_key_), coop.token, sig).status == 403);  // old key no longer current
  }
}

TEST_CASE("the admin resets a lost key without any signature", "[web][party_key]") {
  Fixture f;
  Party coop = f.party("丢钥合作社");
  auto lost = new_key();
  auto fresh = new_key();
  register_key(f, coop, lost);
  auto r = send(f, "PUT", key_path(coop), key_body(fresh), kAdminToken);
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK(json_of(r)["set_by"] == "admin");
  CHECK_FALSE(json_of(r).contains("signature"));
  json site = {{"name", "果园"}, {"kind", "orchard"}};
  CHECK(signed_post(f, "/api/v1/sites", site, coop, lost).status == 403);
  CHECK(signed_post(f, "/api/v1/sites", site, coop, fresh).status == 201);
  // The history stays in the log: both registrations are records.
  CHECK(leaf_record(f, json_of(r)["leaf_index"])["set_by"] == "admin");
}
