// ledger::Ledger: the one writer. Every accepted record goes through append(): in one SQLite
// transaction the plan writes its domain rows and the ledger appends each record's canonical bytes
// as the next leaf of the log, hashes it into the Merkle tree and signs a checkpoint of the new tree,
// so no record exists outside the log and nothing is half-written.
// Group commit: plans that arrive while a commit is in progress wait and then run together in the
// next transaction (each inside its own savepoint, so one refused plan never undoes another), under
// one signed checkpoint and one fsync. A caller returns only once its records are durable and signed.
// Thread-safe: appends are serialised on one connection; readers use their own connections.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <optional>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "ledger/hash_source.h"
#include "ledger/note_signer.h"
#include "store/database.h"
#include "store/queries.h"
#include "store/writes.h"

namespace ledger {

// One appended record and its receipt: the proof that it is in the checkpoint signed with it.
struct Leaf {
  int64_t index = 0;
  std::string kind, record_id;
  std::string leaf_hash;                     // base64 of SHA-256(0x00 || leaf)
  std::vector<std::string> inclusion_proof;  // base64 hashes, for the tree size of `checkpoint`
  std::string checkpoint;                    // the signed note covering this leaf
};

struct LedgerOptions {
  bool durable = true;    // false turns fsync off: only for bulk-loading benchmark data
  std::string key_path;   // the log signing key; empty: "<db_path>.key"
  std::string origin = "agritrace.local/agritrace";  // checkpoint origin = key name
  // Start-up re-hashes this many of the newest leaves against the stored tree (bounded work, so a
  // changed record among the latest is refused before serving); the rest is left to check_log.
  int64_t verify_recent = 4096;
};

class Ledger {
 public:
  // Opens (creating if needed) and migrates the database, loads (or creates) the signing key, hashes
  // any leaves not yet in the tree (databases from before the tree existed) and checks that the
  // newest checkpoint matches the tree. Throws std::runtime_error, saying why, when it does not.
  explicit Ledger(const std::string& db_path, bool durable = true);
  Ledger(const std::string& db_path, LedgerOptions options);

  // What a plan sees: reads and writes on the writer's connection inside the open transaction.
  class Txn {
   public:
    store::Queries& read() { return queries_; }
    store::Writes& write() { return writes_; }
    // Canonicalises `record` and appends it as the next leaf; returns its index. Fails (nothing is
    // kept: the transaction rolls back) if the record cannot be canonicalised or exceeds 64 KiB.
    domain::Result<int64_t> add(std::string_view kind, std::string_view id, const nlohmann::json& record);
    const std::string& recorded_at() const { return recorded_at_; }

   private:
    friend class Ledger;
    Txn(store::Database& db, int64_t next_index, std::string recorded_at)
        : queries_(db), writes_(db), next_index_(next_index), recorded_at_(std::move(recorded_at)) {}
    store::Queries queries_;
    store::Writes writes_;
    int64_t next_index_;
    std::string recorded_at_;
    std::vector<Leaf> leaves_;
    std::vector<Hash> hashes_;  // leaf hashes, parallel to leaves_
  };

  using Plan = std::function<domain::Status(Txn&)>;

  // Runs the plan in a transaction (shared with concurrent plans, see above) and keeps its writes only
  // if it succeeds. Returns the leaves it added, with proofs for the checkpoint that covers them.
  // Exceptions thrown by the plan reach its caller only. Errc::unavailable after refuse_writes().
  domain::Result<std::vector<Leaf>> append(const Plan& plan);

  // Stops accepting appends for good (e.g. a background integrity check found a changed record);
  // every later append fails with Errc::unavailable and this reason.
  void refuse_writes(const std::string& reason);
  std::optional<std::string> refusal() const;

  // Commits so far and the records they held: records / commits is the mean group size.
  uint64_t commits() const { return commits_.load(); }

  int64_t size() const { return size_.load(); }
  // The newest signed checkpoint (C2SP signed note); empty for an empty log.
  std::string checkpoint() const;
  std::string verifier_key() const { return signer_.verifier_key(); }
  // Increases with every commit; read caches compare it to know they are stale.
  uint64_t generation() const { return generation_.load(); }
  const std::string& db_path() const { return path_; }

 private:
  struct Pending;  // one caller's plan waiting for the group commit
  void catch_up_tree();
  void verify_recent_leaves(int64_t count);
  void commit_group(const std::vector<Pending*>& group);
  void undo_plan();  // rolls back to and releases the current plan's savepoint
  std::string merkle_root(store::Queries& queries, int64_t size);  // 32 raw bytes
  // Signs the tree at `size` and stores the checkpoint in the open transaction; returns the note.
  std::string sign_checkpoint(store::Queries& queries, store::Writes& writes, int64_t size);

  std::string path_;
  mutable std::mutex mutex_;  // the writer connection and checkpoint_
  mutable std::mutex queue_mutex_;  // queue_, committing_, refusal_ and every Pending
  std::vector<Pending*> queue_;
  bool committing_ = false;
  std::optional<std::string> refusal_;
  std::atomic<uint64_t> commits_{0};
  store::Database db_;
  NoteSigner signer_;
  std::string checkpoint_;  // guarded by mutex_
  std::atomic<int64_t> size_{0};
  std::atomic<uint64_t> generation_{0};
};

}  // namespace ledger
