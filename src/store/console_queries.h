// store::ConsoleQueries: the reads of the bureau's console — searching batches by any mix of
// GTIN, lot, party, county, product category, produced-date range and status (held, recalled, failed
// test), and the parcels sold from a batch. One statement with every filter bound (an empty filter
// matches all), so the SQL text is constant and prepared once; user text reaches LIKE only escaped.
// Not thread-safe: one per connection, like the Database it reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/rows.h"

namespace store {

// Empty strings / nullopt mean "any".
struct ConsoleFilter {
  std::string gtin;                           // 14 digits, exact
  std::string lot;                            // substring of the lot
  std::string party;                          // the producer's party id (exact) or a substring of its name
  std::string county;                         // substring of the batch's county
  std::string category;                       // the product's category, exact ("apple", "honey" …)
  std::optional<int64_t> from_unix, to_unix;  // produced, inclusive
  std::string status;      // "", "held", "recalled" or "failed" (an inspect with result fail, not corrected)
  int64_t before_seq = 0;  // cursor: only batches with seq < before_seq (0: from the newest)
  int limit = 100;
};

class ConsoleQueries {
 public:
  explicit ConsoleQueries(Database& db) : db_(db) {}

  // Matching batches, newest registered first (seq descending), at most filter.limit.
  std::vector<BatchRow> search(const ConsoleFilter& filter);
  // Parcels (sold units with their own serial) of the batch, by serial, at most `limit`.
  std::vector<ParcelRow> parcels_of(std::string_view batch_id, int limit);
  // The party's sites, oldest first, at most `limit` (where an inspector records a test).
  std::vector<SiteRow> sites_of(std::string_view party_id, int limit);
  // Whether the batch has an inspection with result "fail" that no later record corrected.
  bool failed_test(std::string_view batch_id);

  // `text` with LIKE's wildcards and the escape character escaped for `ESCAPE '\'`.
  static std::string like_escape(std::string_view text);

 private:
  Database& db_;
};

}  // namespace store
