// Reading the signed log: entries, inclusion proofs by record id, consistency proofs (ledger.md §4).
// Every answer is computed inside one read snapshot against the newest checkpoint stored in it.
#include "ledger/base64.h"
#include "web/proof_json.h"
#include "ledger/merkle.h"
#include "ledger/stored_tree.h"
#include "store/database.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {
namespace {

using nlohmann::json;

// A non-negative decimal query parameter, or an error naming it.
domain::Result<int64_t> count_param(const RouteContext& ctx, const std::string& name, bool required) {
  std::string v = ctx.query_value(name);
  if (v.empty() && !required) return int64_t{-1};
  if (v.empty() || v.size() > 15 || v.find_first_not_of("0123456789") != std::string::npos)
    return domain::make_error(domain::Errc::invalid_input, "query parameter " + name + " must be a tree size", "?" + name);
  return static_cast<int64_t>(std::stoll(v));
}

}  // namespace

http::Response get_log_entry(App& app, RouteContext& ctx) {
  const std::string& p = ctx.params[0];
  if (p.size() > 15 || p.find_first_not_of("0123456789") != std::string::npos)
    return error_response(domain::make_error(domain::Errc::invalid_input, "a log index is a whole number"));
  auto entry = app.reader().log_entry(std::stoll(p));
  if (!entry) return error_response(domain::make_error(domain::Errc::not_found, "no log entry " + p));
  return json_response(200, {{"leaf_index", entry->leaf_index}, {"kind", entry->kind}, {"record_id", entry->record_id},
                             {"leaf_data_base64", ledger::base64_encode(entry->leaf)},
                             {"record", json::parse(entry->leaf)}, {"recorded_at", entry->recorded_at}});
}

http::Response get_record_proof(App& app, RouteContext& ctx) {
  auto old_size = count_param(ctx, "old_size", false);
  if (!old_size) return error_response(old_size.error());
  auto& reader = app.reader();
  store::ReadSnapshot snapshot(reader.database());
  auto entry = reader.log_entry_of(ctx.params[0]);
  auto checkpoint = reader.latest_checkpoint();
  if (!entry || !checkpoint || entry->leaf_index >= checkpoint->size)
    return error_response(domain::make_error(domain::Errc::not_found, "no signed record with id " + ctx.params[0].substr(0, 64)));
  ledger::StoredTree tree(reader, static_cast<uint64_t>(checkpoint->size), &app.tree_cache());
  auto proof = ledger::inclusion_proof(static_cast<uint64_t>(entry->leaf_index), tree.size(), tree);
  if (!proof) return error_response(proof.error());
  json out = {{"checkpoint_note_text", checkpoint->note}, {"leaf_index", entry->leaf_index},
              {"leaf_data_base64", ledger::base64_encode(entry->leaf)}, {"record", json::parse(entry->leaf)},
              {"inclusion_proof", hashes_json(*proof)}};
  if (*old_size >= 0) {
    if (*old_size > checkpoint->size)
      return error_response(domain::make_error(domain::Errc::invalid_input, "old_size is beyond the newest checkpoint", "?old_size"));
    auto old_root = ledger::root(static_cast<uint64_t>(*old_size), tree);
    auto consistency = ledger::consistency_proof(static_cast<uint64_t>(*old_size), tree.size(), tree);
    if (!old_root || !consistency) return error_response(domain::make_error(domain::Errc::internal, "proof failed"));
    out["old_size"] = *old_size;
    out["old_root"] = ledger::hash_base64(*old_root);
    out["consistency_proof"] = hashes_json(*consistency);
  }
  return json_response(200, out);
}

http::Response get_consistency_proof(App& app, RouteContext& ctx) {
  auto old_size = count_param(ctx, "old", true);
  if (!old_size) return error_response(old_size.error());
  auto new_size = count_param(ctx, "new", true);
  if (!new_size) return error_response(new_size.error());
  auto& reader = app.reader();
  store::ReadSnapshot snapshot(reader.database());
  auto checkpoint = reader.latest_checkpoint();
  int64_t size = checkpoint ? checkpoint->size : 0;
  if (*old_size > *new_size || *new_size > size)
    return error_response(domain::make_error(domain::Errc::invalid_input,
                                             "need old <= new <= " + std::to_string(size) + " (the newest checkpoint)", "?new"));
  ledger::StoredTree tree(reader, static_cast<uint64_t>(size), &app.tree_cache());
  auto proof = ledger::consistency_proof(static_cast<uint64_t>(*old_size), static_cast<uint64_t>(*new_size), tree);
  auto old_root = ledger::root(static_cast<uint64_t>(*old_size), tree);
  auto new_root = ledger::root(static_cast<uint64_t>(*new_size), tree);
  if (!proof || !old_root || !new_root) return error_response(domain::make_error(domain::Errc::internal, "proof failed"));
  return json_response(200, {{"old_size", *old_size},
                             {"new_size", *new_size},
                             {"old_root", ledger::hash_base64(*old_root)},
                             {"new_root", ledger::hash_base64(*new_root)},
                             {"consistency_proof", hashes_json(*proof)}});
}

}  // namespace web
