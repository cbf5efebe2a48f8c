// POST /api/v1/parties (admin) and GET /api/v1/parties/{id}.
#include "domain/gln.h"
#include "domain/uscc.h"
#include "ledger/digest.h"
#include "web/auth.h"
#include "web/ids.h"
#include "web/json_body.h"
#include "web/record_writer.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {

http::Response post_party(App& app, RouteContext& ctx) {
  if (auto admin = require_admin(app, ctx.request); !admin) return error_response(admin.error());
  auto body = validated_body(app.schemas(), ctx.request, "party.json");
  if (!body) return error_response(body.error());
  const nlohmann::json& in = *body;

  nlohmann::json record = {{"type", "party"},
                           {"id", new_id("pty")},
                           {"name", in["name"]},
                           {"kind", in["kind"]},
                           {"county", in["county"]}};
  if (in.contains("uscc")) {
    auto uscc = domain::Uscc::parse(in["uscc"].get<std::string>(), "/uscc");
    if (!uscc) return error_response(uscc.error());
    record["uscc"] = uscc->str();
  }
  if (in.contains("gln")) {
    auto gln = domain::Gln::parse(in["gln"].get<std::string>(), "/gln");
    if (!gln) return error_response(gln.error());
    record["gln"] = gln->str();
  }
  if (in.contains("contact")) record["contact"] = in["contact"];

  std::string token = new_party_token();
  auto out = append_record(app, "party", std::move(record), [&](ledger::Ledger::Txn& t, const nlohmann::json& r, int64_t leaf) {
    store::PartyRow row{r["id"], r["name"], r["kind"], r["county"], r.dump(), leaf};
    t.write().insert_party(row, ledger::sha256_hex(token));
    return domain::Status(domain::Ok{});
  });
  if (!out) return error_response(out.error());
  (*out)["token"] = token;  // shown once; only its hash is stored
  return json_response(201, *out);
}

http::Response get_party(App& app, RouteContext& ctx) {
  return record_response(app.reader().party(ctx.params[0]), "party", ctx.params[0]);
}

}  // namespace web
