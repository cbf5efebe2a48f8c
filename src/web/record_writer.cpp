#include "web/record_writer.h"

#include "web/receipt.h"

namespace web {

domain::Result<nlohmann::json> append_record(App& app, const std::string& kind, nlohmann::json record,
                                             const RowWriter& rows, const RequestSignature* signature) {
  if (signature) signature->attach(record);
  auto leaves = app.ledger().append([&](ledger::Ledger::Txn& t) -> domain::Status {
    record["recorded_at"] = t.recorded_at();
    auto leaf = t.add(kind, record["id"].get<std::string>(), record);
    if (!leaf) return leaf.error();
    // Before the rows: a key registration must be checked against the key it replaces.
    if (signature)
      if (auto claimed = signature->claim(t, record["id"].get<std::string>()); !claimed) return claimed;
    return rows(t, record, *leaf);
  });
  if (!leaves) return leaves.error();
  app.metrics().add_records(static_cast<int64_t>(leaves->size()));
  record["leaf_index"] = leaves->front().index;
  record["receipt"] = receipt_json(leaves->front());
  return record;
}

nlohmann::json event_written(App& app, nlohmann::json record, const std::vector<ledger::Leaf>& leaves) {
  app.pages().wake();
  app.metrics().add_records(static_cast<int64_t>(leaves.size()));
  record["leaf_index"] = leaves.back().index;
  record["receipt"] = receipt_json(leaves.back());
  return record;
}

}  // namespace web
