// The shared rules of C2SP signed notes (c2sp.org/signed-note) used by NoteSigner and
// NoteVerifier: what a valid key name and note text are, how an Ed25519 key ID is derived, and the
// byte layout of a signature line. Thread-safe (pure functions and constants).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ledger {

// Signature type byte for Ed25519 in key IDs and verifier keys.
inline constexpr unsigned char kEd25519Type = 0x01;
// A signature line starts with U+2014 EM DASH and one space.
inline constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";
inline constexpr size_t kEd25519PublicKeySize = 32;
inline constexpr size_t kEd25519SignatureSize = 64;
// C2SP requires accepting at least 16 signatures; beyond this many a note is refused outright.
inline constexpr size_t kMaxSignatureLines = 100;

// Non-empty, valid UTF-8, no '+', no Unicode space and no control character.
bool is_valid_key_name(std::string_view name);

// Valid UTF-8 with no ASCII control character other than newline (the whole-note rule).
bool is_valid_note_bytes(std::string_view bytes);

// A note text: non-empty, ends in a newline, and is_valid_note_bytes.
bool is_valid_note_text(std::string_view text);

// First 4 bytes, big-endian, of SHA-256(name || 0x0A || 0x01 || 32-byte public key).
uint32_t ed25519_key_id(std::string_view name, std::string_view public_key);

// Key ID as 8 lower-case hex digits, and back (exactly 8 hex digits, either case).
std::string key_id_hex(uint32_t key_id);
bool parse_key_id_hex(std::string_view hex, uint32_t& key_id);

}  // namespace ledger
