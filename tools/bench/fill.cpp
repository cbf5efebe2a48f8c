// agritrace-bench-fill: builds the consumer-page benchmark's database in-process through the real
// write path (Router → handlers → Ledger), so the rows, leaves and pages are what a server that had
// received these requests would hold. Fsync is off (Ledger durable=false): bulk load only.
// Writes PATH.lots ("gtin lot" per line) for wrk's random page selection.
//
//   agritrace-bench-fill --db PATH --batches N --admin-token T
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ledger/digest.h"
#include "ledger/ledger.h"
#include "web/app.h"
#include "web/router.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string db;
  long batches = 100000;
  std::string admin_token;
};

// Posts one request as the holder of `token`; any status but 201 aborts the fill with the body.
class Poster {
 public:
  explicit Poster(web::Router& router) : router_(router) {}

  json post(const std::string& path, const std::string& token, const json& body) {
    http::Request request{"POST", path, {{"authorization", "Bearer " + token}, {"content-type", "application/json"}},
                          body.dump(), "127.0.0.1"};
    http::Response response = router_.handle(request);
    if (response.status != 201)
      throw std::runtime_error("POST " + path + " → " + std::to_string(response.status) + ": " + response.body +
                               "\nbody: " + request.body);
    ++posts_;
    return json::parse(response.body);
  }
  long posts() const { return posts_; }

 private:
  web::Router& router_;
  long posts_ = 0;
};

