// Base64, C2SP checkpoints and signed notes: the exact signed checkpoint bytes of the shared tlog
// vectors, the verifier key, and verification failing on any tampering, wrong key or wrong name.
#include "ledger/checkpoint.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "ledger/base64.h"
#include "ledger/digest.h"
#include "ledger/note_signer.h"
#include "ledger/note_verifier.h"

namespace {

const std::string kOrigin = "trace.example.cn/farm-log";

nlohmann::json load_vectors() {
  std::ifstream in(std::string(AGRITRACE_SHARED_DIR) + "/data/tlog-vectors.json");
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

std::string unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

std::string hex(const std::string& bytes) {
  std::string out;
  for (unsigned char b : bytes) out += std::string{"0123456789abcdef"[b >> 4], "0123456789abcdef"[b & 15]};
  return out;
}

// ledger.md §5: seed = SHA-256("farm-tlog test seed: log key").
ledger::NoteSigner test_signer(const std::string& name = kOrigin,
                               const std::string& phrase = "farm-tlog test seed: log key") {
  auto s = ledger::NoteSigner::from_seed(name, unhex(ledger::sha256_hex(phrase)));
  REQUIRE(s.ok());
  return std::move(s).value();
}

ledger::NoteVerifier verifier(const std::string& vkey) {
  auto v = ledger::NoteVerifier::from_key(vkey);
  REQUIRE(v.ok());
  return std::move(v).value();
}

}  // namespace

TEST_CASE("base64: RFC 4648 vectors round-trip and malformed input is refused", "[checkpoint]") {
  const std::pair<std::string, std::string> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"},
                                                         {std::string("\xfb\xff\x00", 3), "+/8A"}};
  for (const auto& [plain, encoded] : vectors) {
    CHECK(ledger::base64_encode(plain) == encoded);
    const auto back = ledger::base64_decode(encoded);
    REQUIRE(back.ok());
    CHECK(*back == plain);
  }
  for (const char* bad : {"Zg=", "Zg", "Z===", "====", "Zh==", "Zm9=", "Zm9v\n", " Zm9v", "Zm=v", "Zm9v====", "Zm!v",
                          "Zm9-", "Zm9_", "=Zm9"}) {
    INFO(bad);
    CHECK_FALSE(ledger::base64_decode(bad).ok());
  }
}

TEST_CASE("note signer: the test key matches ledger.md §5", "[checkpoint]") {
  const auto v = load_vectors();
  const auto signer = test_signer();
  CHECK(ledger::sha256_hex("farm-tlog test seed: log key") ==
        "a1cb7f863661044a0ec9d380be7e8d6e53cdf6508e89a2f4678e9eb5bdf2dd8c");
  CHECK(hex(signer.public_key()) == "e40195a95c0f43a211af4af5f08939face94343764430869d0ca236ebc5ba0ec");
  CHECK(signer.key_id() == 0x2f7adcd6u);
  CHECK(signer.name() == kOrigin);
  CHECK(signer.verifier_key() == v["vkey"].get<std::string>());
  CHECK(signer.verifier_key() == "trace.example.cn/farm-log+2f7adcd6+AeQBlalcD0OiEa9K9fCJOfrOlDQ3ZEMIadDKI268W6Ds");
}

TEST_CASE("checkpoint: exact signed checkpoint bytes for every vector tree, and they verify", "[checkpoint]") {
  const auto v = load_vectors();
  const auto signer = test_signer();
  const auto vkey = verifier(v["vkey"].get<std::string>());
  REQUIRE(v["origin"].get<std::string>() == kOrigin);
  for (const auto& t : v["trees"]) {
    INFO("size " << t["size"]);
    ledger::Checkpoint cp{kOrigin, t["size"].get<uint64_t>(), {}, {}};
    const auto root = ledger::base64_decode(t["root"].get<std::string>());
    REQUIRE((root.ok() && root->size() == 32));
    std::copy(root->begin(), root->end(), cp.root.begin());
    const std::string body = cp.body();
    CHECK(body == kOrigin + "\n" + std::to_string(cp.size) + "\n" + t["root"].get<std::string>() + "\n");

    const auto note = signer.sign_note(body);
    REQUIRE(note.ok());
    CHECK(*note == t["checkpoint"].get<std::string>());
    const auto opened = vkey.open(*note);
    REQUIRE(opened.ok());
    CHECK(*opened == body);
    const auto parsed = ledger::Checkpoint::parse(*opened);
    REQUIRE(parsed.ok());
    CHECK(*parsed == cp);
  }
}

