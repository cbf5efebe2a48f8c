// Pages in a real browser: the demo server (--demo, with login accounts), an inspector who logs in,
// finds the apple harvest lot in the console and recalls it at level 1 through the console's form; then
// headless Chromium renders the consumer pages of the packed lot and of a parcel made from that harvest
// (the recall banner must come first, before the timeline) and the console's batch view with its
// genealogy graph. Screenshots (a phone, a laptop) are kept in tests/artifacts/.
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "api_calls.h"
#include "chromium.h"
#include "server_process.h"
#include "support/http_client.h"
#include "support/temp_dir.h"

using namespace e2e;

namespace {

const std::string kHarvestGtin = "06906123000016", kHarvestLot = "DN2026-1012-A";
const std::string kPackedGtin = "06906123000023", kPackedLot = "DN2026-1012-A5";
const std::string kParcel = "P0001";
const std::string kPassword = "browser-e2e-orchard-2026";  // ASCII: sent form-encoded as it is
const std::string kReason = "农药残留超标 pesticide residue above the limit";

std::filesystem::path artifacts_dir() {
  std::filesystem::path dir = std::filesystem::path(AGRITRACE_SOURCE_DIR) / "tests" / "artifacts";
  std::filesystem::create_directories(dir);
  return dir;
}

// The text from the first `open` at or after `from` to the matching close tag's end (no nesting of the
// same tag is expected), or empty.
std::string element(const std::string& html, const std::string& open, const std::string& close, size_t from = 0) {
  auto start = html.find(open, from);
  if (start == std::string::npos) return {};
  auto end = html.find(close, start);
  if (end == std::string::npos) return {};
  return html.substr(start, end + close.size() - start);
}

// Logs in through the form as a browser would and returns the session cookie ("agritrace_session=…").
std::string log_in(test::HttpClient& client, const std::string& username) {
  auto form = client.get("/login");
  REQUIRE(form.status == 200);
  std::string login_cookie = cookie_of(form, "agritrace_login");
  std::string token = form_token(form.body);
  REQUIRE(!login_cookie.empty());
  REQUIRE(!token.empty());
  auto r = client.post("/login", "username=" + username + "&password=" + form_encode(kPassword) + "&csrf=" + token,
                       {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", login_cookie}});
  INFO(r.body);
  REQUIRE(r.status == 303);
  std::string session = cookie_of(r, "agritrace_session");
  REQUIRE(!session.empty());
  return session;
}

// The consumer-page checks on a DOM Chromium rendered: the recall banner is the first thing in <main>
// and comes before the timeline.
void check_recall_banner(const std::string& dom, const std::string& what) {
  INFO(what << " rendered DOM:\n" << dom.substr(0, 4000));
  auto main_at = dom.find("<main");
  REQUIRE(main_at != std::string::npos);
  auto first_child = dom.find('<', dom.find('>', main_at) + 1);
  std::string banner = element(dom, "<section", "</section>", first_child);
  CHECK(dom.find("<section", main_at) == first_child);  // nothing comes before the banner in <main>
  CHECK(banner.find("role=\"alert\"") != std::string::npos);
  CHECK(banner.find("召回") != std::string::npos);
  CHECK(banner.find("12315") != std::string::npos);  // what to do: the consumer hotline
  auto timeline = dom.find("流转记录");
  REQUIRE(timeline != std::string::npos);
  CHECK(first_child < timeline);
}

void check_png(const std::filesystem::path& png, uint32_t width, uint32_t height) {
  auto info = png_info(png.string());
  INFO("screenshot " << png.string() << ": " << info.bytes << " bytes, " << info.width << "x" << info.height);
  CHECK(info.valid);
  CHECK(info.width == width);
  CHECK(info.height == height);
  CHECK(info.bytes > 8000);  // a blank page compresses to well under 2 KB at these sizes
  std::cout << "artifact: " << png.string() << "\n";
}

}  // namespace

TEST_CASE("a recall shows on the consumer pages and in the console genealogy in headless Chromium", "[e2e][browser]") {
  if (!Chromium::installed())
    FAIL(std::string(kChromiumBinary) +
         " is not installed: run tools/deps, which installs the Debian package chromium");
  test::TempDir dir;
  auto options = options_for(dir, fresh_admin_token(), true);
  options.env = {{"AGRITRACE_DEMO_PASSWORD", kPassword}};
  ServerProcess server(options);
  test::HttpClient client(server.host(), server.port());
  INFO(server.stdout_text());
  REQUIRE(server.stdout_text().find("demo login inspector") != std::string::npos);
  std::string base = "http://" + server.host() + ":" + std::to_string(server.port());
  auto artifacts = artifacts_dir();
  Chromium browser(dir.path().string());

  // The inspector logs in and finds the harvest lot through the console's search.
  std::string session = log_in(client, "inspector");
  auto api = client.get("/api/v1/batches?gtin=" + kHarvestGtin + "&lot=" + kHarvestLot);
  REQUIRE(api.status == 200);
  auto items = json_of(api)["items"];
  REQUIRE(items.size() == 1);
  std::string harvest = items[0]["id"];
  auto search = client.get("/console?lot=" + kHarvestLot, {{"Cookie", session}});
  REQUIRE(search.status == 200);
  CHECK(search.body.find("href=\"/console/batches/" + harvest + "\"") != std::string::npos);

  // Before the recall the parcel's page has no banner.
  std::string parcel_url = base + "/01/" + kPackedGtin + "/10/" + kPackedLot + "/21/" + kParcel;
  std::string packed_url = base + "/01/" + kPackedGtin + "/10/" + kPackedLot;
  CHECK(browser.dump_dom(parcel_url).find("role=\"alert\"") == std::string::npos);

  // The recall, level 1, through the batch view's form.
  std::string view_path = "/console/batches/" + harvest;
  auto view = client.get(view_path, {{"Cookie", session}});
  REQUIRE(view.status == 200);
  std::string csrf = form_token(view.body);
  REQUIRE(!csrf.empty());
  auto recall =
      client.post(view_path + "/control", "action=recall&level=1&reason=" + form_encode(kReason) + "&csrf=" + csrf,
                  {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", session}});
  INFO(recall.body);
  REQUIRE(recall.status == 303);
  CHECK(recall.header("location") == view_path);

  SECTION("the consumer pages downstream of the harvest open with the recall banner on a phone") {
    check_recall_banner(browser.dump_dom(packed_url), "packed lot page");
    std::string parcel_dom = browser.dump_dom(parcel_url);
    check_recall_banner(parcel_dom, "parcel page");
    CHECK(parcel_dom.find("农药残留超标") != std::string::npos);  // the reason, in plain words

    auto png = artifacts / "recall-banner-phone.png";
    browser.screenshot(parcel_url, png.string(), 390, 844);
    check_png(png, 390, 844);
  }

  SECTION("the console batch view draws the genealogy with the recalled lot and its parcels on a laptop") {
    // The console needs the session cookie, which Chromium's command line cannot carry: the page is
    // fetched with it and the saved copy rendered. It is self-contained (inline CSS and SVG, no
    // scripts, nothing external), so the copy renders as the page itself does.
    auto page = client.get(view_path, {{"Cookie", session}});
    REQUIRE(page.status == 200);
    auto html = artifacts / "console-genealogy.html";
    std::ofstream(html, std::ios::binary | std::ios::trunc) << page.body;
    std::string url = "file://" + html.string();
    std::string dom = browser.dump_dom(url);
    INFO("console DOM:\n" << dom.substr(0, 6000));

    std::string svg = element(dom, "<svg", "</svg>", dom.find("genealogy"));
    REQUIRE(!svg.empty());
    CHECK(svg.find("class=\"genealogy\"") != std::string::npos);
    CHECK(svg.find(kHarvestLot + "<") != std::string::npos);  // the recalled lot itself
    CHECK(svg.find(kPackedLot) != std::string::npos);         // the lot packed from it
    CHECK(svg.find(kParcel) != std::string::npos);            // and a parcel shipped from that
    CHECK(svg.find("/21/" + kParcel) != std::string::npos);   // linked to the parcel's page
    CHECK(dom.find("已召回") != std::string::npos);           // the recall status
    CHECK(dom.find("1 级") != std::string::npos);
    CHECK(dom.find("农药残留超标") != std::string::npos);

    auto png = artifacts / "console-genealogy-laptop.png";
    browser.screenshot(url, png.string(), 1280, 900);
    check_png(png, 1280, 900);
  }
}
