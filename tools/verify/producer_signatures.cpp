#include "verify/producer_signatures.h"

#include <algorithm>
#include <map>
#include <memory>

#include "ledger/producer_public_key.h"

namespace verify {
namespace {

using nlohmann::json;

struct PartyKey {
  std::shared_ptr<ledger::ProducerPublicKey> key;  // null when the record's key was unusable
  std::string key_id;
  int64_t leaf_index = 0;
};

// A key registration of `party`: the key it names, if usable (a bad one is reported).
PartyKey read_key(const LeafRecord& r, Report& report) {
  PartyKey out{nullptr, r.text("key_id"), r.leaf_index};
  auto key = ledger::ProducerPublicKey::from_base64(r.text("public_key"));
  if (!key) {
    report.fail(r.leaf_index, r.id(), "登记的公钥无效：" + key.error().message,
                "the registered public key is unusable: " + key.error().message);
    return out;
  }
  if (key->key_id() != out.key_id)
    report.fail(r.leaf_index, r.id(), "key_id " + out.key_id + " 与公钥不符（应为 " + key->key_id() + "）",
                "key_id " + out.key_id + " does not match the public key (" + key->key_id() + ")");
  out.key = std::make_shared<ledger::ProducerPublicKey>(std::move(*key));
  return out;
}

// A transformation's output batches are written by the same signed request as the transformation
// itself: an unsigned output is covered when its made_by event is the party's, signed, and lists it.
bool covered_by_transformation(const Records& records, const LeafRecord& batch) {
  if (batch.type() != "batch") return false;
  const LeafRecord* t = records.find(batch.text("made_by"));
  if (!t || !t->is_event("transform") || t->text("party") != batch.text("party") || !t->leaf.contains("signature"))
    return false;
  const json& outputs = t->leaf.value("outputs", json::array());
  return std::any_of(outputs.begin(), outputs.end(),
                     [&](const json& o) { return LeafRecord::text_of(o, "batch") == batch.id(); });
}

}  // namespace

void check_producer_signatures(const Records& records, Report& report) {
  const size_t before = report.problem_count();
  std::map<std::string, PartyKey> current;  // party → newest key registered at an earlier leaf
  int signed_records = 0;
  for (const auto& r : records.all()) {
    const std::string party = r.text("party");
    if (party.empty() || r.type() == "party") continue;
    auto key = current.find(party);
    const bool admin_key = r.type() == "party_key" && r.text("set_by") == "admin";
    if (r.leaf.contains("signature")) {
      ++signed_records;
      const json& sig = r.leaf["signature"];
      if (key == current.end()) {
        report.fail(r.leaf_index, r.id(), "带有签名，但 " + party + " 此前没有登记公钥",
                    "carries a signature, but " + party + " had registered no key before it");
      } else if (LeafRecord::text_of(sig.value("signed", json()), "party") != party) {
        report.fail(r.leaf_index, r.id(), "签名内容中的 party 不是 " + party, "signature.signed.party is not " + party);
      } else if (key->second.key) {
        if (auto ok = key->second.key->check(sig); !ok)
          report.fail(r.leaf_index, r.id(), "生产者签名无效（密钥 " + key->second.key_id + "）：" + ok.error().message,
                      "producer signature invalid (key " + key->second.key_id + "): " + ok.error().message);
      }
    } else if (key != current.end() && !admin_key && !covered_by_transformation(records, r)) {
      report.fail(r.leaf_index, r.id(),
                  "缺少生产者签名：" + party + " 已于记录 #" + std::to_string(key->second.leaf_index) + " 登记公钥",
                  "producer signature missing: " + party + " registered a key at record #" +
                      std::to_string(key->second.leaf_index));
    }
    if (r.type() == "party_key") current[party] = read_key(r, report);
  }
  if (report.problem_count() != before) return;
  if (current.empty() && signed_records == 0)
    report.pass("生产者签名：证据中的主体均未登记公钥 / producer signatures: no party in the file registered a key");
  else
    report.pass("生产者签名有效 / producer signatures valid: " + std::to_string(signed_records) +
                " 条已签名记录 signed records, " + std::to_string(current.size()) + " 个主体有公钥 parties with keys");
}

}  // namespace verify
