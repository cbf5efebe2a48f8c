// POST /api/v1/events (every step on a batch) and GET /api/v1/events/{id}.
#include <map>
#include <set>

#include "web/event_recording.h"
#include "web/event_rules.h"
#include "web/ids.h"
#include "web/json_body.h"
#include "web/principal.h"
#include "web/record_writer.h"
#include "web/request_signature.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {
namespace {

// EPCIS 2.0 / CBV names of each step (domain.md).
struct Vocabulary {
  const char* kind;
  const char* biz_step;
  const char* disposition;  // nullptr: none, or decided by the step (inspect)
};
constexpr Vocabulary kVocabulary[] = {
    {"inspect", "inspecting", nullptr},          {"transform", "transforming", nullptr},
    {"pack", "packing", nullptr},                {"store", "storing", "sellable_not_accessible"},
    {"ship", "shipping", "in_transit"},          {"receive", "receiving", "in_progress"},
    {"sell", "retail_selling", "retail_sold"},   {"sensor", "sensor_reporting", nullptr},
};

// Fields each kind accepts besides the common ones (kind, at, site, note, corrects, reason). Anything
// else is refused by name, so a typo or a field of another kind never passes silently.
const std::map<std::string, std::set<std::string>> kKindFields = {
    {"inspect", {"batch", "result", "method", "tester", "items", "rapid_test", "confirmatory"}},
    {"transform", {"process", "inputs", "outputs"}},
    {"pack", {"batch", "packaging", "units"}},
    {"store", {"batch", "conditions"}},
    {"ship", {"batch", "quantity", "unit", "to", "carrier", "waybill"}},
    {"receive", {"shipment"}},
    {"sell", {"batch", "quantity", "unit", "carrier", "waybill", "destination", "serial"}},
    {"sensor", {"batch", "device", "readings"}},
};

domain::Status check_fields_apply(const nlohmann::json& in, const std::string& kind) {
  static const std::set<std::string> kCommon = {"kind", "at", "site", "note", "corrects", "reason"};
  const auto& allowed = kKindFields.at(kind);
  for (const auto& [key, _] : in.items())
    if (!kCommon.count(key) && !allowed.count(key))
      return domain::make_error(domain::Errc::invalid_input,
                                "field \"" + key + "\" does not apply to a " + kind + " event", "/" + key);
  return domain::Ok{};
}

}  // namespace

domain::Result<nlohmann::json> record_event(App& app, const Actor& actor, const nlohmann::json& in,
                                            const RequestSignature& signature) {
  using domain::Errc;
  const store::PartyRow* party = &actor.party;
  auto at = domain::Timestamp::parse(in["at"].get<std::string>(), "/at");
  if (!at) return at.error();
  std::string kind = in["kind"];
  if (auto fields = check_fields_apply(in, kind); !fields) return fields.error();
  // The bureau tests what it samples; it holds no stock, so it records no other step.
  const bool bureau = party->kind == "bureau";
  if (bureau && kind != "inspect")
    return domain::make_error(Errc::forbidden, "an inspector records inspections only, not " + kind +
                                                   " events (holds and recalls have their own routes)", "/kind");
  if (!bureau && actor.who.role != Role::producer)
    return domain::make_error(Errc::forbidden, "only producers and the bureau's inspectors record events");

  nlohmann::json record = {{"type", "event"}, {"id", new_id("evt")}, {"kind", kind},
                           {"party", party->id}, {"site", in["site"]}, {"at", at->str()}};
  // Written through a web session (the console), a record names the person; a token's write is the party's.
  if (actor.who.via_session) record["by"] = actor.who.actor();
  for (const auto& v : kVocabulary) {
    if (kind != v.kind) continue;
    record["biz_step"] = v.biz_step;
    if (v.disposition) record["disposition"] = v.disposition;
  }
  for (const char* key : {"note", "corrects", "reason"})
    if (in.contains(key)) record[key] = in[key];
  signature.attach(record);

  auto leaves = app.ledger().append([&](ledger::Ledger::Txn& t) -> domain::Status {
    std::string site_id = in["site"];
    auto site = t.read().site(site_id);
    if (!site) return domain::make_error(Errc::unprocessable, "no site with id " + site_id, "/site");
    // An inspector samples where the produce is, so a bureau's inspection may name any party's site.
    if (site->party_id != party->id && !bureau)
      return domain::make_error(Errc::forbidden, "site " + site_id + " belongs to another party", "/site");
    std::optional<store::EventRow> original;
    if (in.contains("corrects")) {
      std::string id = in["corrects"];
      original = t.read().event(id);
      if (!original) return domain::make_error(Errc::unprocessable, "no event with id " + id + " to correct", "/corrects");
      if (original->party_id != party->id)
        return domain::make_error(Errc::forbidden, "only the party that recorded event " + id + " may correct it", "/corrects");
      if (original->kind != kind)
        return domain::make_error(Errc::unprocessable, "a correction must be of the same kind (" + original->kind + ")", "/kind");
      if (original->corrected_by)
        return domain::make_error(Errc::conflict, "event " + id + " was already corrected by " + *original->corrected_by + "; correct that one", "/corrects");
    }
    EventRequest request{in, *party, *site, *at, record["id"], original ? &*original : nullptr};
    if (auto applied = apply_event(t, request, record); !applied) return applied;
    return signature.claim(t, record["id"].get<std::string>());
  });
  if (!leaves) return leaves.error();
  return event_written(app, std::move(record), *leaves);
}

http::Response post_event(App& app, RouteContext& ctx) {
  auto actor = require_party_role(app, ctx.request, {Role::producer, Role::inspector});
  if (!actor) return error_response(actor.error());
  auto signature = RequestSignature::check(app, ctx, actor->party);
  if (!signature) return error_response(signature.error());
  auto body = validated_body(app.schemas(), ctx.request, "event.json");
  if (!body) return error_response(body.error());
  auto record = record_event(app, *actor, *body, *signature);
  if (!record) return error_response(record.error());
  return json_response(201, *record);
}

http::Response get_event(App& app, RouteContext& ctx) {
  auto row = app.reader().event(ctx.params[0]);
  if (!row) return error_response(domain::make_error(domain::Errc::not_found, "no event with id " + ctx.params[0].substr(0, 64)));
  auto out = nlohmann::json::parse(row->body);
  out["leaf_index"] = row->leaf_index;
  if (row->corrected_by) out["corrected_by"] = *row->corrected_by;
  return json_response(200, out);
}

}  // namespace web
