// Producer keys (ledger::ProducerKey, ProducerPublicKey, producer_request): RFC 8032 vectors, PKCS#8 PEM
// exactly as `openssl genpkey -algorithm ed25519` writes it, signatures the openssl command line
// verifies, non-canonical signatures refused, and the canonical signed message.
#include "ledger/producer_key.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "ledger/base64.h"
#include "ledger/producer_public_key.h"
#include "ledger/producer_request.h"
#include "support/temp_dir.h"

using nlohmann::json;

namespace {

std::string unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

// RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72).
const std::string kSeed1 = unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
const std::string kPublic1 = unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
const std::string kSig1 = unhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24"
    "655141438e7a100b");
const std::string kPublic2 = unhex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
const std::string kSig2 = unhex(
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aee"
    "b00d291612bb0c00");

// PKCS#8 for an Ed25519 seed (RFC 8410): a fixed 16-byte DER prefix, then the 32 bytes.
std::string pem_of_seed(const std::string& seed) {
  return "-----BEGIN PRIVATE KEY-----\n" + ledger::base64_encode(unhex("302e020100300506032b657004220420") + seed) +
         "\n-----END PRIVATE KEY-----\n";
}

// Runs a shell command; returns its exit status and stdout.
std::pair<int, std::string> run(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream all;
  all << in.rdbuf();
  return all.str();
}

}  // namespace

TEST_CASE("producer keys reproduce the RFC 8032 vectors", "[ledger][producer_key]") {
  auto key = ledger::ProducerKey::from_pem(pem_of_seed(kSeed1));
  REQUIRE(key);
  CHECK(key->public_key() == kPublic1);
  auto sig = key->sign("");
  REQUIRE(sig);
  CHECK(*sig == kSig1);
  CHECK(key->to_pem() == pem_of_seed(kSeed1));  // the same PKCS#8 bytes back

  auto pub1 = ledger::ProducerPublicKey::from_raw(kPublic1);
  REQUIRE(pub1);
  CHECK(pub1->verify("", kSig1));
  CHECK(pub1->key_id() == "21fe31df");  // SHA-256(public key)[0:4], computed with Python's hashlib
  auto pub2 = ledger::ProducerPublicKey::from_base64(ledger::base64_encode(kPublic2));
  REQUIRE(pub2);
  CHECK(pub2->verify("\x72", kSig2));
  CHECK_FALSE(pub2->verify("\x73", kSig2));
  CHECK_FALSE(pub1->verify("\x72", kSig2));
  std::string flipped = kSig1;
  flipped[10] ^= 1;
  CHECK_FALSE(pub1->verify("", flipped));
  CHECK_FALSE(pub1->verify("", kSig1.substr(0, 63)));
}

TEST_CASE("a signature has one accepted form (S + L is refused)", "[ledger][producer_key]") {
  // The replay guard keys on the signature value; a malleated S would be a second value for the same
  // request. L = 2^252 + 27742317777372353535851937790883648493, little-endian.
  const std::string l = unhex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
  std::string malleated = kSig1;
  int carry = 0;
  for (size_t i = 0; i < 32; ++i) {
    int sum = static_cast<unsigned char>(malleated[32 + i]) + static_cast<unsigned char>(l[i]) + carry;
    malleated[32 + i] = static_cast<char>(sum & 0xff);
    carry = sum >> 8;
  }
  REQUIRE(carry == 0);
  auto pub = ledger::ProducerPublicKey::from_raw(kPublic1);
  REQUIRE(pub);
  CHECK_FALSE(pub->verify("", malleated));
}

TEST_CASE("public keys of the wrong size or encoding are refused", "[ledger][producer_key]") {
  CHECK(ledger::ProducerPublicKey::from_raw(kPublic1.substr(0, 31)).error().code == domain::Errc::invalid_input);
  CHECK_FALSE(ledger::ProducerPublicKey::from_raw(kPublic1 + "x"));
  CHECK_FALSE(ledger::ProducerPublicKey::from_base64("not base64"));
  std::string b64 = ledger::base64_encode(kPublic1);
  CHECK_FALSE(ledger::ProducerPublicKey::from_base64(b64.substr(0, b64.size() - 1)));  // unpadded
}

TEST_CASE("keys made by openssl genpkey load and openssl verifies what they sign", "[ledger][producer_key]") {
  test::TempDir dir;
  std::string pem = dir.file("producer.pem");
  REQUIRE(run("openssl genpkey -algorithm ed25519 -out '" + pem + "' 2>&1").first == 0);
  auto key = ledger::ProducerKey::load(pem);
  REQUIRE(key);
  // The public key openssl derives (the last 32 bytes of its DER SubjectPublicKeyInfo).
  auto [status, der] = run("openssl pkey -in '" + pem + "' -pubout -outform DER");
  REQUIRE(status == 0);
  REQUIRE(der.size() == 44);
  CHECK(key->public_key() == der.substr(12));

  std::string message = ledger::producer_request_bytes(ledger::producer_request({{"kind", "orchard"}, {"name", "果园"}},
                                                                                "POST", "pty_1", "/api/v1/sites"))
                            .value();
  auto sig = key->sign(message);
  REQUIRE(sig);
  std::ofstream(dir.file("msg"), std::ios::binary) << message;
  std::ofstream(dir.file("sig"), std::ios::binary) << *sig;
  REQUIRE(run("openssl pkey -in '" + pem + "' -pubout -out '" + dir.file("pub.pem") + "'").first == 0);
  CHECK(run("openssl pkeyutl -verify -pubin -inkey '" + dir.file("pub.pem") + "' -rawin -in '" + dir.file("msg") +
            "' -sigfile '" + dir.file("sig") + "'")
            .first == 0);
  // And a key of ours written out is read back by openssl as the same key.
  auto ours = ledger::ProducerKey::generate();
  REQUIRE(ours);
  REQUIRE(ours->save_new(dir.file("ours.pem")));
  auto [st2, der2] = run("openssl pkey -in '" + dir.file("ours.pem") + "' -pubout -outform DER");
  REQUIRE(st2 == 0);
  CHECK(der2.substr(12) == ours->public_key());
}