TEST_CASE("checkpoint: parse is strict and round-trips extension lines", "[checkpoint]") {
  const std::string root = "5bgFB3vbvdemg/jL10StjF3OOAwzDU0KIYTVTdOJ+mk=";
  const auto ok = ledger::Checkpoint::parse(kOrigin + "\n11\n" + root + "\n");
  REQUIRE(ok.ok());
  CHECK(ok->size == 11);
  CHECK(ok->extensions.empty());
  const std::string with_ext = kOrigin + "\n0\n" + root + "\nfoo bar\nbaz\n";
  const auto ext = ledger::Checkpoint::parse(with_ext);
  REQUIRE(ext.ok());
  CHECK(ext->extensions == std::vector<std::string>{"foo bar", "baz"});
  CHECK(ext->body() == with_ext);
  CHECK(ledger::Checkpoint::parse(kOrigin + "\n18446744073709551615\n" + root + "\n")->size == UINT64_MAX);
  for (const std::string& bad :
       {kOrigin + "\n11\n" + root, kOrigin + "\n011\n" + root + "\n", kOrigin + "\n-1\n" + root + "\n",
        kOrigin + "\n+1\n" + root + "\n", kOrigin + "\n\n" + root + "\n", "\n11\n" + root + "\n",
        kOrigin + "\n18446744073709551616\n" + root + "\n", kOrigin + "\n11\n" + root.substr(4) + "\n",
        kOrigin + "\n11\nAAAA" + root + "\n", kOrigin + "\n11\n" + root + "x\n", kOrigin + "\n11\n",
        kOrigin + "\n11\n" + root + "\n\n", kOrigin + "\r\n11\n" + root + "\n", kOrigin + "\n1 1\n" + root + "\n"}) {
    INFO(bad);
    CHECK_FALSE(ledger::Checkpoint::parse(bad).ok());
  }
  CHECK(ledger::Checkpoint::is_portable_origin(kOrigin));
  CHECK_FALSE(ledger::Checkpoint::is_portable_origin("Trace.example.cn"));
  CHECK_FALSE(ledger::Checkpoint::is_portable_origin("https://trace.example.cn"));
  CHECK_FALSE(ledger::Checkpoint::is_portable_origin(""));
}

TEST_CASE("signed note: any changed byte, wrong key or wrong name fails", "[checkpoint]") {
  const auto v = load_vectors();
  const std::string note = v["trees"][10]["checkpoint"].get<std::string>();
  const auto vkey = verifier(v["vkey"].get<std::string>());
  REQUIRE(vkey.open(note).ok());
  for (size_t i = 0; i < note.size(); ++i) {
    for (unsigned char delta : {0x01, 0x20, 0x80}) {
      std::string bad = note;
      bad[i] = static_cast<char>(bad[i] ^ delta);
      INFO("byte " << i << " xor " << int(delta));
      CHECK_FALSE(vkey.open(bad).ok());
    }
  }
  CHECK_FALSE(vkey.open(note.substr(0, note.size() - 1)).ok());
  CHECK_FALSE(vkey.open(note + "\n").ok());

  const std::string body = note.substr(0, note.find("\n\n") + 1);
  const auto other_key = test_signer(kOrigin, "another seed");
  const auto other_name = test_signer("trace.example.cn/other-log");
  const auto by_other_key = vkey.open(*other_key.sign_note(body));
  REQUIRE_FALSE(by_other_key.ok());
  CHECK(by_other_key.error().code == domain::Errc::unprocessable);
  CHECK_FALSE(vkey.open(*other_name.sign_note(body)).ok());
  CHECK_FALSE(verifier(other_key.verifier_key()).open(note).ok());
  CHECK_FALSE(verifier(other_name.verifier_key()).open(note).ok());
  CHECK(verifier(other_name.verifier_key()).open(*other_name.sign_note(body)).ok());

  // Same name, same key ID but a forged signature: our key, so the whole note is rejected even
  // though a valid signature line follows.
  std::string forged = note;
  forged.insert(note.find("\n\n") + 2, "\xE2\x80\x94 " + kOrigin + " L3rc1" + std::string(87, 'A') + "=\n");
  CHECK_FALSE(vkey.open(forged).ok());
}

