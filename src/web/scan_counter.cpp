#include "web/scan_counter.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <vector>

#include "domain/civil_date.h"
#include "domain/timestamp.h"
#include "store/dashboard_queries.h"

namespace web {

ScanCounter::ScanCounter(ledger::Ledger& ledger) : ledger_(ledger), last_flush_(steady_now()) {
  thread_ = std::thread([this] { run(); });
}

ScanCounter::~ScanCounter() {
  {
    std::lock_guard lock(wake_mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  if (auto done = flush(); !done)  // the ledger may refuse writes by now; the counts are only statistics
    std::cerr << "agritrace: scan counts not written at shutdown: " << done.error().message << std::endl;
}

int64_t ScanCounter::unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int64_t ScanCounter::steady_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string ScanCounter::utc_day(int64_t unix_seconds) {
  return domain::Timestamp::from_unix(unix_seconds, 0).str().substr(0, 10);  // "YYYY-MM-DDT…" in UTC
}

void ScanCounter::count_at(int64_t unix_seconds) {
  int64_t day = domain::floor_div(unix_seconds, 86400);
  Slot& slot = slots_[static_cast<size_t>(((day % int64_t(kSlots)) + int64_t(kSlots)) % int64_t(kSlots))];
  if (slot.day.load(std::memory_order_acquire) != day) claim(slot, day);  // once per slot per day
  slot.count.fetch_add(1, std::memory_order_relaxed);
  if (steady_now() - last_flush_.load(std::memory_order_relaxed) >= kFlushSeconds &&
      !requested_.load(std::memory_order_relaxed) && !requested_.exchange(true))
    wake_.notify_one();  // never waits; a wake-up lost to a race is caught by the thread's own timeout
}

void ScanCounter::claim(Slot& slot, int64_t day) {
  std::lock_guard lock(mutex_);
  int64_t old = slot.day.load(std::memory_order_relaxed);
  if (old == day) return;  // another thread claimed it first
  if (int64_t n = slot.count.exchange(0); n > 0 && old >= 0) carried_[old] += n;
  slot.day.store(day, std::memory_order_release);
}

int64_t ScanCounter::pending() const {
  std::lock_guard lock(mutex_);
  int64_t n = 0;
  for (const auto& slot : slots_) n += slot.count.load(std::memory_order_relaxed);
  for (const auto& [day, count] : carried_) n += count;
  return n;
}

domain::Result<int64_t> ScanCounter::flush() {
  last_flush_.store(steady_now(), std::memory_order_relaxed);
  std::map<int64_t, int64_t> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(carried_);
    for (auto& slot : slots_) {
      int64_t day = slot.day.load(std::memory_order_relaxed);
      if (int64_t n = slot.count.exchange(0); n > 0 && day >= 0) batch[day] += n;
    }
  }
  if (batch.empty()) return int64_t{0};
  int64_t total = 0;
  std::vector<std::pair<std::string, int64_t>> rows;
  for (const auto& [day, n] : batch) {
    rows.emplace_back(utc_day(day * 86400), n);
    total += n;
  }
  domain::Result<std::vector<ledger::Leaf>> done = domain::make_error(domain::Errc::internal, "not written");
  try {
    // Through the one writer (no second write connection), as a plan that adds no log record.
    done = ledger_.append([&](ledger::Ledger::Txn& txn) -> domain::Status {
      store::DashboardQueries writes(txn.read().database());
      for (const auto& [day, n] : rows) writes.add_scans(day, n);
      return domain::Ok{};
    });
  } catch (const std::exception& e) {
    done = domain::make_error(domain::Errc::internal, std::string("writing scan counts failed: ") + e.what());
  }
  if (!done) {
    std::lock_guard lock(mutex_);
    for (const auto& [day, n] : batch) carried_[day] += n;  // kept for the next flush
    return done.error();
  }
  return total;
}

void ScanCounter::run() {
  std::unique_lock lock(wake_mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::seconds(kFlushSeconds), [&] { return stopping_ || requested_.load(); });
    if (stopping_) break;
    bool due =
        requested_.exchange(false) || steady_now() - last_flush_.load(std::memory_order_relaxed) >= kFlushSeconds;
    if (!due) continue;
    lock.unlock();
    if (pending() > 0)
      if (auto done = flush(); !done)
        std::cerr << "agritrace: scan counts not written (kept for the next try): " << done.error().message
                  << std::endl;
    lock.lock();
  }
}

}  // namespace web
