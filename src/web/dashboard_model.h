// The bureau dashboard's numbers: batches and quantities by product category, county and month;
// inspection pass rate (overall and by month); open holds and recalls; consumer scans per day. Each
// is a table (what the page lists and what its CSV download holds) with a chart drawn from the same
// rows, all read in one snapshot. Every table is bounded. Thread-safe (reads through the caller's
// reader; no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/queries.h"

namespace web {

struct DashboardTable {
  std::string name;  // "products", "counties", "months", "inspections", "controls", "scans" (CSV file name)
  std::string title_zh, title_en;
  std::vector<std::string> columns;  // header: "中文 English"
  std::vector<std::vector<std::string>> rows;
  std::string chart;  // inline SVG
};

struct Dashboard {
  int64_t batches = 0;
  int64_t inspections_pass = 0, inspections_fail = 0;
  std::string pass_rate;                     // "96.5%", or "—" without inspections
  int64_t open_holds = 0, open_recalls = 0;  // batches under each
  int64_t scans_30_days = 0;
  std::vector<DashboardTable> tables;
};

inline constexpr int kDashboardMonths = 12;  // months shown in the by-month tables
inline constexpr int kDashboardDays = 30;    // days of consumer scans
inline constexpr int64_t kDashboardControls = 100;

// Reads everything at `now_unix` (months in UTC+8, scan days in UTC).
Dashboard build_dashboard(store::Queries& reader, int64_t now_unix);
// The table with that name, or nullptr.
const DashboardTable* find_table(const Dashboard& dashboard, std::string_view name);

// "YYYY-MM" of the month `back` months before the one holding `unix_seconds` in UTC+8, and the unix
// time that month starts (00:00 UTC+8 on its first day).
std::string cst_month(int64_t unix_seconds, int back = 0);
int64_t cst_month_start(int64_t unix_seconds, int back);
// Percentage with one decimal ("66.7%"), "—" when the whole is 0.
std::string percent(int64_t part, int64_t whole);

}  // namespace web
