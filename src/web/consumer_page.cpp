#include "web/consumer_page.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "domain/digital_link.h"
#include "domain/genealogy.h"
#include "domain/quantity.h"
#include "domain/timestamp.h"
#include "store/controls.h"
#include "web/batch_records.h"
#include "web/assets.h"
#include "web/i18n.h"
#include "web/record_verification.h"
#include "web/template_data.h"

namespace web {
namespace {

using nlohmann::json;

std::string local_minute(const std::string& stamp) {
  auto ts = domain::Timestamp::parse(stamp, "");
  return ts ? ts->local_minute() : stamp;
}
std::string local_date(const std::string& stamp) {
  auto ts = domain::Timestamp::parse(stamp, "");
  return ts ? ts->local_date() : stamp;
}

// Pages link to each other by path, so they work on any host the page was reached through.
std::string link_of(const std::string& gtin, const std::string& lot) { return digital_link_path(gtin, lot); }

// Parties and sites named on one page, each read once.
class Names {
 public:
  Names(store::Queries& reader, std::string lang) : reader_(reader), lang_(std::move(lang)) {}
  const json& party(const std::string& id) {
    auto [it, fresh] = parties_.try_emplace(id);
    if (fresh) {
      auto row = reader_.party(id);
      it->second = row ? json::parse(row->body) : json{{"name", id}};
      it->second["kind_label"] = term(lang_, "party", it->second.value("kind", ""));
    }
    return it->second;
  }
  const json& site(const std::string& id) {
    auto [it, fresh] = sites_.try_emplace(id);
    if (fresh) {
      auto row = reader_.site(id);
      it->second = row ? json::parse(row->body) : json{{"name", id}};
      it->second["kind_label"] = term(lang_, "site", it->second.value("kind", ""));
    }
    return it->second;
  }

