// agritrace-verify's checks (tools/verify/) on evidence cut from a real signed log: a good chain passes,
// and each kind of tampering or inconsistency is reported against the record it is about.
#include "verify/evidence_check.h"

#include <catch2/catch.hpp>

#include "ledger/base64.h"
#include "ledger/checkpoint.h"
#include "ledger/digest.h"
#include "ledger/memory_tree.h"
#include "ledger/merkle.h"
#include "ledger/note_signer.h"
#include "ledger/producer_public_key.h"
#include "test_log.h"
#include "verify/summary.h"

using nlohmann::json;
using verifytest::Chain;
using verifytest::TestLog;

namespace {

ledger::NoteVerifier key_of(const std::string& verifier_key) {
  auto v = ledger::NoteVerifier::from_key(verifier_key);
  REQUIRE(v);
  return std::move(*v);
}

verify::Report check(const json& file, const std::string& verifier_key,
                     const std::optional<std::string>& old_note = std::nullopt) {
  auto parsed = verify::parse_evidence_file(file.dump());
  REQUIRE(parsed);
  auto report = verify::check_evidence(*parsed, key_of(verifier_key), old_note);
  UNSCOPED_INFO(verify::summary_text(report));
  return report;
}

// True when some problem is about `leaf_index` and its English text contains `what`.
bool has_problem(const verify::Report& report, int64_t leaf_index, const std::string& what) {
  for (const auto& p : report.problems())
    if (p.leaf_index == leaf_index && p.en.find(what) != std::string::npos) return true;
  return false;
}

// The file's record entry for a leaf index.
json& entry(json& bundle, int64_t leaf_index) {
  for (auto& r : bundle["records"])
    if (r["leaf_index"] == leaf_index) return r;
  FAIL("no leaf " << leaf_index);
  throw std::logic_error("unreachable");
}

// Leaf bytes, re-encoded after `edit`.
void edit_leaf(json& e, const std::function<void(std::string&)>& edit) {
  auto bytes = ledger::base64_decode(e["leaf_data_base64"].get<std::string>());
  REQUIRE(bytes);
  edit(*bytes);
  e["leaf_data_base64"] = ledger::base64_encode(*bytes);
}

struct GoodChain {
  TestLog log;
  Chain chain;
  GoodChain() { log.add_all(chain.records); }
  int64_t leaf(const std::string& id) const { return static_cast<int64_t>(chain.at(id)); }
};

std::string unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

// A single-record proof over hand-made leaf bytes, signed with ledger.md's test key: for logs that
// the real Ledger would refuse to write (non-canonical leaves, a checkpoint under another origin).
json handmade_proof(const std::vector<std::string>& leaves, size_t index, const std::string& origin,
                    std::string& verifier_key) {
  auto signer = ledger::NoteSigner::from_seed("trace.example.cn/farm-log",
                                              unhex(ledger::sha256_hex("farm-tlog test seed: log key")));
  REQUIRE(signer);
  verifier_key = signer->verifier_key();
  ledger::MemoryTree tree;
  for (const auto& l : leaves) tree.append_leaf(l);
  ledger::Checkpoint cp{origin, tree.size(), tree.root(), {}};
  auto note = signer->sign_note(cp.body());
  REQUIRE(note);
  auto proof = ledger::inclusion_proof(index, tree.size(), tree);
  REQUIRE(proof);
  json hashes = json::array();
  for (const auto& h : *proof)
    hashes.push_back(ledger::base64_encode({reinterpret_cast<const char*>(h.data()), h.size()}));
  return {{"checkpoint_note_text", *note},
          {"leaf_index", index},
          {"leaf_data_base64", ledger::base64_encode(leaves[index])},
          {"record", json::parse(leaves[index])},
          {"inclusion_proof", hashes}};
}

}  // namespace

TEST_CASE("a good chain passes every check, as a bundle and record by record", "[verify]") {
  GoodChain g;
  auto report = check(g.log.bundle("bat_c"), g.log.verifier_key());
  CHECK(report.ok());
  std::string summary = verify::summary_text(report);
  CHECK_THAT(summary,
             Catch::Contains("检查点签名有效 / checkpoint signature valid: agritrace.local/agritrace, 记录数 size 14"));
  CHECK_THAT(summary, Catch::Contains("14 records canonical") && Catch::Contains("chain links hold") &&
                          Catch::Contains("custody holds") && Catch::Contains("producer signatures valid: 2"));
  CHECK_THAT(summary, Catch::EndsWith("全部通过 / all checks passed\n"));
  for (int64_t i = 0; i < g.log.size(); ++i) {
    INFO(i);
    CHECK(check(g.log.proof(i), g.log.verifier_key()).ok());
  }
}

