// GET /api/v1/batches/{id}/evidence: the batch's whole family and story with a proof for each record,
// all against one signed checkpoint, and the consistency proof asked for with ?old_size.
#include <catch2/catch.hpp>
#include <set>

#include "event_chain.h"
#include "fixture.h"
#include "ledger/base64.h"
#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "ledger/note_verifier.h"
#include "ledger/producer_key.h"

using nlohmann::json;
using namespace webtest;

namespace {

ledger::Hash hash_of(const json& b64) {
  auto raw = ledger::base64_decode(b64.get<std::string>());
  REQUIRE(raw);
  REQUIRE(raw->size() == 32);
  ledger::Hash h;
  std::copy(raw->begin(), raw->end(), h.begin());
  return h;
}

std::vector<ledger::Hash> hashes(const json& list) {
  std::vector<ledger::Hash> out;
  for (const auto& item : list) out.push_back(hash_of(item));
  return out;
}

ledger::Checkpoint open_checkpoint(Fixture& f, const std::string& note) {
  auto key = f.get("/api/v1/log/key").body;
  auto verifier = ledger::NoteVerifier::from_key(key.substr(0, key.find('\n')));
  REQUIRE(verifier);
  auto text = verifier->open(note);
  REQUIRE(text);
  auto cp = ledger::Checkpoint::parse(*text);
  REQUIRE(cp);
  return *cp;
}

// A blend and a split below the chain's apples, a shipment of one output to the shop, a correction,
// a stranger's unrelated batch, and a key the admin set for the shop.
struct Family : Chain {
  json second = f.batch(coop, orchard, apples, "DN-B", "50", "kg");
  std::string jars = "0" + with_check_digit("690612300002");
  json jar_product = f.product(coop, jars, "jar", "苹果酱");
  json inspect_a = f.event_ok(coop, inspect());
  json fix_a = f.event_ok(
      coop, inspect({{"corrects", inspect_a["id"]}, {"reason", "方法名称写错"}, {"method", "GB/T 5009.199-2003"}}));
  json blend = f.event_ok(
      coop, {{"kind", "transform"},
             {"site", cold},
             {"at", "2026-10-13T10:00:00+08:00"},
             {"process", "混合"},
             {"inputs", {{{"batch", batch}, {"quantity", "60"}}, {{"batch", second["id"]}, {"quantity", "50"}}}},
             {"outputs", {{{"gtin", apples}, {"lot", "DN-BL"}, {"quantity", "110"}, {"unit", "kg"}}}}});
  std::string blended = blend["outputs"][0]["batch"];
  json split = f.event_ok(coop, {{"kind", "transform"},
                                 {"site", cold},
                                 {"at", "2026-10-14T10:00:00+08:00"},
                                 {"process", "灌装"},
                                 {"inputs", {{{"batch", blended}, {"quantity", "100"}}}},
                                 {"outputs",
                                  {{{"gtin", jars}, {"lot", "J-1"}, {"quantity", "100"}, {"unit", "jar"}},
                                   {{"gtin", jars}, {"lot", "J-2"}, {"quantity", "60"}, {"unit", "jar"}}}}});
  std::string jar1 = split["outputs"][0]["batch"], jar2 = split["outputs"][1]["batch"];
  json shipped = f.event_ok(coop, {{"kind", "ship"},
                                   {"batch", jar1},
                                   {"site", cold},
                                   {"at", "2026-10-21T09:30:00+08:00"},
                                   {"quantity", "40"},
                                   {"unit", "jar"},
                                   {"to", shop.id},
                                   {"carrier", "大宁县冷链物流"},
                                   {"waybill", "DNLL001"}});
  json received = f.event_ok(shop, receive(shipped["id"], shop_wh));
  json sold = f.event_ok(shop, {{"kind", "sell"},
                                {"batch", jar1},
                                {"site", shop_wh},
                                {"at", "2026-10-22T17:45:00+08:00"},
                                {"quantity", "1"},
                                {"unit", "jar"},
                                {"carrier", "顺丰速运"},
                                {"waybill", "SF001"},
                                {"destination", {{"province", "北京市"}, {"city", "朝阳区"}}}});
  json unrelated = f.batch(stranger, stranger_site, apples, "TY-1", "10", "kg");
  std::string shop_key_record = set_shop_key();