TEST_CASE("other key files are refused without asking for a passphrase", "[ledger][producer_key]") {
  test::TempDir dir;
  REQUIRE(run("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out '" + dir.file("ec.pem") + "' 2>&1")
              .first == 0);
  REQUIRE(
      run("openssl genpkey -algorithm ed25519 -aes256 -pass pass:x -out '" + dir.file("enc.pem") + "' 2>&1").first ==
      0);
  std::ofstream(dir.file("junk.pem")) << "not a key\n";
  auto ec = ledger::ProducerKey::load(dir.file("ec.pem"));
  REQUIRE_FALSE(ec);
  CHECK_THAT(ec.error().message, Catch::Contains("not an Ed25519 key"));
  auto enc = ledger::ProducerKey::load(dir.file("enc.pem"));
  REQUIRE_FALSE(enc);
  CHECK_THAT(enc.error().message, Catch::Contains("encrypted"));
  CHECK_FALSE(ledger::ProducerKey::load(dir.file("junk.pem")));
  auto missing = ledger::ProducerKey::load(dir.file("missing.pem"));
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error().message, Catch::Contains("missing.pem"));
}

TEST_CASE("a new key file is mode 0600 and never overwritten", "[ledger][producer_key]") {
  test::TempDir dir;
  std::string path = dir.file("k.pem");
  auto key = ledger::ProducerKey::generate();
  REQUIRE(key);
  REQUIRE(key->save_new(path));
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::string saved = read_file(path);
  auto other = ledger::ProducerKey::generate();
  REQUIRE(other);
  auto again = other->save_new(path);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == domain::Errc::conflict);
  CHECK(read_file(path) == saved);
  auto loaded = ledger::ProducerKey::load(path);
  REQUIRE(loaded);
  CHECK(loaded->public_key() == key->public_key());
  CHECK(ledger::producer_key_id(key->public_key()) == ledger::ProducerPublicKey::from_raw(key->public_key())->key_id());
}

TEST_CASE("the signed request is the RFC 8785 form of body method party and path", "[ledger][producer_key]") {
  json body = json::parse(R"({"b": 1, "a": "果\n", "c": {"z": [true, null], "y": "x"}})");
  auto bytes = ledger::producer_request_bytes(ledger::producer_request(body, "POST", "pty_1", "/api/v1/sites"));
  REQUIRE(bytes);
  CHECK(
      *bytes ==
      R"({"body":{"a":"果\n","b":1,"c":{"y":"x","z":[true,null]}},"method":"POST","party":"pty_1","path":"/api/v1/sites"})");
  // A decimal number cannot be signed reproducibly: refused, naming the field within the body.
  auto decimal = ledger::producer_request_bytes(
      ledger::producer_request(json::parse(R"({"q": {"kg": 1.5}})"), "POST", "pty_1", "/api/v1/events"));
  REQUIRE_FALSE(decimal);
  CHECK(decimal.error().field == "/q/kg");
}

TEST_CASE("a stored signature object is re-checked against the party key", "[ledger][producer_key]") {
  auto key = ledger::ProducerKey::generate();
  REQUIRE(key);
  auto pub = ledger::ProducerPublicKey::from_raw(key->public_key());
  REQUIRE(pub);
  json signed_request = ledger::producer_request({{"name", "果园"}}, "POST", "pty_1", "/api/v1/sites");
  auto sig = key->sign(ledger::producer_request_bytes(signed_request).value());
  REQUIRE(sig);
  json object = {{"alg", "ed25519"},
                 {"key_id", pub->key_id()},
                 {"value", ledger::base64_encode(*sig)},
                 {"signed", signed_request}};
  CHECK(pub->check(object));
  json wrong = object;
  wrong["alg"] = "rsa";
  CHECK(pub->check(wrong).error().code == domain::Errc::invalid_input);
  wrong = object;
  wrong["key_id"] = "00000000";
  CHECK(pub->check(wrong).error().code == domain::Errc::invalid_input);
  wrong = object;
  wrong["signed"]["path"] = "/api/v1/products";
  CHECK(pub->check(wrong).error().code == domain::Errc::unprocessable);
  wrong = object;
  wrong.erase("signed");
  CHECK_FALSE(pub->check(wrong));
}
