#include "web/producer_page.h"

#include "domain/quantity.h"
#include "domain/timestamp.h"
#include "store/controls.h"
#include "store/producer_queries.h"
#include "web/assets.h"
#include "web/batch_controls.h"
#include "web/batch_records.h"
#include "web/recall_view.h"
#include "web/template_data.h"

namespace web {
namespace {

using nlohmann::json;

constexpr int kCstMinutes = 480;  // recall dates are shown in China Standard Time, as on the recall page

std::string cst_minute(int64_t unix_seconds) {
  return domain::Timestamp::from_unix(unix_seconds, kCstMinutes).local_minute();
}

std::string quantity(int64_t milli) { return domain::Quantity::from_milli(milli).str(); }

const char* action_text(const std::string& action) {
  if (action == "returned") return "已退回 returned";
  if (action == "destroyed") return "已销毁 destroyed";
  return "";
}

json recall_json(const store::PartyRecallRow& r) {
  return {{"recall", r.recall_id},
          {"level", r.level},
          {"reason", r.reason},
          {"at_text", cst_minute(r.recall_at_unix)},
          {"batch", r.batch_id},
          {"gtin", r.gtin},
          {"lot", r.lot},
          {"product", r.product_name},
          {"quantity", quantity(r.quantity_milli)},
          {"unit", r.unit},
          {"consumer_link", digital_link_path(r.gtin, r.lot)}};
}

// This holder's deadlines: it has started nothing until it confirms, so its own start is overdue once
// the start deadline has passed (the recall page counts starts over all holders instead).
json deadlines_json(const store::PartyRecallRow& r, int64_t now_unix) {
  RecallDeadlines d = recall_deadlines(static_cast<int>(r.level));
  int64_t start_by = r.recall_at_unix + int64_t(d.start_hours) * 3600;
  return {{"start_hours", d.start_hours},
          {"start_by_text", cst_minute(start_by)},
          {"start_overdue", now_unix > start_by},
          {"complete_working_days", d.complete_working_days},
          {"complete_by", completion_date(r.recall_at_unix, d.complete_working_days)},
          {"complete_overdue", now_unix >= completion_deadline_unix(r.recall_at_unix, d.complete_working_days)}};
}

}  // namespace

json producer_model(App& app, const Principal& who, const store::PartyRow& party, int64_t now_unix,
                    const std::string& error, const json& form) {
  auto& db = app.reader().database();
  store::ReadSnapshot snapshot(db);  // the recalls, holdings and controls from one state
  store::ProducerQueries q(db);
  store::Controls controls(db);
  std::string form_recall = form.value("recall", ""), form_batch = form.value("batch", "");

  auto pending_rows = q.pending_recalls(party.id, kProducerPendingShown + 1);  // one more: are there more?
  bool pending_more = static_cast<int64_t>(pending_rows.size()) > kProducerPendingShown;
  if (pending_more) pending_rows.pop_back();
  json pending = json::array();
  for (const auto& r : pending_rows) {
    json row = recall_json(r);
    row["deadlines"] = deadlines_json(r, now_unix);
    std::string action = "returned", note;
    if (r.recall_id == form_recall && r.batch_id == form_batch) {
      // The refused form, shown again where it was sent from with what was typed.
      action = form.value("action", "returned");
      note = form.value("note", "");
      if (!error.empty()) row["error"] = error;
    }
    row["returned"] = action == "returned";
    row["destroyed"] = action == "destroyed";
    row["note"] = note;
    pending.push_back(std::move(row));
  }

  json confirmed = json::array();
  for (const auto& r : q.confirmed_recalls(party.id, kProducerConfirmedShown)) {
    json row = recall_json(r);
    row["confirmed_by"] = r.confirmed_by.value_or("");
    row["action_text"] = action_text(r.confirm_action);
    row["confirmed_at_text"] = cst_minute(r.confirmed_at_unix);
    confirmed.push_back(std::move(row));
  }

  json batches = json::array();
  for (const auto& b : q.recent_batches(party.id, kProducerBatchesShown)) {
    json badges = json::array();
    for (const auto& c : controls.open_for(b.batch_id)) {
      bool recall = c.kind == "recall";
      json badge = {{"recall", recall}, {"label", recall ? "已召回" : "已扣留"}, {"en", recall ? "recalled" : "held"}};
      if (c.level) badge["level"] = *c.level;
      badges.push_back(std::move(badge));
    }
    batches.push_back({{"batch", b.batch_id},
                       {"gtin", b.gtin},
                       {"lot", b.lot},
                       {"product", b.product_name},
                       {"held", quantity(b.held_milli)},
                       {"unit", b.unit},
                       {"produced", domain::Timestamp::from_unix(b.produced_unix, kCstMinutes).local_date()},
                       {"badges", badges},
                       {"consumer_link", digital_link_path(b.gtin, b.lot)}});
  }

  json model = {{"show", true},
                {"party", {{"id", party.id}, {"name", party.name}, {"county", party.county}}},
                {"who", who.username.empty() ? who.actor() : who.username},
                {"via_session", who.via_session},
                {"csrf", who.csrf_token},
                {"pending", pending},
                {"has_pending", !pending.empty()},
                {"pending_more", pending_more},
                {"pending_limit", kProducerPendingShown},
                {"confirmed", confirmed},
                {"confirmed_limit", kProducerConfirmedShown},
                {"batches", batches},
                {"batches_limit", kProducerBatchesShown}};
  if (!error.empty()) model["notice"] = error;
  return model;
}

json producer_refusal_model(const std::string& notice, int status) {
  return {{"show", false}, {"notice", notice}, {"status", status}, {"forbidden", status == 403}};
}

std::string render_producer_page(App& app, json model) {
  model["css"] = std::string(template_file("style.css"));
  return app.templates().render("producer.html", to_template_data(model));
}

}  // namespace web
