#include "ledger/base64.h"

#include <openssl/evp.h>

#include <algorithm>
#include <climits>

namespace ledger {
namespace {

int alphabet_index(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

domain::Error bad(std::string message) { return domain::make_error(domain::Errc::invalid_input, std::move(message)); }

}  // namespace

std::string base64_encode(std::string_view bytes) {
  if (bytes.empty()) return {};
  // EVP_EncodeBlock takes an int length; ledger inputs are far below that, but never truncate.
  std::string out;
  constexpr size_t kChunk = 3 * (1u << 20);  // multiple of 3, so chunks concatenate cleanly
  for (size_t pos = 0; pos < bytes.size(); pos += kChunk) {
    const std::string_view part = bytes.substr(pos, kChunk);
    std::string buf(4 * ((part.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(buf.data()),
                                  reinterpret_cast<const unsigned char*>(part.data()), static_cast<int>(part.size()));
    out.append(buf.data(), static_cast<size_t>(n));
  }
  return out;
}

domain::Result<std::string> base64_decode(std::string_view text) {
  if (text.empty()) return std::string();
  if (text.size() % 4 != 0) return bad("base64 length is not a multiple of 4");
  if (text.size() > static_cast<size_t>(INT_MAX)) return bad("base64 input too large");
  size_t padding = 0;
  if (text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  // EVP_DecodeBlock tolerates surrounding whitespace and accepts '=' in odd places, so the strict
  // grammar is checked here first.
  for (size_t i = 0; i < text.size() - padding; ++i) {
    if (alphabet_index(text[i]) < 0) return bad("invalid base64 character");
  }
  // The last data character must not carry bits that the padding says are unused.
  const int last = alphabet_index(text[text.size() - padding - 1]);
  if ((padding == 1 && (last & 0x03) != 0) || (padding == 2 && (last & 0x0f) != 0)) {
    return bad("non-canonical base64 padding bits");
  }
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return bad("invalid base64");
  // DecodeBlock counts padding as zero bytes in its result; drop them.
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

std::string hash_base64(const Hash& hash) {
  return base64_encode({reinterpret_cast<const char*>(hash.data()), hash.size()});
}

std::optional<Hash> hash_from_base64(std::string_view text) {
  auto raw = base64_decode(text);
  if (!raw || raw->size() != Hash{}.size()) return std::nullopt;
  Hash h;
  std::copy(raw->begin(), raw->end(), h.begin());
  return h;
}

}  // namespace ledger
