#include "verify/evidence_file.h"

namespace verify {
namespace {

using nlohmann::json;

domain::Error malformed(const std::string& where, const std::string& what) {
  return domain::make_error(domain::Errc::invalid_input, where + " " + what, where);
}

domain::Result<std::string> string_field(const json& obj, const std::string& key, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return malformed(where + key, "must be a string");
  return it->get<std::string>();
}

domain::Result<int64_t> index_field(const json& obj, const std::string& key, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer() || it->get<int64_t>() < 0)
    return malformed(where + key, "must be a non-negative integer");
  return it->get<int64_t>();
}

domain::Result<std::vector<std::string>> hash_list(const json& obj, const std::string& key, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_array()) return malformed(where + key, "must be an array of strings");
  std::vector<std::string> out;
  for (const auto& h : *it) {
    if (!h.is_string()) return malformed(where + key, "must be an array of strings");
    out.push_back(h.get<std::string>());
  }
  return out;
}

// The fields a bundle record and a single proof share.
domain::Result<EvidenceEntry> entry_of(const json& obj, const std::string& where) {
  if (!obj.is_object()) return malformed(where.empty() ? "the file" : where, "must be a JSON object");
  EvidenceEntry e;
  auto index = index_field(obj, "leaf_index", where);
  if (!index) return index.error();
  e.leaf_index = *index;
  auto leaf = string_field(obj, "leaf_data_base64", where);
  if (!leaf) return leaf.error();
  e.leaf_data_base64 = std::move(*leaf);
  if (!obj.contains("record")) return malformed(where + "record", "is missing");
  e.record = obj["record"];
  auto proof = hash_list(obj, "inclusion_proof", where);
  if (!proof) return proof.error();
  e.inclusion_proof = std::move(*proof);
  return e;
}

domain::Status old_fields(const json& doc, EvidenceFile& out) {
  if (!doc.contains("old_size")) return domain::Ok{};
  auto size = index_field(doc, "old_size", "");
  if (!size) return size.error();
  out.old_size = *size;
  auto root = string_field(doc, "old_root", "");
  if (!root) return root.error();
  out.old_root = std::move(*root);
  auto proof = hash_list(doc, "consistency_proof", "");
  if (!proof) return proof.error();
  out.consistency_proof = std::move(*proof);
  return domain::Ok{};
}

}  // namespace

domain::Result<EvidenceFile> parse_evidence_file(std::string_view text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return domain::make_error(domain::Errc::invalid_input, "the file is not JSON");
  if (!doc.is_object()) return domain::make_error(domain::Errc::invalid_input, "the file is not a JSON object");
  EvidenceFile out;
  auto note = string_field(doc, "checkpoint_note_text", "");
  if (!note) return note.error();
  out.checkpoint_note = std::move(*note);
  if (auto st = old_fields(doc, out); !st) return st.error();

  if (!doc.contains("format")) {
    // A single record's proof (ledger.md §4).
    auto entry = entry_of(doc, "");
    if (!entry) return entry.error();
    out.records.push_back(std::move(*entry));
    return out;
  }
  if (doc["format"] != kBundleFormat)
    return malformed("format", "is not \"" + std::string(kBundleFormat) + "\" (a newer agritrace-verify may read it)");
  out.bundle = true;
  auto batch = string_field(doc, "batch", "");
  if (!batch) return batch.error();
  out.batch = std::move(*batch);
  auto size = index_field(doc, "tree_size", "");
  if (!size) return size.error();
  out.tree_size = *size;
  if (!doc.contains("records") || !doc["records"].is_array()) return malformed("records", "must be an array");
  const json& records = doc["records"];
  for (size_t i = 0; i < records.size(); ++i) {
    std::string where = "records[" + std::to_string(i) + "].";
    auto entry = entry_of(records[i], where);
    if (!entry) return entry.error();
    auto kind = string_field(records[i], "kind", where);
    if (!kind) return kind.error();
    auto id = string_field(records[i], "record_id", where);
    if (!id) return id.error();
    entry->kind = std::move(*kind);
    entry->record_id = std::move(*id);
    out.records.push_back(std::move(*entry));
  }
  return out;
}

}  // namespace verify
