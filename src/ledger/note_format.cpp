#include "ledger/note_format.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace ledger {
namespace {

// Decodes one UTF-8 scalar at `pos`, advancing it; returns -1 for any ill-formed sequence
// (overlong forms, surrogates, values above U+10FFFF, truncation).
long next_code_point(std::string_view s, size_t& pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  size_t len;
  long cp, min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else
    return -1;
  if (pos + len > s.size()) return -1;
  for (size_t i = 1; i < len; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (byte(pos + i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  pos += len;
  return cp;
}

// Go's unicode.IsSpace, which the reference implementation (golang.org/x/mod/sumdb/note) applies.
bool is_unicode_space(long cp) {
  switch (cp) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

}  // namespace

bool is_valid_key_name(std::string_view name) {
  if (name.empty()) return false;
  for (size_t pos = 0; pos < name.size();) {
    const long cp = next_code_point(name, pos);
    if (cp < 0x20 || cp == 0x7F || cp == '+' || is_unicode_space(cp)) return false;
  }
  return true;
}

bool is_valid_note_bytes(std::string_view bytes) {
  for (size_t pos = 0; pos < bytes.size();) {
    const long cp = next_code_point(bytes, pos);
    if (cp < 0 || (cp < 0x20 && cp != '\n')) return false;
  }
  return true;
}

bool is_valid_note_text(std::string_view text) {
  return !text.empty() && text.back() == '\n' && is_valid_note_bytes(text);
}

uint32_t ed25519_key_id(std::string_view name, std::string_view public_key) {
  std::string input(name);
  input += '\n';
  input += static_cast<char>(kEd25519Type);
  input += public_key;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  if (EVP_Digest(input.data(), input.size(), md, &md_len, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return (uint32_t{md[0]} << 24) | (uint32_t{md[1]} << 16) | (uint32_t{md[2]} << 8) | uint32_t{md[3]};
}

std::string key_id_hex(uint32_t key_id) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i, key_id >>= 4) out[static_cast<size_t>(i)] = kDigits[key_id & 15];
  return out;
}

bool parse_key_id_hex(std::string_view hex, uint32_t& key_id) {
  if (hex.size() != 8) return false;
  uint32_t v = 0;
  for (char c : hex) {
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return false;
    v = (v << 4) | static_cast<uint32_t>(d);
  }
  key_id = v;
  return true;
}

}  // namespace ledger
