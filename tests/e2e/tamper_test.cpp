// Scenario: an operator with write access edits the SQLite file behind the server's back — one byte of
// a stored record, a deleted row, a Merkle tree node, the stored checkpoint — and the real binary
// notices: `agritrace check` exits 1 naming the record, and `agritrace serve` refuses to start (exits
// non-zero before it listens) saying what was done. Each tampering acts on its own copy of a database
// the demo chains were replayed into over HTTP and that a cleanly stopped server left behind.
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "api_calls.h"
#include "demo_chains.h"
#include "server_process.h"
#include "support/temp_dir.h"

#ifndef AGRITRACE_BINARY
#error "AGRITRACE_BINARY must name the server binary (set by tests/e2e/CMakeLists.txt)"
#endif

using namespace e2e;
namespace fs = std::filesystem;

namespace {

// A refused start takes milliseconds (the checks run before the socket is bound); this only bounds a hang.
constexpr std::chrono::seconds kRunTimeout{10};

struct Run {
  int exit_code = -1;  // 128+signal if it died of one; -1 if it had to be killed at kRunTimeout
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Runs the agritrace binary with `args` to completion (bounded), stdout and stderr captured apart.
// ServerProcess cannot do this: it treats an early exit as a throw and stops what does start.
Run run_agritrace(const std::vector<std::string>& args, const test::TempDir& dir) {
  static int counter = 0;
  std::string stem = dir.file("run-" + std::to_string(++counter));
  std::vector<std::string> all = {AGRITRACE_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  int out = ::open((stem + ".stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err = ::open((stem + ".stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0 || err < 0) throw std::runtime_error("cannot create output files in " + dir.path().string());
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // A server that did start must not outlive a test that died.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(126);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out);
  ::close(err);
  Run run;
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + kRunTimeout;
  pid_t r = 0;
  while ((r = ::waitpid(pid, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (r == 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  } else if (WIFEXITED(status)) {
    run.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    run.exit_code = 128 + WTERMSIG(status);
  }
  run.out = slurp(stem + ".stdout");
  run.err = slurp(stem + ".stderr");
  return run;
}

// The database file opened with the SQLite C API, as an operator's own tool would. Closing the last
// connection folds the WAL back into the main file, so a copy of the .db alone is complete.
class SqliteFile {
 public:
  explicit SqliteFile(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path);
    sqlite3_busy_timeout(db_, 5000);
  }
  ~SqliteFile() { sqlite3_close(db_); }
  SqliteFile(const SqliteFile&) = delete;
  SqliteFile& operator=(const SqliteFile&) = delete;

  // Runs sql (no parameters, rows ignored); returns the rows it changed.
  int exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "?";
      sqlite3_free(message);
      throw std::runtime_error(sql + ": " + text);
    }
    return sqlite3_changes(db_);
  }

  // The first row of a query with one optional integer parameter: column 0 as an integer, column 1
  // (if any) as bytes. Throws if there is no row.
  std::pair<int64_t, std::string> row(const std::string& sql, std::optional<int64_t> param = {}) {
    sqlite3_stmt* stmt = prepare(sql);
    if (param) sqlite3_bind_int64(stmt, 1, *param);
    if (sqlite3_step(stmt) != SQLITE_ROW) {
      sqlite3_finalize(stmt);
      throw std::runtime_error("no row for " + sql);
    }
    std::pair<int64_t, std::string> result{sqlite3_column_int64(stmt, 0), {}};
    if (sqlite3_column_count(stmt) > 1) {
      const void* bytes = sqlite3_column_blob(stmt, 1);
      result.second.assign(static_cast<const char*>(bytes), static_cast<size_t>(sqlite3_column_bytes(stmt, 1)));
    }
    sqlite3_finalize(stmt);
    return result;
  }

  // Runs an UPDATE with ?1 = bytes (as a BLOB) and ?2 = key; returns the rows it changed.
  int update_blob(const std::string& sql, const std::string& bytes, int64_t key) {
    sqlite3_stmt* stmt = prepare(sql);
    sqlite3_bind_blob(stmt, 1, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 2, key);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    return sqlite3_changes(db_);
  }

 private:
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    return stmt;
  }

  sqlite3* db_ = nullptr;
};

// Copies the database's file set (the .db, its log key, and a -wal/-shm should one be left) into dir.
std::string copy_database(const std::string& db_path, const test::TempDir& dir) {
  std::string copy = dir.file("tampered.db");
  for (const char* suffix : {"", ".key", "-wal", "-shm"}) {
    if (fs::exists(db_path + suffix)) fs::copy_file(db_path + suffix, copy + suffix);
  }
  REQUIRE(fs::exists(copy));
  REQUIRE(fs::exists(copy + ".key"));
  return copy;
}

// `agritrace serve` on db_path, with the same public URL (hence log key name) the data was written with.
std::vector<std::string> serve_args(const std::string& db_path, const std::string& port_file,
                                    const std::string& admin_token) {
  return {"serve",       "--listen",     "127.0.0.1:0", "--db",         db_path,  "--port-file",
          port_file,     "--admin-token", admin_token,  "--public-url", kPublicUrl};
}

std::string flip_first_byte(std::string bytes) {
  REQUIRE(!bytes.empty());
  bytes[0] = static_cast<char>(bytes[0] ^ 0x01);
  return bytes;
}

}  // namespace

TEST_CASE("records changed or deleted in the SQLite file are caught by agritrace check and at server start-up",
          "[e2e][tamper]") {
  test::TempDir dir;
  const std::string token = fresh_admin_token();
  const std::string db_path = dir.file("agritrace.db");
  int64_t size = 0;
  {
    ServerProcess server(options_for(dir, token));
    test::HttpClient client(server.host(), server.port());
    DemoReplay replay = DemoChains().replay(client, token);
    INFO((replay.failures.empty() ? std::string("no failure") : replay.failures.front()));
    REQUIRE(replay.failures.empty());
    size = log_size(client);
    REQUIRE(size > 2);
    REQUIRE(server.stop() == 0);
  }
  // Nothing may be left in the WAL only: the copies below must hold every record.
  SqliteFile(db_path).exec("PRAGMA wal_checkpoint(TRUNCATE)");

  const std::string all_match = std::to_string(size) + " records match the checkpoint of size " + std::to_string(size);
  Run clean = run_agritrace({"check", "--db", db_path}, dir);
  INFO("check on the untouched database: " << clean.out << clean.err);
  REQUIRE(clean.exit_code == 0);
  CHECK_THAT(clean.out, Catch::Contains("agritrace check: OK") && Catch::Contains(all_match));

  test::TempDir copy_dir;
  const std::string copy = copy_database(db_path, copy_dir);
  const std::string port_file = copy_dir.file("serve.port");

  // Runs `agritrace serve` on the copy and requires that it refused: exited 1 without listening.
  auto refused_start = [&]() {
    Run serve = run_agritrace(serve_args(copy, port_file, token), copy_dir);
    INFO("serve stdout: " << serve.out << "\nserve stderr: " << serve.err);
    CHECK(serve.exit_code == 1);
    CHECK(serve.out.find("listening on") == std::string::npos);
    CHECK_FALSE(fs::exists(port_file));
    return serve.err;
  };

  SECTION("an untouched copy checks OK and the server starts on it with every record") {
    Run check = run_agritrace({"check", "--db", copy}, copy_dir);
    CHECK(check.exit_code == 0);
    CHECK_THAT(check.out, Catch::Contains(all_match));
    ServerOptions options = options_for(copy_dir, token);
    options.db_path = copy;
    ServerProcess server(options);
    test::HttpClient client(server.host(), server.port());
    CHECK(log_size(client) == size);
    CHECK(server.stop() == 0);
  }

  SECTION("one byte changed in a stored batch record") {
    int64_t index = 0;
    std::string record_id;
    {
      SqliteFile db(copy);
      // The oldest batch record: far from the end of the log, so not only the newest leaves are checked.
      auto [leaf_index, leaf] = db.row(
          "SELECT leaf_index, leaf FROM log_entries WHERE kind = 'batch' AND "
          "instr(CAST(leaf AS TEXT), '\"quantity\":\"') > 0 ORDER BY leaf_index LIMIT 1");
      index = leaf_index;
      REQUIRE(index < size - 1);
      const std::string marker = "\"quantity\":\"";
      size_t at = leaf.find(marker) + marker.size();
      REQUIRE(at < leaf.size());
      REQUIRE(std::isdigit(static_cast<unsigned char>(leaf[at])));
      std::string changed = leaf;
      changed[at] = leaf[at] == '9' ? '8' : static_cast<char>(leaf[at] + 1);  // e.g. 190 kg → 290 kg
      REQUIRE(db.update_blob("UPDATE log_entries SET leaf = ?1 WHERE leaf_index = ?2", changed, index) == 1);
      record_id = db.row("SELECT leaf_index, CAST(record_id AS BLOB) FROM log_entries WHERE leaf_index = ?1", index)
                      .second;
      REQUIRE(!record_id.empty());
    }
    const std::string named = "log entry " + std::to_string(index) + " (batch " + record_id + ")";

    Run check = run_agritrace({"check", "--db", copy}, copy_dir);
    INFO("check: " << check.out << check.err);
    CHECK(check.exit_code == 1);
    CHECK_THAT(check.out, Catch::Contains("agritrace check: FAILED") && Catch::Contains(named) &&
                              Catch::Contains("its bytes were changed"));

    CHECK_THAT(refused_start(),
               Catch::Contains(named) && Catch::Contains("the record was changed after it was signed"));
  }

  SECTION("the last record deleted") {
    {
      SqliteFile db(copy);
      // Domain rows point at their log entry; an operator bent on deleting would switch the check off.
      db.exec("PRAGMA foreign_keys=OFF");
      REQUIRE(db.exec("DELETE FROM log_entries WHERE leaf_index = " + std::to_string(size - 1)) == 1);
    }
    Run check = run_agritrace({"check", "--db", copy}, copy_dir);
    INFO("check: " << check.out << check.err);
    CHECK(check.exit_code == 1);
    CHECK_THAT(check.out, Catch::Contains("agritrace check: FAILED") &&
                              Catch::Contains("log entry " + std::to_string(size - 1) + " is missing"));

    CHECK_THAT(refused_start(), Catch::Contains("log entries were deleted"));
  }

  SECTION("a record in the middle of the log deleted") {
    const int64_t middle = size / 2;
    {
      SqliteFile db(copy);
      db.exec("PRAGMA foreign_keys=OFF");
      REQUIRE(db.exec("DELETE FROM log_entries WHERE leaf_index = " + std::to_string(middle)) == 1);
    }
    Run check = run_agritrace({"check", "--db", copy}, copy_dir);
    INFO("check: " << check.out << check.err);
    CHECK(check.exit_code == 1);
    CHECK_THAT(check.out, Catch::Contains("log entry " + std::to_string(middle) + " is missing"));

    CHECK_THAT(refused_start(), Catch::Contains("log entry " + std::to_string(middle) + " is missing") &&
                                    Catch::Contains("records were deleted"));
  }

  SECTION("a Merkle tree node changed") {
    {
      SqliteFile db(copy);
      // The largest complete subtree from leaf 0: every root of the log is computed from it.
      auto [level, hash] = db.row("SELECT level, hash FROM tree_nodes WHERE idx = 0 ORDER BY level DESC LIMIT 1");
      REQUIRE(hash.size() == 32);
      REQUIRE(db.update_blob("UPDATE tree_nodes SET hash = ?1 WHERE idx = 0 AND level = ?2", flip_first_byte(hash),
                             level) == 1);
    }
    Run check = run_agritrace({"check", "--db", copy}, copy_dir);
    INFO("check: " << check.out << check.err);
    CHECK(check.exit_code == 1);
    CHECK_THAT(check.out, Catch::Contains("a tree node was changed"));
    CHECK_THAT(refused_start(), Catch::Contains("does not match the stored log"));
  }

  SECTION("the stored checkpoint's root changed") {
    {
      SqliteFile db(copy);
      auto [checkpoint_size, root] = db.row("SELECT size, root FROM checkpoints ORDER BY size DESC LIMIT 1");
      REQUIRE(checkpoint_size == size);
      REQUIRE(db.update_blob("UPDATE checkpoints SET root = ?1 WHERE size = ?2", flip_first_byte(root),
                             checkpoint_size) == 1);
    }
    Run check = run_agritrace({"check", "--db", copy}, copy_dir);
    INFO("check: " << check.out << check.err);
    CHECK(check.exit_code == 1);
    CHECK_THAT(check.out, Catch::Contains("differs from the root its signature covers"));
    CHECK_THAT(refused_start(), Catch::Contains("the newest checkpoint (size " + std::to_string(size) +
                                                ") does not match the stored log"));
  }
}
