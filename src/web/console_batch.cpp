#include "web/console_batch.h"

#include <map>
#include <set>

#include "domain/genealogy.h"
#include "domain/quantity.h"
#include "domain/timestamp.h"
#include "store/console_queries.h"
#include "store/controls.h"
#include "web/assets.h"
#include "web/batch_records.h"
#include "web/console_search.h"
#include "web/genealogy_svg.h"
#include "web/i18n.h"
#include "web/record_verification.h"
#include "web/route_context.h"
#include "web/sensor_chart_svg.h"
#include "web/template_data.h"

namespace web {
namespace {

using nlohmann::json;

// Bounds of one page on pathological data.
constexpr size_t kMaxGraphBatches = 60;  // each direction
constexpr int kMaxParcelsPerBatch = 12;
constexpr size_t kMaxParcels = 60;
constexpr size_t kMaxRecords = 300;
constexpr int kMaxSitesListed = 20;  // per party, in the inspection form

std::string local_minute(const std::string& stamp) {
  auto ts = domain::Timestamp::parse(stamp, "");
  return ts ? ts->local_minute() : stamp;
}

// Rows read once per page.
class Lookup {
 public:
  explicit Lookup(store::Queries& reader) : reader_(reader), controls_(reader.database()) {}
  const std::optional<store::BatchRow>& batch(const std::string& id) {
    auto [it, fresh] = batches_.try_emplace(id);
    if (fresh) it->second = reader_.batch(id);
    return it->second;
  }
  const json& product(const std::string& id) {
    auto [it, fresh] = products_.try_emplace(id);
    if (fresh) {
      auto row = reader_.product(id);
      it->second = row ? json::parse(row->body) : json::object();
    }
    return it->second;
  }
  const json& party(const std::string& id) {
    auto [it, fresh] = parties_.try_emplace(id);
    if (fresh) {
      auto row = reader_.party(id);
      it->second = row ? json::parse(row->body) : json{{"name", id}};
    }
    return it->second;
  }
  std::string site_name(const std::string& id) {
    if (id.empty()) return {};
    auto [it, fresh] = sites_.try_emplace(id);
    if (fresh) {
      auto row = reader_.site(id);
      it->second = row ? json::parse(row->body).value("name", id) : id;
    }
    return it->second;
  }
  bool flagged(const std::string& batch_id) { return !controls_.open_for(batch_id).empty(); }

