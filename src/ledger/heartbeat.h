// ledger::Heartbeat: keeps the signed checkpoint fresh while nothing is written. A C2SP checkpoint
// carries no time (and we add no extension lines), and Ed25519 is deterministic, so re-signing an
// unchanged tree would give the very same bytes. Instead, after `interval` without appends, this
// appends one small `heartbeat` record {"type":"heartbeat","id":…,"recorded_at":…} and so signs a
// new checkpoint: a client that sees the newest leaf's recorded_at knows how fresh the log is.
// Thread-safe: the destructor stops and joins the thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "ledger/ledger.h"

namespace ledger {

class Heartbeat {
 public:
  Heartbeat(Ledger& ledger, std::chrono::seconds interval);
  ~Heartbeat();
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

 private:
  void run(Ledger& ledger, std::chrono::seconds interval);

  std::mutex mutex_;
  std::condition_variable stop_changed_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ledger
