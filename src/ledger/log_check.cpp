#include "ledger/log_check.h"

#include <filesystem>

#include "ledger/checkpoint.h"
#include "ledger/log_key.h"
#include "ledger/memory_tree.h"
#include "ledger/merkle.h"
#include "ledger/note_verifier.h"
#include "ledger/stored_tree.h"
#include "store/database.h"
#include "store/queries.h"

namespace ledger {

domain::Result<LogCheck> check_log(const std::string& db_path, const std::string& key_path,
                                   const std::atomic<bool>* stop) {
  store::Database db(db_path, store::Database::Mode::read_only);
  store::Queries queries(db);
  store::ReadSnapshot snapshot(db);
  LogCheck report;
  auto newest = queries.latest_checkpoint();
  if (!newest) {
    report.ok = queries.log_size() == 0;
    if (!report.ok) report.problem = "the log has records but no signed checkpoint";
    return report;
  }
  report.checkpoint_size = newest->size;

  // The key name is the checkpoint's origin (its first line); the key itself must already exist.
  std::string path = key_path.empty() ? db_path + ".key" : key_path;
  if (!std::filesystem::exists(path))
    return domain::make_error(domain::Errc::not_found, "no log signing key at " + path);
  auto signer = load_or_create_log_key(path, newest->note.substr(0, newest->note.find('\n')));
  if (!signer) return signer.error();
  auto verifier = NoteVerifier::from_key(signer->verifier_key());
  if (!verifier) return verifier.error();
  auto text = verifier->open(newest->note);
  auto cp = text ? Checkpoint::parse(*text) : domain::Result<Checkpoint>(text.error());
  if (!cp || cp->size != static_cast<uint64_t>(newest->size)) {
    report.problem = "the newest checkpoint's signature does not verify with this log's key";
    return report;
  }

  MemoryTree tree;
  for (int64_t i = 0; i < newest->size; ++i) {
    if (stop && i % 4096 == 0 && stop->load()) return domain::make_error(domain::Errc::unavailable, "check stopped");
    auto entry = queries.log_entry(i);
    if (!entry) {
      report.problem = "log entry " + std::to_string(i) + " is missing (deleted after it was signed)";
      return report;
    }
    Hash h = leaf_hash(entry->leaf);
    auto stored = queries.tree_node(0, i);
    if (!stored || std::string_view(reinterpret_cast<const char*>(h.data()), h.size()) != *stored) {
      report.problem = "log entry " + std::to_string(i) + " (" + entry->kind + " " + entry->record_id +
                       ") no longer hashes to its stored leaf hash: its bytes were changed";
      return report;
    }
    tree.append(h);
    report.leaves = i + 1;
  }
  if (tree.root() != cp->root) {
    report.problem = "the stored tree does not hash to the root of the newest checkpoint (size " +
                     std::to_string(newest->size) + ")";
    return report;
  }
  // The leaves are right; the stored copies the server starts from (inner tree nodes, the checkpoint
  // row's root) must agree too, or the server would refuse a log this check called sound.
  auto stored_root = root(static_cast<uint64_t>(newest->size), StoredTree(queries, static_cast<uint64_t>(newest->size)));
  if (!stored_root || *stored_root != cp->root) {
    report.problem = "the stored tree nodes do not hash to the signed root (size " + std::to_string(newest->size) +
                     "): a tree node was changed";
    return report;
  }
  if (newest->root != std::string(reinterpret_cast<const char*>(cp->root.data()), cp->root.size())) {
    report.problem = "the stored root of the newest checkpoint (size " + std::to_string(newest->size) +
                     ") differs from the root its signature covers";
    return report;
  }
  report.ok = true;
  return report;
}

}  // namespace ledger
