#include "web/event_rules.h"

#include <vector>

#include "domain/lot.h"
#include "domain/quantity.h"
#include "store/controls.h"
#include "web/batch_records.h"
#include "web/inspection_rules.h"

namespace web {
namespace {

using domain::Errc;
using domain::make_error;
using domain::Quantity;
using nlohmann::json;

// What an event does to custody once its own row exists.
struct Effects {
  std::vector<std::pair<std::string, std::string>> batches;  // (batch id, role)
  std::vector<std::pair<std::string, int64_t>> holding_changes;  // (batch id, delta) for the caller
  std::optional<store::ShipmentRow> shipment;
  std::optional<std::pair<std::string, int64_t>> arrival;   // (ship event id, quantity) received by the caller
  std::optional<store::ParcelRow> parcel;
  std::vector<store::ParentLink> parents;
};

std::string qty_text(int64_t milli, const std::string& unit) {
  return Quantity::from_milli(milli).str() + " " + unit;
}

// The batch must exist and the caller must hold some of it.
domain::Result<store::BatchRow> held_batch(ledger::Ledger::Txn& t, const EventRequest& r, const std::string& id,
                                           const std::string& field) {
  auto batch = t.read().batch(id);
  if (!batch) return make_error(Errc::unprocessable, "no batch with id " + id, field);
  // A correction restates a step the caller already recorded while holding the batch. The bureau
  // inspects batches wherever they are, without custody.
  if (!r.corrects && r.party.kind != "bureau" && t.read().holding(id, r.party.id) <= 0)
    return make_error(Errc::forbidden, "batch " + id + " is not in the custody of " + r.party.name +
                                           "; only the party holding a batch may record steps on it", field);
  return *batch;
}

// A held or recalled batch must not move on: 409 naming the hold or recall.
domain::Status check_not_controlled(ledger::Ledger::Txn& t, const EventRequest& r, const store::BatchRow& b,
                                    const std::string& step, const std::string& field) {
  if (r.corrects) return domain::Ok{};  // restating a step recorded before the control
  auto open = store::Controls(t.read().database()).open_for(b.id);
  if (open.empty()) return domain::Ok{};
  const store::ControlRow& c = open.front();
  std::string what = c.kind == "recall" ? "recalled (level " + std::to_string(c.level.value_or(0)) + " recall)" : "held";
  return make_error(Errc::conflict, "batch " + b.lot + " is " + what + " since " + c.since + " by event " + c.event_id +
                                        ": " + c.reason + "; it cannot be " + step +
                                        (c.kind == "recall" ? ": recalled stock is returned or destroyed and confirmed "
                                                              "(POST /api/v1/recalls/" + c.event_id + "/confirm)"
                                                            : " until an inspector releases it"),
                    field);
}

// Takes `quantity` of the batch out of the caller's holding; 409 with the numbers when short.
domain::Result<int64_t> withdraw(ledger::Ledger::Txn& t, const EventRequest& r, const store::BatchRow& b,
                                 const std::string& quantity_text, const std::string& field) {
  auto q = Quantity::parse(quantity_text, field);
  if (!q) return q.error();
  int64_t held = t.read().holding(b.id, r.party.id);
  if (!r.corrects && q->milli() > held) {
    std::string unit = unit_of(b);
    return make_error(Errc::conflict, "batch " + b.lot + " has " + qty_text(held, unit) + " remaining with " +
                                          r.party.name + "; cannot take " + qty_text(q->milli(), unit), field);
  }
  return q->milli();
}

domain::Status check_unit(const json& in, const store::BatchRow& b) {
  std::string unit = unit_of(b);
  if (in.value("unit", unit) != unit)
    return make_error(Errc::unprocessable, "unit \"" + in["unit"].get<std::string>() + "\" differs from the batch's unit \"" + unit + "\"", "/unit");
  return domain::Ok{};
}

// Reading outside the product's storage band → excursion. Decimals compare as thousandths.
domain::Result<int64_t> decimal_milli(const std::string& text, const std::string& field) {
  bool negative = !text.empty() && text[0] == '-';
  auto q = Quantity::parse_allow_zero(negative ? text.substr(1) : text, field);
  if (!q) return q.error();
  return negative ? -q->milli() : q->milli();
}

domain::Status apply_sensor(ledger::Ledger::Txn& t, const EventRequest& r, const store::BatchRow& b, json& record) {
  auto product = t.read().product(b.product_id);
  json band = product ? json::parse(product->body).value("storage", json::object()) : json::object();
  json readings = json::array();
  int excursions = 0;
  const json& in = r.body["readings"];
  for (size_t i = 0; i < in.size(); ++i) {
    std::string base = "/readings/" + std::to_string(i);
    auto at = domain::Timestamp::parse(in[i]["at"].get<std::string>(), base + "/at");
    if (!at) return at.error();
    json reading = {{"at", at->str()}};
    bool excursion = false;
    for (const char* measure : {"temperature", "humidity"}) {
      if (!in[i].contains(measure)) continue;
      std::string value = in[i][measure];
      auto v = decimal_milli(value, base + "/" + measure);
      if (!v) return v.error();
      reading[measure] = value;
      std::string name(measure);
      if (band.contains(name + "_min") && *v < *decimal_milli(band[name + "_min"], "")) excursion = true;
      if (band.contains(name + "_max") && *v > *decimal_milli(band[name + "_max"], "")) excursion = true;
    }
    reading["excursion"] = excursion;
    excursions += excursion ? 1 : 0;
    readings.push_back(reading);
  }
  record["readings"] = readings;
  record["excursions"] = excursions;
  if (!band.empty()) record["band"] = band;
  if (r.body.contains("device")) record["device"] = r.body["device"];
  return domain::Ok{};
}

domain::Status apply_transform(ledger::Ledger::Txn& t, const EventRequest& r, json& record, Effects& fx) {
  json inputs = json::array();
  json parents = json::array();
  const json& in = r.body["inputs"];
  for (size_t i = 0; i < in.size(); ++i) {
    std::string base = "/inputs/" + std::to_string(i);
    std::string id = in[i]["batch"];
    for (size_t j = 0; j < i; ++j)
      if (in[j]["batch"] == id) return make_error(Errc::invalid_input, "batch " + id + " is listed twice", base + "/batch");
    auto b = held_batch(t, r, id, base + "/batch");
    if (!b) return b.error();
    if (auto free = check_not_controlled(t, r, *b, "transformed", base + "/batch"); !free) return free;
    auto q = withdraw(t, r, *b, in[i]["quantity"], base + "/quantity");
    if (!q) return q.error();
    std::string qs = Quantity::from_milli(*q).str();
    inputs.push_back({{"batch", id}, {"quantity", qs}, {"unit", unit_of(*b)}});
    parents.push_back({{"batch", id}, {"quantity", qs}, {"unit", unit_of(*b)}});
    if (!r.corrects) fx.holding_changes.emplace_back(id, -*q);
    fx.batches.emplace_back(id, "input");
  }
  json outputs = json::array();
  const json& out = r.body["outputs"];
  for (size_t i = 0; i < out.size(); ++i) {
    std::string base = "/outputs/" + std::to_string(i);
    auto nb = parse_new_batch(out[i], base);
    if (!nb) return nb.error();
    std::string batch_id;
    if (r.corrects) {
      // A correction describes the same outputs; they already exist.
      auto existing = t.read().batch_by_gtin_lot(nb->gtin.str(), nb->lot.str());
      if (!existing || json::parse(existing->body).value("made_by", "") != r.corrects->id)
        return make_error(Errc::unprocessable, "a correction cannot change the outputs of a transformation", base);
      batch_id = existing->id;
    } else {
      auto added = add_batch(t, *nb, Origin{r.party, r.site, r.at, r.id, parents});
      if (!added) return added.error();
      batch_id = (*added)["id"];
      for (const auto& p : parents)
        fx.parents.push_back(store::ParentLink{batch_id, p["batch"], r.id, Quantity::parse(p["quantity"].get<std::string>())->milli()});
    }
    outputs.push_back({{"batch", batch_id}, {"gtin", nb->gtin.str()}, {"lot", nb->lot.str()},
                       {"quantity", nb->quantity.str()}, {"unit", nb->unit}});
    fx.batches.emplace_back(batch_id, "output");
  }
  record["process"] = r.body["process"];
  record["inputs"] = inputs;
  record["outputs"] = outputs;
  return domain::Ok{};
}

domain::Status apply_receive(ledger::Ledger::Txn& t, const EventRequest& r, json& record, Effects& fx) {
  std::string ship_id = r.body["shipment"];
  auto shipment = t.read().shipment(ship_id);
  if (!shipment) return make_error(Errc::unprocessable, "no shipment (ship event) with id " + ship_id, "/shipment");
  if (shipment->to_party != r.party.id)
    return make_error(Errc::forbidden, "shipment " + ship_id + " is addressed to another party", "/shipment");
  if (shipment->received_by && !r.corrects)
    return make_error(Errc::conflict, "shipment " + ship_id + " was already received by event " + *shipment->received_by, "/shipment");
  auto batch = t.read().batch(shipment->batch_id);
  auto ship = t.read().event(ship_id);
  record["shipment"] = ship_id;
  record["batch"] = shipment->batch_id;
  record["quantity"] = Quantity::from_milli(shipment->quantity_milli).str();
  record["unit"] = unit_of(*batch);
  record["from"] = ship->party_id;
  fx.batches.emplace_back(shipment->batch_id, "subject");
  if (!r.corrects) fx.arrival = std::make_pair(ship_id, shipment->quantity_milli);
  return domain::Ok{};
}

// ship, sell, inspect, pack, store, sensor: one subject batch.
domain::Status apply_single(ledger::Ledger::Txn& t, const EventRequest& r, const std::string& kind, json& record,
                            Effects& fx) {
  const json& in = r.body;
  std::string id = in["batch"];
  auto b = held_batch(t, r, id, "/batch");
  if (!b) return b.error();
  record["batch"] = id;
  fx.batches.emplace_back(id, "subject");
  if (kind == "ship" || kind == "sell") {
    if (auto free = check_not_controlled(t, r, *b, kind == "ship" ? "shipped" : "sold", "/batch"); !free) return free;
    if (auto u = check_unit(in, *b); !u) return u;
    auto q = withdraw(t, r, *b, in["quantity"], "/quantity");
    if (!q) return q.error();
    record["quantity"] = Quantity::from_milli(*q).str();
    record["unit"] = unit_of(*b);
    record["carrier"] = in["carrier"];
    record["waybill"] = in["waybill"];
    std::optional<std::string> serial;
    if (kind == "ship") {
      std::string to = in["to"];
      if (!t.read().party(to)) return make_error(Errc::unprocessable, "no party with id " + to, "/to");
      if (to == r.party.id) return make_error(Errc::unprocessable, "a shipment must go to another party", "/to");
      record["to"] = to;
    } else {
      record["destination"] = in["destination"];
      if (in.contains("serial")) {
        auto parsed = domain::Lot::parse_serial(in["serial"].get<std::string>(), "/serial");
        if (!parsed) return parsed.error();
        serial = parsed->str();
        record["serial"] = *serial;
      }
    }
    if (r.corrects) return domain::Ok{};  // custody moved with the original record
    fx.holding_changes.emplace_back(id, -*q);
    if (kind == "ship") fx.shipment = store::ShipmentRow{r.id, id, record["to"], *q, std::nullopt};
    if (serial) fx.parcel = store::ParcelRow{b->gtin, b->lot, *serial, id, r.id};
  } else if (kind == "inspect") {
    return apply_inspection(t, r, *b, record);
  } else if (kind == "pack") {
    record["packaging"] = in["packaging"];
    if (in.contains("units")) record["units"] = in["units"];
  } else if (kind == "store") {
    if (in.contains("conditions")) record["conditions"] = in["conditions"];
  } else if (kind == "sensor") {
    return apply_sensor(t, r, *b, record);
  }
  return domain::Ok{};
}

// A correction replaces a record's description, never its custody effects: those fields must match.
domain::Status check_correction_keeps_effects(const EventRequest& r, const json& record) {
  json original = json::parse(r.corrects->body);
  for (const char* key : {"batch", "quantity", "unit", "to", "serial", "shipment", "inputs"}) {
    if (original.value(key, json()) != record.value(key, json()))
      return make_error(Errc::unprocessable,
                        std::string("a correction cannot change \"") + key +
                            "\" of the original record; record a new step instead",
                        std::string("/") + key);
  }
  return domain::Ok{};
}

}  // namespace

domain::Status apply_event(ledger::Ledger::Txn& t, const EventRequest& r, json& record) {
  std::string kind = r.body["kind"];
  Effects fx;
  domain::Status applied = domain::Ok{};
  if (kind == "transform") applied = apply_transform(t, r, record, fx);
  else if (kind == "receive") applied = apply_receive(t, r, record, fx);
  else applied = apply_single(t, r, kind, record, fx);
  if (!applied) return applied;
  if (r.corrects) {
    if (auto same = check_correction_keeps_effects(r, record); !same) return same;
  }
  record["recorded_at"] = t.recorded_at();

  auto leaf = t.add("event", r.id, record);
  if (!leaf) return leaf.error();
  store::EventRow row{0, r.id, kind, r.party.id, r.at.unix_seconds(),
                      r.corrects ? std::optional<std::string>(r.corrects->id) : std::nullopt, std::nullopt, record.dump(), *leaf};
  if (!t.write().insert_event(row))
    return make_error(Errc::conflict, "event " + (r.corrects ? r.corrects->id : r.id) + " has already been corrected", "/corrects");
  for (const auto& [batch, role] : fx.batches) t.write().insert_event_batch(r.id, batch, role);
  if (kind == "inspect") apply_inspection_effects(t, r, record);  // controls reference the event row
  for (const auto& [batch, delta] : fx.holding_changes)
    t.write().set_holding(batch, r.party.id, t.read().holding(batch, r.party.id) + delta);
  for (const auto& link : fx.parents) t.write().insert_parent(link);
  if (fx.shipment) t.write().insert_shipment(*fx.shipment);
  if (fx.arrival) {
    auto shipment = t.read().shipment(fx.arrival->first);
    t.write().set_holding(shipment->batch_id, r.party.id, t.read().holding(shipment->batch_id, r.party.id) + fx.arrival->second);
    t.write().mark_received(fx.arrival->first, r.id);
  }
  if (fx.parcel && !t.write().insert_parcel(*fx.parcel))
    return make_error(Errc::conflict, "serial " + fx.parcel->serial + " is already used for lot " + fx.parcel->lot, "/serial");
  std::vector<std::string> changed;
  for (const auto& [batch, role] : fx.batches) changed.push_back(batch);
  invalidate_pages(t, changed);
  return domain::Ok{};
}

}  // namespace web
