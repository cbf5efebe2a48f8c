// agritrace-bench-rawinsert: the reference of tools/bench/ingest — how fast plain SQLite stores the
// same rows with the same durability when nothing else is done: no HTTP, no validation, no hashing,
// no signing. Reads the records a benchmark run wrote (each a log_entries row and its events row)
// from the server's database, creates a fresh database with the same schema (copied from the
// source's sqlite_master) and the same settings as store::Database (WAL, synchronous=FULL,
// foreign_keys=ON), copies the rows the records refer to (earlier leaves, parties, sites, products,
// batches) untimed, then re-inserts the records in transactions of K records each (one fsync per
// commit) and reports the rate. Plain sqlite3 API on purpose: no project code.
// Single-threaded.
//
//   agritrace-bench-rawinsert --from SRC.db --to NEW.db --first-leaf F [--end-leaf E] [--per-txn K]
// Prints one line: "rawinsert: records=N rows=R transactions=T seconds=S records_per_s=X rows_per_s=Y".
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
struct ValueFree {
  void operator()(sqlite3_value* v) const { sqlite3_value_free(v); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;
using Row = std::vector<std::unique_ptr<sqlite3_value, ValueFree>>;  // one copied row, columns in table order

struct Options {
  std::string from, to;
  int64_t first_leaf = -1, end_leaf = INT64_MAX;
  int per_txn = 32;
};

Db open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK)
    throw std::runtime_error("cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    throw std::runtime_error("SQL failed (" + sql.substr(0, 60) + "): " + msg);
  }
}

Stmt prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot prepare " + sql + ": " + sqlite3_errmsg(db));
  return Stmt(raw);
}

// Every row of `table` matching `where` (with up to two integer binds), copied out of the statement.
std::vector<Row> read_rows(sqlite3* db, const std::string& table, const std::string& where = "1",
                           std::vector<int64_t> binds = {}) {
  Stmt st = prepare(db, "SELECT * FROM " + table + " WHERE " + where + " ORDER BY rowid");
  for (size_t i = 0; i < binds.size(); ++i) sqlite3_bind_int64(st.get(), static_cast<int>(i + 1), binds[i]);
  std::vector<Row> rows;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    Row row;
    for (int c = 0; c < sqlite3_column_count(st.get()); ++c)
      row.emplace_back(sqlite3_value_dup(sqlite3_column_value(st.get(), c)));
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) throw std::runtime_error("reading " + table + ": " + sqlite3_errmsg(db));
  return rows;
}

int column_index(sqlite3* db, const std::string& table, const std::string& column) {
  Stmt st = prepare(db, "SELECT * FROM " + table + " LIMIT 0");
  for (int c = 0; c < sqlite3_column_count(st.get()); ++c)
    if (column == sqlite3_column_name(st.get(), c)) return c;
  throw std::runtime_error(table + " has no column " + column);
}