  std::string set_shop_key() {
    auto key = ledger::ProducerKey::generate();
    REQUIRE(key);
    auto r =
        f.request("PUT", "/api/v1/parties/" + shop.id + "/key", json{{"public_key", key->public_key_base64()}}.dump(),
                  {{"content-type", "application/json"}, {"authorization", std::string("Bearer ") + kAdminToken}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    return json_of(r)["id"];
  }
};

// Every record of the bundle is its stored leaf, and its proof leads to the bundle's checkpoint.
std::set<std::string> check_bundle(Fixture& f, const json& bundle) {
  CHECK(bundle["format"] == "agritrace-evidence/1");
  auto cp = open_checkpoint(f, bundle["checkpoint_note_text"]);
  CHECK(bundle["tree_size"] == cp.size);
  CHECK(cp.size == static_cast<uint64_t>(f.log_size()));
  std::set<std::string> ids;
  int64_t previous = -1;
  for (const auto& r : bundle["records"]) {
    const auto index = r["leaf_index"].get<int64_t>();
    INFO(index);
    CHECK(index > previous);  // sorted, each leaf once
    previous = index;
    auto leaf = ledger::base64_decode(r["leaf_data_base64"].get<std::string>());
    REQUIRE(leaf);
    CHECK(json::parse(*leaf) == r["record"]);
    CHECK(r["record_id"] == r["record"]["id"]);
    CHECK(r["kind"] == r["record"]["type"]);
    CHECK(ledger::verify_inclusion(ledger::leaf_hash(*leaf), static_cast<uint64_t>(index), cp.size,
                                   hashes(r["inclusion_proof"]), cp.root));
    ids.insert(r["record_id"].get<std::string>());
  }
  return ids;
}

}  // namespace

TEST_CASE("a batch's evidence holds its ancestors, events and the records they name, each proven", "[web][evidence]") {
  Family c;
  auto r = c.f.get("/api/v1/batches/" + c.jar1 + "/evidence");
  INFO(r.body.substr(0, 400));
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type") == "application/json; charset=utf-8");
  CHECK(r.header("content-disposition") == "attachment; filename=\"evidence-J-1.json\"");
  json bundle = json_of(r);
  CHECK(bundle["batch"] == c.jar1);
  CHECK_FALSE(bundle.contains("old_size"));
  auto ids = check_bundle(c.f, bundle);

  const std::string expected[] = {
      c.batch,           c.second["id"],   c.blended,           c.jar1,         // the batch and its ancestors
      c.inspect_a["id"], c.fix_a["id"],    c.blend["id"],       c.split["id"],  // events, the correction too
      c.shipped["id"],   c.received["id"], c.sold["id"],        c.coop.id,        c.shop.id, c.orchard, c.cold,
      c.shop_wh,         c.product["id"],  c.jar_product["id"], c.shop_key_record};
  for (const auto& id : expected) {
    INFO(id);
    CHECK(ids.count(id) == 1);
  }
  CHECK(ids.size() == std::size(expected));
  // Not in this batch's story: the sibling from the same split, and the stranger's batch and records.
  for (const std::string& id : {c.jar2, c.unrelated["id"].get<std::string>(), c.stranger.id, c.stranger_site}) {
    INFO(id);
    CHECK(ids.count(id) == 0);
  }
}

TEST_CASE("an ancestor's evidence holds every descendant and the descendants' other parents", "[web][evidence]") {
  Family c;
  json bundle = json_of(c.f.get("/api/v1/batches/" + c.second["id"].get<std::string>() + "/evidence"));
  auto ids = check_bundle(c.f, bundle);
  for (const std::string& id : {c.batch, c.second["id"].get<std::string>(), c.blended, c.jar1, c.jar2}) {
    INFO(id);
    CHECK(ids.count(id) == 1);
  }
  CHECK(ids.count(c.sold["id"]) == 1);
  CHECK(ids.count(c.unrelated["id"]) == 0);
}

TEST_CASE("evidence with ?old_size carries a consistency proof, and bad requests are refused", "[web][evidence]") {
  Family c;
  auto early = c.f.get("/api/v1/records/" + c.batch + "/proof");
  auto old_cp = open_checkpoint(c.f, json_of(early)["checkpoint_note_text"]);
  c.f.event_ok(c.coop, c.inspect({{"at", "2026-10-12T16:00:00+08:00"}}));

  const std::string path = "/api/v1/batches/" + c.jar1 + "/evidence";
  json bundle = json_of(c.f.get(path + "?old_size=" + std::to_string(old_cp.size)));
  auto cp = open_checkpoint(c.f, bundle["checkpoint_note_text"]);
  CHECK(bundle["old_size"] == old_cp.size);
  CHECK(hash_of(bundle["old_root"]) == old_cp.root);
  CHECK(ledger::verify_consistency(old_cp.size, cp.size, old_cp.root, cp.root, hashes(bundle["consistency_proof"])));
  json same = json_of(c.f.get(path + "?old_size=" + std::to_string(cp.size)));
  CHECK(same["consistency_proof"].empty());
  CHECK(json_of(c.f.get(path + "?old_size=0"))["old_root"] == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");

  CHECK_THAT(expect_error(c.f.get(path + "?old_size=" + std::to_string(cp.size + 1)), 400, "?old_size"),
             Catch::Contains("beyond the newest checkpoint"));
  expect_error(c.f.get(path + "?old_size=abc"), 400, "?old_size");
  expect_error(c.f.get(path + "?old_size=-1"), 400, "?old_size");
  expect_error(c.f.get(path + "?old_size="), 400, "?old_size");
  CHECK_THAT(expect_error(c.f.get("/api/v1/batches/bat_nope/evidence"), 404, ""), Catch::Contains("bat_nope"));
}