TEST_CASE("one changed byte in a leaf breaks its inclusion proof", "[verify]") {
  GoodChain g;
  json bundle = g.log.bundle("bat_c");
  const int64_t ship = g.leaf("evt_ship");
  edit_leaf(entry(bundle, ship), [](std::string& bytes) { bytes[bytes.find("\"40\"") + 1] = '9'; });
  entry(bundle, ship)["record"]["quantity"] = "90";  // the shown record follows the change
  auto report = check(bundle, g.log.verifier_key());
  CHECK_FALSE(report.ok());
  CHECK(has_problem(report, ship, "inclusion proof does not verify"));
  CHECK_FALSE(has_problem(report, ship, "\"record\" differs"));
  CHECK_THAT(verify::summary_text(report), Catch::Contains("记录 record #" + std::to_string(ship) + " evt_ship") &&
                                               Catch::Contains("验证失败 / verification FAILED"));
}

TEST_CASE("a leaf that is not canonical JSON fails even when the log signed it", "[verify]") {
  std::string vkey;
  const std::vector<std::string> leaves = {R"({"id":"sit_a","type":"site"})", R"({"type":"site", "id":"sit_b"})"};
  auto report = check(handmade_proof(leaves, 1, "trace.example.cn/farm-log", vkey), vkey);
  CHECK(has_problem(report, 1, "not in canonical form"));
  CHECK_FALSE(has_problem(report, 1, "inclusion proof"));
  CHECK(check(handmade_proof(leaves, 0, "trace.example.cn/farm-log", vkey), vkey).ok());
}

TEST_CASE("a record shown differently from its signed leaf is caught", "[verify]") {
  GoodChain g;
  json bundle = g.log.bundle("bat_c");
  const int64_t a = g.leaf("bat_a");
  entry(bundle, a)["record"]["quantity"] = "1000";
  auto report = check(bundle, g.log.verifier_key());
  CHECK(has_problem(report, a, "\"record\" differs from the signed leaf bytes"));
  CHECK(report.problem_count() == 1);  // the checks that follow links read the signed bytes
  json proof = g.log.proof(a);
  proof["record"]["site"] = "sit_elsewhere";
  CHECK(has_problem(check(proof, g.log.verifier_key()), a, "\"record\" differs"));
}

TEST_CASE("another key or another origin does not verify the checkpoint", "[verify]") {
  GoodChain g;
  TestLog other;
  auto wrong_key = check(g.log.bundle("bat_c"), other.verifier_key());
  CHECK_FALSE(wrong_key.ok());
  CHECK_THAT(verify::summary_text(wrong_key), Catch::Contains("checkpoint signature invalid"));

  std::string vkey;
  const std::vector<std::string> leaves = {R"({"id":"sit_a","type":"site"})"};
  auto wrong_origin = check(handmade_proof(leaves, 0, "trace.example.cn/other-log", vkey), vkey);
  CHECK_FALSE(wrong_origin.ok());
  CHECK_THAT(
      verify::summary_text(wrong_origin),
      Catch::Contains("checkpoint origin trace.example.cn/other-log is not the key name trace.example.cn/farm-log"));
}

TEST_CASE("a broken inclusion proof is reported for its record", "[verify]") {
  GoodChain g;
  json bundle = g.log.bundle("bat_c");
  const int64_t c = g.leaf("bat_c"), s = g.leaf("evt_sell");
  auto& proof = entry(bundle, c)["inclusion_proof"];
  proof[0] = proof[1];
  entry(bundle, s)["inclusion_proof"][0] = "not base64";
  auto report = check(bundle, g.log.verifier_key());
  CHECK(has_problem(report, c, "inclusion proof does not verify"));
  CHECK(has_problem(report, s, "inclusion proof does not verify"));
  CHECK(report.problem_count() == 2);
}