// GS1 mod-10 check digit over the first 13 digits of a GTIN-14.
std::string gtin14(const std::string& first13) {
  int sum = 0;
  for (size_t i = 0; i < 13; ++i) sum += (first13[i] - '0') * ((i % 2 == 0) ? 3 : 1);
  return first13 + std::to_string((10 - sum % 10) % 10);
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// Day `d` (0-based) of a 2026 harvest season starting 1 August, as "2026-MM-DD"; wraps after 90 days.
std::string season_day(long d) {
  static constexpr int kDays[] = {31, 30, 31};  // August, September, October
  int day = static_cast<int>(d % 90), month = 0;
  while (day >= kDays[month]) day -= kDays[month++];
  return "2026-" + two(8 + month) + "-" + two(day + 1);
}

struct Coop {
  std::string token, orchard, cold_store, gtin;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc) return false;
    std::string v = argv[++i];
    if (arg == "--db") o.db = v;
    else if (arg == "--batches") o.batches = std::stol(v);
    else if (arg == "--admin-token") o.admin_token = v;
    else return false;
  }
  return !o.db.empty() && !o.admin_token.empty() && o.batches > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse(argc, argv, opt)) {
    std::cerr << "usage: agritrace-bench-fill --db PATH --batches N --admin-token T\n";
    return 2;
  }
  try {
    // Filling on top of older data would make the lot list lie about what the database holds.
    if (std::filesystem::exists(opt.db)) throw std::runtime_error(opt.db + " exists; remove it first");
    if (auto dir = std::filesystem::path(opt.db).parent_path(); !dir.empty()) std::filesystem::create_directories(dir);
    ledger::Ledger ledger(opt.db, /*durable=*/false);
    web::AppConfig config;
    config.admin_token_hash = ledger::sha256_hex(opt.admin_token);
    web::App app(config, ledger);
    web::Router router(app);
    Poster p(router);

    // Four cooperatives with their own orchards, cold stores and apple GTINs; two shops receive.
    const char* counties[] = {"大宁县", "吉县", "隰县", "临猗县"};
    std::vector<Coop> coops;
    for (int c = 0; c < 4; ++c) {
      Coop coop;
      coop.token = p.post("/api/v1/parties", opt.admin_token,
                          {{"name", std::string(counties[c]) + "苹果专业合作社"}, {"kind", "cooperative"},
                           {"county", counties[c]}, {"contact", "0359-77220" + two(c)}})["token"];
      coop.orchard = p.post("/api/v1/sites", coop.token,
                            {{"name", std::string(counties[c]) + "果园"}, {"kind", "orchard"},
                             {"address", std::string("山西省") + counties[c]}})["id"];
      coop.cold_store = p.post("/api/v1/sites", coop.token,
                               {{"name", std::string(counties[c]) + "果品冷库"}, {"kind", "cold_store"},
                                {"address", std::string(counties[c]) + "工业园区"}})["id"];
      coop.gtin = gtin14("069061231000" + std::to_string(c));
      p.post("/api/v1/products", coop.token,
             {{"gtin", coop.gtin}, {"name", std::string(counties[c]) + "苹果（散装）"},
              {"name_en", "Shanxi apples (bulk)"}, {"category", "apple"}, {"spec", "散装"}, {"unit", "kg"},
              {"storage", {{"temperature_min", "-1"}, {"temperature_max", "1"},
                           {"humidity_min", "90"}, {"humidity_max", "95"}}}});
      coops.push_back(coop);
    }
    std::vector<std::pair<std::string, std::string>> shops;  // (party id, token)
    std::vector<std::string> shop_sites;
    for (int s = 0; s < 2; ++s) {
      json shop = p.post("/api/v1/parties", opt.admin_token,
                         {{"name", "果品优选网店 " + std::to_string(s + 1)}, {"kind", "shop"},
                          {"county", "太原市"}, {"contact", "0351-44556" + two(s)}});
      shops.emplace_back(shop["id"], shop["token"]);
      shop_sites.push_back(p.post("/api/v1/sites", shop["token"],
                                  {{"name", "发货仓 " + std::to_string(s + 1)}, {"kind", "warehouse"},
                                   {"address", "太原市小店区"}})["id"]);
    }

    std::ofstream lots(opt.db + ".lots.tmp");
    auto start = Clock::now(), last = start;
    long last_posts = p.posts();
    for (long i = 1; i <= opt.batches; ++i) {
      const Coop& coop = coops[i % coops.size()];
      size_t shop = i % shops.size();
      char lot[24], waybill[24];
      std::snprintf(lot, sizeof lot, "BN%06ld", i);
      std::snprintf(waybill, sizeof waybill, "LL%06ld", i);
      std::string day = season_day(i / 1200), next = season_day(i / 1200 + 1);
      std::string batch = p.post("/api/v1/batches", coop.token,
                                 {{"gtin", coop.gtin}, {"lot", lot}, {"quantity", "3000"}, {"unit", "kg"},
                                  {"site", coop.orchard}, {"produced_at", day + "T09:00:00+08:00"},
                                  {"attributes", {{"variety", "红富士"}, {"harvest_method", "人工采摘"}}}})["id"];
      p.post("/api/v1/events", coop.token,
             {{"kind", "inspect"}, {"batch", batch}, {"site", coop.orchard}, {"at", day + "T15:20:00+08:00"},
              {"result", "pass"}, {"method", "农药残留快速检测 GB/T 5009.199 酶抑制率法"}, {"tester", "合作社质检员"},
              {"items", {{{"name", "有机磷和氨基甲酸酯类农药 抑制率"}, {"value", std::to_string(5 + i % 30) + ".5"},
                          {"unit", "%"}, {"limit", "<50"}, {"pass", true}}}}});
      p.post("/api/v1/events", coop.token,
             {{"kind", "store"}, {"batch", batch}, {"site", coop.cold_store}, {"at", day + "T18:00:00+08:00"},
              {"conditions", "冷藏 -1~1 °C，相对湿度 90–95 %"}});
      p.post("/api/v1/events", coop.token,
             {{"kind", "sensor"}, {"batch", batch}, {"site", coop.cold_store}, {"at", next + "T08:00:00+08:00"},
              {"device", "冷库温湿度记录仪 T-0" + std::to_string(i % 9 + 1)},
              {"readings", {{{"at", day + "T20:00:00+08:00"}, {"temperature", "0.2"}, {"humidity", "92"}},
                            {{"at", next + "T02:00:00+08:00"}, {"temperature", i % 50 ? "0.4" : "1.6"}, {"humidity", "93"}},
                            {{"at", next + "T07:00:00+08:00"}, {"temperature", "-0.3"}, {"humidity", "91"}}}}});
      p.post("/api/v1/events", coop.token,
             {{"kind", "pack"}, {"batch", batch}, {"site", coop.cold_store}, {"at", next + "T09:00:00+08:00"},
              {"packaging", "10kg 纸箱"}, {"units", 200}});
      std::string ship = p.post("/api/v1/events", coop.token,
                                {{"kind", "ship"}, {"batch", batch}, {"site", coop.cold_store},
                                 {"at", next + "T10:30:00+08:00"}, {"quantity", "2000"}, {"unit", "kg"},
                                 {"to", shops[shop].first}, {"carrier", "冷链物流"},
                                 {"waybill", waybill}})["id"];
      p.post("/api/v1/events", shops[shop].second,
             {{"kind", "receive"}, {"shipment", ship}, {"site", shop_sites[shop]}, {"at", next + "T16:00:00+08:00"}});
      lots << coop.gtin << ' ' << lot << '\n';

      if (i % 5000 == 0 || i == opt.batches) {
        auto now = Clock::now();
        double total = std::chrono::duration<double>(now - start).count();
        double step = std::chrono::duration<double>(now - last).count();
        std::cerr << "fill: " << i << "/" << opt.batches << " batches, " << p.posts() << " records, "
                  << static_cast<long>((p.posts() - last_posts) / step) << " records/s now, " << total << " s total ("
                  << static_cast<double>(std::clock()) / CLOCKS_PER_SEC << " s CPU)"
                  << std::endl;
        last = now;
        last_posts = p.posts();
      }
    }
    lots.close();
    // The list appears only once the fill is complete, so a crashed fill is never taken for a good one.
    std::filesystem::rename(opt.db + ".lots.tmp", opt.db + ".lots");
    std::cout << "fill: " << opt.batches << " batches, " << ledger.size() << " records in "
              << std::chrono::duration<double>(Clock::now() - start).count() << " s → " << opt.db << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "agritrace-bench-fill: " << e.what() << "\n";
    return 1;
  }
}