 private:
  store::Queries& reader_;
  std::string lang_;
  std::map<std::string, json> parties_, sites_;
};

std::string qty(const json& r) { return r.value("quantity", "") + " " + r.value("unit", ""); }

// Who tested, how, and what was found: method and tester, the rapid test's numbers (GB/T 5009.199),
// each lab item with its verdict and the rule that decided it.
void inspection_lines(const json& e, bool en, std::vector<std::string>& lines) {
  std::string head = e.value("method", "");  // who tested (自检 / 监管抽检) is the step's tag
  if (e.value("confirmatory", false)) head += en ? " (confirmatory)" : "（确证检测）";
  if (e.contains("tester")) head += (en ? " · tested by " : " · 检测人 ") + e["tester"].get<std::string>();
  lines.push_back(head);
  if (e.contains("rapid_test")) {
    const json& rt = e["rapid_test"];
    bool positive = rt.value("positive", false);
    lines.push_back((en ? "Inhibition " : "抑制率 ") + rt.value("inhibition", "") + " %" +
                    (en ? (positive ? " (positive, ≥ 50 %)" : " (negative, < 50 %)")
                        : (positive ? "（阳性，≥ 50%）" : "（阴性，< 50%）")) +
                    (en ? " · kit lot " : " · 试剂批号 ") + rt.value("kit_lot", "") +
                    (en ? " · instrument " : " · 仪器 ") + rt.value("instrument", "") + " · ΔA0 " +
                    rt.value("delta_a0", "") + " · ΔAt " + rt.value("delta_at", ""));
  }
  for (const auto& item : e.value("items", json::array())) {
    std::string line = item.value("name", "") + ": " + item.value("value", "") + " " + item.value("unit", "");
    std::string verdict = item.value("verdict", "");
    if (verdict == "conformant" || verdict == "non_conformant") {
      bool ok = verdict == "conformant";
      line += en ? (ok ? " ✓ conformant (" : " ✗ non-conformant (") : (ok ? " ✓ 合格（" : " ✗ 不合格（");
      line += item.value(en ? "rule_en" : "rule_zh", "") + (en ? ")" : "）");
    } else if (item.contains("limit")) {
      line += (en ? " (limit " : "（限量 ") + item["limit"].get<std::string>() + (en ? ")" : "）");
    }
    lines.push_back(line);
  }
  // Where the re-test flow stood after this test, in plain words (the stored reasons quote event ids).
  const json& status = e.value("rapid_test_status", json::object());
  std::string state = status.value("state", "");
  if (state == "held") {
    std::string retests = std::to_string(status.value("retests_needed", 0));
    if (status.value("retests_needed", 0) > 0)
      lines.push_back(en ? "Batch held: " + retests + " more negative re-test(s) or a confirmatory test needed"
                         : "批次暂停销售：还需 " + retests + " 次阴性复检或确证检测");
    else
      lines.push_back(en ? "Batch held: a confirmatory test (e.g. GC) must decide"
                         : "批次暂停销售：须以气相色谱等确证检测判定");
  } else if (state == "released") {
    lines.push_back(en ? "Re-tests cleared the positive result: sale resumed" : "复检合格，已解除暂停销售");
  } else if (state == "confirmed") {
    lines.push_back(en ? "Residues confirmed: failed, must not be sold" : "确证检测阳性：不合格，不得销售");
  }
}

// The human lines under one step of the timeline.
json step_lines(const json& e, const std::string& lang, Names& names, store::Queries& reader) {
  const json& t = page_labels(lang);
  bool en = lang == "en";
  std::vector<std::string> lines;
  std::string kind = e.value("kind", "");
  if (kind == "inspect") {
    inspection_lines(e, en, lines);
  } else if (kind == "transform") {
    lines.push_back(e.value("process", ""));
    for (const auto& in : e.value("inputs", json::array())) {
      auto b = reader.batch(in.value("batch", ""));
      lines.push_back((en ? "in: lot " : "投入：批号 ") + (b ? b->lot : in.value("batch", "")) + " · " + qty(in));
    }
    for (const auto& out : e.value("outputs", json::array()))
      lines.push_back((en ? "out: lot " : "产出：批号 ") + out.value("lot", "") + " · " + qty(out));
  } else if (kind == "pack") {
    std::string line = e.value("packaging", "");
    if (e.contains("units")) line += (en ? " · units: " : " · 件数：") + std::to_string(e["units"].get<int64_t>());
    lines.push_back(line);
  } else if (kind == "store") {
    if (e.contains("conditions")) lines.push_back(e["conditions"]);
  } else if (kind == "ship") {
    lines.push_back((en ? "to " : "发往 ") + names.party(e.value("to", "")).value("name", "") + " · " + qty(e));
    lines.push_back(e.value("carrier", "") + " · " + t.value("waybill", "") + " " + e.value("waybill", ""));
  } else if (kind == "receive") {
    lines.push_back((en ? "from " : "来自 ") + names.party(e.value("from", "")).value("name", "") + " · " + qty(e));
  } else if (kind == "sell") {
    const json& d = e.value("destination", json::object());
    lines.push_back(qty(e) + " · " + t.value("destination", "") + " " + d.value("province", "") + " " + d.value("city", ""));
    lines.push_back(e.value("carrier", "") + " · " + t.value("waybill", "") + " " + e.value("waybill", ""));
  } else if (kind == "sensor") {
    const json& readings = e.value("readings", json::array());
    lines.push_back(std::to_string(readings.size()) + (en ? " readings" : " 条读数") +
                    (e.contains("device") ? " · " + e["device"].get<std::string>() : ""));
  }
  if (e.contains("note")) lines.push_back(e["note"]);
  json out = json::array();
  for (auto& l : lines)
    if (!l.empty()) out.push_back({{"text", l}});
  return out;
}

json sensor_readings(const json& e) {
  json out = json::array();
  for (const auto& r : e.value("readings", json::array()))
    out.push_back({{"when", local_minute(r.value("at", ""))},
                   {"temperature", r.value("temperature", "")},
                   {"humidity", r.value("humidity", "")},
                   {"excursion", r.value("excursion", false)}});
  return out;
}

json timeline_item(const json& e, const store::EventRow& row, const std::string& lang, Names& names,
                   store::Queries& reader, std::map<std::string, json>& superseded) {
  const json& t = page_labels(lang);
  std::string kind = e.value("kind", "");
  json item = {{"kind", kind}, {"label", term(lang, "event", kind)}, {"when", local_minute(e.value("at", ""))},
               {"who", names.party(e.value("party", "")).value("name", "")},
               {"where", names.site(e.value("site", "")).value("name", "")},
               {"lines", step_lines(e, lang, names, reader)}, {"leaf_index", row.leaf_index}};
  if (kind == "inspect") {
    bool pass = e.value("result", "") == "pass";
    item["inspection"] = {{"pass", pass}, {"result", t.value(pass ? "pass" : "fail", "")}};
    if (e.contains("tested_by")) {
      bool bureau = e["tested_by"] == "bureau";
      item["inspection"]["bureau"] = bureau;
      item["inspection"]["by"] = lang == "en" ? (bureau ? "bureau test" : "self-test") : (bureau ? "监管抽检" : "自检");
    }
    if (e.contains("rapid_test")) item["inspection"]["inhibition"] = e["rapid_test"].value("inhibition", "");
  }
  if (kind == "sensor") {
    item["readings"] = sensor_readings(e);
    item["has_readings"] = !item["readings"].empty();
    item["excursions"] = e.value("excursions", 0);
    item["has_excursion"] = e.value("excursions", 0) > 0;
  }
  if (row.corrects) {
    item["correction"] = {{"reason", e.value("reason", "")}};
    json history = json::array();
    for (std::optional<std::string> id = row.corrects; id && superseded.count(*id);) {
      const json& old = superseded[*id];
      history.push_back({{"when", local_minute(old.value("at", ""))}, {"lines", step_lines(old, lang, names, reader)}});
      id = old.contains("corrects") ? std::optional<std::string>(old["corrects"].get<std::string>()) : std::nullopt;
    }
    item["correction"]["history"] = history;
  }
  return item;
}

// The harvest (or commissioning) of a batch that was not made from others: the first step of a chain.
json harvest_item(const store::BatchRow& b, const json& record, const std::string& lang, Names& names) {
  return {{"kind", "harvest"}, {"label", term(lang, "event", "harvest")},
          {"when", local_minute(record.value("produced_at", ""))},
          {"who", names.party(b.party_id).value("name", "")},
          {"where", names.site(record.value("site", "")).value("name", "")},
          {"lines", json::array({{{"text", page_labels(lang).value("lot", "") + " " + b.lot + " · " + qty(record)}}})},
          {"leaf_index", b.leaf_index}};
}

constexpr size_t kMaxAncestors = 50;  // bounds the work of one page on pathological graphs

// Every step of the chain that led to this batch: its own steps, and for each ancestor (through every
// transformation) its harvest and the steps it went through before it was transformed.
json timeline(store::Queries& reader, const store::BatchRow& batch, const std::string& lang, Names& names) {
  struct Entry {
    int64_t at_unix, leaf_index;
    json item;
  };
  std::vector<Entry> entries;
  std::set<std::string> seen_events;
  std::map<std::string, int64_t> cutoff{{batch.id, INT64_MAX}};  // ancestor → time it was consumed
  auto graph = domain::Genealogy::trace(batch.id, domain::Genealogy::Direction::backward, [&](const std::string& id) {
    std::vector<domain::GenealogyEdge> edges;
    for (const auto& l : reader.parents(id)) {
      auto made = reader.event(l.event_id);
      int64_t at = made ? made->at_unix : INT64_MAX;
      auto [it, fresh] = cutoff.try_emplace(l.parent_id, at);
      if (!fresh) it->second = std::max(it->second, at);
      edges.push_back({l.parent_id, l.child_id, l.event_id, l.quantity_milli});
    }
    return edges;
  }, kMaxAncestors);

  for (const auto& node : graph.nodes()) {
    auto b = node.id == batch.id ? std::optional<store::BatchRow>(batch) : reader.batch(node.id);
    if (!b) continue;
    json record = json::parse(b->body);
    if (!record.contains("made_by"))
      entries.push_back({b->produced_unix, b->leaf_index, harvest_item(*b, record, lang, names)});
    auto rows = reader.events_of_batch(b->id);
    std::map<std::string, json> superseded;  // corrected event id → its record
    for (const auto& row : rows)
      if (row.corrected_by) superseded[row.id] = json::parse(row.body);
    for (const auto& row : rows) {
      if (row.corrected_by) continue;  // shown as history under its correction
      if (row.at_unix > cutoff[b->id] || !seen_events.insert(row.id).second) continue;
      json item = timeline_item(json::parse(row.body), row, lang, names, reader, superseded);
      if (node.depth > 0) item["lot"] = b->lot;
      entries.push_back({row.at_unix, row.leaf_index, std::move(item)});
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.at_unix, a.leaf_index) < std::tie(b.at_unix, b.leaf_index);
  });
  json items = json::array();
  for (auto& e : entries) items.push_back(std::move(e.item));
  return items;
}

json attributes_of(const json& record, const std::string& lang) {
  json out = json::array();
  json attributes = record.value("attributes", json::object());  // items() needs a living object
  for (const auto& [key, value] : attributes.items())
    out.push_back({{"name", term(lang, "attribute", key)}, {"value", value}});
  return out;
}

json product_summary(const json& p, const std::string& lang) {
  return {{"name", lang == "en" && p.contains("name_en") ? p["name_en"] : p.value("name", json(""))},
          {"spec", p.value("spec", "")}, {"gtin", p.value("gtin", "")}, {"unit", p.value("unit", "")},
          {"category", term(lang, "category", p.value("category", ""))}};
}

// The batch's open holds and recalls as plain-words banners for the top of the page: what happened
// and what a consumer should do, in the page's language first and the other below.
json control_banners(store::Queries& reader, const std::string& batch_id, const std::string& lang) {
  static const char* kLevelZh[] = {"", "一级", "二级", "三级"};
  json out = json::array();
  store::Controls controls(reader.database());
  for (const auto& c : controls.open_for(batch_id)) {
    std::string zh, en;
    if (c.kind == "recall") {
      int64_t level = c.level.value_or(0);
      bool known = level >= 1 && level <= 3;
      zh = std::string("⚠ 此产品已被召回") + (known ? std::string("（") + kLevelZh[level] + "召回）" : "") +
           "：请立即停止食用/使用，保留包装，联系商家退货或拨打 12315。原因：" + c.reason;
      en = "⚠ This product has been recalled" +
           (known ? " (level " + std::to_string(level) + " recall)" : std::string()) + ": stop eating or using it now, keep the packaging, and return it to the seller or call 12315. Reason: " +
           c.reason;
    } else if (c.cause == "rapid_test") {
      zh = "⚠ 此批次暂停销售，等待复检。原因：" + c.reason;
      en = "⚠ This batch is on hold and may not be sold until it is re-tested. Reason: " + c.reason;
    } else {
      zh = "⚠ 此批次已被市场监管部门暂停销售。原因：" + c.reason;
      en = "⚠ The market supervision bureau has stopped sales of this batch. Reason: " + c.reason;
    }
    bool english = lang == "en";
    out.push_back({{"recall", c.kind == "recall"}, {"text", english ? en : zh}, {"other", english ? zh : en},
                   {"since", local_minute(c.since)}});
    if (out.size() >= 10) break;  // a page lists at most ten; there is rarely more than one
  }
  return out;
}

json common(const std::string& lang, const std::string& path) {
  return {{"lang", lang}, {"t", page_labels(lang)},
          {"switch_link", path + (lang == "en" ? "?lang=zh" : "?lang=en")}};
}

}  // namespace

