// web::PageStore: consumer pages rendered ahead of scans and kept in SQLite (rendered_pages), so a
// QR scan costs one indexed read instead of a dozen queries and a template render. Pages are stored
// gzip-compressed (served as they are to clients that accept gzip, as phone browsers do).
// Freshness: every write bumps the page version of the batches it changes (and their descendants)
// in its own transaction; a stored page counts only at its subject's current version, so nothing
// stale is ever served. A background thread (low priority) stores pages rendered on demand, renders
// every batch's default page (Chinese HTML) that is missing or outdated once at start, and afterwards
// follows page_changes to re-render just the batches writes touched — at most a few times a second
// per batch, however fast it is written to.
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
#include "store/writes.h"
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
  // Renders every batch whose default page is missing or outdated (the pass at start).
  void full_pass(store::Database& db, store::Queries& queries, store::Writes& writes);
  // Re-renders the batches named in page_changes after `cursor`; returns the new cursor.
  int64_t follow_changes(store::Database& db, store::Queries& queries, store::Writes& writes, int64_t cursor);
  // Renders one batch's default page unless a current one is stored.
  void render_if_outdated(store::Database& db, store::Queries& queries, const store::BatchRow& row,
                          std::vector<Pending>& out);
  // Stores the pages queued by put() and `rendered`, compressed, in one transaction.
  void store_pages(store::Database& db, store::Writes& writes, std::vector<Pending> rendered);

  std::string db_path_;
  Renderer render_;
  std::string tag_;  // set once by start(), before the thread exists
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<Pending> queue_;
  bool changed_ = false;  // a write outdated pages since the thread last looked
  bool stopping_ = false;
  std::atomic<bool> settled_{false};
};

}  // namespace web
