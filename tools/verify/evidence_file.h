// verify::EvidenceFile: an input of agritrace-verify read into one shape — either an evidence bundle
// ("format": "agritrace-evidence/1", formats.md) or a single record's proof JSON (ledger.md §4, as
// GET /api/v1/records/{id}/proof serves it), which is a bundle of one record without chain checks.
// Only the file's structure is checked here (exit code 2 when it is wrong); whether its contents hold
// is evidence_check's business. Value type; thread-compatible.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace verify {

inline constexpr std::string_view kBundleFormat = "agritrace-evidence/1";

// One record as the file states it: nothing here is trusted yet.
struct EvidenceEntry {
  int64_t leaf_index = 0;
  std::string kind, record_id;               // bundle metadata; empty in a single proof
  std::string leaf_data_base64;              // the leaf bytes that were signed, still encoded
  nlohmann::json record;                     // the record as the file shows it
  std::vector<std::string> inclusion_proof;  // base64 hashes, for the checkpoint's tree size
};

struct EvidenceFile {
  bool bundle = false;
  std::string batch;                   // the batch the bundle is about; empty for a single proof
  std::string checkpoint_note;         // the signed checkpoint (C2SP signed note)
  std::optional<int64_t> tree_size;    // bundle only: must equal the checkpoint's size
  std::vector<EvidenceEntry> records;  // in file order
  std::optional<int64_t> old_size;     // present with ?old_size
  std::string old_root;                // base64
  std::vector<std::string> consistency_proof;
};

// Parses the file's text. Fails (invalid_input, the message naming the field, e.g.
// "records[3].inclusion_proof must be an array of strings") when it is not JSON, not one of the two
// shapes, or a required field is missing or of the wrong type.
domain::Result<EvidenceFile> parse_evidence_file(std::string_view text);

}  // namespace verify
