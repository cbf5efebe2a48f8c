// ledger::IntegritySweep: after start-up, re-hashes the whole log once in the background (check_log)
// at low priority. Start-up itself only re-hashes the newest leaves, so that a large log starts in
// O(log n); an older record changed after signing is found here, and then the ledger refuses every
// further write and the reason is printed, because appending to a tampered log would sign over it.
// Thread-safe: the destructor stops and joins the sweep.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "ledger/ledger.h"

namespace ledger {

class IntegritySweep {
 public:
  // `on_done(ok, message)` is called once from the sweep thread (not when stopped early).
  IntegritySweep(Ledger& ledger, std::string key_path, std::function<void(bool, const std::string&)> on_done);
  ~IntegritySweep();
  IntegritySweep(const IntegritySweep&) = delete;
  IntegritySweep& operator=(const IntegritySweep&) = delete;

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace ledger
