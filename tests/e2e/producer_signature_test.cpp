// Producer signatures end to end: the real binary's `agritrace keygen` and `agritrace sign` (with its
// own keys and with keys made by `openssl genpkey`), a key registered and rotated over real HTTP, signed
// events accepted once, replays and unsigned or foreign-key writes refused, and `keygen --log`
// printing the very verifier key the server then serves.
#include <sys/stat.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "api_calls.h"
#include "server_process.h"
#include "support/temp_dir.h"

using namespace e2e;
using nlohmann::json;

namespace {

struct Ran {
  int status = -1;
  std::string out;  // stdout; stderr goes to the test's own stderr
};

Ran run(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  Ran r;
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) r.out.append(buf, n);
  int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream all;
  all << in.rdbuf();
  return all.str();
}

const std::string kBinary = AGRITRACE_BINARY;

// `agritrace sign` for a body file; REQUIREs success and returns the Signature header value.
std::string sign(const std::string& key, const std::string& party, const std::string& path,
                 const std::string& body_file, const std::string& method = "POST") {
  auto r = run(kBinary + " sign --key '" + key + "' --party " + party + " --path " + path + " --method " + method +
               " '" + body_file + "'");
  INFO(r.out);
  REQUIRE(r.status == 0);
  std::string value = trimmed(r.out);
  REQUIRE(value.rfind("ed25519=", 0) == 0);
  REQUIRE(value.size() == 8 + 88);  // base64 of 64 bytes
  return value;
}

test::HeaderList signed_headers(const std::string& token, const std::string& signature) {
  auto headers = auth_json(token);
  if (!signature.empty()) headers.emplace_back("Signature", signature);
  return headers;
}

}  // namespace

