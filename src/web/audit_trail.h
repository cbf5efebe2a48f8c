// web::audit: writing the append-only audit log (who did what, when) from handlers. Rows go through
// the ledger's writer connection as a plan that adds no log record, so they share its transaction
// rules (a plan's audit row and its other writes are kept or dropped together).
// Never pass a password, token or cookie value. Thread-safe (through the Ledger).
#pragma once

#include <string>

#include "domain/result.h"
#include "ledger/ledger.h"
#include "web/app.h"

namespace web {

// Inside a plan: appends the row in the plan's transaction, stamped with its time.
void audit_in(ledger::Ledger::Txn& txn, const std::string& actor, const std::string& action, const std::string& target,
              const std::string& detail = {});
// On its own (e.g. a refused request, a record an inspector viewed). Fails only if the ledger refuses
// writes (Errc::unavailable).
domain::Status audit(App& app, const std::string& actor, const std::string& action, const std::string& target,
                     const std::string& detail = {});

}  // namespace web
