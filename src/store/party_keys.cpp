#include "store/party_keys.h"

#include <sqlite3.h>

#include <stdexcept>

namespace store {

std::optional<PartyKeyRow> PartyKeys::current(std::string_view party_id) {
  static constexpr const char* kSql =
      "SELECT seq, party_id, public_key, key_id, leaf_index FROM party_keys WHERE party_id = ?"
      " ORDER BY seq DESC LIMIT 1";
  auto& s = db_.cached(kSql).bind(1, party_id);
  std::optional<PartyKeyRow> row;
  if (s.step()) row = PartyKeyRow{s.integer(0), s.text(1), s.text(2), s.text(3), s.integer(4)};
  s.reset();  // a statement left mid-result would keep its read snapshot open
  return row;
}

std::vector<int64_t> PartyKeys::leaves(std::string_view party_id) {
  static constexpr const char* kSql = "SELECT leaf_index FROM party_keys WHERE party_id = ? ORDER BY seq";
  auto& s = db_.cached(kSql).bind(1, party_id);
  std::vector<int64_t> out;
  while (s.step()) out.push_back(s.integer(0));
  s.reset();  // a statement left mid-result would keep its read snapshot open
  return out;
}

void PartyKeys::insert(const PartyKeyRow& r) {
  static constexpr const char* kSql =
      "INSERT INTO party_keys (party_id, public_key, key_id, leaf_index) VALUES (?, ?, ?, ?)";
  db_.cached(kSql).bind(1, r.party_id).bind(2, r.public_key).bind(3, r.key_id).bind(4, r.leaf_index).run();
}

std::optional<int64_t> PartyKeys::signature_leaf(std::string_view value) {
  static constexpr const char* kSql = "SELECT leaf_index FROM request_signatures WHERE value = ?";
  auto& s = db_.cached(kSql).bind(1, value);
  std::optional<int64_t> leaf;
  if (s.step()) leaf = s.integer(0);
  s.reset();
  return leaf;
}

bool PartyKeys::insert_signature(std::string_view value, std::string_view record_id) {
  // The record's leaf is looked up here rather than passed in: an event's leaf index is known only to
  // the event rules that appended it. A record id has exactly one leaf.
  static constexpr const char* kSql =
      "INSERT INTO request_signatures (value, leaf_index)"
      " SELECT ?, leaf_index FROM log_entries WHERE record_id = ? ORDER BY leaf_index LIMIT 1";
  auto& s = db_.cached(kSql).bind(1, value).bind(2, record_id);
  if (!s.try_run()) return false;
  if (sqlite3_changes(db_.handle()) != 1)
    throw std::logic_error("signed record " + std::string(record_id) + " has no leaf");
  return true;
}

}  // namespace store
