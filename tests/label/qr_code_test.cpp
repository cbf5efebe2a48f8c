#include "label/qr_code.h"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

namespace {

const std::string kUrl = "https://trace.example.cn/01/06901234567892/10/DN2026-0915-A";  // 59 bytes

std::vector<bool> matrix(const label::QrCode& code) {
  std::vector<bool> out;
  for (int y = 0; y < code.size(); ++y)
    for (int x = 0; x < code.size(); ++x) out.push_back(code.dark(x, y));
  return out;
}

// A finder pattern: dark 7x7 ring, light ring, dark 3x3 centre, with a light separator outside.
bool finder_at(const label::QrCode& code, int left, int top) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      int ring = std::min(std::min(x, y), std::min(6 - x, 6 - y));
      bool want_dark = ring != 1;
      if (code.dark(left + x, top + y) != want_dark) return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("a Digital Link URL gets the version the QR capacity tables give for 59 bytes") {
  REQUIRE(kUrl.size() == 59);
  // ISO/IEC 18004 byte-mode capacities: v4-L 78, v4-M 62, v5-Q 60, v6-H 58 < 59 <= v7-H 64.
  struct Case { char level; int version; };
  for (Case c : {Case{'L', 4}, Case{'M', 4}, Case{'Q', 5}, Case{'H', 7}}) {
    auto code = label::QrCode::encode(kUrl, c.level);
    REQUIRE(code.ok());
    CHECK(code->level() == c.level);
    CHECK(code->version() == c.version);
    CHECK(code->size() == 17 + 4 * c.version);
  }
  auto m = label::QrCode::encode(kUrl);
  REQUIRE(m.ok());
  CHECK(m->level() == 'M');
  CHECK(m->size() == 33);
}

TEST_CASE("the matrix has finder patterns in three corners and timing patterns between them") {
  auto code = label::QrCode::encode(kUrl);
  REQUIRE(code.ok());
  const int n = code->size();
  CHECK(finder_at(*code, 0, 0));
  CHECK(finder_at(*code, n - 7, 0));
  CHECK(finder_at(*code, 0, n - 7));
  CHECK_FALSE(finder_at(*code, n - 7, n - 7));
  for (int i = 0; i < 8; ++i) {
    CHECK_FALSE(code->dark(7, i));          // separators
    CHECK_FALSE(code->dark(n - 8, i));
    CHECK_FALSE(code->dark(i, n - 8));
  }
  for (int i = 8; i < n - 8; ++i) {
    CHECK(code->dark(i, 6) == (i % 2 == 0));
    CHECK(code->dark(6, i) == (i % 2 == 0));
  }
}

TEST_CASE("different data gives a different matrix, the same data the same one") {
  auto a = label::QrCode::encode(kUrl);
  auto b = label::QrCode::encode("https://trace.example.cn/01/06901234567892/10/DN2026-0915-B");
  auto again = label::QrCode::encode(kUrl);
  REQUIRE((a.ok() && b.ok() && again.ok()));
  REQUIRE(a->size() == b->size());
  CHECK(matrix(*a) != matrix(*b));
  CHECK(matrix(*a) == matrix(*again));
}

TEST_CASE("error correction levels parse case-insensitively, anything else is refused") {
  auto lower = label::QrCode::encode(kUrl, 'h');
  REQUIRE(lower.ok());
  CHECK(lower->level() == 'H');
  CHECK(matrix(*lower) == matrix(*label::QrCode::encode(kUrl, 'H')));
  for (char bad : {'X', 'n', '0', '\0', ' '}) {
    auto code = label::QrCode::encode(kUrl, bad);
    REQUIRE_FALSE(code.ok());
    CHECK(code.error().code == domain::Errc::invalid_input);
    CHECK(code.error().field == "/level");
  }
}

TEST_CASE("empty data is invalid and data beyond version 40 is unprocessable") {
  auto empty = label::QrCode::encode("");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().code == domain::Errc::invalid_input);

  // Version 40 holds 2331 bytes at level M and 2953 at level L.
  auto full = label::QrCode::encode(std::string(2331, 'a'), 'M');
  REQUIRE(full.ok());
  CHECK(full->version() == 40);
  CHECK(full->size() == 177);
  auto over = label::QrCode::encode(std::string(2332, 'a'), 'M');
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().code == domain::Errc::unprocessable);
  CHECK(label::QrCode::encode(std::string(2953, 'a'), 'L').ok());
  auto way_over = label::QrCode::encode(std::string(2954, 'a'), 'L');
  REQUIRE_FALSE(way_over.ok());
  CHECK(way_over.error().code == domain::Errc::unprocessable);
}

TEST_CASE("bytes after a NUL are encoded, not dropped") {
  auto with_nul = label::QrCode::encode(std::string("ab\0cd", 5));
  auto cut = label::QrCode::encode("ab");
  REQUIRE((with_nul.ok() && cut.ok()));
  CHECK(matrix(*with_nul) != matrix(*cut));
}

TEST_CASE("concurrent encodes give the same matrices as sequential ones") {
  std::vector<std::string> inputs;
  for (int i = 0; i < 40; ++i)
    inputs.push_back("https://trace.example.cn/01/06901234567892/10/LOT" + std::to_string(i));
  std::vector<std::vector<bool>> expected;
  for (const auto& in : inputs) expected.push_back(matrix(*label::QrCode::encode(in, 'Q')));

  std::vector<std::vector<std::vector<bool>>> got(4, std::vector<std::vector<bool>>(inputs.size()));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round)
        for (std::size_t i = 0; i < inputs.size(); ++i) got[t][i] = matrix(*label::QrCode::encode(inputs[i], 'Q'));
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) CHECK(got[t] == expected);
}
