// store::Controls: open holds and recalls of batches and what each recall reached
// (schemas/sql/007_market_supervision.sql), over one connection — a reader's own, or the writer's inside
// the ledger's transaction. The rows are state derived from hold, release, recall, recall_confirm and
// inspect events in the log. Not thread-safe: one per connection, like the Database it uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/database.h"

namespace store {

struct ControlRow {
  std::string batch_id;
  std::string kind;      // hold | recall
  std::string cause;     // inspector | rapid_test | recall
  std::string event_id;  // the event that opened it
  std::optional<int64_t> level;  // recalls: 1..3
  std::string reason;
  std::string since;  // RFC 3339 UTC
};

struct ReachRow {
  std::string recall_id;
  std::string batch_id;
  std::string party_id;
  int64_t quantity_milli = 0;  // held when the recall was recorded
  std::optional<std::string> confirmed_by;  // the holder's recall_confirm event
};

class Controls {
 public:
  explicit Controls(Database& db) : db_(db) {}

  // The batch's open holds and recalls, oldest first; empty when it may be sold.
  std::vector<ControlRow> open_for(std::string_view batch_id);
  // Every open control, newest first, at most `limit` (the console's list of open holds and recalls).
  std::vector<ControlRow> open_all(int64_t limit);
  void open(const ControlRow& row);
  // Ends the batch's holds (not its recalls) of the given cause, or of every cause when empty; returns
  // how many ended.
  int close_holds(std::string_view batch_id, std::string_view cause = {});

  void insert_reach(const ReachRow& row);
  // The rows of one recall in batch order (the batch recalled first, then downstream).
  std::vector<ReachRow> reach(std::string_view recall_id);
  // Marks the holder's row confirmed by `event_id`; false when there is no such unconfirmed row.
  bool confirm_reach(std::string_view recall_id, std::string_view batch_id, std::string_view party_id,
                     std::string_view event_id);

  // What a recall must find besides holdings: goods shipped but not yet received, as (addressee,
  // quantity).
  std::vector<std::pair<std::string, int64_t>> in_transit(std::string_view batch_id);

 private:
  Database& db_;
};

}  // namespace store
