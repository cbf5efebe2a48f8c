#include "test_log.h"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "ledger/base64.h"
#include "ledger/merkle.h"
#include "ledger/producer_public_key.h"
#include "ledger/producer_request.h"
#include "ledger/stored_tree.h"
#include "store/database.h"

namespace verifytest {
namespace {

using nlohmann::json;

std::string b64(const ledger::Hash& h) {
  return ledger::base64_encode({reinterpret_cast<const char*>(h.data()), h.size()});
}

json hashes_json(const std::vector<ledger::Hash>& hashes) {
  json out = json::array();
  for (const auto& h : hashes) out.push_back(b64(h));
  return out;
}

ledger::ProducerKey new_key() {
  auto key = ledger::ProducerKey::generate();
  if (!key) throw std::runtime_error(key.error().message);
  return std::move(*key);
}

}  // namespace

TestLog::TestLog(const std::string& key_path) {
  ledger::LedgerOptions options;
  options.key_path = key_path;
  ledger_ = std::make_unique<ledger::Ledger>(dir_.file("log.db"), options);
}

int64_t TestLog::add(const json& record) {
  int64_t index = -1;
  auto leaves = ledger_->append([&](ledger::Ledger::Txn& t) -> domain::Status {
    auto leaf = t.add(record.at("type").get<std::string>(), record.at("id").get<std::string>(), record);
    if (!leaf) return leaf.error();
    index = *leaf;
    return domain::Ok{};
  });
  REQUIRE(leaves);
  return index;
}

void TestLog::add_all(const std::vector<json>& records) {
  for (const auto& r : records) add(r);
}

json TestLog::bundle(const std::string& batch, std::optional<int64_t> old_size,
                     const std::vector<int64_t>& only) const {
  store::Database db(dir_.file("log.db"), store::Database::Mode::read_only);
  store::Queries reader(db);
  store::ReadSnapshot snapshot(db);
  auto checkpoint = reader.latest_checkpoint();
  REQUIRE(checkpoint);
  ledger::StoredTree tree(reader, static_cast<uint64_t>(checkpoint->size));
  std::vector<int64_t> leaves = only;
  if (leaves.empty())
    for (int64_t i = 0; i < checkpoint->size; ++i) leaves.push_back(i);
  json records = json::array();
  for (int64_t i : leaves) {
    auto entry = reader.log_entry(i);
    REQUIRE(entry);
    auto proof = ledger::inclusion_proof(static_cast<uint64_t>(i), tree.size(), tree);
    REQUIRE(proof);
    records.push_back({{"leaf_index", i},
                       {"kind", entry->kind},
                       {"record_id", entry->record_id},
                       {"leaf_data_base64", ledger::base64_encode(entry->leaf)},
                       {"record", json::parse(entry->leaf)},
                       {"inclusion_proof", hashes_json(*proof)}});
  }
  json out = {{"format", "agritrace-evidence/1"},
              {"batch", batch},
              {"checkpoint_note_text", checkpoint->note},
              {"tree_size", checkpoint->size},
              {"records", records}};
  if (old_size) {
    auto root = ledger::root(static_cast<uint64_t>(*old_size), tree);
    auto proof = ledger::consistency_proof(static_cast<uint64_t>(*old_size), tree.size(), tree);
    REQUIRE(root);
    REQUIRE(proof);
    out["old_size"] = *old_size;
    out["old_root"] = b64(*root);
    out["consistency_proof"] = hashes_json(*proof);
  }
  return out;
}

json TestLog::proof(int64_t leaf_index) const {
  json b = bundle("", std::nullopt, {leaf_index});
  json r = b["records"][0];
  return {{"checkpoint_note_text", b["checkpoint_note_text"]},
          {"leaf_index", leaf_index},
          {"leaf_data_base64", r["leaf_data_base64"]},
          {"record", r["record"]},
          {"inclusion_proof", r["inclusion_proof"]}};
}

Chain::Chain() : shop_key(new_key()) {
  const json farm_site = {{"party", "pty_farm"}, {"site", "sit_farm"}};
  auto with = [](json base, const json& extra) {
    base.update(extra);
    return base;
  };
  auto batch = [&](const std::string& id, const std::string& quantity) {
    return with(farm_site, {{"type", "batch"},
                            {"id", id},
                            {"product", "prd_honey"},
                            {"quantity", quantity},
                            {"unit", "kg"},
                            {"gtin", "06906123000115"},
                            {"lot", id.substr(4)},
                            {"produced_at", "2026-07-18T10:00:00+08:00"}});
  };
  const json parents = json::array({{{"batch", "bat_a"}, {"quantity", "60"}, {"unit", "kg"}},
                                    {{"batch", "bat_b"}, {"quantity", "50"}, {"unit", "kg"}}});
  records = {
      {{"type", "party"},
       {"id", "pty_farm"},
       {"name", "沁水县蜂业专业合作社"},
       {"kind", "cooperative"},
       {"county", "沁水县"}},
      {{"type", "party"}, {"id", "pty_shop"}, {"name", "宁脆优选网店"}, {"kind", "shop"}, {"county", "大宁县"}},
      {{"type", "site"}, {"id", "sit_farm"}, {"party", "pty_farm"}, {"name", "端氏镇荆条蜂场"}, {"kind", "apiary"}},
      {{"type", "site"}, {"id", "sit_shop"}, {"party", "pty_shop"}, {"name", "发货仓"}, {"kind", "warehouse"}},
      {{"type", "product"},
       {"id", "prd_honey"},
       {"party", "pty_farm"},
       {"gtin", "06906123000115"},
       {"name", "沁水原蜜"},
       {"unit", "kg"}},
      batch("bat_a", "100"),
      batch("bat_b", "50"),
      with(batch("bat_c", "110"), {{"made_by", "evt_blend"}, {"parents", parents}}),
      with(farm_site,
           {{"type", "event"},
            {"id", "evt_blend"},
            {"kind", "transform"},
            {"process", "过滤、混合"},
            {"inputs", parents},
            {"outputs", json::array({{{"batch", "bat_c"}, {"lot", "c"}, {"quantity", "110"}, {"unit", "kg"}}})}}),
      with(farm_site,
           {{"type", "event"}, {"id", "evt_inspect"}, {"kind", "inspect"}, {"batch", "bat_c"}, {"result", "pass"}}),
      with(farm_site, {{"type", "event"},
                       {"id", "evt_ship"},
                       {"kind", "ship"},
                       {"batch", "bat_c"},
                       {"quantity", "40"},
                       {"unit", "kg"},
                       {"to", "pty_shop"}}),
      {{"type", "party_key"},
       {"id", "pky_shop"},
       {"party", "pty_shop"},
       {"public_key", shop_key.public_key_base64()},
       {"key_id", ledger::producer_key_id(shop_key.public_key())},
       {"set_by", "party"}},
      {{"type", "event"},
       {"id", "evt_receive"},
       {"kind", "receive"},
       {"batch", "bat_c"},
       {"party", "pty_shop"},
       {"site", "sit_shop"},
       {"shipment", "evt_ship"},
       {"from", "pty_farm"},
       {"quantity", "40"},
       {"unit", "kg"}},
      {{"type", "event"},
       {"id", "evt_sell"},
       {"kind", "sell"},
       {"batch", "bat_c"},
       {"party", "pty_shop"},
       {"site", "sit_shop"},
       {"quantity", "1"},
       {"unit", "kg"}},
  };
  sign((*this)["evt_receive"], shop_key, {{"kind", "receive"}, {"shipment", "evt_ship"}, {"site", "sit_shop"}});
  sign((*this)["evt_sell"], shop_key, {{"kind", "sell"}, {"batch", "bat_c"}, {"quantity", "1"}, {"site", "sit_shop"}});
}

size_t Chain::at(const std::string& id) const {
  for (size_t i = 0; i < records.size(); ++i)
    if (records[i]["id"] == id) return i;
  throw std::out_of_range("no record " + id + " in the chain");
}

void Chain::sign(json& record, const ledger::ProducerKey& key, const json& body, const std::string& path) {
  json signed_request = ledger::producer_request(body, "POST", record["party"].get<std::string>(), path);
  auto message = ledger::producer_request_bytes(signed_request);
  REQUIRE(message);
  auto signature = key.sign(*message);
  REQUIRE(signature);
  record["signature"] = {{"alg", "ed25519"},
                         {"key_id", ledger::producer_key_id(key.public_key())},
                         {"value", ledger::base64_encode(*signature)},
                         {"signed", signed_request}};
}

}  // namespace verifytest
