#include "ledger/ledger.h"

#include <chrono>

#include "domain/timestamp.h"
#include "ledger/canonical_json.h"

namespace ledger {
namespace {
constexpr size_t kMaxLeafBytes = 64 * 1024;  // ledger.md §1

std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  int64_t secs = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return domain::Timestamp::from_unix(secs, 0).str();
}
}  // namespace

Ledger::Ledger(const std::string& db_path, bool durable)
    : path_(db_path), db_(db_path, store::Database::Mode::read_write) {
  db_.migrate();
  if (!durable) db_.exec("PRAGMA synchronous=OFF");
  size_ = store::Queries(db_).log_size();
}

domain::Result<int64_t> Ledger::Txn::add(std::string_view kind, std::string_view id, const nlohmann::json& record) {
  auto bytes = canonicalize(record);
  if (!bytes) return bytes.error();
  if (bytes->size() > kMaxLeafBytes)
    return domain::make_error(domain::Errc::too_large,
                              "record is " + std::to_string(bytes->size()) + " bytes; a log leaf holds at most 65536");
  int64_t index = next_index_++;
  writes_.append_log(index, kind, id, *bytes, recorded_at_);
  leaves_.push_back(Leaf{index, std::string(kind), std::string(id)});
  return index;
}

domain::Result<std::vector<Leaf>> Ledger::append(const Plan& plan) {
  std::lock_guard lock(mutex_);
  store::Transaction tx(db_);
  Txn txn(db_, size_.load(), utc_now());
  domain::Status status = plan(txn);
  if (!status) return status.error();  // ~Transaction rolls back
  tx.commit();
  size_ = txn.next_index_;
  ++generation_;
  return std::move(txn.leaves_);
}

}  // namespace ledger
