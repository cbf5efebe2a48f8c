// web::ScanCounter: consumer page views per UTC day, counted in memory and added to the scan_days table
// (schemas/sql/007_market_supervision.sql) in batches, so a scan never waits for a write.
// count() is the hot path: a clock read, two relaxed loads and one relaxed atomic increment. When the
// last flush is 10 s old, it wakes the counter's own background thread (never blocking), which adds
// the counts to the day's row through the ledger's writer (a plan that adds no log record: scan
// counts are statistics, not records). Counts a failed flush could not write are kept for the next.
// The destructor flushes what is left (the ledger must outlive the counter, as it outlives the App).
// Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "domain/result.h"
#include "ledger/ledger.h"

namespace web {

class ScanCounter {
 public:
  static constexpr int64_t kFlushSeconds = 10;

  explicit ScanCounter(ledger::Ledger& ledger);
  ~ScanCounter();
  ScanCounter(const ScanCounter&) = delete;
  ScanCounter& operator=(const ScanCounter&) = delete;

  // One consumer page view now.
  void count() { count_at(unix_now()); }
  // One view at `unix_seconds` (UTC), for tests and replays; the same cheap path as count().
  void count_at(int64_t unix_seconds);

  // Adds every count not yet written to scan_days now, in the caller's thread; returns how many
  // scans it wrote. On a failed write the counts are kept for the next flush and the error returned.
  domain::Result<int64_t> flush();
  // Scans counted and not yet written.
  int64_t pending() const;

  static std::string utc_day(int64_t unix_seconds);  // "YYYY-MM-DD"

 private:
  // One counter per day, reused in a ring: a slot is re-claimed (its old count moved to carried_)
  // only days after its last use, when no thread can still be counting into it.
  struct Slot {
    std::atomic<int64_t> day{-1};  // days since 1970-01-01, UTC
    std::atomic<int64_t> count{0};
  };
  static constexpr size_t kSlots = 4;

  static int64_t unix_now();
  static int64_t steady_now();
  void claim(Slot& slot, int64_t day);
  void run();  // the background thread

  ledger::Ledger& ledger_;
  std::array<Slot, kSlots> slots_;
  std::atomic<int64_t> last_flush_;  // steady seconds
  std::atomic<bool> requested_{false};

  mutable std::mutex mutex_;            // carried_, claims, and one flush at a time
  std::map<int64_t, int64_t> carried_;  // day → counts taken out of slots but not yet written
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by wake_mutex_
  std::thread thread_;
};

}  // namespace web
