// The receipt every write answers with: where the record sits in the log and the proof that the
// signed checkpoint beside it covers it (ledger.md §4 field names). Thread-safe (pure function).
#pragma once

#include <nlohmann/json.hpp>

#include "ledger/ledger.h"

namespace web {

inline nlohmann::json receipt_json(const ledger::Leaf& leaf) {
  return {{"leaf_index", leaf.index},
          {"leaf_hash", leaf.leaf_hash},
          {"checkpoint_note_text", leaf.checkpoint},
          {"inclusion_proof", leaf.inclusion_proof}};
}

}  // namespace web
