// ledger password hashing: scrypt matches RFC 7914's test vectors; stored strings carry their
// parameters and a fresh salt; verification accepts the password only and rejects damaged strings.
#include "ledger/password_hash.h"

#include <catch2/catch.hpp>

#include "ledger/base64.h"

namespace {
std::string hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}
// Cheap parameters so the test stays fast; production uses the defaults.
constexpr ledger::ScryptParams kFast{1024, 8, 1};
}  // namespace

TEST_CASE("scrypt matches the RFC 7914 test vectors") {
  auto v2 = ledger::scrypt_raw("password", "NaCl", {1024, 8, 16}, 64);
  REQUIRE(v2);
  CHECK(hex(*v2) ==
        "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee"
        "6d8360cbdfa2cc0640");
  auto v3 = ledger::scrypt_raw("pleaseletmein", "SodiumChloride", {16384, 8, 1}, 64);
  REQUIRE(v3);
  CHECK(hex(*v3) ==
        "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e"
        "40dfcf017b45575887");
}

TEST_CASE("a stored hash names scrypt, its parameters and a fresh salt") {
  std::string a = ledger::hash_password("correct horse battery", kFast);
  std::string b = ledger::hash_password("correct horse battery", kFast);
  CHECK(a.rfind("scrypt$1024$8$1$", 0) == 0);
  CHECK(a != b);  // different salts
  CHECK(a.find("correct") == std::string::npos);
  std::string def = ledger::hash_password("correct horse battery");
  CHECK(def.rfind("scrypt$32768$8$1$", 0) == 0);
  CHECK(ledger::verify_password("correct horse battery", def));
}

TEST_CASE("verify accepts the password and nothing else") {
  std::string stored = ledger::hash_password("正确的密码 123", kFast);
  CHECK(ledger::verify_password("正确的密码 123", stored));
  CHECK_FALSE(ledger::verify_password("正确的密码 124", stored));
  CHECK_FALSE(ledger::verify_password("", stored));
  CHECK_FALSE(ledger::verify_password("正确的密码 123 ", stored));
}

TEST_CASE("damaged or hostile stored strings are rejected") {
  std::string stored = ledger::hash_password("a long password", kFast);
  CHECK_FALSE(ledger::verify_password("a long password", ""));
  CHECK_FALSE(ledger::verify_password("a long password", "plain:a long password"));
  CHECK_FALSE(ledger::verify_password("a long password", "bcrypt" + stored.substr(6)));
  CHECK_FALSE(ledger::verify_password("a long password", stored.substr(0, stored.size() - 4)));
  std::string tail = stored.substr(std::string("scrypt$1024$8$1$").size());
  // Parameters that would take gigabytes, or are not a power of two, are refused without deriving.
  CHECK_FALSE(ledger::verify_password("a long password", "scrypt$1073741824$8$1$" + tail));
  CHECK_FALSE(ledger::verify_password("a long password", "scrypt$1000$8$1$" + tail));
  CHECK_FALSE(ledger::verify_password("a long password", "scrypt$1024$8$99$" + tail));
  CHECK_FALSE(ledger::verify_password("a long password", "scrypt$1024$8$1$" + tail + "$extra"));
  CHECK_FALSE(ledger::scrypt_raw("x", "salt", {1000, 8, 1}, 32));
}