json batch_page_model(App& app, store::Queries& reader, const store::BatchRow& batch, const std::string& lang,
                      const store::ParcelRow* parcel) {
  Names names(reader, lang);
  json record = json::parse(batch.body);
  auto product_row = reader.product(batch.product_id);
  json product = product_row ? json::parse(product_row->body) : json::object();
  std::string path = digital_link_path(batch.gtin, batch.lot, parcel ? parcel->serial : std::string());
  json model = common(lang, path);
  model["kind"] = "batch";
  model["banners"] = control_banners(reader, batch.id, lang);
  model["has_banners"] = !model["banners"].empty();
  model["product"] = product_summary(product, lang);
  model["batch"] = {{"id", batch.id}, {"lot", batch.lot}, {"quantity", qty(record)},
                    {"produced", local_date(record.value("produced_at", ""))},
                    {"digital_link", app.config().public_url + path},
                    {"leaf_index", batch.leaf_index}};
  auto log_size = verified_log_size(app, reader, batch.leaf_index, batch.body);
  model["batch"]["verified"] = log_size.has_value();
  if (log_size) model["batch"]["log_size"] = *log_size;
  model["attributes"] = attributes_of(record, lang);
  model["has_attributes"] = !model["attributes"].empty();
  json producer = names.party(batch.party_id);
  model["producer"] = {{"name", producer.value("name", "")}, {"kind", producer.value("kind_label", "")},
                       {"county", producer.value("county", "")}, {"contact", producer.value("contact", "")}};
  json site = names.site(record.value("site", ""));
  model["origin"] = {{"name", site.value("name", "")}, {"kind", site.value("kind_label", "")},
                     {"county", site.value("county", "")}, {"address", site.value("address", "")}};
  model["timeline"] = timeline(reader, batch, lang, names);
  model["has_timeline"] = !model["timeline"].empty();

  json parents = json::array();
  for (const auto& link : reader.parents(batch.id)) {
    auto p = reader.batch(link.parent_id);
    if (!p) continue;
    json pr = json::parse(p->body);
    auto pp = reader.product(p->product_id);
    json pproduct = pp ? json::parse(pp->body) : json::object();
    parents.push_back({{"lot", p->lot}, {"product", product_summary(pproduct, lang)["name"]},
                       {"producer", names.party(p->party_id).value("name", "")}, {"county", p->county},
                       {"quantity", domain::Quantity::from_milli(link.quantity_milli).str() + " " + pr.value("unit", "")},
                       {"link", link_of(p->gtin, p->lot)}});
  }
  model["parents"] = parents;
  model["has_parents"] = !parents.empty();

  if (parcel) {
    auto sale = reader.event(parcel->event_id);
    json e = sale ? json::parse(sale->body) : json::object();
    const json& d = e.value("destination", json::object());
    model["parcel"] = {{"serial", parcel->serial}, {"sent", local_minute(e.value("at", ""))},
                       {"carrier", e.value("carrier", "")}, {"waybill", e.value("waybill", "")},
                       {"destination", d.value("province", "") + " " + d.value("city", "")},
                       {"quantity", qty(e)}};
  }
  return model;
}

