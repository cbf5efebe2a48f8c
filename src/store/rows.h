// Plain rows as the store hands them to the layers above: key columns for queries plus the record
// body (JSON text exactly as accepted). Value types; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace store {

struct PartyRow {
  std::string id, name, kind, county, body;
  int64_t leaf_index = 0;
};

struct SiteRow {
  std::string id, party_id, body;
  int64_t leaf_index = 0;
};

struct ProductRow {
  std::string id, gtin, party_id, body;
  int64_t leaf_index = 0;
};

struct BatchRow {
  int64_t seq = 0;
  std::string id, product_id, gtin, lot, party_id, county;
  int64_t produced_unix = 0;
  std::string body;
  int64_t leaf_index = 0;
};

struct EventRow {
  int64_t seq = 0;
  std::string id, kind, party_id;
  int64_t at_unix = 0;
  std::optional<std::string> corrects;      // the event this one corrects
  std::optional<std::string> corrected_by;  // the newest event correcting this one
  std::string body;
  int64_t leaf_index = 0;
};

struct ParentLink {
  std::string child_id, parent_id, event_id;
  int64_t quantity_milli = 0;
};

struct HoldingRow {
  std::string party_id;
  int64_t quantity_milli = 0;
};

struct ShipmentRow {
  std::string event_id, batch_id, to_party;
  int64_t quantity_milli = 0;
  std::optional<std::string> received_by;
};

struct ParcelRow {
  std::string gtin, lot, serial, batch_id, event_id;
};

struct LogEntryRow {
  int64_t leaf_index = 0;
  std::string kind, record_id, leaf, recorded_at;
};

struct RenderedPage {
  std::string content_type, body;
};

struct CheckpointRow {
  int64_t size = 0;
  std::string root, note;
};

// Filter for listing batches; empty strings / zero mean "any".
struct BatchFilter {
  std::string gtin, lot, party_id, county;
  std::optional<int64_t> from_unix, to_unix;  // produced_at range, inclusive
  int64_t after_seq = 0;                      // cursor: only rows with seq > after_seq
  int limit = 50;
};

}  // namespace store
