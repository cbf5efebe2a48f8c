#include "store/evidence_reads.h"

namespace store {

std::vector<int64_t> EvidenceReads::party_key_leaves(std::string_view party_id) {
  static constexpr const char* kSql = "SELECT leaf_index FROM party_keys WHERE party_id = ? ORDER BY seq";
  auto& s = db_.cached(kSql).bind(1, party_id);
  std::vector<int64_t> leaves;
  while (s.step()) leaves.push_back(s.integer(0));
  s.reset();  // a statement left mid-result would keep its read snapshot open
  return leaves;
}

}  // namespace store
