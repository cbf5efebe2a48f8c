// POST /api/v1/batches (harvest / commissioning), GET one, GET a filtered, cursor-paged list.
#include "domain/gtin.h"
#include "web/principal.h"
#include "web/batch_records.h"
#include "web/json_body.h"
#include "web/receipt.h"
#include "web/request_signature.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {
namespace {

constexpr int kDefaultPage = 50;
constexpr int kMaxPage = 500;

domain::Error bad_query(const std::string& name, const std::string& why) {
  return domain::make_error(domain::Errc::invalid_input, "query parameter " + name + " " + why, "?" + name);
}

}  // namespace

http::Response post_batch(App& app, RouteContext& ctx) {
  using domain::Errc;
  auto actor = require_party_role(app, ctx.request, {Role::producer});
  if (!actor) return error_response(actor.error());
  const store::PartyRow* party = &actor->party;
  auto signature = RequestSignature::check(app, ctx, *party);
  if (!signature) return error_response(signature.error());
  auto body = validated_body(app.schemas(), ctx.request, "batch.json");
  if (!body) return error_response(body.error());
  auto batch = parse_new_batch(*body, "");
  if (!batch) return error_response(batch.error());
  auto produced_at = domain::Timestamp::parse((*body)["produced_at"].get<std::string>(), "/produced_at");
  if (!produced_at) return error_response(produced_at.error());
  std::string site_id = (*body)["site"];

  nlohmann::json record;
  auto leaves = app.ledger().append([&](ledger::Ledger::Txn& t) -> domain::Status {
    auto site = t.read().site(site_id);
    if (!site) return domain::make_error(Errc::unprocessable, "no site with id " + site_id, "/site");
    if (site->party_id != party->id)
      return domain::make_error(Errc::forbidden, "site " + site_id + " belongs to another party", "/site");
    auto added = add_batch(t, *batch, Origin{*party, *site, *produced_at, "", nlohmann::json::array(), signature->object()});
    if (!added) return added.error();
    record = std::move(*added);
    return signature->claim(t, record["id"].get<std::string>());
  });
  if (!leaves) return error_response(leaves.error());
  app.pages().wake();  // re-render the pages this write outdated
  app.metrics().add_records(1);
  auto& reader = app.reader();
  auto row = reader.batch(record["id"].get<std::string>());  // committed, so this thread's reader sees it
  auto out = batch_view(app, reader, *row);
  out["receipt"] = receipt_json(leaves->front());
  return json_response(201, out);
}

http::Response get_batch(App& app, RouteContext& ctx) {
  auto& reader = app.reader();
  auto row = reader.batch(ctx.params[0]);
  if (!row) return error_response(domain::make_error(domain::Errc::not_found, "no batch with id " + ctx.params[0].substr(0, 64)));
  return json_response(200, batch_view(app, reader, *row));
}

http::Response list_batches(App& app, RouteContext& ctx) {
  store::BatchFilter filter;
  if (auto gtin = ctx.query_value("gtin"); !gtin.empty()) {
    auto parsed = domain::Gtin::parse(gtin, "?gtin");
    if (!parsed) return error_response(parsed.error());
    filter.gtin = parsed->str();
  }
  filter.lot = ctx.query_value("lot");
  filter.party_id = ctx.query_value("party");
  filter.county = ctx.query_value("county");
  for (const char* name : {"from", "to"}) {
    std::string value = ctx.query_value(name);
    if (value.empty()) continue;
    auto ts = domain::Timestamp::parse(value, std::string("?") + name);
    if (!ts) return error_response(ts.error());
    (std::string(name) == "from" ? filter.from_unix : filter.to_unix) = ts->unix_seconds();
  }
  filter.limit = kDefaultPage;
  if (auto limit = ctx.query_value("limit"); !limit.empty()) {
    if (limit.size() > 4 || limit.find_first_not_of("0123456789") != std::string::npos)
      return error_response(bad_query("limit", "must be a whole number from 1 to 500"));
    filter.limit = std::stoi(limit);
    if (filter.limit < 1 || filter.limit > kMaxPage)
      return error_response(bad_query("limit", "must be a whole number from 1 to 500"));
  }
  // The cursor is the position of the last row returned; rows are ordered by that position, which
  // never changes, so pages stay stable while new batches arrive.
  if (auto cursor = ctx.query_value("cursor"); !cursor.empty()) {
    if (cursor.size() > 18 || cursor.find_first_not_of("0123456789") != std::string::npos)
      return error_response(bad_query("cursor", "is not a cursor this server returned"));
    filter.after_seq = std::stoll(cursor);
  }
  auto& reader = app.reader();
  auto rows = reader.batches(filter);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& row : rows) items.push_back(batch_view(app, reader, row));
  nlohmann::json out = {{"items", items}};
  out["next_cursor"] = rows.size() == static_cast<size_t>(filter.limit) ? nlohmann::json(std::to_string(rows.back().seq))
                                                                        : nlohmann::json(nullptr);
  return json_response(200, out);
}

}  // namespace web
