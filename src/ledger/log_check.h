// ledger::check_log: `agritrace check` — recomputes the Merkle tree from the stored leaves and compares
// it with the stored tree and the newest signed checkpoint, to find changed or deleted records that an
// operator with database access may have touched. Reads the whole log once: a tool, not start-up.
// Thread-safe (opens its own read-only connection).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "domain/result.h"

namespace ledger {

struct LogCheck {
  bool ok = false;
  int64_t leaves = 0;           // leaves read
  int64_t checkpoint_size = 0;  // size of the newest checkpoint
  std::string problem;          // first problem found, in one sentence; empty when ok
};

// key_path: the log signing key, to check the checkpoint's signature (empty: "<db_path>.key").
// `stop`, when given and set, abandons the check (an error) so a server can shut down mid-sweep.
domain::Result<LogCheck> check_log(const std::string& db_path, const std::string& key_path = {},
                                   const std::atomic<bool>* stop = nullptr);

}  // namespace ledger
