#include "ledger/checkpoint.h"

#include <algorithm>
#include <limits>

#include "ledger/base64.h"

namespace ledger {
namespace {

domain::Error invalid(std::string message) {
  return domain::make_error(domain::Errc::invalid_input, "checkpoint: " + std::move(message));
}

// Decimal without sign or leading zeros, so each size has exactly one spelling.
bool parse_size(std::string_view s, uint64_t& out) {
  if (s.empty() || (s.size() > 1 && s[0] == '0')) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

}  // namespace

std::string Checkpoint::body() const {
  std::string out = origin;
  out += '\n';
  out += std::to_string(size);
  out += '\n';
  out += base64_encode(std::string_view(reinterpret_cast<const char*>(root.data()), root.size()));
  out += '\n';
  for (const std::string& line : extensions) {
    out += line;
    out += '\n';
  }
  return out;
}

domain::Result<Checkpoint> Checkpoint::parse(std::string_view text) {
  if (text.empty() || text.back() != '\n') return invalid("text must end in a newline");
  if (std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\n'; })) {
    return invalid("control character in text");
  }
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos < text.size();) {
    const size_t nl = text.find('\n', pos);
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  if (lines.size() < 3) return invalid("needs origin, size and root lines");
  Checkpoint cp;
  if (lines[0].empty()) return invalid("empty origin");
  cp.origin = std::string(lines[0]);
  if (!parse_size(lines[1], cp.size)) return invalid("size is not a canonical decimal");
  auto root = base64_decode(lines[2]);
  if (!root || root->size() != cp.root.size()) return invalid("root is not base64 of 32 bytes");
  std::copy(root->begin(), root->end(), cp.root.begin());
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) return invalid("empty extension line");
    cp.extensions.emplace_back(lines[i]);
  }
  return cp;
}

bool Checkpoint::is_portable_origin(std::string_view origin) {
  return !origin.empty() && std::all_of(origin.begin(), origin.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '/';
  });
}

}  // namespace ledger
