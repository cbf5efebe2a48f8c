// verifytest::TestLog: a real ledger::Ledger on a temp SQLite file, taking records exactly as a test
// writes them (no domain rules, so a test can sign a chain that is wrong on purpose), and evidence
// files cut from it the way the server cuts them (leaf bytes, record, proofs for the newest
// checkpoint, read through a StoredTree). verifytest::Chain: a small blend-and-ship chain of records
// with a shop that signs its writes, for tests to append as it is or changed.
// Not thread-safe; one per test case.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "ledger/producer_key.h"
#include "support/temp_dir.h"

namespace verifytest {

class TestLog {
 public:
  // key_path: share another log's signing key (to build a fork signed by the same key).
  explicit TestLog(const std::string& key_path = {});

  // Appends one record as the next leaf (kind = its "type", id = its "id"); returns its leaf index.
  int64_t add(const nlohmann::json& record);
  void add_all(const std::vector<nlohmann::json>& records);

  int64_t size() const { return ledger_->size(); }
  std::string verifier_key() const { return ledger_->verifier_key(); }
  std::string checkpoint() const { return ledger_->checkpoint(); }
  std::string key_path() const { return dir_.file("log.db.key"); }

  // An "agritrace-evidence/1" bundle about `batch` holding every leaf (or only the listed ones),
  // with a consistency proof from old_size when given.
  nlohmann::json bundle(const std::string& batch, std::optional<int64_t> old_size = std::nullopt,
                        const std::vector<int64_t>& only = {}) const;
  // One record's proof JSON, as GET /api/v1/records/{id}/proof serves it.
  nlohmann::json proof(int64_t leaf_index) const;

 private:
  test::TempDir dir_;
  std::unique_ptr<ledger::Ledger> ledger_;
};

// The records of a chain: a farm harvests honey batches A (100 kg) and B (50 kg), blends 60 + 50 kg
// into C (110 kg), inspects C and ships 40 kg of it to a shop; the shop registers a key, then receives
// and sells 1 kg with signed writes. Leaf order = vector order. Records are plain JSON a test may edit
// before appending; sign() re-signs one after an edit.
struct Chain {
  ledger::ProducerKey shop_key;
  std::vector<nlohmann::json> records;

  Chain();
  // Index of the record with this id in `records`.
  size_t at(const std::string& id) const;
  nlohmann::json& operator[](const std::string& id) { return records[at(id)]; }
  // Signs `record` as its party's write of `body` to `path` with `key`.
  static void sign(nlohmann::json& record, const ledger::ProducerKey& key, const nlohmann::json& body,
                   const std::string& path = "/api/v1/events");
};

}  // namespace verifytest
