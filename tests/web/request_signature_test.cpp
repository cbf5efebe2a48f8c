// Producer signatures on every party write (sites, products, batches, events): unsigned writes of a
// party with a key are 401, bad signatures 403, replays 409, a Signature without a key 422; signed
// writes land with the signature in their leaf, re-checkable from the leaf bytes alone. Also the
// checks made again inside the ledger transaction (a key changed or a replay racing the first use).
#include "web/request_signature.h"

#include <catch2/catch.hpp>

#include "fixture.h"
#include "ledger/canonical_json.h"
#include "ledger/digest.h"
#include "ledger/producer_public_key.h"
#include "producer_signing.h"
#include "web/record_writer.h"

using nlohmann::json;
using namespace webtest;

namespace {

// A party with a site, a product and a batch recorded before it registered its key.
struct Keyed {
  Fixture f;
  Party coop = f.party("吉县苹果合作社", "cooperative", "吉县");
  std::string orchard = f.site(coop, "壶口镇果园");
  std::string gtin = "0" + with_check_digit("690612300051");
  json product = f.product(coop, gtin, "kg", "吉县苹果");
  std::string batch = f.batch(coop, orchard, gtin, "JX-2610-A", "800", "kg")["id"];
  ledger::ProducerKey key = new_key();
  json key_record = register_key(f, coop, key);
  std::string key_id = key_record["key_id"];

  json site_body() const { return {{"name", "新果园"}, {"kind", "orchard"}}; }
  json product_body() const {
    return {
        {"gtin", with_check_digit("690612300068")}, {"name", "吉县苹果礼盒"}, {"category", "apple"}, {"unit", "kg"}};
  }
  json batch_body() const {
    return {{"gtin", gtin}, {"lot", "JX-2610-B"}, {"quantity", "500"},
            {"unit", "kg"}, {"site", orchard},    {"produced_at", "2026-10-12T09:00:00+08:00"}};
  }
  json event_body(const std::string& method = "糖度检测") const {
    return {{"kind", "inspect"}, {"batch", batch},  {"site", orchard}, {"at", "2026-10-13T10:00:00+08:00"},
            {"result", "pass"},  {"method", method}};
  }
};

struct Write {
  const char* path;
  json body;
};

std::vector<Write> writes(const Keyed& k) {
  return {{"/api/v1/sites", k.site_body()},
          {"/api/v1/products", k.product_body()},
          {"/api/v1/batches", k.batch_body()},
          {"/api/v1/events", k.event_body()}};
}

// What a signed write returns: the record's leaf index (a batch answers its view, with leaf_index too).
int64_t leaf_of(const http::Response& r) { return json_of(r)["leaf_index"].get<int64_t>(); }

}  // namespace

TEST_CASE("a party with a key must sign every write", "[web][signature]") {
  Keyed k;
  int64_t before = k.f.log_size();
  for (const auto& w : writes(k)) {
    INFO(w.path);
    auto r = send(k.f, "POST", w.path, w.body, k.coop.token);
    std::string message = expect_error(r, 401, "");
    CHECK_THAT(message, Catch::Contains("Signature: ed25519=") && Catch::Contains(k.key_id));
  }
  CHECK(k.f.log_size() == before);
}

TEST_CASE("signatures that do not verify are 403 naming the key id", "[web][signature]") {
  Keyed k;
  int64_t before = k.f.log_size();
  auto other = new_key();
  Party stranger = k.f.party("另一合作社");
  before = k.f.log_size();
  for (const auto& w : writes(k)) {
    INFO(w.path);
    std::string good = signature_for(k.key, w.body, k.coop.id, w.path);
    json changed = w.body;
    changed["zz_extra"] = "x";  // any other body (the signed one is not what arrives)
    std::vector<std::pair<std::string, std::string>> bad = {
        {"garbage", "ed25519=abc"},
        {"no scheme", good.substr(8)},
        {"another scheme", "rsa=" + good.substr(8)},
        {"truncated", "ed25519=" + ledger::base64_encode(ledger::base64_decode(good.substr(8))->substr(0, 63))},
        {"another key", signature_for(other, w.body, k.coop.id, w.path)},
        {"another body", signature_for(k.key, changed, k.coop.id, w.path)},
        {"another path", signature_for(k.key, w.body, k.coop.id, "/api/v1/other")},
        {"another method", signature_for(k.key, w.body, k.coop.id, w.path, "PUT")},
        {"another party", signature_for(k.key, w.body, stranger.id, w.path)},
    };
    for (const auto& [what, header] : bad) {
      INFO(what);
      auto r = send(k.f, "POST", w.path, w.body, k.coop.token, header);
      CHECK_THAT(expect_error(r, 403, ""), Catch::Contains(k.key_id));
    }
    // The body must be the signed one exactly as JSON: signed over {…}, sent with an extra field.
    auto r = send(k.f, "POST", w.path, changed, k.coop.token, good);
    expect_error(r, 403, "");
    // Two Signature headers are refused rather than picking one.
    Headers twice = {{"content-type", "application/json"},
                     {"authorization", "Bearer " + k.coop.token},
                     {"signature", good},
                     {"signature", good}};
    expect_error(k.f.request("POST", w.path, w.body.dump(), twice), 403, "");
  }
  CHECK(k.f.log_size() == before);
}

