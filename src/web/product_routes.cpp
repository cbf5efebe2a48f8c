// POST /api/v1/products (a party registers a trade item by GTIN) and GET /api/v1/products/{id}.
#include "domain/gtin.h"
#include "web/principal.h"
#include "web/ids.h"
#include "web/json_body.h"
#include "web/record_writer.h"
#include "web/request_signature.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {

http::Response post_product(App& app, RouteContext& ctx) {
  auto actor = require_party_role(app, ctx.request, {Role::producer});
  if (!actor) return error_response(actor.error());
  const store::PartyRow* party = &actor->party;
  auto signature = RequestSignature::check(app, ctx, *party);
  if (!signature) return error_response(signature.error());
  auto body = validated_body(app.schemas(), ctx.request, "product.json");
  if (!body) return error_response(body.error());
  const nlohmann::json& in = *body;
  auto gtin = domain::Gtin::parse(in["gtin"].get<std::string>(), "/gtin");
  if (!gtin) return error_response(gtin.error());

  nlohmann::json record = {{"type", "product"}, {"id", new_id("prd")}, {"party", party->id},
                           {"gtin", gtin->str()}, {"name", in["name"]}, {"category", in["category"]},
                           {"unit", in["unit"]}};
  for (const char* key : {"name_en", "spec", "storage"})
    if (in.contains(key)) record[key] = in[key];

  auto out = append_record(app, "product", std::move(record), [&](ledger::Ledger::Txn& t, const nlohmann::json& r, int64_t leaf) {
    if (t.read().product_by_gtin(gtin->str()))
      return domain::Status(domain::make_error(domain::Errc::conflict,
                                               "a product with GTIN " + gtin->str() + " is already registered", "/gtin"));
    t.write().insert_product(store::ProductRow{r["id"], gtin->str(), party->id, r.dump(), leaf});
    return domain::Status(domain::Ok{});
  }, &*signature);
  if (!out) return error_response(out.error());
  return json_response(201, *out);
}

http::Response get_product(App& app, RouteContext& ctx) {
  return record_response(app.reader().product(ctx.params[0]), "product", ctx.params[0]);
}

}  // namespace web
