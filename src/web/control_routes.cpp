// POST /api/v1/batches/{id}/hold | /release | /recall (the bureau's inspectors) and
// POST /api/v1/recalls/{id}/confirm (holders of recalled stock). The rules live in batch_controls.cpp,
// shared with the console's forms. Thread-safe: handlers share only the App.
#include "web/batch_controls.h"
#include "web/json_body.h"
#include "web/receipt.h"
#include "web/request_signature.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {
namespace {

http::Response control(App& app, RouteContext& ctx, ControlAction action) {
  auto actor = require_party_role(app, ctx.request, {Role::inspector});
  if (!actor) return error_response(actor.error());
  auto signature = RequestSignature::check(app, ctx, actor->party);
  if (!signature) return error_response(signature.error());
  auto body = validated_body(app.schemas(), ctx.request, "control.json");
  if (!body) return error_response(body.error());
  ControlRequest request{action, body->value("level", 0), (*body)["reason"]};
  if (action != ControlAction::recall && body->contains("level"))
    return error_response(domain::make_error(domain::Errc::invalid_input, "level applies only to a recall", "/level"));
  if (action == ControlAction::recall && !body->contains("level"))
    return error_response(domain::make_error(domain::Errc::invalid_input, "a recall needs a level: 1, 2 or 3", "/level"));
  auto out = record_control(app, actor->who, ctx.params[0], request, *signature);
  if (!out) return error_response(out.error());
  return json_response(201, *out);
}

}  // namespace

http::Response post_hold(App& app, RouteContext& ctx) { return control(app, ctx, ControlAction::hold); }
http::Response post_release(App& app, RouteContext& ctx) { return control(app, ctx, ControlAction::release); }
http::Response post_recall(App& app, RouteContext& ctx) { return control(app, ctx, ControlAction::recall); }

http::Response post_recall_confirm(App& app, RouteContext& ctx) {
  auto actor = require_party_role(app, ctx.request, {Role::producer});
  if (!actor) return error_response(actor.error());
  auto signature = RequestSignature::check(app, ctx, actor->party);
  if (!signature) return error_response(signature.error());
  auto body = validated_body(app.schemas(), ctx.request, "recall_confirm.json");
  if (!body) return error_response(body.error());
  RecallConfirmation confirmation{(*body)["batch"], (*body)["action"], body->value("note", "")};
  auto out = confirm_recall(app, *actor, ctx.params[0], confirmation, *signature);
  if (!out) return error_response(out.error());
  return json_response(201, *out);
}

}  // namespace web
