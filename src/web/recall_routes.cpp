// Recalls as the bureau follows them: GET /console/recalls (open recalls), GET /console/recalls/{id}
// (one recall: deadlines, holders, progress) for inspectors and the admin, and GET /api/v1/recalls/{id}
// (the same model as JSON) for inspectors, the admin and producers of a party the recall reached —
// those see only their own holder rows. Thread-safe: handlers share only the App.
#include <nlohmann/json.hpp>

#include "web/assets.h"
#include "web/principal.h"
#include "web/recall_view.h"
#include "web/responses.h"
#include "web/routes.h"
#include "web/template_data.h"

namespace web {
namespace {

http::Response page(App& app, const std::string& name, const nlohmann::json& model) {
  TemplateData data = to_template_data(model);
  data.set("css", std::string(template_file("style.css")));
  return private_page(200, app.templates().render(name, data));
}

}  // namespace

http::Response get_console_recalls(App& app, RouteContext& ctx) {
  auto who = require_role(app, ctx.request, {Role::inspector, Role::admin});
  if (!who) return console_refusal(app, who.error());
  nlohmann::json recalls = open_recalls_view(app.reader(), now_unix());
  return page(app, "recalls.html", {{"recalls", recalls}, {"limit", kRecallsListed}});
}

http::Response get_console_recall(App& app, RouteContext& ctx) {
  auto who = require_role(app, ctx.request, {Role::inspector, Role::admin});
  if (!who) return console_refusal(app, who.error());
  auto view = recall_view(app.reader(), ctx.params.at(0), now_unix());
  if (!view) return console_refusal(app, view.error());  // a 404 page naming the unknown id
  return page(app, "recall.html", *view);
}

http::Response get_recall(App& app, RouteContext& ctx) {
  auto who = require_role(app, ctx.request, {Role::inspector, Role::admin, Role::producer});
  if (!who) return error_response(who.error());
  const std::string& id = ctx.params.at(0);
  std::string only_party;
  if (who->role == Role::producer) {
    // A producer sees a recall only if it held affected stock, and then only its own holder rows.
    if (!recall_reaches_party(app.reader(), id, who->party_id))
      return error_response(
          domain::make_error(domain::Errc::forbidden,
                             "only the bureau and the holders of recalled stock may see recall " + id.substr(0, 64)));
    only_party = who->party_id;
  }
  auto view = recall_view(app.reader(), id, now_unix(), only_party);
  if (!view) return error_response(view.error());
  return json_response(200, *view);
}

}  // namespace web
