// ledger::Checkpoint: a C2SP tlog-checkpoint, the note text the log signs (ledger.md §3):
//   <origin>\n<size in decimal>\n<base64 of the 32-byte root>\n[extension lines\n]
// Our log writes no extension lines; parse() keeps any it meets so a witness's or a foreign log's
// checkpoint round-trips byte for byte. Value type; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "ledger/hash_source.h"

namespace ledger {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::vector<std::string> extensions;  // each without its newline; empty for our own log

  // The note text, ending in a newline. Callers keep origin (and extensions) valid per parse().
  std::string body() const;

  // Strict parse of a note text (not a signed note: NoteVerifier::open returns the text). Fails
  // (invalid_input) on: missing final newline, empty origin, size not decimal or with a leading
  // zero or beyond 2^64−1, root not canonical base64 of exactly 32 bytes, empty extension lines,
  // ASCII control characters other than newline.
  static domain::Result<Checkpoint> parse(std::string_view text);

  // ledger.md's own rule for our log's origin (== key name): a schema-less URL of [a-z0-9.-/],
  // not empty. Foreign checkpoints may use any C2SP origin; config code checks ours with this.
  static bool is_portable_origin(std::string_view origin);

  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

}  // namespace ledger
