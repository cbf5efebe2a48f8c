// RFC 8785 (JSON Canonicalization Scheme) serialization of records, the exact bytes of a log leaf.
// Our records hold only strings, integers within ±(2^53−1), booleans, null, arrays and objects with
// ASCII keys (ledger.md §1), so canonical form is: keys sorted, no whitespace, minimal string escapes
// with lower-case \u00xx for other controls, UTF-8 literal. Thread-safe (pure function).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.h"

namespace ledger {

// Fails (invalid_input, naming the JSON pointer) on floats, integers beyond ±(2^53−1), non-ASCII
// object keys or invalid UTF-8: such a record could not be verified byte for byte elsewhere.
domain::Result<std::string> canonicalize(const nlohmann::json& record);

}  // namespace ledger
