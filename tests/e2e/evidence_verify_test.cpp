// Scenario: a consumer (or the bureau) downloads a batch's evidence bundle and checks it offline with
// the real agritrace-verify binary, pinning the key from /api/v1/log/key: a clean log passes; a record
// changed in the SQLite file behind the server's back, a bundle edited by hand, a wrong key or a
// missing consistency proof for a saved checkpoint all fail.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <stdexcept>

#include "api_calls.h"
#include "demo_server.h"

#ifndef AGRITRACE_VERIFY_BINARY
#error "AGRITRACE_VERIFY_BINARY must name the verifier binary (set by tests/e2e/CMakeLists.txt)"
#endif

using namespace e2e;
using nlohmann::json;

namespace {

struct Run {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs agritrace-verify with `args` and waits for it; its output is read through a pipe.
Run run_verifier(const std::vector<std::string>& args) {
  std::vector<std::string> all = {AGRITRACE_VERIFY_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  Run run;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) run.output.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  REQUIRE(out.good());
}

// What an operator with write access to the database file could do while the server runs.
void change_stored_leaf(const std::string& db_path, const std::string& record_id, const std::string& from,
                        const std::string& to) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "UPDATE log_entries SET leaf = CAST(REPLACE(CAST(leaf AS TEXT), ?1, ?2) AS BLOB)"
                             " WHERE record_id = ?3",
                             -1, &stmt, nullptr) == SQLITE_OK);
  sqlite3_bind_text(stmt, 1, from.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 2, to.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 3, record_id.c_str(), -1, SQLITE_TRANSIENT);
  CHECK(sqlite3_step(stmt) == SQLITE_DONE);
  CHECK(sqlite3_changes(db) == 1);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

}  // namespace