// "INSERT INTO table VALUES (?, …)" for rows in the table's own column order.
class Inserter {
 public:
  Inserter(sqlite3* db, const std::string& table) : db_(db), table_(table) {
    Stmt probe = prepare(db, "SELECT * FROM " + table + " LIMIT 0");
    std::string sql = "INSERT INTO " + table + " VALUES (";
    for (int c = 0; c < sqlite3_column_count(probe.get()); ++c) sql += c ? ", ?" : "?";
    st_ = prepare(db, sql + ")");
  }
  void insert(const Row& row) {
    sqlite3_reset(st_.get());
    for (size_t c = 0; c < row.size(); ++c) sqlite3_bind_value(st_.get(), static_cast<int>(c + 1), row[c].get());
    if (sqlite3_step(st_.get()) != SQLITE_DONE)
      throw std::runtime_error("insert into " + table_ + ": " + sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_;
  std::string table_;
  Stmt st_;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc) return false;
    std::string v = argv[++i];
    bool number = !v.empty() && v.find_first_not_of("0123456789") == std::string::npos;
    if (arg == "--from")
      o.from = v;
    else if (arg == "--to")
      o.to = v;
    else if (arg == "--first-leaf" && number)
      o.first_leaf = std::stoll(v);
    else if (arg == "--end-leaf" && number)
      o.end_leaf = std::stoll(v);
    else if (arg == "--per-txn" && number)
      o.per_txn = std::stoi(v);
    else
      return false;
  }
  return !o.from.empty() && !o.to.empty() && o.first_leaf >= 0 && o.end_leaf > o.first_leaf && o.per_txn > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse(argc, argv, opt)) {
    std::cerr
        << "usage: agritrace-bench-rawinsert --from SRC.db --to NEW.db --first-leaf F [--end-leaf E] [--per-txn K]\n";
    return 2;
  }
  try {
    if (std::filesystem::exists(opt.to))
      throw std::runtime_error(opt.to + " exists; the reference needs a fresh database");
    Db src = open(opt.from, SQLITE_OPEN_READONLY);

    // Everything is read before the clock starts: only the inserts are measured.
    std::vector<std::string> schema;
    {
      Stmt st = prepare(
          src.get(), "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid");
      while (sqlite3_step(st.get()) == SQLITE_ROW)
        schema.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0)));
    }
    exec(src.get(), "BEGIN");  // one snapshot for every read
    std::vector<std::pair<std::string, std::vector<Row>>> before;
    before.emplace_back("log_entries", read_rows(src.get(), "log_entries", "leaf_index < ?", {opt.first_leaf}));
    for (const char* table : {"parties", "sites", "products", "batches"})
      before.emplace_back(table, read_rows(src.get(), table));
    std::vector<Row> leaves =
        read_rows(src.get(), "log_entries", "leaf_index >= ? AND leaf_index < ?", {opt.first_leaf, opt.end_leaf});
    std::vector<Row> events =
        read_rows(src.get(), "events", "leaf_index >= ? AND leaf_index < ?", {opt.first_leaf, opt.end_leaf});
    exec(src.get(), "COMMIT");
    // The events row of each leaf (a record of another kind has none).
    int leaf_col = column_index(src.get(), "log_entries", "leaf_index");
    int event_leaf_col = column_index(src.get(), "events", "leaf_index");
    std::map<int64_t, const Row*> event_of;
    for (const auto& row : events) event_of[sqlite3_value_int64(row[event_leaf_col].get())] = &row;
    if (leaves.empty())
      throw std::runtime_error("no leaves from index " + std::to_string(opt.first_leaf) + " in " + opt.from);

    // The same settings as store::Database for a read-write connection.
    Db dst = open(opt.to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    exec(dst.get(), "PRAGMA journal_mode=WAL");
    exec(dst.get(), "PRAGMA synchronous=FULL");
    exec(dst.get(), "PRAGMA foreign_keys=ON");
    exec(dst.get(), "BEGIN IMMEDIATE");
    for (const auto& sql : schema) exec(dst.get(), sql);
    for (const auto& [table, rows] : before) {
      Inserter ins(dst.get(), table);
      for (const auto& row : rows) ins.insert(row);
    }
    exec(dst.get(), "COMMIT");

    Inserter log_ins(dst.get(), "log_entries"), event_ins(dst.get(), "events");
    int64_t rows = 0, transactions = 0;
    auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < leaves.size(); i += static_cast<size_t>(opt.per_txn)) {
      exec(dst.get(), "BEGIN IMMEDIATE");  // as store::Transaction
      for (size_t j = i; j < std::min(leaves.size(), i + static_cast<size_t>(opt.per_txn)); ++j) {
        log_ins.insert(leaves[j]);
        ++rows;
        auto e = event_of.find(sqlite3_value_int64(leaves[j][leaf_col].get()));
        if (e != event_of.end()) {
          event_ins.insert(*e->second);
          ++rows;
        }
      }
      exec(dst.get(), "COMMIT");
      ++transactions;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("rawinsert: records=%zu rows=%lld transactions=%lld seconds=%.3f records_per_s=%.0f rows_per_s=%.0f\n",
                leaves.size(), static_cast<long long>(rows), static_cast<long long>(transactions), seconds,
                static_cast<double>(leaves.size()) / seconds, static_cast<double>(rows) / seconds);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "agritrace-bench-rawinsert: " << e.what() << "\n";
    return 1;
  }
}