TEST_CASE("signed note: witness lines are ignored and text may contain blank lines", "[checkpoint]") {
  const auto signer = test_signer();
  const auto witness = test_signer("bureau.example.cn/witness", "witness seed");
  const auto vkey = verifier(signer.verifier_key());
  const std::string text = "line one\n\nline three after a blank line\n";
  const auto note = signer.sign_note(text);
  REQUIRE(note.ok());
  CHECK(*vkey.open(*note) == text);
  const std::string cosigned = *note + *witness.signature_line(text);
  CHECK(*vkey.open(cosigned) == text);
  CHECK(*verifier(witness.verifier_key()).open(cosigned) == text);
  const std::string witness_first = text + "\n" + *witness.signature_line(text) + *signer.signature_line(text);
  CHECK(*vkey.open(witness_first) == text);
  CHECK_FALSE(vkey.open(text + "\n" + *witness.signature_line(text)).ok());
  CHECK_FALSE(vkey.open(text + "\n— not a signature\n").ok());
  CHECK_FALSE(vkey.open(text).ok());
}

TEST_CASE("note signer and verifier keys reject malformed input", "[checkpoint]") {
  const std::string seed(32, '\x07');
  CHECK(ledger::NoteSigner::from_seed(kOrigin, seed).ok());
  CHECK_FALSE(ledger::NoteSigner::from_seed(kOrigin, seed.substr(1)).ok());
  for (const char* name : {"", "a+b", "a b", "a\tb",
                           "a\xC2\xA0"
                           "b",
                           "a\xE3\x80\x80"
                           "b",
                           "\xFF"}) {
    CHECK_FALSE(ledger::NoteSigner::from_seed(name, seed).ok());
  }
  const auto signer = test_signer();
  for (const std::string& text : {std::string(), std::string("no newline"), std::string("tab\there\n"),
                                  std::string("bad utf8 \xC3\x28\n"), std::string("cr\r\n")}) {
    CHECK_FALSE(signer.sign_note(text).ok());
  }
  const std::string good = signer.verifier_key();
  CHECK(ledger::NoteVerifier::from_key(good).ok());
  const std::string key_b64 = good.substr(good.rfind('+') + 1);
  for (const std::string& bad :
       {std::string(kOrigin + "+2f7adcd7+" + key_b64), std::string(kOrigin + "+2f7adcd+" + key_b64),
        std::string(kOrigin + "+" + key_b64), std::string("other.example/log+2f7adcd6+" + key_b64),
        std::string(kOrigin + "+2f7adcd6+" + key_b64 + "+x"),
        std::string(kOrigin + "+2f7adcd6+AuQB" + key_b64.substr(4)),
        std::string(kOrigin + "+2f7adcd6+" + key_b64.substr(0, 40)), std::string("+2f7adcd6+" + key_b64)}) {
    INFO(bad);
    CHECK_FALSE(ledger::NoteVerifier::from_key(bad).ok());
  }
}
