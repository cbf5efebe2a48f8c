// What a producer signs for one write (formats.md "Producer signatures"): the RFC 8785 canonical bytes
// of {"body": <request body JSON>, "method": "POST", "party": "<party id>", "path": "<path, no query>"},
// sent as the header `Signature: ed25519=<standard base64 of the 64-byte signature>`. The server and
// `agritrace sign` both build it here, so they cannot disagree. Thread-safe (pure functions).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace ledger {

// The header value's scheme prefix.
inline constexpr std::string_view kSignatureScheme = "ed25519=";

// The object stored as "signed" in the record's signature.
nlohmann::json producer_request(const nlohmann::json& body, std::string_view method, std::string_view party,
                                std::string_view path);

// Its canonical bytes, the message signed. Fails (invalid_input, naming the body field as a JSON
// pointer into the body) when the body holds what RFC 8785 cannot carry here (floats, huge integers,
// invalid UTF-8).
domain::Result<std::string> producer_request_bytes(const nlohmann::json& request);

}  // namespace ledger
