#include "web/page_store.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <set>

#include "store/database.h"
#include "store/writes.h"
#include "web/gzip.h"

namespace web {
namespace {
constexpr int kSweepBatch = 64;     // batches rendered between two looks at the queue
// After a write, wait this long for more before re-rendering: a batch written to continuously is
// re-rendered a few times a second instead of after every record.
constexpr std::chrono::milliseconds kSettleDelay{500};
constexpr size_t kMaxQueue = 4096;  // pages waiting to be stored; beyond that, on-demand ones are dropped
}  // namespace

PageStore::~PageStore() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string PageStore::key(const std::string& gtin, const std::string& lot, const std::string& serial,
                           const std::string& lang, bool json) const {
  return tag_ + '|' + gtin + '|' + lot + '|' + serial + '|' + lang + (json ? "|j" : "|h");
}

void PageStore::start(Renderer render_default, std::string render_tag) {
  render_ = std::move(render_default);
  tag_ = std::move(render_tag);
  thread_ = std::thread([this] { run(); });
}

void PageStore::put(std::string page_key, std::string subject, int64_t version, store::RenderedPage page) {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable() || queue_.size() >= kMaxQueue) return;
    queue_.push_back(Pending{std::move(page_key), std::move(subject), version, std::move(page)});
  }
  cv_.notify_one();
}

void PageStore::wake() {
  {
    std::lock_guard lock(mutex_);
    changed_ = true;
  }
  settled_ = false;
  cv_.notify_one();
}

void PageStore::run() {
  // Scans matter more than pre-rendering: let request threads win the CPU.
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
  try {
    store::Database db(db_path_, store::Database::Mode::read_write);
    store::Queries queries(db);
    store::Writes writes(db);
    writes.delete_rendered_pages_except(tag_ + '|');  // pages another build rendered
    // Changes up to here are covered by the full pass; later ones are followed one by one.
    int64_t cursor = queries.last_page_change();
    writes.delete_page_changes_through(cursor);
    full_pass(db, queries, writes);
    auto delay = kSettleDelay;
    for (;;) {
      bool changed = false;
      {
        std::unique_lock lock(mutex_);
        settled_ = queue_.empty() && !changed_;
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty() || changed_; });
        if (!stopping_ && changed_ && queue_.empty()) cv_.wait_for(lock, delay, [&] { return stopping_; });
        if (stopping_) return;
        changed = changed_;
        changed_ = false;
      }
      store_pages(db, writes, {});
      if (!changed) continue;
      auto started = std::chrono::steady_clock::now();
      cursor = follow_changes(db, queries, writes, cursor);
      // Under a stream of writes, re-rendering gets at most a fifth of a core: wait four times as
      // long as the last pass took (pages are rendered on demand in between, never served stale).
      auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
      delay = std::max(kSettleDelay, 4 * took);
    }
  } catch (const std::exception& e) {
    std::cerr << "agritrace: page store stopped: " << e.what() << std::endl;
  }
}

void PageStore::full_pass(store::Database& db, store::Queries& queries, store::Writes& writes) {
  int64_t after = 0;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    auto rows = queries.batches_after(after, kSweepBatch);
    if (rows.empty()) return;
    std::vector<Pending> rendered;
    for (const auto& row : rows) {
      after = row.seq;
      render_if_outdated(db, queries, row, rendered);
    }
    store_pages(db, writes, std::move(rendered));
  }
}

int64_t PageStore::follow_changes(store::Database& db, store::Queries& queries, store::Writes& writes, int64_t cursor) {
  // Only the changes there are now: later ones wait for the next pass, so a steady stream of writes
  // cannot keep this loop rendering forever.
  const int64_t end = queries.last_page_change();
  std::set<std::string> seen;  // a batch changed many times is rendered once per pass
  while (cursor < end) {
    auto changes = queries.page_changes_after(cursor, 256);
    if (changes.empty()) break;
    std::vector<Pending> rendered;
    for (const auto& [seq, subject] : changes) {
      if (seq > end) break;
      cursor = seq;
      if (!seen.insert(subject).second) continue;
      if (auto row = queries.batch(subject)) render_if_outdated(db, queries, *row, rendered);  // products: on demand
    }
    store_pages(db, writes, std::move(rendered));
    writes.delete_page_changes_through(cursor);
  }
  return cursor;
}

void PageStore::render_if_outdated(store::Database& db, store::Queries& queries, const store::BatchRow& row,
                                   std::vector<Pending>& out) {
  std::string page_key = key(row.gtin, row.lot, "", "zh", false);
  store::ReadSnapshot snapshot(db);
  if (queries.rendered_page(page_key)) return;
  int64_t version = queries.page_version(row.id);
  out.push_back(Pending{std::move(page_key), row.id, version, render_(queries, row)});
}

void PageStore::store_pages(store::Database& db, store::Writes& writes, std::vector<Pending> rendered) {
  {
    std::lock_guard lock(mutex_);
    for (auto& p : queue_) rendered.push_back(std::move(p));
    queue_.clear();
  }
  if (rendered.empty()) return;
  // Compressed here, off the request path. A page outdated while it waited is written anyway: its
  // old version makes it invisible.
  for (auto& p : rendered) p.page.body = gzip(p.page.body);
  store::Transaction tx(db);
  for (const auto& p : rendered) writes.put_rendered_page(p.key, p.subject, p.version, p.page);
  tx.commit();
}

}  // namespace web
