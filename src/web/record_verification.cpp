#include "web/record_verification.h"

#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "ledger/note_verifier.h"
#include "ledger/stored_tree.h"

namespace web {

std::optional<int64_t> verified_log_size(App& app, store::Queries& reader, int64_t leaf_index,
                                         const std::string& shown_body) {
  auto stored = reader.latest_checkpoint();
  if (!stored || leaf_index < 0 || leaf_index >= stored->size) return std::nullopt;
  // The root comes from the signed note, not from the checkpoints row beside it.
  auto key = ledger::NoteVerifier::from_key(app.ledger().verifier_key());
  if (!key) return std::nullopt;
  auto text = key->open(stored->note);
  if (!text) return std::nullopt;
  auto checkpoint = ledger::Checkpoint::parse(*text);
  if (!checkpoint || checkpoint->origin != key->name() || checkpoint->size != static_cast<uint64_t>(stored->size))
    return std::nullopt;

  auto entry = reader.log_entry(leaf_index);
  if (!entry) return std::nullopt;
  auto leaf = nlohmann::json::parse(entry->leaf, nullptr, false);
  auto shown = nlohmann::json::parse(shown_body, nullptr, false);
  if (leaf.is_discarded() || shown.is_discarded() || leaf != shown) return std::nullopt;

  ledger::StoredTree tree(reader, checkpoint->size);
  auto proof = ledger::inclusion_proof(static_cast<uint64_t>(leaf_index), checkpoint->size, tree);
  if (!proof || !ledger::verify_inclusion(ledger::leaf_hash(entry->leaf), static_cast<uint64_t>(leaf_index),
                                          checkpoint->size, *proof, checkpoint->root))
    return std::nullopt;
  return stored->size;
}

}  // namespace web