TEST_CASE("a bundle missing a parent batch or the transformation fails its chain links", "[verify]") {
  GoodChain g;
  std::vector<int64_t> without_b, without_blend;
  for (int64_t i = 0; i < g.log.size(); ++i) {
    if (i != g.leaf("bat_b")) without_b.push_back(i);
    if (i != g.leaf("evt_blend")) without_blend.push_back(i);
  }
  auto no_parent = check(g.log.bundle("bat_c", std::nullopt, without_b), g.log.verifier_key());
  CHECK(has_problem(no_parent, g.leaf("bat_c"), "parent batch bat_b is not in the file"));
  auto no_transform = check(g.log.bundle("bat_c", std::nullopt, without_blend), g.log.verifier_key());
  CHECK(has_problem(no_transform, g.leaf("bat_c"), "transformation evt_blend (made_by) is not in the file"));
  auto not_asked = check(g.log.bundle("bat_zzz"), g.log.verifier_key());
  CHECK_THAT(verify::summary_text(not_asked), Catch::Contains("the batch asked about (bat_zzz) is not in the file"));
}

TEST_CASE("transformation inputs must equal the batch's parents", "[verify]") {
  TestLog log;
  Chain chain;
  chain["evt_blend"]["inputs"][1]["quantity"] = "45";
  log.add_all(chain.records);
  auto report = check(log.bundle("bat_c"), log.verifier_key());
  CHECK(has_problem(report, static_cast<int64_t>(chain.at("bat_c")), "differ from this batch's parents"));
}

TEST_CASE("a receipt that does not match its shipment is caught", "[verify]") {
  TestLog log;
  Chain chain;
  auto& receive = chain["evt_receive"];
  receive["quantity"] = "30";
  receive["from"] = "pty_shop";
  log.add_all(chain.records);
  auto report = check(log.bundle("bat_c"), log.verifier_key());
  const auto at = static_cast<int64_t>(chain.at("evt_receive"));
  CHECK(has_problem(report, at, "quantity received differs"));
  CHECK(has_problem(report, at, "from = ship.party"));
  CHECK_FALSE(has_problem(report, at, "party = ship.to"));
}

TEST_CASE("shipping more than is held, or acting on a batch never held, fails custody", "[verify]") {
  TestLog log;
  Chain chain;
  chain["evt_ship"]["quantity"] = "200";
  chain["evt_receive"]["quantity"] = "200";
  // The shop inspects the blend before any of it reached the shop.
  json early = {{"type", "event"},     {"id", "evt_early"},  {"kind", "inspect"}, {"batch", "bat_c"},
                {"party", "pty_shop"}, {"site", "sit_shop"}, {"result", "pass"}};
  chain.records.insert(chain.records.begin() + static_cast<long>(chain.at("evt_inspect")), early);
  log.add_all(chain.records);
  auto report = check(log.bundle("bat_c"), log.verifier_key());
  CHECK(has_problem(report, static_cast<int64_t>(chain.at("evt_ship")), "would hold -90 of batch bat_c"));
  CHECK(has_problem(report, static_cast<int64_t>(chain.at("evt_early")), "never held batch bat_c"));
}

TEST_CASE("the bureau acts without custody, and a recall confirmation takes the holder's stock out", "[verify]") {
  // After the chain the farm holds 70 kg of the blend C: the bureau tests and recalls it, the farm
  // confirms it destroyed what it held, and then tries to ship from the destroyed stock.
  const json bureau = {{"type", "party"}, {"id", "pty_bureau"}, {"name", "沁水县市场监督管理局"}, {"kind", "bureau"},
                       {"county", "沁水县"}};
  const json test = {{"type", "event"}, {"id", "evt_bureau_test"}, {"kind", "inspect"}, {"batch", "bat_c"},
                     {"party", "pty_bureau"}, {"site", "sit_farm"}, {"result", "fail"}};
  const json recall = {{"type", "event"}, {"id", "evt_recall"}, {"kind", "recall"}, {"batch", "bat_c"},
                       {"party", "pty_bureau"}, {"level", 1}, {"reason", "检出超标"}};
  auto confirm = [](const std::string& quantity) {
    return json{{"type", "event"}, {"id", "evt_confirm"}, {"kind", "recall_confirm"}, {"recall", "evt_recall"},
                {"batch", "bat_c"}, {"party", "pty_farm"}, {"action", "destroyed"}, {"quantity", quantity},
                {"unit", "kg"}};
  };
  // The chain with the bureau registered first and the test, recall and confirmation at the end.
  auto checked = [&](const std::string& confirmed) {
    TestLog log;
    Chain chain;
    chain.records.insert(chain.records.begin(), bureau);
    for (const json& r : {test, recall, confirm(confirmed)}) chain.records.push_back(r);
    log.add_all(chain.records);
    return std::make_pair(check(log.bundle("bat_c"), log.verifier_key()), static_cast<int64_t>(chain.at("evt_confirm")));
  };
  SECTION("all of it") { CHECK(checked("70").first.ok()); }
  SECTION("more than it held") {
    auto [report, at] = checked("70.5");
    CHECK(has_problem(report, at, "would hold -0.5 of batch bat_c"));
  }
  SECTION("a producer's own test still needs custody") {
    TestLog log;
    Chain chain;
    json self = test;
    self["party"] = "pty_shop";
    self["id"] = "evt_self";
    chain.records.insert(chain.records.begin() + static_cast<long>(chain.at("evt_ship")), self);
    log.add_all(chain.records);
    CHECK(has_problem(check(log.bundle("bat_c"), log.verifier_key()), static_cast<int64_t>(chain.at("evt_self")),
                      "never held batch bat_c"));
  }
}

