#include "web/batch_records.h"

#include <set>

#include "domain/digital_link.h"
#include "domain/genealogy.h"
#include "web/ids.h"

namespace web {

domain::Result<NewBatch> parse_new_batch(const nlohmann::json& in, const std::string& field) {
  auto gtin = domain::Gtin::parse(in["gtin"].get<std::string>(), field + "/gtin");
  if (!gtin) return gtin.error();
  auto lot = domain::Lot::parse(in["lot"].get<std::string>(), field + "/lot");
  if (!lot) return lot.error();
  auto quantity = domain::Quantity::parse(in["quantity"].get<std::string>(), field + "/quantity");
  if (!quantity) return quantity.error();
  NewBatch batch{*gtin, *lot, *quantity, in["unit"].get<std::string>(), in.value("attributes", nlohmann::json::object()), field};
  return batch;
}

domain::Result<nlohmann::json> add_batch(ledger::Ledger::Txn& t, const NewBatch& b, const Origin& origin) {
  using domain::Errc;
  auto product = t.read().product_by_gtin(b.gtin.str());
  if (!product)
    return domain::make_error(Errc::unprocessable,
                              "no product is registered with GTIN " + b.gtin.str() + "; register it first (POST /api/v1/products)",
                              b.field + "/gtin");
  std::string product_unit = nlohmann::json::parse(product->body).value("unit", "");
  if (product_unit != b.unit)
    return domain::make_error(Errc::unprocessable,
                              "unit \"" + b.unit + "\" differs from the product's unit \"" + product_unit + "\"", b.field + "/unit");
  if (t.read().batch_by_gtin_lot(b.gtin.str(), b.lot.str()))
    return domain::make_error(Errc::conflict, "lot " + b.lot.str() + " already exists for GTIN " + b.gtin.str(), b.field + "/lot");

  std::string county = nlohmann::json::parse(origin.site.body).value("county", origin.party.county);
  nlohmann::json record = {{"type", "batch"},       {"id", new_id("bat")},
                           {"party", origin.party.id}, {"product", product->id},
                           {"gtin", b.gtin.str()},  {"lot", b.lot.str()},
                           {"quantity", b.quantity.str()}, {"unit", b.unit},
                           {"site", origin.site.id}, {"county", county},
                           {"produced_at", origin.produced_at.str()}, {"attributes", b.attributes},
                           {"recorded_at", t.recorded_at()}};
  if (!origin.made_by_event.empty()) {
    record["made_by"] = origin.made_by_event;
    record["parents"] = origin.parents;
  }
  if (!origin.signature.is_null()) record["signature"] = origin.signature;
  std::string id = record["id"];
  auto leaf = t.add("batch", id, record);
  if (!leaf) return leaf.error();
  store::BatchRow row{0, id, product->id, b.gtin.str(), b.lot.str(), origin.party.id, county,
                      origin.produced_at.unix_seconds(), record.dump(), *leaf};
  if (!t.write().insert_batch(row))
    return domain::make_error(Errc::conflict, "lot " + b.lot.str() + " already exists for GTIN " + b.gtin.str(), b.field + "/lot");
  t.write().set_holding(id, origin.party.id, b.quantity.milli());
  t.write().bump_page_version("product:" + b.gtin.str());  // the product page lists recent batches
  record["leaf_index"] = *leaf;
  return record;
}

std::string digital_link_path(const std::string& gtin14, const std::string& lot, const std::string& serial) {
  auto g = domain::Gtin::from_trusted(gtin14);
  auto l = domain::Lot::from_trusted(lot);
  auto s = domain::Lot::from_trusted(serial);
  return domain::DigitalLink::build_path(g, lot.empty() ? nullptr : &l, serial.empty() ? nullptr : &s);
}

std::string digital_link(const App& app, const std::string& gtin14, const std::string& lot, const std::string& serial) {
  return app.config().public_url + digital_link_path(gtin14, lot, serial);
}

void invalidate_pages(ledger::Ledger::Txn& t, const std::vector<std::string>& batch_ids) {
  std::set<std::string> done;
  for (const auto& id : batch_ids) {
    if (done.count(id)) continue;
    auto graph = domain::Genealogy::trace(id, domain::Genealogy::Direction::forward, [&](const std::string& parent) {
      std::vector<domain::GenealogyEdge> edges;
      for (const auto& l : t.read().children(parent)) edges.push_back({l.parent_id, l.child_id, l.event_id, l.quantity_milli});
      return edges;
    });
    for (const auto& node : graph.nodes())
      if (done.insert(node.id).second) t.write().bump_page_version(node.id);
  }
}

std::string unit_of(const store::BatchRow& batch) { return nlohmann::json::parse(batch.body).value("unit", ""); }

nlohmann::json batch_view(App& app, store::Queries& reader, const store::BatchRow& row) {
  nlohmann::json out = nlohmann::json::parse(row.body);
  out["digital_link"] = digital_link(app, row.gtin, row.lot);
  out["leaf_index"] = row.leaf_index;
  nlohmann::json holdings = nlohmann::json::array();
  int64_t remaining = 0;
  for (const auto& h : reader.holdings(row.id)) {
    holdings.push_back({{"party", h.party_id}, {"quantity", domain::Quantity::from_milli(h.quantity_milli).str()}});
    remaining += h.quantity_milli;
  }
  out["holdings"] = holdings;
  out["remaining"] = domain::Quantity::from_milli(remaining).str();
  return out;
}

}  // namespace web
