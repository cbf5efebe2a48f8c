// web::PageStore: consumer pages rendered ahead of scans and kept in SQLite (rendered_pages), so a
// QR scan costs one indexed read instead of a dozen queries and a template render. Pages are stored
// gzip-compressed (served as they are to clients that accept gzip, as phone browsers do).
// Freshness: every write bumps the page version of the batches it changes (and their descendants)
// in its own transaction; a stored page counts only at its subject's current version, so nothing
// stale is ever served. A background thread (low priority) stores pages rendered on demand and
// re-renders every batch's default page (Chinese HTML) that is missing or outdated.
// Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/queries.h"
#include "store/rows.h"

namespace web {

class PageStore {
 public:
  // Renders the default page of a batch from the given reader (inside a snapshot the caller holds).
  using Renderer = std::function<store::RenderedPage(store::Queries&, const store::BatchRow&)>;

  explicit PageStore(std::string db_path) : db_path_(std::move(db_path)) {}
  ~PageStore();

  // Starts the background thread. Without it pages are still served, rendered on each miss.
  // `render_tag` names the code and templates that render pages (main passes a hash of the binary):
  // pages stored by another build are never served and are deleted when the thread starts.
  void start(Renderer render_default, std::string render_tag);

  // "tag|gtin|lot|serial|lang|format" — the key of one variant of one page.
  std::string key(const std::string& gtin, const std::string& lot, const std::string& serial,
                  const std::string& lang, bool json) const;

  // Queues a page rendered at `version` of `subject` to be stored (dropped if outdated by then).
  void put(std::string page_key, std::string subject, int64_t version, store::RenderedPage page);
  // A write changed page versions: re-render what is outdated.
  void wake();
  // True when no stored default page is missing or outdated and nothing is queued.
  bool settled() const { return settled_.load(); }

 private:
  struct Pending {
    std::string key, subject;
    int64_t version;
    store::RenderedPage page;
  };
  void run();

  std::string db_path_;
  Renderer render_;
  std::string tag_;  // set once by start(), before the thread exists
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<Pending> queue_;
  bool sweep_ = true;
  uint64_t wakes_ = 0;  // writes seen, so a sweep pass knows whether one came in while it ran
  bool stopping_ = false;
  std::atomic<bool> settled_{false};
};

}  // namespace web
