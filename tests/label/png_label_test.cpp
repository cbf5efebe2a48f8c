#include "label/png_label.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

const std::string kUrl = "https://trace.example.cn/01/06901234567892/10/DN2026-0915-A";

struct Dimensions { unsigned width, height; };

// The IHDR chunk follows the 8-byte signature: length, "IHDR", then big-endian width and height.
Dimensions png_dimensions(const std::string& png) {
  REQUIRE(png.size() > 24);
  REQUIRE(png.substr(12, 4) == "IHDR");
  auto be32 = [&](std::size_t at) {
    unsigned v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

// Writes the PNG to a fresh temp file and returns what zbarimg reads from it, trailing newline gone.
std::string scan(const std::string& png) {
  std::string path = (std::filesystem::temp_directory_path() / "agritrace-label-XXXXXX").string();
  int fd = mkstemp(path.data());
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, png.data(), png.size()) == static_cast<ssize_t>(png.size()));
  close(fd);
  std::string out;
  FILE* pipe = popen(("zbarimg --raw -q '" + path + "' 2>/dev/null").c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 512> buf;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  pclose(pipe);
  std::filesystem::remove(path);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string render(const std::string& url, const label::LabelText& text, const char* size) {
  auto code = label::QrCode::encode(url);
  REQUIRE(code.ok());
  auto parsed = label::LabelSize::parse(size);
  REQUIRE(parsed.ok());
  auto png = label::render_png(*code, text, *parsed);
  REQUIRE(png.ok());
  return *png;
}

}  // namespace

TEST_CASE("PNG labels scan back to exactly the encoded URL") {
  const char* urls[] = {
      "https://trace.example.cn/01/06901234567892/10/DN2026-0915-A",
      "https://trace.example.cn/01/06901234567892/10/A%2FB",
      "https://trace.example.cn/01/06901234567892/10/DN2026%2F0915%25X/21/SN000123",
      "https://trace.example.cn/01/00614141123452/10/ABCDEFGHIJ0123456789/21/ABCDEFGHIJ0123456789",
  };
  for (const char* url : urls) {
    for (const char* size : {"400", "50mm", "120px"}) {
      INFO(url << " at " << size);
      std::string png = render(url, {"大宁宁脆苹果 5kg 礼盒", "批号 Lot: DN2026-0915-A", url + 8}, size);
      CHECK(scan(png) == url);
    }
  }
}

TEST_CASE("a PNG label is a PNG as wide as asked and taller than wide") {
  std::string png = render(kUrl, {"大宁宁脆苹果 5kg 礼盒", "批号 Lot: DN2026-0915-A", "trace.example.cn/x"}, "50mm");
  CHECK(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  auto dims = png_dimensions(png);
  CHECK(dims.width == 591);
  CHECK(dims.height > dims.width);
  CHECK(dims.height < dims.width * 3 / 2);
  CHECK(png_dimensions(render(kUrl, {"t", "l", "u"}, "400")).width == 400);
}

TEST_CASE("a long title wraps onto a second line, making the label taller") {
  std::string short_title = render(kUrl, {"大宁苹果", "Lot: A", "u"}, "400");
  std::string long_title = render(kUrl, {"山西省临汾市大宁县宁脆苹果特级精选 5kg 家庭装礼盒", "Lot: A", "u"}, "400");
  CHECK(png_dimensions(long_title).height > png_dimensions(short_title).height);
  CHECK(png_dimensions(long_title).width == png_dimensions(short_title).width);
  CHECK(scan(long_title) == kUrl);
}

TEST_CASE("the label font for Chinese text is installed") {
  // render_png asks fontconfig for this family; without it Chinese titles print as empty boxes.
  FILE* pipe = popen("fc-match -f '%{family}' 'WenQuanYi Micro Hei'", "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 256> buf{};
  std::string family(buf.data(), fread(buf.data(), 1, buf.size() - 1, pipe));
  pclose(pipe);
  CHECK(family.find("WenQuanYi Micro Hei") != std::string::npos);
}

TEST_CASE("a PNG too small for two pixels per module is refused") {
  // 400 bytes at level M need version 12: 65 modules, 73 with the quiet zone.
  auto code = label::QrCode::encode(std::string(400, 'a'));
  REQUIRE(code.ok());
  const int needed = (code->size() + 2 * label::QrCode::kQuietZone) * label::kMinModulePixels;
  REQUIRE(needed > 120);

  auto too_small = label::render_png(*code, {}, *label::LabelSize::parse(std::to_string(needed - 1)));
  REQUIRE_FALSE(too_small.ok());
  CHECK(too_small.error().code == domain::Errc::unprocessable);
  CHECK(too_small.error().field == "/size");
  CHECK(too_small.error().message.find(std::to_string(needed)) != std::string::npos);

  auto just_enough = label::render_png(*code, {}, *label::LabelSize::parse(std::to_string(needed)));
  REQUIRE(just_enough.ok());
  CHECK(scan(*just_enough) == std::string(400, 'a'));
}
