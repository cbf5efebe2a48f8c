#include "web/page_cache.h"

namespace web {
namespace {
size_t cost(const std::string& key, const CachedPage& page) { return key.size() * 2 + page.body.size() + 128; }
}  // namespace

std::shared_ptr<const CachedPage> PageCache::get(const std::string& key, uint64_t generation) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (it->second.generation != generation) {
    bytes_ -= cost(key, *it->second.page);
    lru_.erase(it->second.lru);
    entries_.erase(it);
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return it->second.page;
}

void PageCache::put(const std::string& key, uint64_t generation, std::shared_ptr<const CachedPage> page) {
  std::lock_guard lock(mutex_);
  if (cost(key, *page) > max_bytes_ / 4) return;  // one huge page must not flush everything else
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    bytes_ -= cost(key, *it->second.page);
    lru_.erase(it->second.lru);
    entries_.erase(it);
  }
  lru_.push_front(key);
  bytes_ += cost(key, *page);
  entries_.emplace(key, Entry{generation, std::move(page), lru_.begin()});
  evict_locked();
}

void PageCache::evict_locked() {
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    auto it = entries_.find(lru_.back());
    bytes_ -= cost(it->first, *it->second.page);
    entries_.erase(it);
    lru_.pop_back();
  }
}

}  // namespace web