TEST_CASE("a downloaded evidence bundle verifies offline, and tampering of any kind is caught", "[e2e][evidence]") {
  DemoServer demo;
  auto& client = demo.client();
  const std::string key_body = client.get("/api/v1/log/key").body;
  const std::string key = key_body.substr(0, key_body.find('\n'));
  const json box = demo.batch("06906123000023", "DN2026-1012-A5");  // the apple gift box a consumer scans
  const json bulk = demo.batch("06906123000016", "DN2026-1012-A");  // its ancestor, the harvest
  const std::string box_id = box["id"], bulk_id = bulk["id"];
  const std::string dir = demo.dir().path().string();

  auto download = client.get("/api/v1/batches/" + box_id + "/evidence");
  REQUIRE(download.status == 200);
  CHECK(download.header("content-disposition") == "attachment; filename=\"evidence-DN2026-1012-A5.json\"");
  write_file(dir + "/good.json", download.body);
  auto good = run_verifier({"--key", key, dir + "/good.json"});
  INFO(good.output);
  CHECK(good.exit_code == 0);
  CHECK_THAT(good.output, Catch::Contains("✓ 检查点签名有效 / checkpoint signature valid") &&
                              Catch::Contains("全部通过 / all checks passed"));
  // The consumer page says the same of the box's own record.
  CHECK_THAT(client.get("/01/06906123000023/10/DN2026-1012-A5").body, Catch::Contains("已验证 / verified"));

  SECTION("a wrong or malformed key") {
    auto wrong =
        run_verifier({"--key", "trace.example.cn/farm-log+2f7adcd6+AeQBlalcD0OiEa9K9fCJOfrOlDQ3ZEMIadDKI268W6Ds",
                      dir + "/good.json"});
    INFO(wrong.output);
    CHECK(wrong.exit_code == 1);
    CHECK_THAT(wrong.output, Catch::Contains("checkpoint signature invalid") && Catch::Contains("verification FAILED"));
    auto malformed = run_verifier({"--key", "not-a-key", dir + "/good.json"});
    CHECK(malformed.exit_code == 2);
    CHECK_THAT(malformed.output, Catch::Contains("--key"));
    CHECK(run_verifier({dir + "/good.json"}).exit_code == 2);
    CHECK(run_verifier({"--key", key, dir + "/missing.json"}).exit_code == 2);
  }

  SECTION("a bundle edited by hand") {
    json edited = json::parse(download.body);
    for (auto& r : edited["records"])
      if (r["record_id"] == bulk_id) r["record"]["quantity"] = "30000";
    write_file(dir + "/edited.json", edited.dump());
    auto run = run_verifier({"--key", key, dir + "/edited.json"});
    INFO(run.output);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.output,
               Catch::Contains(bulk_id) && Catch::Contains("\"record\" differs from the signed leaf bytes"));
    write_file(dir + "/broken.json", download.body.substr(0, download.body.size() / 2));
    CHECK(run_verifier({"--key", key, dir + "/broken.json"}).exit_code == 2);
  }

  SECTION("a stored record changed in the database while the server runs") {
    change_stored_leaf(dir + "/agritrace.db", bulk_id, "\"quantity\":\"3000\"", "\"quantity\":\"3001\"");
    auto again = client.get("/api/v1/batches/" + box_id + "/evidence");
    REQUIRE(again.status == 200);
    write_file(dir + "/tampered.json", again.body);
    auto run = run_verifier({"--key", key, dir + "/tampered.json"});
    INFO(run.output);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.output, Catch::Contains(bulk_id) && Catch::Contains("inclusion proof does not verify") &&
                               Catch::Contains("验证失败 / verification FAILED"));
  }

  SECTION("--old: the log must still extend a checkpoint saved earlier") {
    const std::string saved = client.get("/checkpoint").body;
    write_file(dir + "/saved.checkpoint", saved);
    const size_t line2 = saved.find('\n') + 1;
    const std::string saved_size = saved.substr(line2, saved.find('\n', line2) - line2);
    auto later = post_json(client, "/api/v1/events",
                           {{"kind", "inspect"},
                            {"batch", box_id},
                            {"site", demo.replay().id_of("dn_shop_wh")},
                            {"at", "2026-10-23T09:00:00+08:00"},
                            {"result", "pass"},
                            {"method", "感官检验"}},
                           demo.replay().token_of("dn_shop"));
    REQUIRE(later.status == 201);

    auto with_proof = client.get("/api/v1/batches/" + box_id + "/evidence?old_size=" + saved_size);
    REQUIRE(with_proof.status == 200);
    write_file(dir + "/newer.json", with_proof.body);
    auto ok = run_verifier({"--key", key, "--old", dir + "/saved.checkpoint", dir + "/newer.json"});
    INFO(ok.output);
    CHECK(ok.exit_code == 0);
    CHECK_THAT(ok.output, Catch::Contains("consistent with the saved checkpoint"));

    write_file(dir + "/newer-no-proof.json", client.get("/api/v1/batches/" + box_id + "/evidence").body);
    auto missing = run_verifier({"--key", key, "--old", dir + "/saved.checkpoint", dir + "/newer-no-proof.json"});
    INFO(missing.output);
    CHECK(missing.exit_code == 1);
    CHECK_THAT(missing.output, Catch::Contains("?old_size=" + saved_size));
  }
}

namespace {

// `agritrace keygen --out` (the public key on stdout) and `agritrace sign` (the Signature header value
// on stdout), run through the same pipe as the verifier.
Run run_agritrace(const std::vector<std::string>& args) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> all = {AGRITRACE_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  Run run;
  char buf[1024];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) run.output.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  while (!run.output.empty() && run.output.back() == '\n') run.output.pop_back();
  return run;
}

}  // namespace

