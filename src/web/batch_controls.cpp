#include "web/batch_controls.h"

#include <deque>
#include <map>
#include <set>

#include "domain/quantity.h"
#include "domain/timestamp.h"
#include "domain/utf8_char.h"
#include "store/console_queries.h"
#include "store/controls.h"
#include "web/batch_records.h"
#include "web/ids.h"
#include "web/record_writer.h"

namespace web {
namespace {

using domain::Errc;
using domain::make_error;
using nlohmann::json;

constexpr size_t kMaxReasonChars = 500;
// A recall is one log record (at most 64 KiB), so its reach is bounded: a chain larger than this is
// refused with a message saying to recall its downstream lots separately, never half-recalled.
constexpr size_t kMaxReachedBatches = 300;
// Parcel serials the record lists, in all: every parcel stays findable through its sale event.
constexpr size_t kMaxParcelsListed = 1000;

// Plain words a person typed: valid UTF-8, not blank, at most 500 characters, no control characters
// except line breaks. Checked here (not only by the JSON schema) because the console's forms come
// without one.
domain::Status check_reason(const std::string& reason) {
  size_t chars = 0;
  bool blank = true;
  for (size_t i = 0; i < reason.size();) {
    auto c = domain::Utf8Char::decode(reason, i);
    if (!c.valid() || (c.code_point() < 0x20 && c.code_point() != '\n' && c.code_point() != '\r') ||
        c.code_point() == 0x7f)
      return make_error(Errc::invalid_input, "reason contains " + c.describe(), "/reason");
    if (c.code_point() != ' ' && c.code_point() != '\n' && c.code_point() != '\r' && c.code_point() != 0x3000)
      blank = false;
    i += c.length();
    ++chars;
  }
  if (blank) return make_error(Errc::invalid_input, "reason is required: say why, in plain words", "/reason");
  if (chars > kMaxReasonChars)
    return make_error(Errc::invalid_input, "reason has " + std::to_string(chars) + " characters; at most 500",
                      "/reason");
  return domain::Ok{};
}

const char* kind_name(ControlAction a) {
  switch (a) {
    case ControlAction::hold: return "hold";
    case ControlAction::release: return "release";
    case ControlAction::recall: return "recall";
  }
  return "hold";
}

// CBV 2.0: a hold and a recall are "holding" steps; the disposition says what the goods may do now.
const char* disposition_of(ControlAction a) {
  switch (a) {
    case ControlAction::hold: return "non_sellable_other";
    case ControlAction::release: return "sellable_accessible";
    case ControlAction::recall: return "recalled";
  }
  return "non_sellable_other";
}

// The batch and everything made from it, breadth-first (the batch itself first), each once.
domain::Result<std::vector<store::BatchRow>> forward_reach(store::Queries& read, const store::BatchRow& origin) {
  std::vector<store::BatchRow> out{origin};
  std::set<std::string> seen{origin.id};
  std::deque<std::string> todo{origin.id};
  while (!todo.empty()) {
    std::string id = todo.front();
    todo.pop_front();
    for (const auto& link : read.children(id)) {
      if (!seen.insert(link.child_id).second) continue;
      if (seen.size() > kMaxReachedBatches)
        return make_error(Errc::unprocessable, "the recall would reach more than " +
                                                   std::to_string(kMaxReachedBatches) +
                                                   " batches, more than one record holds; recall the downstream lots "
                                                   "separately");
      auto child = read.batch(link.child_id);
      if (!child) continue;
      out.push_back(*child);
      todo.push_back(child->id);
    }
  }
  return out;
}

// The event row and its subject rows, after the record's leaf was added.
domain::Status insert_event(ledger::Ledger::Txn& t, const json& record, int64_t leaf,
                            const std::vector<std::string>& subjects) {
  auto at = domain::Timestamp::parse(record["at"].get<std::string>(), "/at");
  if (!at) return at.error();
  store::EventRow row{0, record["id"], record["kind"], record["party"], at->unix_seconds(), std::nullopt,
                      std::nullopt, record.dump(), leaf};
  if (!t.write().insert_event(row)) return make_error(Errc::conflict, "event " + row.id + " exists");
  for (const auto& id : subjects) t.write().insert_event_batch(row.id, id, "subject");
  invalidate_pages(t, subjects);  // consumer pages show holds and recalls at the top
  return domain::Ok{};
}

// What a control touches: the batches it names (the first is the one acted on) and, for a recall, who
// holds what of each. Written once the event row exists, since the rows reference it.
struct Reach {
  std::vector<std::string> batches;
  std::vector<store::ReachRow> holders;
};

// The hold/release/recall itself, inside the transaction. Fills `record`.
domain::Result<Reach> apply_control(ledger::Ledger::Txn& t, const store::BatchRow& batch, const ControlRequest& req,
                                    json& record) {
  store::Controls controls(t.read().database());
  auto open = controls.open_for(batch.id);
  auto has = [&](const char* kind) {
    for (const auto& c : open)
      if (c.kind == kind) return &c;
    return static_cast<const store::ControlRow*>(nullptr);
  };
  const std::string id = record["id"];
  if (req.action == ControlAction::hold) {
    if (const auto* c = has("hold"); c && c->cause == "inspector")
      return make_error(Errc::conflict, "batch " + batch.lot + " is already held by event " + c->event_id + " since " +
                                            c->since);
    return Reach{{batch.id}, {}};
  }
  if (req.action == ControlAction::release) {
    const auto* hold = has("hold");
    if (!hold) {
      std::string why = has("recall") ? "; it is recalled, and a recall ends when its holders have confirmed" : "";
      return make_error(Errc::conflict, "batch " + batch.lot + " has no open hold to release" + why);
    }
    // Every hold ends, a rapid-test hold included: the inspector's signed release is the one way to
    // overrule a confirmed failure (domain/rapid_test.h).
    json ended = json::array();
    for (const auto& c : open)
      if (c.kind == "hold") ended.push_back(c.event_id);
    record["releases"] = ended;
    return Reach{{batch.id}, {}};
  }
  if (const auto* c = has("recall"))
    return make_error(Errc::conflict, "batch " + batch.lot + " is already recalled by event " + c->event_id);
  auto reached = forward_reach(t.read(), batch);
  if (!reached) return reached.error();
  json affected = json::array();
  Reach reach;
  size_t listed = 0;  // parcel serials listed so far
  for (const auto& b : *reached) {
    std::string unit = unit_of(b);
    json holders = json::array();
    std::map<std::string, int64_t> shares;  // party → quantity held or on its way to it
    for (const auto& h : t.read().holdings(b.id)) shares[h.party_id] += h.quantity_milli;
    for (const auto& [party, qty] : controls.in_transit(b.id)) shares[party] += qty;
    for (const auto& [party, qty] : shares) {
      holders.push_back({{"party", party}, {"quantity", domain::Quantity::from_milli(qty).str()}, {"unit", unit}});
      reach.holders.push_back(store::ReachRow{id, b.id, party, qty, std::nullopt});
    }
    json parcels = json::array();
    size_t room = kMaxParcelsListed - listed;
    auto sold = store::ConsoleQueries(t.read().database()).parcels_of(b.id, static_cast<int>(room) + 1);
    for (size_t i = 0; i < sold.size() && i < room; ++i) parcels.push_back(sold[i].serial);
    listed += parcels.size();
    json item = {{"batch", b.id}, {"gtin", b.gtin}, {"lot", b.lot}, {"holders", holders}, {"parcels", parcels}};
    if (sold.size() > room) item["more_parcels"] = true;  // listed in full by their sale events
    affected.push_back(item);
    reach.batches.push_back(b.id);
  }
  record["level"] = req.level;
  record["affected"] = affected;
  return reach;
}

// Writes the batch_controls rows once the event row exists (they reference it).
void open_controls(ledger::Ledger::Txn& t, const ControlRequest& req, const json& record, const Reach& reach) {
  const auto& ids = reach.batches;
  store::Controls controls(t.read().database());
  const std::string id = record["id"];
  const std::string at = record["at"];
  const std::string reason = record["reason"];
  if (req.action == ControlAction::hold) {
    controls.open(store::ControlRow{ids.front(), "hold", "inspector", id, std::nullopt, reason, at});
  } else if (req.action == ControlAction::release) {
    controls.close_holds(ids.front());
  } else {
    for (size_t i = 0; i < ids.size(); ++i)
      controls.open(store::ControlRow{ids[i], "recall", i == 0 ? "inspector" : "recall", id, req.level, reason, at});
    for (const auto& row : reach.holders) controls.insert_reach(row);
  }
}

}  // namespace

RecallDeadlines recall_deadlines(int level) {
  switch (level) {
    case 1: return {24, 10};
    case 2: return {48, 20};
    case 3: return {72, 30};
  }
  return {};
}

domain::Result<json> record_control(App& app, const Principal& who, const std::string& batch_id,
                                    const ControlRequest& req, const RequestSignature& signature) {
  if (who.role != Role::inspector)
    return make_error(Errc::forbidden, "only the bureau's inspectors hold, release and recall batches");
  auto bureau = app.reader().party(who.party_id);
  if (!bureau || bureau->kind != "bureau")
    return make_error(Errc::forbidden, "this inspector account belongs to no bureau; ask the administrator");
  if (!app.reader().batch(batch_id))
    return make_error(Errc::not_found, "no batch with id " + batch_id.substr(0, 64));
  if (auto ok = check_reason(req.reason); !ok) return ok.error();
  if (req.action == ControlAction::recall && (req.level < 1 || req.level > 3))
    return make_error(Errc::invalid_input, "level must be 1, 2 or 3 (1 is the most serious)", "/level");
  if (req.action != ControlAction::recall && req.level != 0)
    return make_error(Errc::invalid_input, "level applies only to a recall", "/level");

  json record = {{"type", "event"},          {"id", new_id("evt")},  {"kind", kind_name(req.action)},
                 {"party", bureau->id},      {"by", who.actor()},     {"batch", batch_id},
                 {"reason", req.reason},     {"biz_step", "holding"}, {"disposition", disposition_of(req.action)}};
  signature.attach(record);
  auto leaves = app.ledger().append([&](ledger::Ledger::Txn& t) -> domain::Status {
    auto batch = t.read().batch(batch_id);
    if (!batch) return make_error(Errc::not_found, "no batch with id " + batch_id.substr(0, 64));
    record["at"] = t.recorded_at();
    auto reach = apply_control(t, *batch, req, record);
    if (!reach) return reach.error();
    record["recorded_at"] = t.recorded_at();
    auto leaf = t.add("event", record["id"].get<std::string>(), record);
    if (!leaf) return leaf.error();
    if (auto rows = insert_event(t, record, *leaf, reach->batches); !rows) return rows;
    open_controls(t, req, record, *reach);
    return signature.claim(t, record["id"].get<std::string>());
  });
  if (!leaves) return leaves.error();
  return event_written(app, std::move(record), *leaves);
}

domain::Result<json> confirm_recall(App& app, const Actor& holder, const std::string& recall_id,
                                    const RecallConfirmation& c, const RequestSignature& signature) {
  if (c.action != "returned" && c.action != "destroyed")
    return make_error(Errc::invalid_input, "action must be \"returned\" or \"destroyed\"", "/action");
  if (c.note.size() > 2000) return make_error(Errc::invalid_input, "note is too long", "/note");
  json record = {{"type", "event"},
                 {"id", new_id("evt")},
                 {"kind", "recall_confirm"},
                 {"party", holder.party.id},
                 {"by", holder.who.actor()},
                 {"recall", recall_id},
                 {"batch", c.batch_id},
                 {"action", c.action},
                 {"biz_step", c.action == "destroyed" ? "destroying" : "removing"},
                 {"disposition", c.action}};
  if (!c.note.empty()) record["note"] = c.note;
  signature.attach(record);
  auto leaves = app.ledger().append([&](ledger::Ledger::Txn& t) -> domain::Status {
    auto recall = t.read().event(recall_id);
    if (!recall || recall->kind != "recall") return make_error(Errc::not_found, "no recall with id " + recall_id.substr(0, 64));
    auto batch = t.read().batch(c.batch_id);
    if (!batch) return make_error(Errc::unprocessable, "no batch with id " + c.batch_id.substr(0, 64), "/batch");
    store::Controls controls(t.read().database());
    const store::ReachRow* share = nullptr;
    auto reach = controls.reach(recall_id);
    for (const auto& r : reach)
      if (r.batch_id == c.batch_id && r.party_id == holder.party.id) share = &r;
    if (!share)
      return make_error(Errc::forbidden, holder.party.name + " held none of batch " + batch->lot + " when recall " +
                                             recall_id + " was recorded; nothing to confirm", "/batch");
    if (share->confirmed_by)
      return make_error(Errc::conflict, "already confirmed by event " + *share->confirmed_by, "/batch");
    // Goods still on their way cannot be confirmed yet: once received they would be held again.
    for (const auto& [party, qty] : controls.in_transit(c.batch_id))
      if (party == holder.party.id)
        return make_error(Errc::conflict, domain::Quantity::from_milli(qty).str() + " " + unit_of(*batch) + " of batch " +
                                              batch->lot + " are still in transit to " + holder.party.name +
                                              "; receive them first, then confirm", "/batch");
    // Whatever the holder has now (it may have received more in transit since) leaves the chain.
    int64_t held = t.read().holding(c.batch_id, holder.party.id);
    record["quantity"] = domain::Quantity::from_milli(held).str();
    record["unit"] = unit_of(*batch);
    record["at"] = t.recorded_at();
    record["recorded_at"] = t.recorded_at();
    auto leaf = t.add("event", record["id"].get<std::string>(), record);
    if (!leaf) return leaf.error();
    if (auto rows = insert_event(t, record, *leaf, {c.batch_id}); !rows) return rows;
    t.write().set_holding(c.batch_id, holder.party.id, 0);
    controls.confirm_reach(recall_id, c.batch_id, holder.party.id, record["id"].get<std::string>());
    return signature.claim(t, record["id"].get<std::string>());
  });
  if (!leaves) return leaves.error();
  return event_written(app, std::move(record), *leaves);
}

}  // namespace web
