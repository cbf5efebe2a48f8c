// The signed log as clients see it: receipts on writes, GET /checkpoint, GET /api/v1/log/key.
#include <catch2/catch.hpp>

#include "fixture.h"
#include "ledger/checkpoint.h"
#include "ledger/note_verifier.h"

using webtest::Fixture;
using webtest::json_of;

TEST_CASE("writes carry a receipt for the checkpoint served at /checkpoint") {
  Fixture f;
  CHECK(f.get("/checkpoint").status == 404);  // nothing signed yet
  auto farm = f.party("收据测试农场", "farm");
  auto site = json_of(f.post("/api/v1/sites", {{"name", "果园"}, {"kind", "orchard"}}, farm.token));
  REQUIRE(site.contains("receipt"));
  const auto& receipt = site["receipt"];
  CHECK(receipt["leaf_index"] == site["leaf_index"]);
  CHECK(receipt["leaf_hash"].get<std::string>().size() == 44);
  CHECK(receipt["inclusion_proof"].is_array());

  auto checkpoint = f.get("/checkpoint");
  REQUIRE(checkpoint.status == 200);
  CHECK(checkpoint.header("content-type") == "text/plain; charset=utf-8");
  CHECK(checkpoint.body == receipt["checkpoint_note_text"].get<std::string>());

  auto key = f.get("/api/v1/log/key");
  REQUIRE(key.status == 200);
  std::string vkey = key.body.substr(0, key.body.find('\n'));
  auto verifier = ledger::NoteVerifier::from_key(vkey);
  REQUIRE(verifier);
  auto text = verifier->open(checkpoint.body);
  REQUIRE(text);
  auto cp = ledger::Checkpoint::parse(*text);
  REQUIRE(cp);
  CHECK(cp->size == static_cast<uint64_t>(f.log_size()));
}

TEST_CASE("a refused write signs nothing new") {
  Fixture f;
  auto farm = f.party("拒绝测试农场", "farm");
  auto before = f.get("/checkpoint").body;
  auto refused = f.post("/api/v1/sites", {{"name", "果园"}, {"kind", "volcano"}}, farm.token);
  CHECK(refused.status == 400);
  CHECK(f.get("/checkpoint").body == before);
}
