#include "ledger/ledger.h"

#include <chrono>
#include <stdexcept>

#include "domain/timestamp.h"
#include "ledger/base64.h"
#include "ledger/canonical_json.h"
#include "ledger/checkpoint.h"
#include "ledger/log_key.h"
#include "ledger/merkle.h"
#include "ledger/stored_tree.h"

namespace ledger {
namespace {
constexpr size_t kMaxLeafBytes = 64 * 1024;  // ledger.md §1

std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  int64_t secs = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return domain::Timestamp::from_unix(secs, 0).str();
}

std::string b64(const Hash& h) { return base64_encode({reinterpret_cast<const char*>(h.data()), h.size()}); }

NoteSigner load_signer(const std::string& db_path, const LedgerOptions& options) {
  auto signer = load_or_create_log_key(options.key_path.empty() ? db_path + ".key" : options.key_path, options.origin);
  if (!signer) throw std::runtime_error(signer.error().message);
  return std::move(*signer);
}

}  // namespace

Ledger::Ledger(const std::string& db_path, bool durable) : Ledger(db_path, LedgerOptions{durable, "", "agritrace.local/agritrace"}) {}

Ledger::Ledger(const std::string& db_path, LedgerOptions options)
    : path_(db_path), db_(db_path, store::Database::Mode::read_write), signer_(load_signer(db_path, options)) {
  db_.migrate();
  if (!options.durable) db_.exec("PRAGMA synchronous=OFF");
  size_ = store::Queries(db_).log_size();
  catch_up_tree();
}

void Ledger::catch_up_tree() {
  store::Queries queries(db_);
  store::Writes writes(db_);
  int64_t hashed = queries.tree_size();
  store::Transaction tx(db_);
  if (hashed < size_) {
    // A database from before the tree: hash its leaves once. Afterwards start-up reads O(log n) nodes.
    StoredTree tree(queries, static_cast<uint64_t>(hashed));
    for (int64_t i = hashed; i < size_; ++i) tree.append(writes, leaf_hash(queries.log_entry(i)->leaf));
  } else if (hashed > size_) {
    throw std::runtime_error("the Merkle tree has " + std::to_string(hashed) + " leaves but the log only " +
                             std::to_string(size_.load()) + ": log entries were deleted");
  }
  auto newest = queries.latest_checkpoint();
  if (newest && newest->size == size_) {
    auto root = merkle_root(queries, size_);
    if (newest->root != root)
      throw std::runtime_error("the newest checkpoint (size " + std::to_string(newest->size) +
                               ") does not match the stored log: a record was changed after it was signed");
    checkpoint_ = newest->note;
  } else if (newest && newest->size > size_) {
    throw std::runtime_error("the newest checkpoint covers " + std::to_string(newest->size) + " records but the log has " +
                             std::to_string(size_.load()) + ": records were deleted");
  } else if (size_ > 0) {
    checkpoint_ = sign_checkpoint(queries, writes, size_);
  }
  tx.commit();
}

std::string Ledger::merkle_root(store::Queries& queries, int64_t size) {
  auto root = ledger::root(static_cast<uint64_t>(size), StoredTree(queries, static_cast<uint64_t>(size)));
  if (!root) throw std::runtime_error(root.error().message);
  return {reinterpret_cast<const char*>(root->data()), root->size()};
}

std::string Ledger::sign_checkpoint(store::Queries& queries, store::Writes& writes, int64_t size) {
  std::string root = merkle_root(queries, size);
  Checkpoint cp;
  cp.origin = signer_.name();
  cp.size = static_cast<uint64_t>(size);
  std::copy(root.begin(), root.end(), cp.root.begin());
  auto note = signer_.sign_note(cp.body());
  if (!note) throw std::runtime_error(note.error().message);
  writes.put_checkpoint(store::CheckpointRow{size, root, *note});
  return *note;
}

std::string Ledger::checkpoint() const {
  std::lock_guard lock(mutex_);
  return checkpoint_;
}

domain::Result<int64_t> Ledger::Txn::add(std::string_view kind, std::string_view id, const nlohmann::json& record) {
  auto bytes = canonicalize(record);
  if (!bytes) return bytes.error();
  if (bytes->size() > kMaxLeafBytes)
    return domain::make_error(domain::Errc::too_large,
                              "record is " + std::to_string(bytes->size()) + " bytes; a log leaf holds at most 65536");
  int64_t index = next_index_++;
  writes_.append_log(index, kind, id, *bytes, recorded_at_);
  hashes_.push_back(leaf_hash(*bytes));
  leaves_.push_back(Leaf{index, std::string(kind), std::string(id), b64(hashes_.back()), {}, {}});
  return index;
}

domain::Result<std::vector<Leaf>> Ledger::append(const Plan& plan) {
  std::lock_guard lock(mutex_);
  store::Transaction tx(db_);
  Txn txn(db_, size_.load(), utc_now());
  domain::Status status = plan(txn);
  if (!status) return status.error();  // ~Transaction rolls back
  if (!txn.leaves_.empty()) {
    // Tree, checkpoint and proofs in the same transaction as the leaves: all of it or none.
    StoredTree tree(txn.queries_, static_cast<uint64_t>(size_.load()));
    for (const auto& h : txn.hashes_) tree.append(txn.writes_, h);
    std::string note = sign_checkpoint(txn.queries_, txn.writes_, txn.next_index_);
    for (auto& leaf : txn.leaves_) {
      auto proof = inclusion_proof(static_cast<uint64_t>(leaf.index), tree.size(), tree);
      if (!proof) throw std::runtime_error(proof.error().message);
      for (const auto& h : *proof) leaf.inclusion_proof.push_back(b64(h));
      leaf.checkpoint = note;
    }
    checkpoint_ = note;
  }
  tx.commit();
  size_ = txn.next_index_;
  ++generation_;
  return std::move(txn.leaves_);
}

}  // namespace ledger
