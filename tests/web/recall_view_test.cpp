// Recall deadlines: N working days skip Saturdays and Sundays, counted from the recall's own day in
// China Standard Time (UTC+8).
#include "web/recall_view.h"

#include <catch2/catch.hpp>

#include "web/batch_controls.h"

namespace {
constexpr int64_t kFri20 = 1795132800 + 3600;  // 2026-11-20T01:00:00Z, Friday 09:00 in UTC+8
}

TEST_CASE("a recall on a Friday completes on the working day counts after skipped weekends", "[web][recall_view]") {
  // Level 1: 10 working days → Mon 23 … Fri 27 (5), Mon 30 … Fri 4 December (10).
  CHECK(web::completion_date(kFri20, web::recall_deadlines(1).complete_working_days) == "2026-12-04");
  CHECK(web::completion_date(kFri20, web::recall_deadlines(2).complete_working_days) == "2026-12-18");
  CHECK(web::completion_date(kFri20, web::recall_deadlines(3).complete_working_days) == "2027-01-01");
  CHECK(web::completion_date(kFri20, 1) == "2026-11-23");  // the Monday, not the Saturday
  // The deadline ends with its day in UTC+8: 2026-12-05T00:00+08:00 = 2026-12-04T16:00Z.
  CHECK(web::completion_deadline_unix(kFri20, 10) == 1795132800 + 14 * 86400 + 16 * 3600);
}

TEST_CASE("the recall's day is taken in UTC+8", "[web][recall_view]") {
  // Friday 20:00Z is already Saturday 04:00 in UTC+8: one working day later is still Monday 23rd.
  CHECK(web::completion_date(1795132800 + 20 * 3600, 1) == "2026-11-23");
  // Sunday 22nd 17:00Z is Monday 23rd 01:00 in UTC+8: one working day later is Tuesday.
  CHECK(web::completion_date(1795132800 + 2 * 86400 + 17 * 3600, 1) == "2026-11-24");
  // A Monday recall: 10 working days later is the Monday two weeks on.
  CHECK(web::completion_date(1795132800 + 3 * 86400 + 3600, 10) == "2026-12-07");
}

TEST_CASE("recall levels have the deadlines of domain.md", "[web][recall_view]") {
  CHECK(web::recall_deadlines(1).start_hours == 24);
  CHECK(web::recall_deadlines(2).start_hours == 48);
  CHECK(web::recall_deadlines(3).start_hours == 72);
  CHECK(web::recall_deadlines(3).complete_working_days == 30);
}
