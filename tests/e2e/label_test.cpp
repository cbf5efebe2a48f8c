// Scenario 3: the PNG labels, decoded by a real QR reader (zbarimg), carry exactly the batch's
// Digital Link on the public URL.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "api_calls.h"
#include "demo_server.h"

using namespace e2e;

namespace {

// What zbarimg reads from the image: the raw payload, without its trailing newline. Empty if
// nothing was found (zbarimg then exits non-zero and prints nothing with -q). stderr is dropped:
// zbar's D-Bus chatter there is not part of the payload.
std::string decode_qr(const std::string& png_path) {
  std::string command = "zbarimg --raw -q '" + png_path + "' 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run zbarimg");
  std::string out;
  char buf[512];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  ::pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string save(const test::TempDir& dir, const std::string& name, const std::string& bytes) {
  std::string path = dir.file(name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace

TEST_CASE("PNG labels of the demo batches decode to their Digital Links exactly", "[e2e][label]") {
  DemoServer demo;
  int n = 0;
  for (const auto& page : demo.chains().pages()) {
    auto batch = demo.batch(page.gtin, page.lot);
    std::string expected = batch["digital_link"];
    REQUIRE(expected == std::string(kPublicUrl) + "/01/" + page.gtin + "/10/" + page.lot);
    std::string id = batch["id"];
    for (std::string query : {"", "?size=50mm"}) {
      INFO("batch " << page.lot << " label" << query);
      auto r = demo.client().get("/api/v1/batches/" + id + "/label.png" + query);
      REQUIRE(r.status == 200);
      CHECK(r.header("content-type") == "image/png");
      REQUIRE(r.body.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
      std::string file = save(demo.dir(), "label-" + std::to_string(++n) + ".png", r.body);
      CHECK(decode_qr(file) == expected);
    }
  }
}

TEST_CASE("label sizes the server cannot print are refused with 400 naming ?size", "[e2e][label]") {
  DemoServer demo;
  auto page = demo.chains().pages().at(0);
  std::string id = demo.batch(page.gtin, page.lot)["id"];
  for (std::string size : {"huge", "5mm", "-1", "100000"}) {
    INFO("size=" << size);
    auto r = demo.client().get("/api/v1/batches/" + id + "/label.png?size=" + size);
    CHECK(r.status == 400);
    CHECK(json_of(r)["field"] == "?size");
  }
  auto missing = demo.client().get("/api/v1/batches/bat_does_not_exist/label.png");
  CHECK(missing.status == 404);
}
