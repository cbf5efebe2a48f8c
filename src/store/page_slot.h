// The integer slot of a stored page: 64-bit FNV-1a of its key, so a scan finds its page with one
// integer B-tree search. Stable across builds and machines (it is stored). A collision only makes
// two pages share a slot (the key is checked on read): a miss, never a wrong page. Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace store {

inline int64_t page_slot(std::string_view key) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<int64_t>(h);
}

}  // namespace store
