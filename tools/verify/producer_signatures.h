// The producer-signature check of an evidence bundle (formats.md "Producer signatures"), replaying the
// records in leaf order: a record carrying "signature" must verify (Ed25519 over the canonical bytes of
// signature.signed) with the newest party_key record of its party at an earlier leaf, with
// signed.party equal to the record's party and the key_id of that key; a record by a party that had
// registered a key by then but carrying no signature fails. A key set by the admin (lost-key recovery,
// "set_by": "admin") is not signed by the party, and a transformation's output batch may rely on the
// signature of its transformation (one request wrote both): that event must be the same party's,
// signed, and list the batch among its outputs.
// Thread-safe (a pure function writing into the caller's report).
#pragma once

#include "verify/leaf_record.h"
#include "verify/report.h"

namespace verify {

void check_producer_signatures(const Records& records, Report& report);

}  // namespace verify
