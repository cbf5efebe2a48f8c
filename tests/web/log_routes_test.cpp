// The signed log as clients see it: receipts on writes, GET /checkpoint, GET /api/v1/log/key.
#include <catch2/catch.hpp>

#include "fixture.h"
#include "ledger/base64.h"
#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
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

namespace {

std::vector<ledger::Hash> hashes(const nlohmann::json& list) {
  std::vector<ledger::Hash> out;
  for (const auto& item : list) {
    auto raw = ledger::base64_decode(item.get<std::string>());
    REQUIRE(raw);
    REQUIRE(raw->size() == 32);
    ledger::Hash h;
    std::copy(raw->begin(), raw->end(), h.begin());
    out.push_back(h);
  }
  return out;
}

ledger::Checkpoint open_checkpoint(Fixture& f, const std::string& note) {
  auto key = f.get("/api/v1/log/key").body;
  auto text = ledger::NoteVerifier::from_key(key.substr(0, key.find('\n')))->open(note);
  REQUIRE(text);
  auto cp = ledger::Checkpoint::parse(*text);
  REQUIRE(cp);
  return *cp;
}

}  // namespace

TEST_CASE("a record's proof and a consistency proof verify against signed checkpoints") {
  Fixture f;
  auto farm = f.party("证明测试农场", "farm");
  std::string site = f.site(farm, "果园");
  auto early = json_of(f.get("/api/v1/records/" + site + "/proof"));
  auto old_cp = open_checkpoint(f, early["checkpoint_note_text"]);
  for (int i = 0; i < 5; ++i) f.site(farm, "果园" + std::to_string(i));

  auto proof = json_of(f.get("/api/v1/records/" + site + "/proof?old_size=" + std::to_string(old_cp.size)));
  auto cp = open_checkpoint(f, proof["checkpoint_note_text"]);
  CHECK(cp.size == static_cast<uint64_t>(f.log_size()));
  auto leaf = ledger::base64_decode(proof["leaf_data_base64"].get<std::string>());
  REQUIRE(leaf);
  CHECK(nlohmann::json::parse(*leaf)["id"] == site);
  auto path = hashes(proof["inclusion_proof"]);
  CHECK(ledger::verify_inclusion(ledger::leaf_hash(*leaf), proof["leaf_index"].get<uint64_t>(), cp.size, path, cp.root));
  CHECK_FALSE(ledger::verify_inclusion(ledger::leaf_hash(*leaf + " "), proof["leaf_index"].get<uint64_t>(), cp.size, path, cp.root));
  CHECK(ledger::verify_consistency(old_cp.size, cp.size, old_cp.root, cp.root, hashes(proof["consistency_proof"])));

  auto consistency = json_of(f.get("/api/v1/log/proof/consistency?old=" + std::to_string(old_cp.size) +
                                   "&new=" + std::to_string(cp.size)));
  CHECK(ledger::verify_consistency(old_cp.size, cp.size, old_cp.root, cp.root, hashes(consistency["consistency_proof"])));

  auto entry = json_of(f.get("/api/v1/log/entries/" + std::to_string(proof["leaf_index"].get<int64_t>())));
  CHECK(entry["record"]["id"] == site);
  CHECK(f.get("/api/v1/log/entries/999999").status == 404);
  CHECK(f.get("/api/v1/records/nope/proof").status == 404);
  CHECK(f.get("/api/v1/log/proof/consistency?old=5&new=2").status == 400);
  CHECK(f.get("/api/v1/log/proof/consistency?old=x&new=2").status == 400);
}
