// The log's Ed25519 signing key: a file of its 32-byte seed (hex), created on first start with mode
// 0600, never logged and never in the database. Thread-safe (stateless functions).
#pragma once

#include <string>

#include "domain/result.h"
#include "ledger/note_signer.h"

namespace ledger {

// Loads the seed at `path`, or creates it (O_EXCL, 0600) with fresh randomness when missing.
domain::Result<NoteSigner> load_or_create_log_key(const std::string& path, const std::string& origin);

// "https://Trace.Example.cn:8443/x" → "trace.example.cn/agritrace": the host of the public URL, a
// key name made only of [a-z0-9.-/] as checkpoints require.
std::string origin_for(const std::string& public_url);

}  // namespace ledger