TEST_CASE("signed writes land with the signature in their leaf", "[web][signature]") {
  Keyed k;
  auto verifier = ledger::ProducerPublicKey::from_base64(k.key.public_key_base64());
  REQUIRE(verifier);
  for (const auto& w : writes(k)) {
    INFO(w.path);
    std::string header = signature_for(k.key, w.body, k.coop.id, w.path);
    auto r = send(k.f, "POST", w.path, w.body, k.coop.token, header);
    INFO(r.body);
    REQUIRE(r.status == 201);
    json leaf = leaf_record(k.f, leaf_of(r));
    REQUIRE(leaf.contains("signature"));
    const json& sig = leaf["signature"];
    CHECK(sig["alg"] == "ed25519");
    CHECK(sig["key_id"] == k.key_id);
    CHECK("ed25519=" + sig["value"].get<std::string>() == header);
    CHECK(sig["signed"] == json({{"body", w.body}, {"method", "POST"}, {"party", k.coop.id}, {"path", w.path}}));
    CHECK(leaf["party"] == k.coop.id);
    // Anyone holding the party_key record re-checks it from the leaf alone.
    CHECK(verifier->check(sig));
    json tampered = sig;
    tampered["signed"]["body"]["zz"] = 1;
    CHECK(verifier->check(tampered).error().code == domain::Errc::unprocessable);
  }
}

TEST_CASE("the signed message is the canonical JSON of body method party and path", "[web][signature]") {
  Keyed k;
  // Built by hand, byte for byte (RFC 8785: keys sorted, no spaces, UTF-8 literal), not by the helper.
  std::string message = R"({"body":{"kind":"orchard","name":"南堡村果园"},"method":"POST","party":")" + k.coop.id +
                        R"(","path":"/api/v1/sites"})";
  auto sig = k.key.sign(message);
  REQUIRE(sig);
  // Sent with other spacing and key order: the signature is over the JSON, not the bytes sent.
  std::string sent = "{ \"name\" : \"南堡村果园\",\n  \"kind\": \"orchard\" }";
  auto r = k.f.request("POST", "/api/v1/sites", sent,
                       {{"content-type", "application/json"},
                        {"authorization", "Bearer " + k.coop.token},
                        {"signature", "ed25519=" + ledger::base64_encode(*sig)}});
  INFO(r.body);
  REQUIRE(r.status == 201);
  json leaf = leaf_record(k.f, leaf_of(r));
  auto canonical = ledger::canonicalize(leaf["signature"]["signed"]);
  REQUIRE(canonical);
  CHECK(*canonical == message);
}

TEST_CASE("a replayed signed request is 409 and writes nothing", "[web][signature]") {
  Keyed k;
  for (const auto& w : writes(k)) {
    INFO(w.path);
    std::string header = signature_for(k.key, w.body, k.coop.id, w.path);
    auto first = send(k.f, "POST", w.path, w.body, k.coop.token, header);
    INFO(first.body);
    REQUIRE(first.status == 201);
    int64_t after = k.f.log_size();
    auto again = send(k.f, "POST", w.path, w.body, k.coop.token, header);
    CHECK_THAT(expect_error(again, 409, ""), Catch::Contains("already accepted"));
    CHECK(k.f.log_size() == after);
  }
  // A request refused for another reason does not use its signature up: fixed, it goes through once.
  json ghost = k.event_body();
  ghost["site"] = "sit_nope";
  std::string header = signature_for(k.key, ghost, k.coop.id, "/api/v1/events");
  expect_error(send(k.f, "POST", "/api/v1/events", ghost, k.coop.token, header), 422, "/site");
  expect_error(send(k.f, "POST", "/api/v1/events", ghost, k.coop.token, header), 422, "/site");
}

