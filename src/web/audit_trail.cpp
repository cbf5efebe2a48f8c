#include "web/audit_trail.h"

#include "store/audit_log.h"

namespace web {

void audit_in(ledger::Ledger::Txn& txn, const std::string& actor, const std::string& action, const std::string& target,
              const std::string& detail) {
  store::AuditLog(txn.read().database()).append(store::AuditRow{0, txn.recorded_at(), actor, action, target, detail});
}

domain::Status audit(App& app, const std::string& actor, const std::string& action, const std::string& target,
                     const std::string& detail) {
  auto done = app.ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
    audit_in(txn, actor, action, target, detail);
    return domain::Ok{};
  });
  if (!done) return done.error();
  return domain::Ok{};
}

}  // namespace web
