// `agritrace keygen` and `agritrace sign`: the producer's side of signed writes (formats.md "Producer
// signatures") and printing the log's verifier key. Each prints its one result on stdout (so a shell
// can capture it) and anything else on stderr, and returns the process exit code: 0 done, 1 refused
// (an existing key file, an unreadable key or body). Flags are checked by Config::parse.
// Not thread-safe (process-level commands).
#pragma once

#include "config.h"

// keygen --out FILE: a new Ed25519 key as PKCS#8 PEM (mode 0600, never overwriting); prints the public
// key's base64. keygen --log: prints the log's verifier key, creating the key file <db>.key if missing.
int run_keygen(const Config& config);

// sign: prints `ed25519=<base64>`, the Signature header of the request (method, path, party, body).
int run_sign(const Config& config);