TEST_CASE("a correction moves nothing: restating a shipment does not count twice", "[verify]") {
  TestLog log;
  Chain chain;
  json restated = chain["evt_ship"];
  restated["id"] = "evt_ship_fix";
  restated["corrects"] = "evt_ship";
  restated["quantity"] = "100";  // would over-ship if it were counted
  chain.records.insert(chain.records.begin() + static_cast<long>(chain.at("evt_ship")) + 1, restated);
  log.add_all(chain.records);
  CHECK(check(log.bundle("bat_c"), log.verifier_key()).ok());
}

TEST_CASE("producer signatures: missing, forged or without a key", "[verify]") {
  SECTION("unsigned after the key was registered") {
    TestLog log;
    Chain chain;
    chain["evt_sell"].erase("signature");
    log.add_all(chain.records);
    auto report = check(log.bundle("bat_c"), log.verifier_key());
    CHECK(has_problem(report, static_cast<int64_t>(chain.at("evt_sell")), "producer signature missing"));
    CHECK(report.problem_count() == 1);
  }
  SECTION("a signature over another request") {
    TestLog log;
    Chain chain;
    chain["evt_sell"]["signature"]["signed"]["body"]["quantity"] = "2";
    log.add_all(chain.records);
    auto report = check(log.bundle("bat_c"), log.verifier_key());
    CHECK(has_problem(report, static_cast<int64_t>(chain.at("evt_sell")), "producer signature invalid"));
  }
  SECTION("signed by another key") {
    TestLog log;
    Chain chain;
    auto other = ledger::ProducerKey::generate();
    REQUIRE(other);
    Chain::sign(chain["evt_sell"], *other, {{"kind", "sell"}});
    log.add_all(chain.records);
    CHECK(has_problem(check(log.bundle("bat_c"), log.verifier_key()), static_cast<int64_t>(chain.at("evt_sell")),
                      "producer signature invalid"));
  }
  SECTION("a signature from a party with no key yet") {
    TestLog log;
    Chain chain;
    Chain::sign(chain["evt_inspect"], chain.shop_key, {{"kind", "inspect"}});
    chain["evt_inspect"]["signature"]["signed"]["party"] = "pty_farm";
    log.add_all(chain.records);
    CHECK(has_problem(check(log.bundle("bat_c"), log.verifier_key()), static_cast<int64_t>(chain.at("evt_inspect")),
                      "pty_farm had registered no key before it"));
  }
  SECTION("a transformation's output batch is covered by the transformation's signature") {
    auto farm_key = ledger::ProducerKey::generate();
    REQUIRE(farm_key);
    json key_record = {{"type", "party_key"},
                       {"id", "pky_farm"},
                       {"party", "pty_farm"},
                       {"public_key", farm_key->public_key_base64()},
                       {"key_id", ledger::producer_key_id(farm_key->public_key())},
                       {"set_by", "party"}};
    Chain chain;
    chain.records.insert(chain.records.begin() + static_cast<long>(chain.at("bat_c")), key_record);
    for (const char* id : {"evt_inspect", "evt_ship"}) Chain::sign(chain[id], *farm_key, {{"kind", "x"}});
    const std::vector<json> unsigned_blend = chain.records;
    Chain::sign(chain["evt_blend"], *farm_key, {{"kind", "transform"}});
    TestLog log;
    log.add_all(chain.records);
    CHECK(check(log.bundle("bat_c"), log.verifier_key()).ok());
    TestLog bad;
    bad.add_all(unsigned_blend);
    auto report = check(bad.bundle("bat_c"), bad.verifier_key());
    CHECK(has_problem(report, static_cast<int64_t>(chain.at("bat_c")), "producer signature missing"));
    CHECK(has_problem(report, static_cast<int64_t>(chain.at("evt_blend")), "producer signature missing"));
  }
  SECTION("an admin key reset needs no signature, and later writes use the new key") {
    TestLog log;
    Chain chain;
    auto fresh = ledger::ProducerKey::generate();
    REQUIRE(fresh);
    json reset = {{"type", "party_key"},
                  {"id", "pky_reset"},
                  {"party", "pty_shop"},
                  {"public_key", fresh->public_key_base64()},
                  {"key_id", ledger::producer_key_id(fresh->public_key())},
                  {"set_by", "admin"}};
    chain.records.insert(chain.records.begin() + static_cast<long>(chain.at("evt_sell")), reset);
    auto& sell = chain["evt_sell"];
    log.add_all(chain.records);
    CHECK(has_problem(check(log.bundle("bat_c"), log.verifier_key()), static_cast<int64_t>(chain.at("evt_sell")),
                      "producer signature invalid"));  // still signed with the old key
    TestLog relog;
    Chain::sign(sell, *fresh, {{"kind", "sell"}});
    relog.add_all(chain.records);
    CHECK(check(relog.bundle("bat_c"), relog.verifier_key()).ok());
  }
}