TEST_CASE("a producer's signed writes, through a key rotation, verify offline in the evidence", "[e2e][evidence]") {
  DemoServer demo;
  auto& client = demo.client();
  const std::string key_body = client.get("/api/v1/log/key").body;
  const std::string key = key_body.substr(0, key_body.find('\n'));
  const std::string dir = demo.dir().path().string();
  const std::string coop = demo.replay().id_of("dn_coop"), token = demo.replay().token_of("dn_coop");
  const std::string box = demo.batch("06906123000023", "DN2026-1012-A5")["id"];

  // The cooperative registers a key, rotates to a second one (signed with the first), then records a
  // signed regrading of some of its boxes into a new lot: a signed event and a signed output batch.
  auto first = run_agritrace({"keygen", "--out", dir + "/first.pem"});
  auto second = run_agritrace({"keygen", "--out", dir + "/second.pem"});
  REQUIRE(first.exit_code == 0);
  REQUIRE(second.exit_code == 0);
  const std::string key_path = "/api/v1/parties/" + coop + "/key";
  REQUIRE(client.request("PUT", key_path, json{{"public_key", first.output}}.dump(), auth_json(token)).status == 201);
  const std::string rotate = json{{"public_key", second.output}}.dump();
  write_file(dir + "/rotate.json", rotate);
  auto rotate_sig = run_agritrace({"sign", "--key", dir + "/first.pem", "--party", coop, "--path", key_path, "--method",
                                   "PUT", dir + "/rotate.json"});
  REQUIRE(rotate_sig.exit_code == 0);
  auto headers = auth_json(token);
  headers.emplace_back("Signature", rotate_sig.output);
  auto rotated = client.request("PUT", key_path, rotate, headers);
  INFO(rotated.body);
  REQUIRE(rotated.status == 201);

  const std::string regrade =
      json{
          {"kind", "transform"},
          {"site", demo.replay().id_of("dn_cold")},
          {"at", "2026-10-23T10:00:00+08:00"},
          {"process", "复检分级"},
          {"inputs", {{{"batch", box}, {"quantity", "10"}}}},
          {"outputs", {{{"gtin", "06906123000023"}, {"lot", "DN2026-1012-A5-R"}, {"quantity", "10"}, {"unit", "box"}}}}}
          .dump();
  write_file(dir + "/regrade.json", regrade);
  auto sig = run_agritrace(
      {"sign", "--key", dir + "/second.pem", "--party", coop, "--path", "/api/v1/events", dir + "/regrade.json"});
  REQUIRE(sig.exit_code == 0);
  headers = auth_json(token);
  headers.emplace_back("Signature", sig.output);
  auto regraded = client.post("/api/v1/events", regrade, headers);
  INFO(regraded.body);
  REQUIRE(regraded.status == 201);

  auto bundle = client.get("/api/v1/batches/" + box + "/evidence");
  REQUIRE(bundle.status == 200);
  write_file(dir + "/signed.json", bundle.body);
  auto run = run_verifier({"--key", key, dir + "/signed.json"});
  INFO(run.output);
  CHECK(run.exit_code == 0);
  // The rotation and the regrading are signed; the new lot is covered by the regrading's signature.
  CHECK_THAT(run.output, Catch::Contains("producer signatures valid: 2") && Catch::Contains("全部通过"));
  CHECK_THAT(bundle.body, Catch::Contains("DN2026-1012-A5-R"));
}

TEST_CASE("a recall and a holder's confirmation travel in the evidence and verify offline", "[e2e][evidence]") {
  DemoServer demo;
  auto& client = demo.client();
  const std::string key_body = client.get("/api/v1/log/key").body;
  const std::string key = key_body.substr(0, key_body.find('\n'));
  const std::string dir = demo.dir().path().string();
  OwnChain chain = make_own_chain(client, demo.admin_token(), 7);
  auto bureau = post_json(client, "/api/v1/parties", {{"name", "测试县市场监督管理局"}, {"kind", "bureau"}, {"county", "大宁县"}},
                          demo.admin_token());
  REQUIRE(bureau.status == 201);
  auto recall = post_json(client, "/api/v1/batches/" + chain.batch + "/recall", {{"level", 2}, {"reason", "标签不符"}},
                          json_of(bureau)["token"]);
  INFO(recall.body);
  REQUIRE(recall.status == 201);
  std::string recall_id = json_of(recall)["id"];
  auto confirm = post_json(client, "/api/v1/recalls/" + recall_id + "/confirm",
                           {{"batch", chain.batch}, {"action", "destroyed"}}, chain.token);
  INFO(confirm.body);
  REQUIRE(confirm.status == 201);

  auto download = client.get("/api/v1/batches/" + chain.batch + "/evidence");
  REQUIRE(download.status == 200);
  json bundle = json::parse(download.body);
  std::set<std::string> kinds;
  for (const auto& r : bundle["records"]) kinds.insert(r["record"].value("kind", ""));
  CHECK(kinds.count("recall") == 1);
  CHECK(kinds.count("recall_confirm") == 1);
  write_file(dir + "/recalled.json", download.body);
  auto run = run_verifier({"--key", key, dir + "/recalled.json"});
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.output, Catch::Contains("全部通过 / all checks passed"));
}
