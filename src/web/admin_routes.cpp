// The platform operator's pages: GET /admin (parties and accounts), POST /admin/parties (register a
// party: a log record, through the same path as POST /api/v1/parties), POST /admin/users (add an
// account: the rules of `agritrace user add`), POST /admin/users/{id}/unlock, GET /admin/audit.
// Admins only (require_role, which also checks the session's CSRF token on every POST). Without a
// session → 303 /login; another role → 403 page. A refused form is shown again with the message
// naming the field, and nothing is written.
// Thread-safe: handlers share only the App.
#include <charconv>

#include "store/accounts.h"
#include "web/account_registration.h"
#include "web/admin_page.h"
#include "web/audit_trail.h"
#include "web/party_registration.h"
#include "web/principal.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {
namespace {

http::Response see_admin(const std::string& done) { return see_other(done.empty() ? "/admin" : "/admin?done=" + done); }

// The form's fields to show again: never the token or a password.
std::map<std::string, std::string> refill(std::map<std::string, std::string> form) {
  form.erase("csrf");
  form.erase("password");
  form.erase("password2");
  return form;
}

}  // namespace

http::Response get_admin(App& app, RouteContext& ctx) {
  auto principal = require_role(app, ctx.request, {Role::admin});
  if (!principal) return admin_refusal(app, principal.error());
  AdminPageState state;
  state.done = ctx.query_value("done");
  return render_admin(app, *principal, 200, state);
}

http::Response post_admin_party(App& app, RouteContext& ctx) {
  auto principal = require_role(app, ctx.request, {Role::admin});
  if (!principal) return admin_refusal(app, principal.error());
  auto form = parse_query(ctx.request.body);
  nlohmann::json body = {{"name", form["name"]}, {"kind", form["kind"]}, {"county", form["county"]}};
  if (!form["contact"].empty()) body["contact"] = form["contact"];
  // The record says what was registered; the audit row, in the same transaction, which operator did it.
  auto out = register_party(app, body, principal->actor());
  AdminPageState state;
  if (!out) {
    state.form = "party";
    state.values = refill(form);
    state.error = out.error();
    return render_admin(app, *principal, status_of(out.error().code), state);
  }
  std::string id = (*out)["id"];
  state.created_party = {{"id", id}, {"name", (*out)["name"]}, {"token", (*out)["token"]}};
  return render_admin(app, *principal, 201, state);
}

http::Response post_admin_user(App& app, RouteContext& ctx) {
  auto principal = require_role(app, ctx.request, {Role::admin});
  if (!principal) return admin_refusal(app, principal.error());
  auto form = parse_query(ctx.request.body);
  NewAccount account{form["username"], form["role"], form["party"]};
  auto refused = [&](const domain::Error& error) {
    AdminPageState state;
    state.form = "user";
    state.values = refill(form);
    state.error = error;
    return render_admin(app, *principal, status_of(error.code), state);
  };
  // In the order of the form, so the first wrong field is the one named.
  if (auto fields = check_account_fields(account); !fields) return refused(fields.error());
  if (auto good = check_password(form["password"]); !good) return refused(good.error());
  if (form["password"] != form["password2"])
    return refused(domain::make_error(domain::Errc::invalid_input, "the two passwords differ", "/password2"));
  auto added = register_account(app, account, form["password"], principal->actor());
  if (!added) return refused(added.error());
  return see_admin("user");
}

http::Response post_admin_unlock(App& app, RouteContext& ctx) {
  auto principal = require_role(app, ctx.request, {Role::admin});
  if (!principal) return admin_refusal(app, principal.error());
  const std::string& id = ctx.params[0];
  auto written = app.ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
    store::Accounts accounts(txn.read().database());
    auto user = accounts.user(id);
    if (!user) return domain::make_error(domain::Errc::not_found, "no account with id " + id.substr(0, 64));
    accounts.set_login_state(user->id, 0, 0);
    audit_in(txn, principal->actor(), "user_unlock", user->id,
             "username=" + user->username + " failed_logins=" + std::to_string(user->failed_logins));
    return domain::Ok{};
  });
  if (!written) {
    AdminPageState state;
    state.error = written.error();
    return render_admin(app, *principal, status_of(written.error().code), state);
  }
  return see_admin("unlock");
}

http::Response get_admin_audit(App& app, RouteContext& ctx) {
  auto principal = require_role(app, ctx.request, {Role::admin});
  if (!principal) return admin_refusal(app, principal.error());
  AuditFilter filter{ctx.query_value("actor").substr(0, 100), ctx.query_value("action").substr(0, 64), 0};
  std::string before = ctx.query_value("before");
  if (!before.empty()) {
    auto [end, ec] = std::from_chars(before.data(), before.data() + before.size(), filter.before);
    if (ec != std::errc() || end != before.data() + before.size() || filter.before < 1)
      return render_audit(
          app, *principal, filter,
          domain::make_error(domain::Errc::invalid_input, "before must be a positive whole number", "/before"));
  }
  return render_audit(app, *principal, filter);
}

}  // namespace web
