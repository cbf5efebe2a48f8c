// POST /api/v1/sites (a party registers its own places) and GET /api/v1/sites/{id}.
#include "domain/gln.h"
#include "web/principal.h"
#include "web/ids.h"
#include "web/json_body.h"
#include "web/record_writer.h"
#include "web/request_signature.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {

http::Response post_site(App& app, RouteContext& ctx) {
  auto actor = require_party_role(app, ctx.request, {Role::producer, Role::inspector});
  if (!actor) return error_response(actor.error());
  const store::PartyRow* party = &actor->party;
  auto signature = RequestSignature::check(app, ctx, *party);
  if (!signature) return error_response(signature.error());
  auto body = validated_body(app.schemas(), ctx.request, "site.json");
  if (!body) return error_response(body.error());
  const nlohmann::json& in = *body;

  nlohmann::json record = {{"type", "site"}, {"id", new_id("sit")}, {"party", party->id},
                           {"name", in["name"]}, {"kind", in["kind"]},
                           {"county", in.value("county", party->county)}};
  for (const char* key : {"address", "latitude", "longitude"})
    if (in.contains(key)) record[key] = in[key];
  if (in.contains("gln")) {
    auto gln = domain::Gln::parse(in["gln"].get<std::string>(), "/gln");
    if (!gln) return error_response(gln.error());
    record["gln"] = gln->str();
  }

  auto out = append_record(app, "site", std::move(record), [&](ledger::Ledger::Txn& t, const nlohmann::json& r, int64_t leaf) {
    t.write().insert_site(store::SiteRow{r["id"], party->id, r.dump(), leaf});
    return domain::Status(domain::Ok{});
  }, &*signature);
  if (!out) return error_response(out.error());
  return json_response(201, *out);
}

http::Response get_site(App& app, RouteContext& ctx) {
  return record_response(app.reader().site(ctx.params[0]), "site", ctx.params[0]);
}

}  // namespace web
