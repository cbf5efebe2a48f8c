#include "web/page_store.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <iostream>

#include "store/database.h"
#include "store/writes.h"
#include "web/gzip.h"

namespace web {
namespace {
constexpr int kSweepBatch = 64;     // batches rendered between two looks at the queue
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
    sweep_ = true;
    ++wakes_;
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
    int64_t cursor = 0;
    bool rendered_in_pass = false;
    uint64_t wakes_at_pass_start = 0;
    for (;;) {
      std::vector<Pending> batch;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty() || sweep_; });
        if (stopping_) return;
        batch.swap(queue_);
        if (cursor == 0) wakes_at_pass_start = wakes_;
      }
      if (batch.empty()) {
        // Sweep: render the next few batches whose default page is missing or outdated.
        auto rows = queries.batches_after(cursor, kSweepBatch);
        if (rows.empty()) {
          std::lock_guard lock(mutex_);
          // A pass that rendered nothing, with no write since it started, means every page is current.
          if (!rendered_in_pass && wakes_ == wakes_at_pass_start) {
            sweep_ = false;
            settled_ = queue_.empty();
          }
          cursor = 0;  // otherwise check once more from the top
          rendered_in_pass = false;
          continue;
        }
        for (const auto& row : rows) {
          cursor = row.seq;
          std::string page_key = key(row.gtin, row.lot, "", "zh", false);
          store::ReadSnapshot snapshot(db);
          if (queries.rendered_page(page_key)) continue;
          int64_t version = queries.page_version(row.id);
          batch.push_back(Pending{std::move(page_key), row.id, version, render_(queries, row)});
          rendered_in_pass = true;
        }
        if (batch.empty()) continue;
      }
      // Compressed here, off the request path. A page outdated while it waited is written anyway:
      // its old version makes it invisible.
      for (auto& p : batch) p.page.body = gzip(p.page.body);
      store::Transaction tx(db);
      for (const auto& p : batch) writes.put_rendered_page(p.key, p.subject, p.version, p.page);
      tx.commit();
    }
  } catch (const std::exception& e) {
    std::cerr << "agritrace: page store stopped: " << e.what() << std::endl;
  }
}

}  // namespace web
