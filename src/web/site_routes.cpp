// POST /api/v1/sites (a party registers its own places) and GET /api/v1/sites/{id}.
#include "domain/gln.h"
#include "web/auth.h"
#include "web/ids.h"
#include "web/json_body.h"
#include "web/receipt.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {

http::Response post_site(App& app, RouteContext& ctx) {
  auto party = require_party(app, ctx.request);
  if (!party) return error_response(party.error());
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

  auto leaves = app.ledger().append([&](ledger::Ledger::Txn& t) -> domain::Status {
    record["recorded_at"] = t.recorded_at();
    auto leaf = t.add("site", record["id"].get<std::string>(), record);
    if (!leaf) return leaf.error();
    t.write().insert_site(store::SiteRow{record["id"], party->id, record.dump(), *leaf});
    return domain::Ok{};
  });
  if (!leaves) return error_response(leaves.error());
  app.metrics().add_records(1);
  record["leaf_index"] = leaves->front().index;
  record["receipt"] = receipt_json(leaves->front());
  return json_response(201, record);
}

http::Response get_site(App& app, RouteContext& ctx) {
  return record_response(app.reader().site(ctx.params[0]), "site", ctx.params[0]);
}

}  // namespace web