TEST_CASE("a saved checkpoint (--old): the file must prove the log extends the checkpoint the user saved", "[verify]") {
  TestLog log;
  Chain chain;
  std::vector<json> first(chain.records.begin(), chain.records.begin() + 7);
  log.add_all(first);
  const std::string saved = log.checkpoint();
  log.add_all(std::vector<json>(chain.records.begin() + 7, chain.records.end()));

  auto ok = check(log.bundle("bat_c", 7), log.verifier_key(), saved);
  CHECK(ok.ok());
  CHECK_THAT(verify::summary_text(ok), Catch::Contains("consistent with the saved checkpoint: 大小 size 7 → 14"));

  auto no_proof = check(log.bundle("bat_c"), log.verifier_key(), saved);
  CHECK_THAT(verify::summary_text(no_proof), Catch::Contains("download it again with ?old_size=7"));
  auto other_size = check(log.bundle("bat_c", 5), log.verifier_key(), saved);
  CHECK_THAT(verify::summary_text(other_size), Catch::Contains("?old_size=7"));

  // A fork signed by the same key: its checkpoint at size 7 is not a prefix of this log.
  TestLog fork(log.key_path());
  auto changed = first;
  changed[5]["quantity"] = "99";
  fork.add_all(changed);
  auto forked = check(log.bundle("bat_c", 7), log.verifier_key(), fork.checkpoint());
  CHECK_FALSE(forked.ok());
  CHECK_THAT(verify::summary_text(forked), Catch::Contains("old_root is not the root of the saved checkpoint"));
  json tampered = log.bundle("bat_c", 7);
  tampered["consistency_proof"][0] = tampered["consistency_proof"][1];
  CHECK_THAT(verify::summary_text(check(tampered, log.verifier_key(), saved)),
             Catch::Contains("consistency proof does not verify"));
}

TEST_CASE("files that are not evidence are refused with the field named", "[verify]") {
  CHECK_FALSE(verify::parse_evidence_file("not json"));
  CHECK_FALSE(verify::parse_evidence_file("[1, 2]"));
  auto no_note = verify::parse_evidence_file(R"({"format": "agritrace-evidence/1"})");
  REQUIRE_FALSE(no_note);
  CHECK_THAT(no_note.error().message, Catch::Contains("checkpoint_note_text"));
  auto bad_format = verify::parse_evidence_file(R"({"format": "other/2", "checkpoint_note_text": "x"})");
  REQUIRE_FALSE(bad_format);
  CHECK_THAT(bad_format.error().message, Catch::Contains("format"));

  GoodChain g;
  json bundle = g.log.bundle("bat_c");
  bundle["records"][3]["inclusion_proof"] = "abc";
  auto bad_proof = verify::parse_evidence_file(bundle.dump());
  REQUIRE_FALSE(bad_proof);
  CHECK_THAT(bad_proof.error().message, Catch::Contains("records[3].inclusion_proof must be an array of strings"));
  auto single = verify::parse_evidence_file(g.log.proof(2).dump());
  REQUIRE(single);
  CHECK_FALSE(single->bundle);
}
