// store::DashboardQueries: the bureau dashboard's aggregate reads (batches by product category, county
// and month; inspection results; consumer scans per day) and the one write of scan counts, over one
// connection — a reader's own, or the writer's inside the ledger's transaction for add_scans().
// Months are calendar months in China Standard Time (UTC+8), where the batches were produced; scan
// days are UTC days as counted. Every list is bounded. Not thread-safe: one per connection.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/database.h"

namespace store {

// Batches of one group (a category, county or month) in one unit, and their summed quantity.
struct BatchGroupRow {
  std::string key;
  std::string unit;
  int64_t batches = 0;
  int64_t quantity_milli = 0;
};

// Inspections (kind "inspect", corrected ones left out: their correction counts instead) of one
// month ("YYYY-MM"), or of all time when key is empty.
struct InspectionRow {
  std::string key;
  int64_t pass = 0;
  int64_t fail = 0;
};

struct ScanDayRow {
  std::string day;  // YYYY-MM-DD (UTC)
  int64_t scans = 0;
};

class DashboardQueries {
 public:
  static constexpr int64_t kMaxGroups = 200;

  explicit DashboardQueries(Database& db) : db_(db) {}

  // Ordered by key, then unit. Category is the product record's "category" ("other" when missing).
  std::vector<BatchGroupRow> batches_by_category();
  std::vector<BatchGroupRow> batches_by_county();
  // Months at or after `from_unix`, oldest first.
  std::vector<BatchGroupRow> batches_by_month(int64_t from_unix);

  InspectionRow inspections_total();
  // Months at or after `from_unix`, oldest first.
  std::vector<InspectionRow> inspections_by_month(int64_t from_unix);

  // Days in [from_day, to_day] (inclusive, YYYY-MM-DD) that have scans, oldest first.
  std::vector<ScanDayRow> scan_days(std::string_view from_day, std::string_view to_day);
  // Open recalls (recall events with batch_controls rows), newest first: (event id, since).
  std::vector<std::pair<std::string, std::string>> open_recalls(int64_t limit);
  // Batches under an open hold and under an open recall: (held, recalled), each batch counted once.
  std::pair<int64_t, int64_t> open_control_counts();
  // How many holders a recall reached and how many of them confirmed: (total, confirmed).
  std::pair<int64_t, int64_t> reach_progress(std::string_view recall_id);

  // Adds `scans` to the day's row (creating it). Writer connection only.
  void add_scans(std::string_view day, int64_t scans);

 private:
  std::vector<BatchGroupRow> groups(const char* sql, bool with_from, int64_t from_unix);
  Database& db_;
};

}  // namespace store