TEST_CASE("agritrace keygen and sign produce signatures the server accepts once", "[e2e][signature]") {
  test::TempDir dir;
  std::string admin = fresh_admin_token();

  // keygen --out: the public key on stdout, the private key in a new 0600 file never overwritten.
  std::string pem = dir.file("producer.pem");
  auto made = run(kBinary + " keygen --out '" + pem + "' 2>/dev/null");
  REQUIRE(made.status == 0);
  std::string public_key = trimmed(made.out);
  CHECK(public_key.size() == 44);
  struct stat st {};
  REQUIRE(::stat(pem.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::string pem_text = slurp(pem);
  CHECK(pem_text.rfind("-----BEGIN PRIVATE KEY-----\n", 0) == 0);
  CHECK(run(kBinary + " keygen --out '" + pem + "' 2>/dev/null").status == 1);
  CHECK(slurp(pem) == pem_text);
  // openssl reads it as the same Ed25519 key.
  CHECK(trimmed(run("openssl pkey -in '" + pem + "' -pubout -outform DER | tail -c 32 | base64").out) == public_key);

  // keygen --log before the first start prints the verifier key the server will serve.
  auto log_key = run(kBinary + " keygen --log --db '" + dir.file("agritrace.db") + "' --public-url " + kPublicUrl +
                     " 2>/dev/null");
  REQUIRE(log_key.status == 0);

  ServerProcess server(options_for(dir, admin));
  test::HttpClient client(server.host(), server.port());
  auto served_key = client.get("/api/v1/log/key");
  REQUIRE(served_key.status == 200);
  CHECK(trimmed(served_key.body.substr(0, served_key.body.find('\n'))) == trimmed(log_key.out));

  OwnChain chain = make_own_chain(client, admin, 7);
  const std::string key_path = "/api/v1/parties/" + chain.party + "/key";
  auto registered = client.request("PUT", key_path, json{{"public_key", public_key}}.dump(), auth_json(chain.token));
  INFO(registered.body);
  REQUIRE(registered.status == 201);
  CHECK(json_of(registered)["set_by"] == "party");

  // A signed event (the file as written, spacing and all) lands once.
  std::string body_file = dir.file("event.json");
  std::ofstream(body_file) << inspect_event(chain, 1).dump(2) << "\n";
  std::string body = slurp(body_file);
  std::string signature = sign(pem, chain.party, "/api/v1/events", body_file);
  int64_t before = log_size(client);
  CHECK(client.post("/api/v1/events", body, auth_json(chain.token)).status == 401);
  auto accepted = client.post("/api/v1/events", body, signed_headers(chain.token, signature));
  INFO(accepted.body);
  REQUIRE(accepted.status == 201);
  json event = json_of(accepted);
  CHECK(event["signature"]["value"] == signature.substr(8));
  CHECK(event["signature"]["signed"]["path"] == "/api/v1/events");
  CHECK(event["signature"]["signed"]["party"] == chain.party);
  auto entry = json_of(client.get("/api/v1/log/entries/" + std::to_string(event["leaf_index"].get<int64_t>())));
  CHECK(entry["record"]["signature"] == event["signature"]);
  int64_t after = log_size(client);
  CHECK(after == before + 1);

  auto replay = client.post("/api/v1/events", body, signed_headers(chain.token, signature));
  CHECK(replay.status == 409);
  // The same signature on another path does not verify.
  auto elsewhere = client.post("/api/v1/sites", json{{"name", "x"}, {"kind", "orchard"}}.dump(),
                               signed_headers(chain.token, signature));
  CHECK(elsewhere.status == 403);
  CHECK(log_size(client) == after);

  // The body may come on standard input too.
  std::string body2_file = dir.file("event2.json");
  std::ofstream(body2_file) << inspect_event(chain, 2).dump() << "\n";
  auto piped = run(kBinary + " sign --key '" + pem + "' --party " + chain.party + " --path /api/v1/events - < '" +
                   body2_file + "'");
  REQUIRE(piped.status == 0);
  CHECK(client.post("/api/v1/events", slurp(body2_file), signed_headers(chain.token, trimmed(piped.out))).status ==
        201);
  REQUIRE(server.stop() == 0);
}

TEST_CASE("a key made by openssl genpkey signs with agritrace sign and openssl verifies it", "[e2e][signature]") {
  test::TempDir dir;
  std::string admin = fresh_admin_token();
  std::string ours = dir.file("ours.pem");
  std::string theirs = dir.file("openssl.pem");
  auto made = run(kBinary + " keygen --out '" + ours + "' 2>/dev/null");
  REQUIRE(made.status == 0);
  REQUIRE(run("openssl genpkey -algorithm ed25519 -out '" + theirs + "'").status == 0);
  std::string theirs_public =
      trimmed(run("openssl pkey -in '" + theirs + "' -pubout -outform DER | tail -c 32 | base64").out);
  REQUIRE(theirs_public.size() == 44);

  ServerProcess server(options_for(dir, admin));
  test::HttpClient client(server.host(), server.port());
  OwnChain chain = make_own_chain(client, admin, 8);
  const std::string key_path = "/api/v1/parties/" + chain.party + "/key";
  REQUIRE(
      client.request("PUT", key_path, json{{"public_key", trimmed(made.out)}}.dump(), auth_json(chain.token)).status ==
      201);

  // Rotation to the openssl key: unsigned is refused, signed (PUT) by the current key is accepted.
  std::string rotate_file = dir.file("rotate.json");
  std::ofstream(rotate_file) << json{{"public_key", theirs_public}}.dump();
  CHECK(client.request("PUT", key_path, slurp(rotate_file), auth_json(chain.token)).status == 401);
  std::string rotate_sig = sign(ours, chain.party, key_path, rotate_file, "PUT");
  auto rotated = client.request("PUT", key_path, slurp(rotate_file), signed_headers(chain.token, rotate_sig));
  INFO(rotated.body);
  REQUIRE(rotated.status == 201);

  // The signed message, built here by hand (RFC 8785 of body, method, party, path), verifies with openssl.
  std::string site_file = dir.file("site.json");
  std::ofstream(site_file) << R"({"name": "e2e signed orchard", "kind": "orchard"})";
  std::string site_sig = sign(theirs, chain.party, "/api/v1/sites", site_file);
  std::ofstream(dir.file("msg"), std::ios::binary)
      << R"({"body":{"kind":"orchard","name":"e2e signed orchard"},"method":"POST","party":")" << chain.party
      << R"(","path":"/api/v1/sites"})";
  REQUIRE(run("echo '" + site_sig.substr(8) + "' | base64 -d > '" + dir.file("sig") + "'").status == 0);
  REQUIRE(run("openssl pkey -in '" + theirs + "' -pubout -out '" + dir.file("pub.pem") + "'").status == 0);
  CHECK(run("openssl pkeyutl -verify -pubin -inkey '" + dir.file("pub.pem") + "' -rawin -in '" + dir.file("msg") +
            "' -sigfile '" + dir.file("sig") + "' >/dev/null")
            .status == 0);

  auto site = client.post("/api/v1/sites", slurp(site_file), signed_headers(chain.token, site_sig));
  INFO(site.body);
  CHECK(site.status == 201);
  // The replaced key no longer signs for the party.
  std::string old_sig = sign(ours, chain.party, "/api/v1/sites", site_file);
  CHECK(client.post("/api/v1/sites", slurp(site_file), signed_headers(chain.token, old_sig)).status == 403);
  REQUIRE(server.stop() == 0);
}
