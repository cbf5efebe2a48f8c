#include "ledger/integrity_sweep.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ledger/log_check.h"

namespace ledger {

IntegritySweep::IntegritySweep(Ledger& ledger, std::string key_path,
                               std::function<void(bool, const std::string&)> on_done) {
  thread_ = std::thread([this, &ledger, key_path = std::move(key_path), on_done = std::move(on_done)] {
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 15);  // requests come first
    auto report = check_log(ledger.db_path(), key_path, &stop_);
    if (stop_) return;
    if (!report) return on_done(false, "the integrity check could not run: " + report.error().message);
    if (!report->ok) {
      ledger.refuse_writes("the log failed its integrity check: " + report->problem);
      return on_done(false, report->problem);
    }
    on_done(true, std::to_string(report->leaves) + " records match the signed checkpoint");
  });
}

IntegritySweep::~IntegritySweep() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace ledger
