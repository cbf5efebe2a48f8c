#include "web/epcis_export.h"

#include <cstdio>
#include <map>
#include <set>
#include <string_view>

#include "domain/digital_link.h"
#include "ledger/merkle.h"
#include "web/evidence_bundle.h"

// The mapping (domain.md "Events: GS1 EPCIS 2.0 / CBV 2.0 vocabulary"), one EPCIS event per record,
// in log order:
//   batch record without made_by (harvest, creation) → ObjectEvent ADD commissioning, active, with its
//     quantity; batches made by a transformation are that TransformationEvent's outputs instead.
//   transform → TransformationEvent commissioning (CBV has no "transforming" step; the outputs are
//     commissioned), inputQuantityList / outputQuantityList.
//   inspect → ObjectEvent OBSERVE inspecting, conformant / non_conformant.
//   store / pack / ship / receive / sell / sensor → ObjectEvent OBSERVE storing / packing / shipping /
//     receiving / retail_selling / sensor_reporting with the record's CBV disposition; ship and receive
//     carry owning_party sourceList / destinationList; a sale to a parcel lists the parcel in epcList;
//     sensor readings become sensorElementList (Temperature CEL, RelativeHumidity P1, ALARM_CONDITION
//     on a value outside the product's storage band).
//   a corrected record keeps its event and gains errorDeclaration naming the correcting event.
// Class-level ids are canonical GS1 Digital Links on id.gs1.org (…/01/{gtin}/10/{lot}): they name the
// lot itself, whatever host serves this export. eventID is a name-based urn:uuid (RFC 9562 version 8,
// from SHA-256 of the record id), so an event keeps its id across exports and hosts; the record id and
// its leaf index in the signed log travel beside it as extensions (agritrace:recordID, :leafIndex).
namespace web {
namespace {

using nlohmann::json;

constexpr const char* kGs1Resolver = "https://id.gs1.org";

// The CBV 2.0 names a record's biz_step / disposition may carry into the export; other names (our
// "transforming", or a kind added later with its own word) are left out rather than emitted invalid.
const std::set<std::string> kCbvBizSteps = {
    "accepting", "arriving",    "commissioning",  "departing", "destroying", "holding", "inspecting",      "packing",
    "receiving", "removing",    "repackaging",    "retail_selling", "sampling", "shipping", "storing", "sensor_reporting"};
const std::set<std::string> kCbvDispositions = {
    "active",         "conformant", "destroyed",   "in_progress",         "in_transit",
    "non_conformant", "non_sellable_other", "recalled", "retail_sold", "returned", "sellable_accessible",
    "sellable_not_accessible"};

// UN/ECE Recommendation 20 codes for the units products use; other units (jar, box, …) are counts,
// which EPCIS writes as a quantity without uom.
const std::map<std::string, std::string> kUom = {{"kg", "KGM"}, {"g", "GRM"},  {"t", "TNE"}, {"L", "LTR"},
                                                 {"l", "LTR"},  {"mL", "MLT"}, {"ml", "MLT"}};

std::string str(const json& record, const char* key) {
  auto it = record.find(key);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// RFC 9562 version 8 (custom, here name-based on SHA-256): stable for a record id.
std::string event_uuid(const std::string& record_id) {
  auto h = ledger::leaf_hash("agritrace epcis eventID " + record_id);
  h[6] = static_cast<uint8_t>((h[6] & 0x0f) | 0x80);
  h[8] = static_cast<uint8_t>((h[8] & 0x3f) | 0x80);
  std::string out = "urn:uuid:";
  char hex[3];
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    std::snprintf(hex, sizeof hex, "%02x", h[i]);
    out += hex;
  }
  return out;
}

// A decimal text as a JSON number; null when it is not one.
json number(const std::string& text) {
  json n = json::parse(text, nullptr, false);
  return n.is_number() ? n : json();
}

class Mapper {
 public:
  Mapper(std::string public_url) : base_(std::move(public_url)) {
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  // Remembers every record by id, and which records were corrected by which.
  void index(const json& records) {
    for (const auto& r : records) {
      const json& record = r["record"];
      if (!record.is_object()) continue;
      std::string id = str(record, "id");
      by_id_[id] = &record;
      if (record.contains("corrects")) corrected_by_[str(record, "corrects")] = &record;
    }
  }

  // The EPCIS event of one record; null for records that are not events (parties, sites, keys…).
  json event(const json& entry) {
    const json& record = entry["record"];
    if (!record.is_object()) return nullptr;
    std::string type = str(record, "type");
    json e;
    if (type == "batch") {
      if (record.contains("made_by")) return nullptr;  // an output of its TransformationEvent
      e = commissioning(record);
    } else if (type == "event") {
      e = str(record, "kind") == "transform" ? transformation(record) : object_event(record);
      if (e.is_null()) return e;
    } else {
      return nullptr;
    }
    e["eventID"] = event_uuid(str(record, "id"));
    e["agritrace:recordID"] = str(record, "id");
    e["agritrace:leafIndex"] = entry["leaf_index"];
    if (auto it = corrected_by_.find(str(record, "id")); it != corrected_by_.end()) {
      const json& fix = *it->second;
      e["errorDeclaration"] = {{"declarationTime", time_of(fix, "recorded_at")},
                               {"reason", "incorrect_data"},
                               {"correctiveEventIDs", json::array({event_uuid(str(fix, "id"))})}};
    }
    return e;
  }

 private:
  const json* find(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }

  std::string class_uri(const std::string& gtin, const std::string& lot) const {
    auto l = domain::Lot::from_trusted(lot);
    return domain::DigitalLink::build(kGs1Resolver, domain::Gtin::from_trusted(gtin), &l);
  }
  std::string class_of_batch(const std::string& batch_id) const {
    const json* b = find(batch_id);
    if (!b) return base_ + "/api/v1/batches/" + domain::DigitalLink::percent_encode(batch_id);
    return class_uri(str(*b, "gtin"), str(*b, "lot"));
  }
  std::string unit_of_batch(const std::string& batch_id) const {
    const json* b = find(batch_id);
    return b ? str(*b, "unit") : std::string();
  }

  // {epcClass, quantity, uom}; the quantity is left out when the record states none.
  json quantity(const std::string& epc_class, const std::string& amount, const std::string& unit) const {
    json q = {{"epcClass", epc_class}};
    json n = number(amount);
    if (n.is_null()) return q;
    q["quantity"] = n;
    if (auto it = kUom.find(unit); it != kUom.end()) q["uom"] = it->second;
    return q;
  }

  // A site as a location: its GLN (AI 414) when it has one, else its record on this server.
  std::string location_uri(const std::string& site_id) const {
    const json* s = find(site_id);
    if (s && s->contains("gln")) return std::string(kGs1Resolver) + "/414/" + str(*s, "gln");
    return base_ + "/api/v1/sites/" + domain::DigitalLink::percent_encode(site_id);
  }
  // A party: its GLN (AI 417, party GLN) when it has one, else its record on this server.
  std::string party_uri(const std::string& party_id) const {
    const json* p = find(party_id);
    if (p && p->contains("gln")) return std::string(kGs1Resolver) + "/417/" + str(*p, "gln");
    return base_ + "/api/v1/parties/" + domain::DigitalLink::percent_encode(party_id);
  }

  // Our stamps are RFC 3339 with an offset already; re-parsing normalises "Z" to "+00:00".
  static std::string time_of(const json& record, const char* key) {
    auto t = domain::Timestamp::parse(str(record, key), key);
    return t ? t->str() : str(record, key);
  }

  json base_event(const char* type, const json& record, const std::string& at_key, bool located_after) const {
    json e = {{"type", type}};
    auto at = domain::Timestamp::parse(str(record, at_key.c_str()), at_key);
    e["eventTime"] = at ? at->str() : str(record, at_key.c_str());
    e["eventTimeZoneOffset"] = at ? at->offset_str() : "+00:00";
    if (record.contains("recorded_at")) e["recordTime"] = time_of(record, "recorded_at");
    std::string site = str(record, "site");
    if (!site.empty()) {
      e["readPoint"] = {{"id", location_uri(site)}};
      // After shipping or selling, the goods are no longer at the site.
      if (located_after) e["bizLocation"] = {{"id", location_uri(site)}};
    }
    return e;
  }

  json commissioning(const json& batch) const {
    json e = base_event("ObjectEvent", batch, "produced_at", true);
    e["action"] = "ADD";
    e["bizStep"] = "commissioning";
    e["disposition"] = "active";
    e["quantityList"] = json::array(
        {quantity(class_uri(str(batch, "gtin"), str(batch, "lot")), str(batch, "quantity"), str(batch, "unit"))});
    return e;
  }

  json transformation(const json& record) const {
    json e = base_event("TransformationEvent", record, "at", true);
    json inputs = json::array(), outputs = json::array();
    for (const auto& in : record.value("inputs", json::array()))
      inputs.push_back(quantity(class_of_batch(str(in, "batch")), str(in, "quantity"), str(in, "unit")));
    for (const auto& out : record.value("outputs", json::array()))
      outputs.push_back(quantity(class_uri(str(out, "gtin"), str(out, "lot")), str(out, "quantity"), str(out, "unit")));
    e["inputQuantityList"] = inputs;
    e["outputQuantityList"] = outputs;
    e["bizStep"] = "commissioning";
    if (record.contains("process")) e["agritrace:process"] = record["process"];
    return e;
  }

  json object_event(const json& record) const {
    std::string kind = str(record, "kind");
    std::string batch = str(record, "batch");
    if (batch.empty()) return nullptr;  // every kind but transform names its batch
    json e = base_event("ObjectEvent", record, "at", kind != "ship" && kind != "sell");
    e["action"] = "OBSERVE";
    if (std::string step = str(record, "biz_step"); kCbvBizSteps.count(step)) e["bizStep"] = step;
    if (std::string disp = str(record, "disposition"); kCbvDispositions.count(disp)) {
      e["disposition"] = disp;
      // A recall stays on the goods through later events until an event unsets it (domain.md).
      if (disp == "recalled") e["persistentDisposition"] = {{"set", json::array({"recalled"})}};
    }
    // Moves state how much; observations (inspect, store, pack, sensor) concern the lot as a whole.
    e["quantityList"] = json::array({quantity(class_of_batch(batch), str(record, "quantity"), unit_of_batch(batch))});
    if (kind == "ship") {
      e["sourceList"] = json::array({{{"type", "owning_party"}, {"source", party_uri(str(record, "party"))}}});
      e["destinationList"] = json::array({{{"type", "owning_party"}, {"destination", party_uri(str(record, "to"))}}});
    } else if (kind == "receive") {
      e["sourceList"] = json::array({{{"type", "owning_party"}, {"source", party_uri(str(record, "from"))}}});
      e["destinationList"] = json::array({{{"type", "owning_party"}, {"destination", party_uri(str(record, "party"))}},
                                          {{"type", "location"}, {"destination", location_uri(str(record, "site"))}}});
    } else if (kind == "sell" && record.contains("serial")) {
      // Serials are unique within a lot, so the parcel's id keeps the lot: /01/{gtin}/10/{lot}/21/{serial}.
      if (const json* b = find(batch)) {
        auto lot = domain::Lot::from_trusted(str(*b, "lot"));
        auto serial = domain::Lot::from_trusted(str(record, "serial"));
        e["epcList"] = json::array(
            {domain::DigitalLink::build(kGs1Resolver, domain::Gtin::from_trusted(str(*b, "gtin")), &lot, &serial)});
      }
    } else if (kind == "sensor") {
      e["sensorElementList"] = sensor_elements(record);
    } else if (kind == "inspect") {
      if (record.contains("method")) e["agritrace:method"] = record["method"];
    } else if (kind == "recall") {
      // One recall event sets "recalled" on every lot it reached through transformations.
      json classes = json::array();
      for (const auto& a : record.value("affected", json::array()))
        if (std::string id = str(a, "batch"); find(id)) classes.push_back(quantity(class_of_batch(id), "", unit_of_batch(id)));
      if (!classes.empty()) e["quantityList"] = classes;
    }
    if (record.contains("reason") && !record.contains("corrects")) e["agritrace:reason"] = record["reason"];
    return e;
  }

  // One sensorElement per reading; a value outside the product's band (kept in the record) is an alarm.
  static json sensor_elements(const json& record) {
    const json band = record.value("band", json::object());
    auto outside = [&](const std::string& measure, double v) {
      auto bound = [&](const std::string& key) { return number(band.value(measure + key, std::string())); };
      json lo = bound("_min"), hi = bound("_max");
      return (lo.is_number() && v < lo.get<double>()) || (hi.is_number() && v > hi.get<double>());
    };
    json elements = json::array();
    for (const auto& reading : record.value("readings", json::array())) {
      json reports = json::array();
      const std::pair<const char*, std::pair<const char*, const char*>> measures[] = {
          {"temperature", {"Temperature", "CEL"}}, {"humidity", {"RelativeHumidity", "P1"}}};
      for (const auto& [field, type_uom] : measures) {
        json v = number(str(reading, field));
        if (v.is_null()) continue;
        json report = {{"type", type_uom.first}, {"value", v}, {"uom", type_uom.second}};
        if (outside(field, v.get<double>())) report["exception"] = "ALARM_CONDITION";
        reports.push_back(report);
      }
      if (reports.empty()) continue;
      json metadata = {{"time", time_of(reading, "at")}};
      elements.push_back({{"sensorMetadata", metadata}, {"sensorReport", reports}});
    }
    return elements;
  }

  std::string base_;
  std::map<std::string, const json*> by_id_;
  std::map<std::string, const json*> corrected_by_;  // corrected record id → the correcting record
};

}  // namespace

domain::Result<json> epcis_document(store::Queries& reader, const std::string& batch_id, const std::string& public_url,
                                    const domain::Timestamp& created) {
  auto bundle = evidence_bundle(reader, batch_id, -1);
  if (!bundle) return bundle.error();
  const json& records = bundle->body["records"];
  Mapper mapper(public_url);
  mapper.index(records);
  json events = json::array();
  for (const auto& entry : records)
    if (json e = mapper.event(entry); !e.is_null()) events.push_back(std::move(e));

  std::string base = public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return json{{"@context", json::array({kEpcisContext, {{"agritrace", base + "/ns/epcis#"}}})},
              {"id", base + "/api/v1/batches/" + domain::DigitalLink::percent_encode(batch_id) + "/epcis"},
              {"type", "EPCISDocument"},
              {"schemaVersion", "2.0"},
              {"creationDate", created.str()},
              {"epcisBody", {{"eventList", std::move(events)}}}};
}

}  // namespace web
