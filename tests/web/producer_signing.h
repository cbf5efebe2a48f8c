// Test helpers for producer signatures: register a party's key, sign requests the way a producer's
// client does (ledger::ProducerKey over the canonical {"body","method","party","path"}), and send them
// through the Router. Header-only; not thread-safe (one Fixture per test).
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "fixture.h"
#include "ledger/base64.h"
#include "ledger/producer_key.h"
#include "ledger/producer_request.h"

namespace webtest {

inline ledger::ProducerKey new_key() {
  auto key = ledger::ProducerKey::generate();
  REQUIRE(key);
  return std::move(*key);
}

// The Signature header value for `body` sent as method/path by `party`.
inline std::string signature_for(const ledger::ProducerKey& key, const nlohmann::json& body, const std::string& party,
                                 const std::string& path, const std::string& method = "POST") {
  auto message = ledger::producer_request_bytes(ledger::producer_request(body, method, party, path));
  REQUIRE(message);
  auto sig = key.sign(*message);
  REQUIRE(sig);
  return "ed25519=" + ledger::base64_encode(*sig);
}

// A write with the party's token and, unless empty, the given Signature header value.
inline http::Response send(Fixture& f, const std::string& method, const std::string& path, const nlohmann::json& body,
                           const std::string& token, const std::string& signature = {}) {
  Headers headers = {{"content-type", "application/json"}};
  if (!token.empty()) headers.emplace_back("authorization", "Bearer " + token);
  if (!signature.empty()) headers.emplace_back("signature", signature);
  return f.request(method, path, body.dump(), headers);
}

// POST signed by `key` for `party`.
inline http::Response signed_post(Fixture& f, const std::string& path, const nlohmann::json& body, const Party& party,
                                  const ledger::ProducerKey& key) {
  return send(f, "POST", path, body, party.token, signature_for(key, body, party.id, path));
}

inline std::string key_path(const Party& party) { return "/api/v1/parties/" + party.id + "/key"; }

inline nlohmann::json key_body(const ledger::ProducerKey& key) { return {{"public_key", key.public_key_base64()}}; }

// The party's first key, registered unsigned with its own token (REQUIREs 201).
inline nlohmann::json register_key(Fixture& f, const Party& party, const ledger::ProducerKey& key) {
  auto r = send(f, "PUT", key_path(party), key_body(key), party.token);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return json_of(r);
}

// The record stored at a leaf, parsed from the leaf bytes themselves.
inline nlohmann::json leaf_record(Fixture& f, int64_t leaf_index) {
  auto r = f.get("/api/v1/log/entries/" + std::to_string(leaf_index));
  REQUIRE(r.status == 200);
  auto bytes = ledger::base64_decode(json_of(r)["leaf_data_base64"].get<std::string>());
  REQUIRE(bytes);
  return nlohmann::json::parse(*bytes);
}

}  // namespace webtest
