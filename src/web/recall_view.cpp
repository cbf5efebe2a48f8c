#include "web/recall_view.h"

#include <map>

#include "domain/civil_date.h"
#include "domain/quantity.h"
#include "domain/timestamp.h"
#include "store/controls.h"
#include "store/dashboard_queries.h"
#include "web/batch_controls.h"
#include "web/batch_records.h"

namespace web {
namespace {

using nlohmann::json;

constexpr int64_t kCst = 8 * 3600;
constexpr int kCstMinutes = 480;

// Days since 1970-01-01 (a Thursday) → 0 = Sunday … 6 = Saturday.
int weekday(int64_t day) { return static_cast<int>(((day + 4) % 7 + 7) % 7); }

int64_t completion_day(int64_t recall_unix, int working_days) {
  int64_t day = domain::floor_div(recall_unix + kCst, 86400);
  for (int n = 0; n < working_days;) {
    ++day;
    if (weekday(day) != 0 && weekday(day) != 6) ++n;
  }
  return day;
}

std::string cst_minute(int64_t unix_seconds) {
  return domain::Timestamp::from_unix(unix_seconds, kCstMinutes).local_minute();
}

std::string party_name(store::Queries& reader, std::map<std::string, std::string>& cache, const std::string& id) {
  auto [it, fresh] = cache.try_emplace(id);
  if (fresh) {
    auto party = reader.party(id);
    it->second = party ? party->name : id;
  }
  return it->second;
}

json progress_json(int64_t total, int64_t confirmed) {
  int64_t pct = total > 0 ? confirmed * 100 / total : 0;
  return {{"confirmed", confirmed}, {"total", total}, {"percent", pct}, {"complete", total > 0 && confirmed == total}};
}

// Deadlines of a recall at `now`: start within hours, complete within working days.
json deadlines_json(int level, int64_t at_unix, int64_t now_unix, int64_t total, int64_t confirmed) {
  RecallDeadlines d = recall_deadlines(level);
  int64_t start_by = at_unix + int64_t(d.start_hours) * 3600;
  int64_t complete_by = completion_deadline_unix(at_unix, d.complete_working_days);
  bool complete = total > 0 && confirmed == total;
  return {{"start_hours", d.start_hours},
          {"complete_working_days", d.complete_working_days},
          {"start_by", domain::Timestamp::from_unix(start_by, kCstMinutes).str()},
          {"start_by_text", cst_minute(start_by)},
          {"complete_by", completion_date(at_unix, d.complete_working_days)},
          // Starting shows as a holder's first confirmation; without holders there is nothing to start.
          {"start_overdue", total > 0 && confirmed == 0 && now_unix > start_by},
          {"complete_overdue", !complete && total > 0 && now_unix >= complete_by}};
}

}  // namespace

std::string completion_date(int64_t recall_unix, int working_days) {
  return domain::Timestamp::from_unix(completion_day(recall_unix, working_days) * 86400, 0).local_date();
}

int64_t completion_deadline_unix(int64_t recall_unix, int working_days) {
  return (completion_day(recall_unix, working_days) + 1) * 86400 - kCst;
}

bool recall_reaches_party(store::Queries& reader, const std::string& recall_id, const std::string& party_id) {
  if (party_id.empty()) return false;
  for (const auto& r : store::Controls(reader.database()).reach(recall_id))
    if (r.party_id == party_id) return true;
  return false;
}

domain::Result<json> recall_view(store::Queries& reader, const std::string& recall_id, int64_t now_unix,
                                 const std::string& only_party) {
  store::ReadSnapshot snapshot(reader.database());  // the recall and its progress from one state
  auto event = reader.event(recall_id);
  if (!event || event->kind != "recall")
    return domain::make_error(domain::Errc::not_found, "no recall with id " + recall_id.substr(0, 64));
  json record = json::parse(event->body);
  std::map<std::string, std::string> names;
  int level = record.value("level", 0);
  std::string batch_id = record.value("batch", "");
  json batch = {{"id", batch_id}};
  if (auto b = reader.batch(batch_id)) {
    batch["gtin"] = b->gtin;
    batch["lot"] = b->lot;
    if (auto p = reader.product(b->product_id)) batch["product"] = json::parse(p->body).value("name", "");
  }
  std::map<std::string, std::pair<std::string, std::string>> lots;  // batch → (gtin, lot)
  std::map<std::string, std::string> units;
  for (const auto& a : record.value("affected", json::array())) {
    lots[a.value("batch", "")] = {a.value("gtin", ""), a.value("lot", "")};
    for (const auto& h : a.value("holders", json::array())) units[a.value("batch", "")] = h.value("unit", "");
  }

  auto reach = store::Controls(reader.database()).reach(recall_id);
  int64_t confirmed = 0;
  for (const auto& r : reach) confirmed += r.confirmed_by ? 1 : 0;
  json holders = json::array();
  size_t shown = 0;
  for (const auto& r : reach) {
    if (!only_party.empty() && r.party_id != only_party) continue;
    if (shown++ >= kRecallHoldersShown) break;
    auto [gtin, lot] = lots.count(r.batch_id) ? lots[r.batch_id] : std::pair<std::string, std::string>{};
    json row = {{"batch", r.batch_id},
                {"gtin", gtin},
                {"lot", lot},
                {"party", r.party_id},
                {"party_name", party_name(reader, names, r.party_id)},
                {"quantity", domain::Quantity::from_milli(r.quantity_milli).str()},
                {"unit", units.count(r.batch_id) ? units[r.batch_id] : ""},
                {"confirmed", r.confirmed_by.has_value()}};
    if (r.confirmed_by) {
      row["confirmed_by"] = *r.confirmed_by;
      if (auto c = reader.event(*r.confirmed_by)) {
        json confirm = json::parse(c->body);
        row["confirm_action"] = confirm.value("action", "");
        row["confirmed_at"] = cst_minute(c->at_unix);
      }
    }
    holders.push_back(std::move(row));
  }
  // Every lot the recall reached and the parcels sold from it (each a link to the page its buyer scans).
  json reached = json::array();
  if (only_party.empty())
    for (const auto& a : record.value("affected", json::array())) {
      json parcels = json::array();
      for (const auto& serial : a.value("parcels", json::array()))
        parcels.push_back({{"serial", serial},
                           {"link", digital_link_path(a.value("gtin", ""), a.value("lot", ""), serial.get<std::string>())}});
      reached.push_back({{"batch", a.value("batch", "")},
                         {"lot", a.value("lot", "")},
                         {"gtin", a.value("gtin", "")},
                         {"parcels", parcels},
                         {"parcel_count", parcels.size()},
                         {"more_parcels", a.value("more_parcels", false)}});
    }
  int64_t total = static_cast<int64_t>(reach.size());
  std::string bureau = record.value("party", "");
  return json{{"id", recall_id},
              {"level", level},
              {"reason", record.value("reason", "")},
              {"batch", batch},
              {"at", record.value("at", "")},
              {"at_text", cst_minute(event->at_unix)},
              {"by", record.value("by", "")},
              {"bureau", {{"id", bureau}, {"name", party_name(reader, names, bureau)}}},
              {"leaf_index", event->leaf_index},
              {"deadlines", deadlines_json(level, event->at_unix, now_unix, total, confirmed)},
              {"progress", progress_json(total, confirmed)},
              {"holders", holders},
              {"holders_truncated", shown > kRecallHoldersShown},
              {"reached", reached}};
}

json open_recalls_view(store::Queries& reader, int64_t now_unix) {
  store::ReadSnapshot snapshot(reader.database());
  store::DashboardQueries q(reader.database());
  std::map<std::string, std::string> names;
  json out = json::array();
  for (const auto& [id, since] : q.open_recalls(kRecallsListed)) {
    auto event = reader.event(id);
    if (!event) continue;
    json record = json::parse(event->body);
    int level = record.value("level", 0);
    auto [total, confirmed] = q.reach_progress(id);
    std::string batch_id = record.value("batch", "");
    auto batch = reader.batch(batch_id);
    out.push_back({{"id", id},
                   {"level", level},
                   {"reason", record.value("reason", "")},
                   {"batch", batch_id},
                   {"gtin", batch ? batch->gtin : ""},
                   {"lot", batch ? batch->lot : ""},
                   {"at_text", cst_minute(event->at_unix)},
                   {"bureau", party_name(reader, names, record.value("party", ""))},
                   {"deadlines", deadlines_json(level, event->at_unix, now_unix, total, confirmed)},
                   {"progress", progress_json(total, confirmed)}});
  }
  return out;
}

}  // namespace web
