// Proof JSON pieces (ledger.md §4): hashes are standard base64 strings. Thread-safe (pure functions).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "ledger/base64.h"

namespace web {

inline nlohmann::json hashes_json(const std::vector<ledger::Hash>& hashes) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& h : hashes) out.push_back(ledger::hash_base64(h));
  return out;
}

}  // namespace web
