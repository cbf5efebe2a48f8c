// POST /api/v1/parties (admin) and GET /api/v1/parties/{id}.
#include "web/json_body.h"
#include "web/party_registration.h"
#include "web/principal.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {

http::Response post_party(App& app, RouteContext& ctx) {
  if (auto admin = require_role(app, ctx.request, {Role::admin}); !admin) return error_response(admin.error());
  auto body = parse_json_body(ctx.request);
  if (!body) return error_response(body.error());
  auto out = register_party(app, *body);
  if (!out) return error_response(out.error());
  return json_response(201, *out);
}

http::Response get_party(App& app, RouteContext& ctx) {
  return record_response(app.reader().party(ctx.params[0]), "party", ctx.params[0]);
}

}  // namespace web
