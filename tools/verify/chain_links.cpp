#include "verify/chain_links.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace verify {
namespace {

using nlohmann::json;

// (batch, quantity in thousandths) pairs of a parents or inputs list, sorted; nullopt if one is malformed.
std::optional<std::vector<std::pair<std::string, int64_t>>> amounts(const json& list) {
  if (!list.is_array()) return std::nullopt;
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& item : list) {
    auto q = milli_of(item);
    std::string batch = LeafRecord::text_of(item, "batch");
    if (!q || batch.empty()) return std::nullopt;
    out.emplace_back(batch, *q);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool lists_output(const LeafRecord& transform, const std::string& batch) {
  const json& outputs = transform.leaf.value("outputs", json::array());
  return std::any_of(outputs.begin(), outputs.end(),
                     [&](const json& o) { return LeafRecord::text_of(o, "batch") == batch; });
}

// A batch made from others: its parents and its transformation must be in the file and agree.
void check_made_batch(const Records& records, const LeafRecord& b, Report& report) {
  const int64_t at = b.leaf_index;
  const std::string id = b.id();
  const json& parents = b.leaf.value("parents", json::array());
  for (const auto& p : parents) {
    std::string parent = LeafRecord::text_of(p, "batch");
    if (!records.find(parent, "batch"))
      report.fail(at, id, "来源批次 " + parent + " 不在证据中", "parent batch " + parent + " is not in the file");
  }
  std::string made_by = b.text("made_by");
  const LeafRecord* t = records.find(made_by);
  if (!t || !t->is_event("transform")) {
    report.fail(at, id, "加工事件 " + made_by + " (made_by) 不在证据中",
                "its transformation " + made_by + " (made_by) is not in the file");
    return;
  }
  if (!lists_output(*t, id))
    report.fail(at, id, "加工事件 " + made_by + " 的产出中没有本批次",
                "transformation " + made_by + " does not list this batch among its outputs");
  auto inputs = amounts(t->leaf.value("inputs", json()));
  auto wanted = amounts(parents);
  if (!inputs || !wanted || *inputs != *wanted)
    report.fail(at, id, "加工事件 " + made_by + " 的投入（批次与数量）与本批次的来源不符",
                "the inputs of transformation " + made_by + " (batch and quantity) differ from this batch's parents");
  if (t->text("party") != b.text("party"))
    report.fail(at, id, "本批次的主体与加工事件 " + made_by + " 的主体不同",
                "its party differs from the party of transformation " + made_by);
}

// A receipt must match the shipment it names.
void check_receive(const Records& records, const LeafRecord& r, Report& report) {
  const int64_t at = r.leaf_index;
  const std::string id = r.id();
  std::string ship_id = r.text("shipment");
  const LeafRecord* ship = records.find(ship_id);
  if (!ship || !ship->is_event("ship")) {
    report.fail(at, id, "收货所指的发货事件 " + ship_id + " 不在证据中",
                "the shipment it receives (" + ship_id + ") is not a ship event in the file");
    return;
  }
  const std::pair<const char*, std::pair<std::string, std::string>> same[] = {
      {"batch", {r.text("batch"), ship->text("batch")}},
      {"party = ship.to", {r.text("party"), ship->text("to")}},
      {"from = ship.party", {r.text("from"), ship->text("party")}},
  };
  for (const auto& [what, values] : same)
    if (values.first.empty() || values.first != values.second)
      report.fail(at, id, std::string("收货与发货 ") + ship_id + " 不符：" + what,
                  std::string("receipt does not match shipment ") + ship_id + ": " + what);
  auto received = milli_of(r.leaf);
  auto shipped = milli_of(ship->leaf);
  if (!received || !shipped || *received != *shipped)
    report.fail(at, id, "收货数量与发货 " + ship_id + " 的数量不同",
                "the quantity received differs from the quantity shipped in " + ship_id);
}

}  // namespace

void check_chain_links(const Records& records, const std::string& requested_batch, Report& report) {
  const size_t before = report.problem_count();
  if (!records.find(requested_batch, "batch"))
    report.fail("所查询的批次 " + requested_batch + " 不在证据中",
                "the batch asked about (" + requested_batch + ") is not in the file");
  int batches = 0, made = 0, receipts = 0;
  std::map<std::string, const LeafRecord*> received;  // ship id → the receipt that took it
  for (const auto& r : records.all()) {
    if (r.type() == "batch") {
      ++batches;
      if (r.leaf.contains("made_by") || r.leaf.contains("parents")) {
        ++made;
        check_made_batch(records, r, report);
      }
    } else if (r.is_event("receive")) {
      ++receipts;
      check_receive(records, r, report);
      if (r.is_correction()) continue;  // restates the receipt it corrects
      auto [it, fresh] = received.try_emplace(r.text("shipment"), &r);
      if (!fresh)
        report.fail(r.leaf_index, r.id(), "发货 " + it->first + " 已被 " + it->second->id() + " 收货过",
                    "shipment " + it->first + " was already received by " + it->second->id());
    }
  }
  if (report.problem_count() == before)
    report.pass("批次链接完整 / chain links hold: " + std::to_string(batches) + " 个批次 batches, " +
                std::to_string(made) + " 个加工所得 made by transformation, " + std::to_string(receipts) +
                " 次收货 receipts");
}

void check_references(const Records& records, Report& report) {
  const size_t before = report.problem_count();
  const std::pair<const char*, const char*> fields[] = {
      {"party", "party"}, {"site", "site"}, {"product", "product"}, {"to", "party"}, {"from", "party"}};
  for (const auto& r : records.all()) {
    for (const auto& [field, type] : fields) {
      if (!r.leaf.contains(field)) continue;
      std::string id = r.text(field);
      if (!records.find(id, type))
        report.fail(r.leaf_index, r.id(), std::string("引用的") + field + " 记录 " + id + " 不在证据中",
                    std::string("its ") + field + " (" + id + ") is not a " + type + " record in the file");
    }
  }
  if (report.problem_count() == before)
    report.pass("引用的主体、地点、产品均在证据中 / every referenced party, site and product is in the file");
}

}  // namespace verify
