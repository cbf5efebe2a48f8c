// The bureau's console: GET /console (search), GET /console/batches/{id} (the batch view) and
// POST /console/batches/{id}/control (an inspector's hold, release or recall from the view's form) and
// POST /console/batches/{id}/inspect (an inspector's test).
// Pages for inspectors and the admin: without a session the browser is sent to /login; another role
// gets a 403 page naming the reason. Every batch view by an inspector is written to the audit log.
// Thread-safe: handlers share only the App.
#include <charconv>
#include <string>

#include "domain/timestamp.h"
#include "web/audit_trail.h"
#include "web/batch_controls.h"
#include "web/console_batch.h"
#include "web/console_search.h"
#include "web/event_recording.h"
#include "web/principal.h"
#include "web/responses.h"
#include "web/route_context.h"
#include "web/routes.h"

namespace web {
namespace {

using nlohmann::json;

constexpr size_t kMaxBatchId = 64;

domain::Result<Principal> console_user(App& app, const http::Request& request) {
  return require_role(app, request, {Role::inspector, Role::admin});
}

domain::Result<store::BatchRow> batch_of(App& app, const RouteContext& ctx) {
  const std::string& id = ctx.params.at(0);
  std::optional<store::BatchRow> row;
  if (id.size() <= kMaxBatchId) row = app.reader().batch(id);
  if (!row) return domain::make_error(domain::Errc::not_found, "no batch with id " + id.substr(0, kMaxBatchId), "id");
  return *row;
}

}  // namespace

http::Response console_refusal(App& app, const domain::Error& error) {
  if (error.code == domain::Errc::unauthorized) return see_other("/login");
  json model = {{"notice", error.message}, {"status", status_of(error.code)}};
  return private_page(status_of(error.code), render_console_page(app, model));
}

http::Response get_console(App& app, RouteContext& ctx) {
  auto who = console_user(app, ctx.request);
  if (!who) return console_refusal(app, who.error());
  auto filter = console_filter(ctx.query);
  if (!filter) {
    auto model = console_search_model(app, *who, ctx.query, nullptr, filter.error().message);
    return private_page(400, render_console_page(app, model));
  }
  return private_page(200, render_console_page(app, console_search_model(app, *who, ctx.query, &*filter)));
}

http::Response get_console_batch(App& app, RouteContext& ctx) {
  auto who = console_user(app, ctx.request);
  if (!who) return console_refusal(app, who.error());
  auto batch = batch_of(app, ctx);
  if (!batch) return console_refusal(app, batch.error());
  if (who->role == Role::inspector) {
    // Which records an inspector looked at is part of the trail; a view that cannot be recorded is not shown.
    auto logged = audit(app, who->actor(), "view_batch", batch->id);
    if (!logged) return console_refusal(app, logged.error());
  }
  return private_page(200, render_console_batch_page(app, console_batch_model(app, *who, *batch)));
}

http::Response post_console_control(App& app, RouteContext& ctx) {
  auto who = require_role(app, ctx.request, {Role::inspector});  // checks the form's CSRF token too
  if (!who) return console_refusal(app, who.error());
  auto batch = batch_of(app, ctx);
  if (!batch) return console_refusal(app, batch.error());
  auto form = parse_query(ctx.request.body);
  std::string action = form["action"], level_text = form["level"];
  ControlRequest request;
  request.reason = form["reason"];
  json echo = {{"action", action}, {"reason", request.reason}};
  auto again = [&](int status, const std::string& message) {
    return private_page(status, render_console_batch_page(app, console_batch_model(app, *who, *batch, message, echo)));
  };
  if (action == "hold")
    request.action = ControlAction::hold;
  else if (action == "release")
    request.action = ControlAction::release;
  else if (action == "recall")
    request.action = ControlAction::recall;
  else
    return again(400, "请选择操作：扣留、解除扣留或召回 (action must be hold, release or recall)");
  if (request.action == ControlAction::recall) {
    int level = 0;
    auto [end, ec] = std::from_chars(level_text.data(), level_text.data() + level_text.size(), level);
    if (ec != std::errc() || end != level_text.data() + level_text.size() || level < 1 || level > 3)
      return again(422, "召回级别须为 1、2 或 3 (level must be 1, 2 or 3)");
    request.level = level;
    echo["level"] = level;
  }
  auto bureau = app.reader().party(who->party_id);
  if (!bureau) return again(403, "this inspector account belongs to no bureau");
  auto unsigned_form = RequestSignature::unsigned_form(app, *bureau);
  if (!unsigned_form) return again(status_of(unsigned_form.error().code), unsigned_form.error().message);
  auto done = record_control(app, *who, batch->id, request, *unsigned_form);
  if (!done) return again(status_of(done.error().code), done.error().message);
  return see_other("/console/batches/" + url_encode(batch->id));
}

// An inspector's test from the batch view: a GB/T 5009.199 rapid test (ΔA0, ΔAt) or a confirmatory
// method's result, recorded as the bureau's inspect event exactly as POST /api/v1/events would.
http::Response post_console_inspect(App& app, RouteContext& ctx) {
  auto actor = require_party_role(app, ctx.request, {Role::inspector});  // checks the form's CSRF token too
  if (!actor) return console_refusal(app, actor.error());
  auto batch = batch_of(app, ctx);
  if (!batch) return console_refusal(app, batch.error());
  auto form = parse_query(ctx.request.body);
  json echo = {{"which", "inspect"}};
  for (const char* key : {"site", "method", "tester", "delta_a0", "delta_at", "kit_lot", "instrument", "result",
                          "confirmatory", "note"})
    echo[key] = form[key];
  auto again = [&](int status, const std::string& message) {
    return private_page(status, render_console_batch_page(app, console_batch_model(app, actor->who, *batch, message, echo)));
  };
  json body = {{"kind", "inspect"}, {"batch", batch->id}, {"site", form["site"]}, {"method", form["method"]},
               {"tester", form["tester"]}, {"at", domain::Timestamp::from_unix(now_unix(), 0).str()}};
  if (!form["note"].empty()) body["note"] = form["note"];
  if (form["confirmatory"] == "1") {
    body["confirmatory"] = true;
    if (form["result"] != "pass" && form["result"] != "fail")
      return again(422, "确证检测须选择结果 (a confirmatory test needs its result: pass or fail)");
    body["result"] = form["result"];
  } else {
    body["rapid_test"] = {{"delta_a0", form["delta_a0"]}, {"delta_at", form["delta_at"]}, {"kit_lot", form["kit_lot"]},
                          {"instrument", form["instrument"]}, {"tester", form["tester"]}};
  }
  if (auto valid = app.schemas().validate("event.json", body); !valid) return again(400, valid.error().message);
  auto unsigned_form = RequestSignature::unsigned_form(app, actor->party);
  if (!unsigned_form) return again(status_of(unsigned_form.error().code), unsigned_form.error().message);
  auto done = record_event(app, *actor, body, *unsigned_form);
  if (!done) {
    const auto& e = done.error();
    return again(status_of(e.code), e.field.empty() ? e.message : e.field + ": " + e.message);
  }
  return see_other("/console/batches/" + url_encode(batch->id));
}

}  // namespace web