json product_page_model(App& app, store::Queries& reader, const store::ProductRow& product, const std::string& lang) {
  Names names(reader, lang);
  json p = json::parse(product.body);
  json model = common(lang, digital_link_path(product.gtin));
  model["kind"] = "product";
  model["product"] = product_summary(p, lang);
  json owner = names.party(product.party_id);
  model["producer"] = {{"name", owner.value("name", "")}, {"kind", owner.value("kind_label", "")},
                       {"county", owner.value("county", "")}, {"contact", owner.value("contact", "")}};
  json batches = json::array();
  for (const auto& b : reader.batches_of_product(product.id, 20)) {
    json r = json::parse(b.body);
    batches.push_back({{"lot", b.lot}, {"produced", local_date(r.value("produced_at", ""))},
                       {"quantity", qty(r)}, {"link", link_of(b.gtin, b.lot)}});
  }
  model["batches"] = batches;
  return model;
}

namespace {

store::RenderedPage render_model(App& app, const std::string& template_name, json model, bool as_json) {
  if (as_json)
    return {"application/json; charset=utf-8", model.dump(-1, ' ', false, json::error_handler_t::replace)};
  model["css"] = std::string(template_file("style.css"));
  return {"text/html; charset=utf-8", app.templates().render(template_name, to_template_data(model))};
}

}  // namespace

store::RenderedPage render_batch_page(App& app, store::Queries& reader, const store::BatchRow& batch,
                                      const std::string& lang, bool as_json, const store::ParcelRow* parcel) {
  return render_model(app, "batch.html", batch_page_model(app, reader, batch, lang, parcel), as_json);
}

store::RenderedPage render_product_page(App& app, store::Queries& reader, const store::ProductRow& product,
                                        const std::string& lang, bool as_json) {
  return render_model(app, "product.html", product_page_model(app, reader, product, lang), as_json);
}

std::string render_not_found_page(App& app, const std::string& lang, const std::string& code, const std::string& path) {
  json model = {{"t", page_labels(lang)}, {"code", code}, {"switch_link", path + (lang == "en" ? "?lang=zh" : "?lang=en")}};
  return render_model(app, "not_found.html", std::move(model), false).body;
}

}  // namespace web