TEST_CASE("a Signature from a party without a key is 422", "[web][signature]") {
  Fixture f;
  Party coop = f.party("无钥合作社");
  auto key = new_key();
  json body = {{"name", "果园"}, {"kind", "orchard"}};
  int64_t before = f.log_size();
  auto r = signed_post(f, "/api/v1/sites", body, coop, key);
  CHECK_THAT(expect_error(r, 422, ""), Catch::Contains("PUT /api/v1/parties/" + coop.id + "/key"));
  CHECK(f.log_size() == before);
  // Without it, unsigned writes go on as before, and their records carry no signature.
  auto plain = send(f, "POST", "/api/v1/sites", body, coop.token);
  REQUIRE(plain.status == 201);
  CHECK_FALSE(leaf_record(f, leaf_of(plain)).contains("signature"));
}

TEST_CASE("the key and replay checks are made again inside the write's transaction", "[web][signature]") {
  Keyed k;
  web::App& app = k.f.app();
  auto party = app.reader().party(k.coop.id);
  REQUIRE(party);
  json body = k.site_body();
  auto check = [&](const std::string& header) {
    http::Request request{"POST", "/api/v1/sites", {{"authorization", "Bearer " + k.coop.token}}, body.dump(), ""};
    if (!header.empty()) request.headers.emplace_back("signature", header);
    web::RouteContext ctx{request, "/api/v1/sites", {}, {}};
    auto checked = web::RequestSignature::check(app, ctx, *party);
    REQUIRE(checked);
    return *checked;
  };
  auto append_site = [&](const web::RequestSignature& sig) {
    json record = {{"type", "site"}, {"id", "sit_" + ledger::random_hex(8)}, {"party", k.coop.id}, {"name", "x"}};
    return web::append_record(
        app, "site", record,
        [&](ledger::Ledger::Txn& t, const json& r, int64_t leaf) {
          t.write().insert_site(store::SiteRow{r["id"], k.coop.id, r.dump(), leaf});
          return domain::Status(domain::Ok{});
        },
        &sig);
  };

  SECTION("the same signature checked twice before either is written: only the first lands") {
    std::string header = signature_for(k.key, body, k.coop.id, "/api/v1/sites");
    auto a = check(header);
    auto b = check(header);  // passes: nothing was written yet
    REQUIRE(append_site(a));
    int64_t after = k.f.log_size();
    auto second = append_site(b);
    REQUIRE_FALSE(second);
    CHECK(second.error().code == domain::Errc::conflict);
    CHECK(k.f.log_size() == after);
  }
  SECTION("a key replaced between the check and the write refuses it") {
    auto sig = check(signature_for(k.key, body, k.coop.id, "/api/v1/sites"));
    auto fresh = new_key();
    REQUIRE(send(k.f, "PUT", key_path(k.coop), key_body(fresh), kAdminToken).status == 201);
    int64_t before = k.f.log_size();
    auto out = append_site(sig);
    REQUIRE_FALSE(out);
    CHECK(out.error().code == domain::Errc::forbidden);
    CHECK(k.f.log_size() == before);
  }
  SECTION("a key registered between an unsigned check and the write refuses it") {
    Party plain = k.f.party("尚无钥匙");
    auto plain_row = app.reader().party(plain.id);
    http::Request request{"POST", "/api/v1/sites", {}, body.dump(), ""};
    web::RouteContext ctx{request, "/api/v1/sites", {}, {}};
    auto unsigned_ok = web::RequestSignature::check(app, ctx, *plain_row);
    REQUIRE(unsigned_ok);
    CHECK_FALSE(unsigned_ok->is_signed());
    register_key(k.f, plain, new_key());
    int64_t before = k.f.log_size();
    json record = {{"type", "site"}, {"id", "sit_" + ledger::random_hex(8)}, {"party", plain.id}, {"name", "x"}};
    auto out = web::append_record(
        app, "site", record,
        [&](ledger::Ledger::Txn& t, const json& r, int64_t leaf) {
          t.write().insert_site(store::SiteRow{r["id"], plain.id, r.dump(), leaf});
          return domain::Status(domain::Ok{});
        },
        &*unsigned_ok);
    REQUIRE_FALSE(out);
    CHECK(out.error().code == domain::Errc::unauthorized);
    CHECK(k.f.log_size() == before);
  }
}
