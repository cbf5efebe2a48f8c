// The recall page's model (GET /console/recalls/{id}, GET /api/v1/recalls/{id}) and the list of open
// recalls (GET /console/recalls): the recall record (level, reason, batch, when, by whom), its
// deadlines (web::recall_deadlines: start within N hours of the recall, complete within N working
// days, Saturdays and Sundays skipped, dates in China Standard Time, UTC+8; statutory holidays are not
// known here), who held affected stock (recall_reach with party names) and how many holders have
// confirmed with their own recall_confirm records. One JSON model serves the page and the API.
// Thread-safe (reads through the caller's reader; no shared state).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.h"
#include "store/queries.h"

namespace web {

inline constexpr size_t kRecallHoldersShown = 500;
inline constexpr int64_t kRecallsListed = 100;

// The last day ("YYYY-MM-DD", UTC+8) to complete a recall recorded at `recall_unix`: the
// `working_days`-th Monday–Friday after the recall's own (UTC+8) day.
std::string completion_date(int64_t recall_unix, int working_days);
// When that last day ends (the next day's 00:00 UTC+8), unix seconds.
int64_t completion_deadline_unix(int64_t recall_unix, int working_days);

// The recall's model at `now_unix`. `only_party` (non-empty for a producer) limits the holder rows to
// that party's own. 404 when `recall_id` is not a recall event.
domain::Result<nlohmann::json> recall_view(store::Queries& reader, const std::string& recall_id, int64_t now_unix,
                                           const std::string& only_party = {});
// True when `party_id` held stock the recall reached (so its producers may see the recall).
bool recall_reaches_party(store::Queries& reader, const std::string& recall_id, const std::string& party_id);
// Open recalls, newest first, at most kRecallsListed, each with its deadlines and progress.
nlohmann::json open_recalls_view(store::Queries& reader, int64_t now_unix);

}  // namespace web
