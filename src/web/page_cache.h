// web::PageCache: rendered consumer pages, so a hot QR code costs a hash lookup instead of queries
// and a template render. An entry is valid only for the ledger generation it was rendered at, so any
// write invalidates everything (records change rarely; scans are many). Bounded in bytes, LRU.
// Thread-safe (one mutex; the critical sections are a lookup or an insert).
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace web {

struct CachedPage {
  int status = 200;
  std::string content_type;
  std::string body;
};

class PageCache {
 public:
  explicit PageCache(size_t max_bytes = 48 << 20) : max_bytes_(max_bytes) {}

  std::shared_ptr<const CachedPage> get(const std::string& key, uint64_t generation);
  void put(const std::string& key, uint64_t generation, std::shared_ptr<const CachedPage> page);

 private:
  struct Entry {
    uint64_t generation;
    std::shared_ptr<const CachedPage> page;
    std::list<std::string>::iterator lru;
  };
  void evict_locked();

  std::mutex mutex_;
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::list<std::string> lru_;  // front = most recently used
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace web
