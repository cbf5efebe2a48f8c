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
  verify_recent_leaves(options.verify_recent);
}

void Ledger::verify_recent_leaves(int64_t count) {
  // The tree already matched the signed checkpoint; a leaf whose bytes no longer hash to its stored
  // tree node was changed after signing. Bounded, so start-up stays O(count) whatever the log size.
  store::Queries queries(db_);
  store::ReadSnapshot snapshot(db_);
  for (int64_t i = std::max<int64_t>(0, size_ - count); i < size_; ++i) {
    auto entry = queries.log_entry(i);
    auto node = queries.tree_node(0, i);
    if (!entry || !node) throw std::runtime_error("log entry " + std::to_string(i) + " is missing: records were deleted");
    Hash h = leaf_hash(entry->leaf);
    if (std::string_view(reinterpret_cast<const char*>(h.data()), h.size()) != *node)
      throw std::runtime_error("log entry " + std::to_string(i) + " (" + entry->kind + " " + entry->record_id +
                               ") no longer matches the signed tree: the record was changed after it was signed");
  }
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
  leaves_.push_back(Leaf{index, std::string(kind), std::string(id), hash_base64(hashes_.back()), {}, {}});
  return index;
}

struct Ledger::Pending {
  const Plan* plan;
  std::optional<domain::Result<std::vector<Leaf>>> result;
  std::exception_ptr thrown;
  bool done = false;
  std::condition_variable wake;  // its own, so finishing a group wakes only the callers it served
};

domain::Result<std::vector<Leaf>> Ledger::append(const Plan& plan) {
  Pending me{&plan, std::nullopt, nullptr, false, {}};
  std::unique_lock lock(queue_mutex_);
  if (refusal_) return domain::make_error(domain::Errc::unavailable, *refusal_);
  queue_.push_back(&me);
  // Leader/follower: whoever finds no commit running takes everything queued (its own plan included)
  // and commits it; the others wait, and their plans ride along in the next group, whose leader is
  // the first of them, woken by the previous leader.
  while (!me.done) {
    if (committing_) {
      me.wake.wait(lock);
      continue;
    }
    committing_ = true;
    std::vector<Pending*> group;
    group.swap(queue_);
    lock.unlock();
    commit_group(group);
    lock.lock();
    committing_ = false;
    for (Pending* p : group) {
      p->done = true;
      if (p != &me) p->wake.notify_one();
    }
    if (!queue_.empty()) queue_.front()->wake.notify_one();
  }
  if (me.thrown) std::rethrow_exception(me.thrown);
  return std::move(*me.result);
}

void Ledger::undo_plan() {
  db_.cached("ROLLBACK TO plan").run();
  db_.cached("RELEASE plan").run();
}

void Ledger::commit_group(const std::vector<Pending*>& group) {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<Pending*, Txn>> kept;  // plans that succeeded, with their leaves
  try {
    store::Transaction tx(db_);
    const int64_t size_before = size_.load();
    int64_t next = size_before;
    std::string recorded_at = utc_now();
    for (Pending* p : group) {
      // A savepoint per plan: a refused or throwing plan leaves no trace, the others keep theirs.
      db_.cached("SAVEPOINT plan").run();  // prepared once: these run for every write
      Txn txn(db_, next, recorded_at);
      try {
        domain::Status status = (*p->plan)(txn);
        if (!status) {
          undo_plan();
          p->result = status.error();
          continue;
        }
      } catch (...) {
        undo_plan();
        p->thrown = std::current_exception();
        continue;
      }
      db_.cached("RELEASE plan").run();
      next = txn.next_index_;
      kept.emplace_back(p, std::move(txn));
    }
    if (next > size_before) {
      // Tree, checkpoint and proofs in the same transaction as the leaves: all of it or none.
      store::Queries queries(db_);
      store::Writes writes(db_);
      StoredTree tree(queries, static_cast<uint64_t>(size_before));
      for (auto& [p, txn] : kept)
        for (const auto& h : txn.hashes_) tree.append(writes, h);
      std::string note = sign_checkpoint(queries, writes, next);
      for (auto& [p, txn] : kept)
        for (auto& leaf : txn.leaves_) {
          auto proof = inclusion_proof(static_cast<uint64_t>(leaf.index), tree.size(), tree);
          if (!proof) throw std::runtime_error(proof.error().message);
          for (const auto& h : *proof) leaf.inclusion_proof.push_back(hash_base64(h));
          leaf.checkpoint = note;
        }
      tx.commit();
      checkpoint_ = note;
    } else {
      tx.commit();
    }
    size_ = next;
    if (!kept.empty()) ++generation_;  // read caches are stale only if something was written
    if (next > size_before) ++commits_;
    for (auto& [p, txn] : kept) p->result = std::move(txn.leaves_);
  } catch (...) {
    // The commit itself failed (disk full, I/O error): nothing of the group is kept.
    for (Pending* p : group)
      if (!p->thrown && !p->result) p->thrown = std::current_exception();
  }
}

void Ledger::refuse_writes(const std::string& reason) {
  std::lock_guard lock(queue_mutex_);
  if (!refusal_) refusal_ = reason;
}

std::optional<std::string> Ledger::refusal() const {
  std::lock_guard lock(queue_mutex_);
  return refusal_;
}

}  // namespace ledger
