// verify::LeafRecord: one record as its signed leaf bytes say (not as the file's "record" field says),
// the input of the chain, custody, reference and signature checks; and verify::Records, those records
// in leaf order with a lookup by id. Value types; thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/quantity.h"

namespace verify {

struct LeafRecord {
  int64_t leaf_index = 0;
  nlohmann::json leaf;  // an object, parsed from the leaf bytes

  // The string value of a field, or "" when absent or not a string.
  std::string text(const char* key) const { return text_of(leaf, key); }
  std::string id() const { return text("id"); }
  std::string type() const { return text("type"); }
  bool is_event(const char* kind) const { return type() == "event" && text("kind") == kind; }
  bool is_correction() const { return leaf.contains("corrects"); }

  static std::string text_of(const nlohmann::json& obj, const char* key) {
    if (!obj.is_object()) return {};
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
  }
};

// A quantity field ("12.5") in thousandths; nullopt when it is not a valid quantity.
inline std::optional<int64_t> milli_of(const nlohmann::json& obj, const char* key = "quantity") {
  auto q = domain::Quantity::parse(LeafRecord::text_of(obj, key));
  if (!q) return std::nullopt;
  return q->milli();
}

class Records {
 public:
  // `records` in leaf order, each leaf index once.
  explicit Records(std::vector<LeafRecord> records) : all_(std::move(records)) {
    for (const auto& r : all_) by_id_.try_emplace(r.id(), &r);
  }
  const std::vector<LeafRecord>& all() const { return all_; }
  // The record with this id, or null.
  const LeafRecord* find(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }
  // The record with this id and type, or null.
  const LeafRecord* find(const std::string& id, const char* type) const {
    const LeafRecord* r = find(id);
    return r && r->type() == type ? r : nullptr;
  }

 private:
  std::vector<LeafRecord> all_;
  std::map<std::string, const LeafRecord*> by_id_;
};

}  // namespace verify
