// The platform operator's pages (GET /admin, GET /admin/audit): the view models and their rendering,
// apart from the handlers (admin_routes.cpp) that decide what to show. Chinese first, English
// secondary; every value HTML-escaped by the templates; every list limited.
// Thread-safe (reads through the calling thread's reader).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/result.h"
#include "http/message.h"
#include "web/app.h"
#include "web/principal.h"

namespace web {

inline constexpr int kAdminListLimit = 200;
inline constexpr int kAuditPageLimit = 100;

// What /admin shows besides its lists.
struct AdminPageState {
  std::string form;                           // "party" or "user": the form `error` belongs to
  std::map<std::string, std::string> values;  // that form's fields as sent, to refill it (never passwords)
  std::optional<domain::Error> error;
  nlohmann::json created_party;  // null, or {id, name, token} right after a registration (the token, once)
  std::string done;              // "user" or "unlock" after the redirect of a successful POST
};

// The admin page with the state, answered with `status` and no-store (it may carry a token).
http::Response render_admin(App& app, const Principal& principal, int status, const AdminPageState& state);

struct AuditFilter {
  std::string actor;   // exact match; empty for any
  std::string action;  // exact match; empty for any
  int64_t before = 0;  // rows with seq below this (the next page); 0 for the newest
};

// The audit trail page, newest first, kAuditPageLimit rows a page. `error` (a bad filter value) is shown
// above an empty table with its status.
http::Response render_audit(App& app, const Principal& principal, const AuditFilter& filter,
                            const std::optional<domain::Error>& error = std::nullopt);

// For a refused require_role: 303 to /login without a valid session (401), else a 403 page saying why.
http::Response admin_refusal(App& app, const domain::Error& error);

}  // namespace web