 private:
  store::Queries& reader_;
  store::Controls controls_;
  std::map<std::string, std::optional<store::BatchRow>> batches_;
  std::map<std::string, json> products_, parties_;
  std::map<std::string, std::string> sites_;
};

std::string console_link(const std::string& batch_id) { return "/console/batches/" + url_encode(batch_id); }

json record_item(App& app, store::Queries& reader, const std::string& kind, const std::string& label,
                 const std::string& summary, const std::string& id, int64_t leaf_index, const std::string& body) {
  auto size = verified_log_size(app, reader, leaf_index, body);
  json item = {{"kind", kind}, {"label", label},           {"summary", summary},
               {"id", id},     {"leaf_index", leaf_index}, {"verified", size.has_value()}};
  if (size)
    item["log_size"] = *size;
  else
    item["reason"] = "签名、记录或包含证明未通过核验 (signature, leaf or inclusion proof did not check out)";
  return item;
}

GraphBox batch_box(Lookup& look, const store::BatchRow& b, int column, bool current) {
  json record = json::parse(b.body);
  const json& party = look.party(b.party_id);
  std::vector<std::string> lines = {"批号 " + b.lot, look.product(b.product_id).value("name", b.gtin),
                                    party.value("name", b.party_id)};
  if (!record.contains("made_by")) {
    std::string site = look.site_name(record.value("site", ""));
    if (!site.empty()) lines.push_back("产地 " + site);
  }
  lines.push_back(record.value("quantity", "") + " " + record.value("unit", ""));
  return GraphBox{
      b.id, column, lines, current ? std::string() : console_link(b.id), current, false, look.flagged(b.id)};
}

std::vector<domain::GenealogyEdge> edges_of(const std::vector<store::ParentLink>& links) {
  std::vector<domain::GenealogyEdge> out;
  for (const auto& l : links) out.push_back({l.parent_id, l.child_id, l.event_id, l.quantity_milli});
  return out;
}

json genealogy(store::Queries& reader, Lookup& look, const store::BatchRow& batch) {
  using G = domain::Genealogy;
  auto back = G::trace(
      batch.id, G::Direction::backward, [&](const std::string& id) { return edges_of(reader.parents(id)); },
      kMaxGraphBatches);
  auto fwd = G::trace(
      batch.id, G::Direction::forward, [&](const std::string& id) { return edges_of(reader.children(id)); },
      kMaxGraphBatches);
  std::vector<GraphBox> boxes;
  std::vector<GraphLink> links;
  std::set<std::string> placed;
  json ancestors = json::array(), descendants = json::array(), parcels = json::array();
  // Ancestors right to left: deepest (the farms) in the leftmost column.
  for (const auto& n : back.nodes()) {
    auto b = n.id == batch.id ? std::optional<store::BatchRow>(batch) : look.batch(n.id);
    if (!b || !placed.insert(n.id).second) continue;
    boxes.push_back(batch_box(look, *b, -n.depth, n.depth == 0));
    if (n.depth > 0) ancestors.push_back({{"lot", b->lot}, {"link", console_link(b->id)}});
  }
  for (const auto& e : back.edges()) links.push_back({e.parent, e.child});
  store::ConsoleQueries console(reader.database());
  size_t parcel_count = 0;
  for (const auto& n : fwd.nodes()) {
    auto b = n.id == batch.id ? std::optional<store::BatchRow>(batch) : look.batch(n.id);
    if (!b) continue;
    if (n.depth > 0 && placed.insert(n.id).second) {
      boxes.push_back(batch_box(look, *b, n.depth, false));
      descendants.push_back({{"lot", b->lot}, {"link", console_link(b->id)}});
    }
    for (const auto& p : console.parcels_of(b->id, kMaxParcelsPerBatch)) {
      if (parcel_count++ >= kMaxParcels) break;
      std::string id = "parcel:" + p.gtin + "/" + p.lot + "/" + p.serial;
      boxes.push_back(GraphBox{id,
                               n.depth + 1,
                               {"包裹 " + p.serial, "批号 " + p.lot},
                               digital_link_path(p.gtin, p.lot, p.serial),
                               false,
                               true,
                               false});
      links.push_back({b->id, id});
      parcels.push_back({{"serial", p.serial}, {"lot", p.lot}, {"link", digital_link_path(p.gtin, p.lot, p.serial)}});
    }
  }
  for (const auto& e : fwd.edges()) links.push_back({e.parent, e.child});
  return {{"svg", genealogy_svg(boxes, links)},
          {"ancestors", ancestors},
          {"descendants", descendants},
          {"parcels", parcels},
          {"truncated", back.truncated() || fwd.truncated() || parcel_count > kMaxParcels}};
}

std::optional<double> decimal(const json& v) {
  if (!v.is_string()) return std::nullopt;
  try {
    size_t used = 0;
    double d = std::stod(v.get<std::string>(), &used);
    return used == v.get<std::string>().size() ? std::optional<double>(d) : std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

json sensor_chart(const json& e, const json& product) {
  json band_json = e.contains("band") ? e["band"] : product.value("storage", json::object());
  SensorBand band{decimal(band_json.value("temperature_min", json())),
                 decimal(band_json.value("temperature_max", json()))};
  std::vector<SensorPoint> points;
  int excursions = 0;
  for (const auto& r : e.value("readings", json::array())) {
    auto v = decimal(r.value("temperature", json()));
    auto at = domain::Timestamp::parse(r.value("at", ""), "");
    if (!v || !at) continue;
    // The recorded flag covers humidity too; the chart marks what it draws: temperature out of band.
    bool out = (band.min && *v < *band.min) || (band.max && *v > *band.max);
    excursions += out ? 1 : 0;
    points.push_back({at->unix_seconds(), *v, out, at->local_minute()});
  }
  std::string band_text;
  if (band.min || band.max)
    band_text = band_json.value("temperature_min", std::string("…")) + " ~ " +
                band_json.value("temperature_max", std::string("…")) + " °C";
  return {{"when", local_minute(e.value("at", ""))},
          {"device", e.value("device", "")},
          {"readings", points.size()},
          {"excursions", excursions},
          {"has_excursion", excursions > 0},
          {"recorded_excursions", e.value("excursions", 0)},
          {"band", band_text},
          {"svg", sensor_chart_svg(points, band, "°C")}};
}

json inspection(const json& e, Lookup& look) {
  const json& party = look.party(e.value("party", ""));
  bool pass = e.value("result", "") == "pass";
  json items = json::array();
  for (const auto& item : e.value("items", json::array())) {
    json out = {{"name", item.value("name", "")},
                {"value", item.value("value", "")},
                {"unit", item.value("unit", "")},
                {"limit", item.value("limit", "")}};
    if (item.contains("conformant")) out["bad"] = !item.value("conformant", true);
    items.push_back(out);
  }
  std::string tester = e.value("tester", e.value("operator", ""));
  return {{"when", local_minute(e.value("at", ""))},
          {"who", party.value("name", "")},
          {"tester", tester},
          {"bureau", party.value("kind", "") == "bureau"},
          {"method", e.value("method", "")},
          {"pass", pass},
          {"result", pass ? "合格" : "不合格"},
          {"result_en", pass ? "pass" : "fail"},
          {"items", items},
          {"has_items", !items.empty()},
          {"note", e.value("note", "")}};
}

std::string event_summary(const json& e, Lookup& look) {
  std::string kind = e.value("kind", "");
  std::string s = look.party(e.value("party", "")).value("name", "");
  if (e.contains("quantity")) s += " · " + e.value("quantity", "") + " " + e.value("unit", "");
  if (kind == "inspect") s += " · " + e.value("method", "") + " · " + e.value("result", "");
  if (e.contains("reason")) s += " · " + e.value("reason", "");
  return s;
}

// The inspection form: where (the bureau's own sites, then those of the parties holding the batch, as
// a sample may be tested on the spot) and the values sent last time, if refused.
json inspection_form(store::Queries& reader, const Principal& who, const store::BatchRow& batch, const json& sent) {
  store::ConsoleQueries console(reader.database());
  std::vector<std::string> parties{who.party_id};
  for (const auto& h : reader.holdings(batch.id))
    if (h.party_id != who.party_id) parties.push_back(h.party_id);
  json sites = json::array();
  for (const auto& party : parties)
    for (const auto& s : console.sites_of(party, kMaxSitesListed)) {
      json body = json::parse(s.body);
      sites.push_back({{"id", s.id},
                       {"name", body.value("name", s.id)},
                       {"selected", sent.value("site", "") == s.id}});
    }
  json out = {{"sites", sites}, {"has_sites", !sites.empty()}, {"confirmatory", sent.value("confirmatory", "") == "1"},
              {"fail", sent.value("result", "") == "fail"}, {"pass", sent.value("result", "") == "pass"}};
  for (const char* key : {"tester", "delta_a0", "delta_at", "kit_lot", "instrument", "note"}) out[key] = sent.value(key, "");
  out["method"] = sent.value("method", "GB/T 5009.199 酶抑制率法（监督抽检）");
  return out;
}

}  // namespace

json console_batch_model(App& app, const Principal& who, const store::BatchRow& batch, const std::string& error,
                         const json& form) {
  store::Queries& reader = app.reader();
  store::ReadSnapshot snapshot(reader.database());  // every part of the page from one committed state
  Lookup look(reader);
  json record = json::parse(batch.body);
  const json& product = look.product(batch.product_id);
  const json& producer = look.party(batch.party_id);

  json model = {{"csrf", who.csrf_token},
                {"via_session", who.via_session},
                {"inspector", who.role == Role::inspector},
                {"who", who.username.empty() ? std::string(role_name(who.role)) : who.username}};
  model["batch"] = {{"id", batch.id},
                    {"lot", batch.lot},
                    {"gtin", batch.gtin},
                    {"county", batch.county},
                    {"product", product.value("name", "")},
                    {"product_en", product.value("name_en", "")},
                    {"category", term("zh", "category", product.value("category", ""))},
                    {"producer", producer.value("name", "")},
                    {"producer_county", producer.value("county", "")},
                    {"quantity", record.value("quantity", "") + " " + record.value("unit", "")},
                    {"produced", local_minute(record.value("produced_at", ""))},
                    {"origin", look.site_name(record.value("site", ""))},
                    {"made", record.contains("made_by")},
                    {"consumer_link", digital_link_path(batch.gtin, batch.lot)},
                    {"link", console_link(batch.id)}};

  json controls = json::array();
  for (const auto& c : store::Controls(reader.database()).open_for(batch.id)) {
    bool recall = c.kind == "recall";
    json item = {{"recall", recall},
                 {"label", recall ? "已召回" : "扣留中"},
                 {"en", recall ? "recalled" : "held"},
                 {"reason", c.reason},
                 {"since", local_minute(c.since)},
                 {"event", c.event_id},
                 {"cause", c.cause == "rapid_test" ? "快检阳性 rapid test positive"
                           : c.cause == "recall"   ? "上游召回 upstream recall"
                                                   : "监管人员 inspector"}};
    if (c.level) item["level"] = *c.level;
    controls.push_back(item);
  }
  model["controls"] = controls;
  model["has_controls"] = !controls.empty();
  store::ConsoleQueries console(reader.database());
  model["failed_test"] = console.failed_test(batch.id);

  // Records: the batch, its product, its parents, then its events in time order.
  json records = json::array();
  records.push_back(
      record_item(app, reader, "batch", "批次 batch", "批号 " + batch.lot, batch.id, batch.leaf_index, batch.body));
  if (auto p = reader.product(batch.product_id))
    records.push_back(record_item(app, reader, "product", "产品 product", product.value("name", "") + " · " + p->gtin,
                                  p->id, p->leaf_index, p->body));
  for (const auto& link : reader.parents(batch.id))
    if (const auto& p = look.batch(link.parent_id))
      records.push_back(record_item(app, reader, "parent", "原料批次 parent batch",
                                    "批号 " + p->lot + " · " + domain::Quantity::from_milli(link.quantity_milli).str() +
                                        " " + json::parse(p->body).value("unit", ""),
                                    p->id, p->leaf_index, p->body));
  json charts = json::array(), inspections = json::array();
  bool records_cut = false;
  for (const auto& row : reader.events_of_batch(batch.id)) {
    json e = json::parse(row.body);
    if (records.size() < kMaxRecords) {
      json item = record_item(app, reader, "event", term("zh", "event", row.kind) + " " + row.kind,
                              local_minute(e.value("at", "")) + " · " + event_summary(e, look), row.id, row.leaf_index,
                              row.body);
      if (row.corrected_by) item["corrected_by"] = *row.corrected_by;
      records.push_back(item);
    } else {
      records_cut = true;
    }
    if (row.corrected_by) continue;  // superseded: its correction is shown instead
    if (row.kind == "sensor") charts.push_back(sensor_chart(e, product));
    if (row.kind == "inspect") inspections.push_back(inspection(e, look));
  }
  int verified = 0;
  for (const auto& r : records) verified += r["verified"].get<bool>() ? 1 : 0;
  model["records"] = records;
  model["records_cut"] = records_cut;
  model["verified_count"] = verified;
  model["record_count"] = records.size();
  model["all_verified"] = verified == static_cast<int>(records.size());
  model["charts"] = charts;
  model["has_charts"] = !charts.empty();
  model["inspections"] = inspections;
  model["has_inspections"] = !inspections.empty();
  model["genealogy"] = genealogy(reader, look, batch);

  const bool inspect_form = form.value("which", "") == "inspect";
  if (!error.empty()) model[inspect_form ? "inspect_error" : "error"] = error;
  if (who.role == Role::inspector) model["inspect"] = inspection_form(reader, who, batch, inspect_form ? form : json::object());
  std::string action = form.value("action", "hold");
  model["form"] = {{"reason", form.value("reason", "")},
                   {"hold", action == "hold"},
                   {"release", action == "release"},
                   {"recall", action == "recall"}};
  json levels = json::array();
  for (int level = 1; level <= 3; ++level)
    levels.push_back({{"value", level}, {"selected", form.value("level", 0) == level}});
  model["levels"] = levels;
  return model;
}

std::string render_console_batch_page(App& app, json model) {
  model["css"] = std::string(template_file("style.css"));
  model["console_css"] = std::string(template_file("console.css"));
  return app.templates().render("console_batch.html", to_template_data(model));
}

}  // namespace web
