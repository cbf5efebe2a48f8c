// The producer's own page: GET /producer (its recalls to act on, confirmed recalls, recent batches)
// and POST /producer/recalls/{id}/confirm (a holder's return or destruction of recalled stock, from the
// page's form, recorded as its recall_confirm event). Producers only: without a session the browser
// is sent to /login; another role gets a 403 page naming the reason.
// Thread-safe: handlers share only the App.
#include <string>

#include "web/batch_controls.h"
#include "web/principal.h"
#include "web/producer_page.h"
#include "web/request_signature.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {
namespace {

using nlohmann::json;

// No session → the login form; otherwise a page saying why (403) or what failed.
http::Response refused(App& app, const domain::Error& error) {
  if (error.code == domain::Errc::unauthorized) return see_other("/login");
  int status = status_of(error.code);
  return private_page(status, render_producer_page(app, producer_refusal_model(error.message, status)));
}

}  // namespace

http::Response get_producer(App& app, RouteContext& ctx) {
  auto actor = require_party_role(app, ctx.request, {Role::producer});
  if (!actor) return refused(app, actor.error());
  return private_page(200, render_producer_page(app, producer_model(app, actor->who, actor->party, now_unix())));
}

http::Response post_producer_confirm(App& app, RouteContext& ctx) {
  auto actor = require_party_role(app, ctx.request, {Role::producer});  // checks the form's CSRF token too
  if (!actor) return refused(app, actor.error());
  const std::string& recall_id = ctx.params.at(0);
  auto form = parse_query(ctx.request.body);
  RecallConfirmation confirmation{form["batch"], form["action"], form["note"]};
  json echo = {{"recall", recall_id},
               {"batch", confirmation.batch_id},
               {"action", confirmation.action},
               {"note", confirmation.note}};
  auto again = [&](const domain::Error& e) {
    std::string message = e.field.empty() ? e.message : e.field + ": " + e.message;
    return private_page(status_of(e.code), render_producer_page(app, producer_model(app, actor->who, actor->party,
                                                                                    now_unix(), message, echo)));
  };
  if (confirmation.batch_id.empty())
    return again(domain::make_error(domain::Errc::invalid_input, "请选择批次 (batch is required)", "/batch"));
  auto unsigned_form = RequestSignature::unsigned_form(app, actor->party);
  if (!unsigned_form) return again(unsigned_form.error());
  auto done = confirm_recall(app, *actor, recall_id, confirmation, *unsigned_form);
  if (!done) return again(done.error());
  return see_other("/producer");
}

}  // namespace web
