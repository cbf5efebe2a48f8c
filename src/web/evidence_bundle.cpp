#include "web/evidence_bundle.h"

#include <map>
#include <set>
#include <vector>

#include "ledger/base64.h"
#include "web/proof_json.h"
#include "ledger/merkle.h"
#include "ledger/stored_tree.h"
#include "store/party_keys.h"

namespace web {
namespace {

using domain::Errc;
using nlohmann::json;

// Queries::events_of_batch returns at most this many events: a batch that reaches it may have more,
// and a bundle missing some would fail its own custody checks, so such a batch is refused instead.
constexpr size_t kEventsPerRead = 1000;

domain::Error too_many() {
  return domain::make_error(Errc::unprocessable, "the evidence for this batch would hold more than " +
                                                     std::to_string(kMaxEvidenceRecords) +
                                                     " records; ask for the proofs of single records instead");
}

// What the bundle will hold, gathered before any proof is computed.
class Collector {
 public:
  explicit Collector(store::Queries& reader) : reader_(reader) {}

  // The batch, its descendants, and every ancestor of those (so the other parents of a blend below
  // the batch come too: each batch in the bundle has its parents beside it).
  domain::Status batches_from(const std::string& start) {
    std::vector<std::string> down{start};
    std::set<std::string> below{start};
    while (!down.empty()) {
      std::string id = std::move(down.back());
      down.pop_back();
      for (const auto& link : reader_.children(id))
        if (below.insert(link.child_id).second) down.push_back(link.child_id);
      if (below.size() > kMaxEvidenceRecords) return too_many();
    }
    std::vector<std::string> up(below.begin(), below.end());
    batches_ = below;
    while (!up.empty()) {
      std::string id = std::move(up.back());
      up.pop_back();
      for (const auto& link : reader_.parents(id))
        if (batches_.insert(link.parent_id).second) up.push_back(link.parent_id);
      if (batches_.size() > kMaxEvidenceRecords) return too_many();
    }
    return domain::Ok{};
  }

  // The batch records, every event touching them, and the records those name.
  domain::Status records() {
    for (const auto& id : batches_) {
      auto row = reader_.batch(id);
      if (!row) return domain::make_error(Errc::internal, "batch " + id + " is linked but missing");
      add(row->leaf_index, row->body);
      auto events = reader_.events_of_batch(id);
      if (events.size() >= kEventsPerRead) return too_many();
      for (const auto& e : events) add(e.leaf_index, e.body);
      if (leaves_.size() > kMaxEvidenceRecords) return too_many();
    }
    // Sites and products name their party: later rounds pick those up (named_ only grows).
    while (!references_.empty()) {
      auto wanted = std::move(references_);
      references_.clear();
      for (const auto& [field, id] : wanted) {
        if (!named_.insert(id).second) continue;
        if (field == "site") {
          if (auto site = reader_.site(id)) add(site->leaf_index, site->body);
        } else if (field == "product") {
          if (auto product = reader_.product(id)) add(product->leaf_index, product->body);
        } else if (auto party = reader_.party(id)) {
          add(party->leaf_index, party->body);
          parties_.push_back(id);
        }
      }
    }
    store::PartyKeys keys(reader_.database());
    for (const auto& party : parties_)
      for (int64_t leaf : keys.leaves(party)) leaves_.insert(leaf);
    if (leaves_.size() > kMaxEvidenceRecords) return too_many();
    return domain::Ok{};
  }

  const std::set<int64_t>& leaves() const { return leaves_; }

 private:
  // Remembers a record's leaf and the parties, sites and products it names.
  void add(int64_t leaf_index, const std::string& body) {
    if (!leaves_.insert(leaf_index).second) return;
    json record = json::parse(body, nullptr, false);
    if (!record.is_object()) return;
    for (const char* field : {"party", "site", "product", "to", "from"}) {
      auto it = record.find(field);
      if (it != record.end() && it->is_string() && !named_.count(it->get<std::string>()))
        references_.emplace(field, it->get<std::string>());
    }
  }

  store::Queries& reader_;
  std::set<std::string> batches_;
  std::set<int64_t> leaves_;
  std::set<std::pair<std::string, std::string>> references_;  // (field, id) not yet looked up
  std::set<std::string> named_;                               // ids already looked up
  std::vector<std::string> parties_;
};

}  // namespace

domain::Result<EvidenceBundle> evidence_bundle(store::Queries& reader, const std::string& batch_id, int64_t old_size) {
  auto batch = reader.batch(batch_id);
  auto checkpoint = reader.latest_checkpoint();
  if (!batch || !checkpoint || batch->leaf_index >= checkpoint->size)
    return domain::make_error(Errc::not_found, "no signed batch with id " + batch_id.substr(0, 64));
  if (old_size > checkpoint->size)
    return domain::make_error(Errc::invalid_input,
                              "old_size is beyond the newest checkpoint (" + std::to_string(checkpoint->size) + ")",
                              "?old_size");

  Collector collector(reader);
  if (auto st = collector.batches_from(batch->id); !st) return st.error();
  if (auto st = collector.records(); !st) return st.error();

  const auto size = static_cast<uint64_t>(checkpoint->size);
  ledger::StoredTree tree(reader, size);
  json records = json::array();
  for (int64_t index : collector.leaves()) {
    auto entry = reader.log_entry(index);
    // Records and checkpoints are committed together, so everything read here is signed.
    if (!entry || index >= checkpoint->size)
      return domain::make_error(Errc::internal,
                                "log entry " + std::to_string(index) + " is not covered by the checkpoint");
    auto proof = ledger::inclusion_proof(static_cast<uint64_t>(index), size, tree);
    if (!proof) return proof.error();
    // A leaf that no longer parses is still shown as it is stored: the verifier reports it.
    json record = json::parse(entry->leaf, nullptr, false);
    records.push_back({{"leaf_index", index},
                       {"kind", entry->kind},
                       {"record_id", entry->record_id},
                       {"leaf_data_base64", ledger::base64_encode(entry->leaf)},
                       {"record", record.is_discarded() ? json() : record},
                       {"inclusion_proof", hashes_json(*proof)}});
  }

  json body = {{"format", "agritrace-evidence/1"},
               {"batch", batch->id},
               {"checkpoint_note_text", checkpoint->note},
               {"tree_size", checkpoint->size},
               {"records", std::move(records)}};
  if (old_size >= 0) {
    auto old_root = ledger::root(static_cast<uint64_t>(old_size), tree);
    auto consistency = ledger::consistency_proof(static_cast<uint64_t>(old_size), size, tree);
    if (!old_root) return old_root.error();
    if (!consistency) return consistency.error();
    body["old_size"] = old_size;
    body["old_root"] = ledger::hash_base64(*old_root);
    body["consistency_proof"] = hashes_json(*consistency);
  }
  return EvidenceBundle{std::move(body), batch->lot};
}

}  // namespace web
