#include "store/dashboard_queries.h"

namespace store {
namespace {

// Quantities are decimal strings with at most 3 decimals and at most 1e12: exact as doubles once
// scaled to thousandths (below 2^53), so the rounding only removes representation noise.
#define AGRITRACE_QUANTITY_MILLI "CAST(ROUND(CAST(json_extract(b.body, '$.quantity') AS REAL) * 1000) AS INTEGER)"
#define AGRITRACE_UNIT "COALESCE(json_extract(b.body, '$.unit'), '')"
#define AGRITRACE_CST_MONTH(column) "strftime('%Y-%m', " column " + 8 * 3600, 'unixepoch')"

constexpr const char* kByCategory = "SELECT COALESCE(json_extract(p.body, '$.category'), 'other') AS k, " AGRITRACE_UNIT
                                    " AS u, COUNT(*), "
                                    "SUM(" AGRITRACE_QUANTITY_MILLI
                                    ") FROM batches b JOIN products p ON p.id = b.product_id "
                                    "GROUP BY k, u ORDER BY k, u LIMIT ?";
constexpr const char* kByCounty =
    "SELECT b.county AS k, " AGRITRACE_UNIT " AS u, COUNT(*), SUM(" AGRITRACE_QUANTITY_MILLI
    ") "
    "FROM batches b GROUP BY k, u ORDER BY k, u LIMIT ?";
constexpr const char* kByMonth = "SELECT " AGRITRACE_CST_MONTH(
    "b.produced_unix") " AS k, " AGRITRACE_UNIT
                       " AS u, COUNT(*), "
                       "SUM(" AGRITRACE_QUANTITY_MILLI
                       ") FROM batches b WHERE b.produced_unix >= ? GROUP BY k, u ORDER BY k, u LIMIT ?";

#define AGRITRACE_INSPECTIONS \
  "FROM events e WHERE e.kind = 'inspect' AND NOT EXISTS (SELECT 1 FROM events c WHERE c.corrects = e.id)"
constexpr const char* kInspectionsTotal =
    "SELECT COALESCE(SUM(json_extract(e.body, '$.result') = 'pass'), 0), "
    "COALESCE(SUM(json_extract(e.body, '$.result') = 'fail'), 0) " AGRITRACE_INSPECTIONS;
constexpr const char* kInspectionsByMonth =
    "SELECT " AGRITRACE_CST_MONTH("e.at_unix") " AS k, SUM(json_extract(e.body, '$.result') = 'pass'), "
    "SUM(json_extract(e.body, '$.result') = 'fail') " AGRITRACE_INSPECTIONS
    " AND e.at_unix >= ? GROUP BY k ORDER BY k LIMIT ?";

constexpr const char* kScanDays = "SELECT day, scans FROM scan_days WHERE day >= ? AND day <= ? ORDER BY day LIMIT ?";
constexpr const char* kOpenRecalls =
    "SELECT event_id, MIN(since) AS s FROM batch_controls WHERE kind = 'recall' GROUP BY event_id"
    " ORDER BY s DESC, event_id LIMIT ?";
constexpr const char* kOpenControlCounts =
    "SELECT COUNT(DISTINCT CASE WHEN kind = 'hold' THEN batch_id END),"
    " COUNT(DISTINCT CASE WHEN kind = 'recall' THEN batch_id END) FROM batch_controls";
constexpr const char* kReachProgress = "SELECT COUNT(*), COUNT(confirmed_by) FROM recall_reach WHERE recall_id = ?";
constexpr const char* kAddScans =
    "INSERT INTO scan_days (day, scans) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET scans = scans + excluded.scans";

}  // namespace

std::vector<BatchGroupRow> DashboardQueries::groups(const char* sql, bool with_from, int64_t from_unix) {
  auto& s = db_.cached(sql);
  int i = 1;
  if (with_from) s.bind(i++, from_unix);
  s.bind(i, kMaxGroups);
  std::vector<BatchGroupRow> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.integer(2), s.integer(3)});
  s.reset();  // a statement left mid-result would keep its read snapshot open
  return out;
}

std::vector<BatchGroupRow> DashboardQueries::batches_by_category() { return groups(kByCategory, false, 0); }
std::vector<BatchGroupRow> DashboardQueries::batches_by_county() { return groups(kByCounty, false, 0); }
std::vector<BatchGroupRow> DashboardQueries::batches_by_month(int64_t from_unix) {
  return groups(kByMonth, true, from_unix);
}

InspectionRow DashboardQueries::inspections_total() {
  auto& s = db_.cached(kInspectionsTotal);
  InspectionRow out;
  if (s.step()) out = {"", s.integer(0), s.integer(1)};
  s.reset();
  return out;
}

std::vector<InspectionRow> DashboardQueries::inspections_by_month(int64_t from_unix) {
  auto& s = db_.cached(kInspectionsByMonth).bind(1, from_unix).bind(2, kMaxGroups);
  std::vector<InspectionRow> out;
  while (s.step()) out.push_back({s.text(0), s.integer(1), s.integer(2)});
  s.reset();
  return out;
}

std::vector<ScanDayRow> DashboardQueries::scan_days(std::string_view from_day, std::string_view to_day) {
  auto& s = db_.cached(kScanDays).bind(1, from_day).bind(2, to_day).bind(3, kMaxGroups);
  std::vector<ScanDayRow> out;
  while (s.step()) out.push_back({s.text(0), s.integer(1)});
  s.reset();
  return out;
}

std::vector<std::pair<std::string, std::string>> DashboardQueries::open_recalls(int64_t limit) {
  auto& s = db_.cached(kOpenRecalls).bind(1, limit);
  std::vector<std::pair<std::string, std::string>> out;
  while (s.step()) out.emplace_back(s.text(0), s.text(1));
  s.reset();
  return out;
}

std::pair<int64_t, int64_t> DashboardQueries::open_control_counts() {
  auto& s = db_.cached(kOpenControlCounts);
  std::pair<int64_t, int64_t> out{0, 0};
  if (s.step()) out = {s.integer(0), s.integer(1)};
  s.reset();
  return out;
}

std::pair<int64_t, int64_t> DashboardQueries::reach_progress(std::string_view recall_id) {
  auto& s = db_.cached(kReachProgress).bind(1, recall_id);
  std::pair<int64_t, int64_t> out{0, 0};
  if (s.step()) out = {s.integer(0), s.integer(1)};
  s.reset();
  return out;
}

void DashboardQueries::add_scans(std::string_view day, int64_t scans) {
  db_.cached(kAddScans).bind(1, day).bind(2, scans).run();
}

}  // namespace store
