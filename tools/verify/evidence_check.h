// verify::check_evidence: everything agritrace-verify checks in one evidence file, offline, trusting
// only the pinned log key: the checkpoint's signature and origin; for every record, that its leaf
// bytes are canonical RFC 8785 JSON equal to the "record" shown, and that its inclusion proof leads to
// the checkpoint's root; optionally, consistency with a checkpoint the user saved earlier; and for
// bundles the chain links, custody, references and producer signatures (chain_links.h, custody.h,
// producer_signatures.h). Thread-safe (pure; the verifier is only read).
#pragma once

#include <optional>
#include <string>

#include "ledger/note_verifier.h"
#include "verify/evidence_file.h"
#include "verify/report.h"

namespace verify {

// old_checkpoint_note: a signed checkpoint saved earlier (--old); the file must then carry a
// consistency proof from its size that verifies.
Report check_evidence(const EvidenceFile& file, const ledger::NoteVerifier& key,
                      const std::optional<std::string>& old_checkpoint_note = std::nullopt);

}  // namespace verify
