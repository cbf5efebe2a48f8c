// agritrace-bench-logfill: builds the proof benchmark's database — a log of exactly N real leaves —
// in minutes rather than the ~6 min per million that posting through the Router costs (one ledger
// transaction per record). Parties, sites and products are posted through the Router; then harvest
// chains (batch, inspect, store, sensor, pack, ship, receive: 7 records) are appended with the same
// record code the handlers use (web::add_batch, web::apply_event) but many chains per
// Ledger::append, so the rows, leaves, tree nodes and checkpoints are those a server holds.
// Fsync is off (LedgerOptions::durable = false): bulk load only.
// Writes PATH.ids (one record id per line, in log order) only once the fill has completed.
//
//   agritrace-bench-logfill --db PATH --leaves N [--per-append K]
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/timestamp.h"
#include "ledger/digest.h"
#include "ledger/ledger.h"
#include "ledger/log_key.h"
#include "web/app.h"
#include "web/batch_records.h"
#include "web/event_rules.h"
#include "web/ids.h"
#include "web/router.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
constexpr int kChain = 7;  // leaves per harvest chain

struct Options {
  std::string db;
  int64_t leaves = 1000000;
  int64_t per_append = 10000;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc) return false;
    std::string v = argv[++i];
    if (v.empty() || (arg != "--db" && v.find_first_not_of("0123456789") != std::string::npos)) return false;
    if (arg == "--db")
      o.db = v;
    else if (arg == "--leaves")
      o.leaves = std::stoll(v);
    else if (arg == "--per-append")
      o.per_append = std::stoll(v);
    else
      return false;
  }
  return !o.db.empty() && o.leaves > 0 && o.per_append >= kChain;
}

// Posts one request as the holder of `token`; any status but 201 aborts the fill with the body.
json post(web::Router& router, const std::string& path, const std::string& token, const json& body) {
  http::Request request{"POST",
                        path,
                        {{"authorization", "Bearer " + token}, {"content-type", "application/json"}},
                        body.dump(),
                        "127.0.0.1"};
  http::Response response = router.handle(request);
  if (response.status != 201)
    throw std::runtime_error("POST " + path + " → " + std::to_string(response.status) + ": " + response.body);
  return json::parse(response.body);
}

std::string gtin14(const std::string& first13) {  // GS1 mod-10 check digit
  int sum = 0;
  for (size_t i = 0; i < 13; ++i) sum += (first13[i] - '0') * ((i % 2 == 0) ? 3 : 1);
  return first13 + std::to_string((10 - sum % 10) % 10);
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// Day `d` of a harvest season starting 1 August 2026, as "2026-MM-DD"; wraps after 90 days.
std::string season_day(int64_t d) {
  static constexpr int kDays[] = {31, 30, 31};
  int day = static_cast<int>(d % 90), month = 0;
  while (day >= kDays[month]) day -= kDays[month++];
  return "2026-" + two(8 + month) + "-" + two(day + 1);
}

domain::Timestamp ts(const std::string& text) { return *domain::Timestamp::parse(text, "/at"); }

struct Coop {
  std::string token, id, orchard_id, cold_id, gtin;  // ids as the API answered
  store::PartyRow party;
  store::SiteRow orchard, cold;
};
struct Shop {
  std::string token, id, site_id;
  store::PartyRow party;
  store::SiteRow site;
};

// The base of an event record as POST /api/v1/events builds it (web/event_routes.cpp) before the
// kind's rules fill the rest.
json event_record(const std::string& id, const std::string& kind, const std::string& party, const std::string& site,
                  const domain::Timestamp& at) {
  json record = {{"type", "event"}, {"id", id}, {"kind", kind}, {"party", party}, {"site", site}, {"at", at.str()}};
  static const std::map<std::string, std::pair<const char*, const char*>> kVocabulary = {
      {"inspect", {"inspecting", nullptr}},      {"store", {"storing", "sellable_not_accessible"}},
      {"sensor", {"sensor_reporting", nullptr}}, {"pack", {"packing", nullptr}},
      {"ship", {"shipping", "in_transit"}},      {"receive", {"receiving", "in_progress"}}};
  const auto& [biz_step, disposition] = kVocabulary.at(kind);
  record["biz_step"] = biz_step;
  if (disposition) record["disposition"] = disposition;
  return record;
}

domain::Status add_event(ledger::Ledger::Txn& t, const json& body, const store::PartyRow& party,
                         const store::SiteRow& site, std::string& id) {
  id = web::new_id("evt");
  auto at = ts(body["at"]);
  json record = event_record(id, body["kind"], party.id, site.id, at);
  web::EventRequest request{body, party, site, at, id, nullptr};
  return web::apply_event(t, request, record);
}

// Appends up to `max_leaves` records of harvest chain `i` (fewer only for the log's last chain).
domain::Status add_chain(ledger::Ledger::Txn& t, int64_t i, int max_leaves, const Coop& coop, const Shop& shop) {
  char lot[24], waybill[24];
  std::snprintf(lot, sizeof lot, "BN%07lld", static_cast<long long>(i));
  std::snprintf(waybill, sizeof waybill, "LL%07lld", static_cast<long long>(i));
  std::string day = season_day(i / 1600), next = season_day(i / 1600 + 1);
  web::NewBatch nb{*domain::Gtin::parse(coop.gtin, "/gtin"),
                   *domain::Lot::parse(lot, "/lot"),
                   *domain::Quantity::parse("3000", "/quantity"),
                   "kg",
                   {{"variety", "红富士"}, {"harvest_method", "人工采摘"}},
                   ""};
  auto batch =
      web::add_batch(t, nb, web::Origin{coop.party, coop.orchard, ts(day + "T09:00:00+08:00"), "", json::array()});
  if (!batch) return batch.error();
  std::string b = (*batch)["id"];
  struct Step {
    json body;
    const store::PartyRow& party;
    const store::SiteRow& site;
  };
  std::vector<Step> steps = {
      {{{"kind", "inspect"},
        {"batch", b},
        {"site", coop.orchard.id},
        {"at", day + "T15:20:00+08:00"},
        {"result", "pass"},
        {"method", "农药残留快速检测 GB/T 5009.199 酶抑制率法"},
        {"tester", "合作社质检员"},
        {"items",
         {{{"name", "有机磷和氨基甲酸酯类农药 抑制率"},
           {"value", std::to_string(5 + i % 30) + ".5"},
           {"unit", "%"},
           {"limit", "<50"},
           {"pass", true}}}}},
       coop.party,
       coop.orchard},
      {{{"kind", "store"},
        {"batch", b},
        {"site", coop.cold.id},
        {"at", day + "T18:00:00+08:00"},
        {"conditions", "冷藏 -1~1 °C，相对湿度 90–95 %"}},
       coop.party,
       coop.cold},
      {{{"kind", "sensor"},
        {"batch", b},
        {"site", coop.cold.id},
        {"at", next + "T08:00:00+08:00"},
        {"device", "冷库温湿度记录仪 T-0" + std::to_string(i % 9 + 1)},
        {"readings",
         {{{"at", day + "T20:00:00+08:00"}, {"temperature", "0.2"}, {"humidity", "92"}},
          {{"at", next + "T02:00:00+08:00"}, {"temperature", i % 50 ? "0.4" : "1.6"}, {"humidity", "93"}},
          {{"at", next + "T07:00:00+08:00"}, {"temperature", "-0.3"}, {"humidity", "91"}}}}},
       coop.party,
       coop.cold},
      {{{"kind", "pack"},
        {"batch", b},
        {"site", coop.cold.id},
        {"at", next + "T09:00:00+08:00"},
        {"packaging", "10kg 纸箱"},
        {"units", 200}},
       coop.party,
       coop.cold},
      {{{"kind", "ship"},
        {"batch", b},
        {"site", coop.cold.id},
        {"at", next + "T10:30:00+08:00"},
        {"quantity", "2000"},
        {"unit", "kg"},
        {"to", shop.party.id},
        {"carrier", "冷链物流"},
        {"waybill", waybill}},
       coop.party,
       coop.cold},
      {{{"kind", "receive"}, {"site", shop.site.id}, {"at", next + "T16:00:00+08:00"}}, shop.party, shop.site},
  };
  std::string ship_id;
  for (int s = 0; s < static_cast<int>(steps.size()) && s + 2 <= max_leaves; ++s) {  // the batch is leaf 1
    Step& step = steps[s];
    if (step.body["kind"] == "receive") step.body["shipment"] = ship_id;
    std::string id;
    if (auto status = add_event(t, step.body, step.party, step.site, id); !status) return status;
    if (step.body["kind"] == "ship") ship_id = id;
  }
  return domain::Ok{};
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse(argc, argv, opt)) {
    std::cerr << "usage: agritrace-bench-logfill --db PATH --leaves N [--per-append K (>= 7)]\n";
    return 2;
  }
  try {
    // Filling on top of older data would make the id list lie about what the database holds.
    if (std::filesystem::exists(opt.db)) throw std::runtime_error(opt.db + " exists; remove it first");
    if (auto dir = std::filesystem::path(opt.db).parent_path(); !dir.empty()) std::filesystem::create_directories(dir);
    ledger::LedgerOptions log_options;
    log_options.durable = false;
    log_options.origin = ledger::origin_for("http://127.0.0.1");  // what the benchmark's server signs as
    ledger::Ledger ledger(opt.db, log_options);
    std::string admin_token = "adm_logfill_" + ledger::random_hex(8);
    web::AppConfig config;
    config.admin_token_hash = ledger::sha256_hex(admin_token);
    web::App app(config, ledger);
    web::Router router(app);
    std::vector<std::string> ids;
    ids.reserve(static_cast<size_t>(opt.leaves));

    // Four cooperatives with an orchard, a cold store and an apple GTIN each; two shops receive.
    const char* counties[] = {"大宁县", "吉县", "隰县", "临猗县"};
    std::vector<Coop> coops(4);
    for (int c = 0; c < 4; ++c) {
      Coop& coop = coops[c];
      json party = post(router, "/api/v1/parties", admin_token,
                        {{"name", std::string(counties[c]) + "苹果专业合作社"},
                         {"kind", "cooperative"},
                         {"county", counties[c]},
                         {"contact", "0359-77220" + two(c)}});
      coop.token = party["token"];
      coop.id = party["id"];
      coop.orchard_id = post(router, "/api/v1/sites", coop.token,
                             {{"name", std::string(counties[c]) + "果园"},
                              {"kind", "orchard"},
                              {"address", std::string("山西省") + counties[c]}})["id"];
      coop.cold_id = post(router, "/api/v1/sites", coop.token,
                          {{"name", std::string(counties[c]) + "果品冷库"},
                           {"kind", "cold_store"},
                           {"address", std::string(counties[c]) + "工业园区"}})["id"];
      coop.gtin = gtin14("069061232000" + std::to_string(c));
      std::string product = post(router, "/api/v1/products", coop.token,
                                 {{"gtin", coop.gtin},
                                  {"name", std::string(counties[c]) + "苹果（散装）"},
                                  {"category", "apple"},
                                  {"spec", "散装"},
                                  {"unit", "kg"},
                                  {"storage",
                                   {{"temperature_min", "-1"},
                                    {"temperature_max", "1"},
                                    {"humidity_min", "90"},
                                    {"humidity_max", "95"}}}})["id"];
      for (const std::string& id : {coop.id, coop.orchard_id, coop.cold_id, product}) ids.push_back(id);
    }
    std::vector<Shop> shops(2);
    for (int s = 0; s < 2; ++s) {
      json party = post(router, "/api/v1/parties", admin_token,
                        {{"name", "果品优选网店 " + std::to_string(s + 1)},
                         {"kind", "shop"},
                         {"county", "太原市"},
                         {"contact", "0351-44556" + two(s)}});
      shops[s].token = party["token"];
      shops[s].id = party["id"];
      shops[s].site_id =
          post(router, "/api/v1/sites", shops[s].token,
               {{"name", "发货仓 " + std::to_string(s + 1)}, {"kind", "warehouse"}, {"address", "太原市小店区"}})["id"];
      ids.push_back(shops[s].id);
      ids.push_back(shops[s].site_id);
    }
    if (ledger.size() > opt.leaves)
      throw std::runtime_error("--leaves must be at least " + std::to_string(ledger.size()));
    // The stored rows, as the event rules want them.
    store::Database reader(opt.db, store::Database::Mode::read_only);
    store::Queries queries(reader);
    for (auto& coop : coops) {
      coop.party = *queries.party(coop.id);
      coop.orchard = *queries.site(coop.orchard_id);
      coop.cold = *queries.site(coop.cold_id);
    }
    for (auto& shop : shops) {
      shop.party = *queries.party(shop.id);
      shop.site = *queries.site(shop.site_id);
    }

    auto start = Clock::now();
    int64_t chain = 0;
    while (ledger.size() < opt.leaves) {
      auto leaves = ledger.append([&](ledger::Ledger::Txn& t) -> domain::Status {
        int64_t room = std::min(opt.per_append, opt.leaves - ledger.size());
        for (int64_t added = 0; added < room; added += kChain) {
          ++chain;
          int max = static_cast<int>(std::min<int64_t>(kChain, room - added));
          if (auto s = add_chain(t, chain, max, coops[chain % coops.size()], shops[chain % shops.size()]); !s) return s;
        }
        return domain::Ok{};
      });
      if (!leaves) throw std::runtime_error("append failed: " + leaves.error().message);
      for (const auto& leaf : *leaves) ids.push_back(leaf.record_id);
      double total = std::chrono::duration<double>(Clock::now() - start).count();
      std::cerr << "logfill: " << ledger.size() << "/" << opt.leaves << " leaves, "
                << static_cast<int64_t>(ledger.size() / total) << " leaves/s, " << total << " s ("
                << static_cast<double>(std::clock()) / CLOCKS_PER_SEC << " s CPU)" << std::endl;
    }
    if (static_cast<int64_t>(ids.size()) != ledger.size())
      throw std::runtime_error("collected " + std::to_string(ids.size()) + " ids for " + std::to_string(ledger.size()) +
                               " leaves");
    std::ofstream out(opt.db + ".ids.tmp");
    for (const auto& id : ids) out << id << '\n';
    out.close();
    if (!out) throw std::runtime_error("cannot write " + opt.db + ".ids.tmp");
    // The list appears only once the fill is complete, so a crashed fill is never taken for a good one.
    std::filesystem::rename(opt.db + ".ids.tmp", opt.db + ".ids");
    std::cout << "logfill: " << ledger.size() << " leaves in "
              << std::chrono::duration<double>(Clock::now() - start).count() << " s → " << opt.db << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "agritrace-bench-logfill: " << e.what() << "\n";
    return 1;
  }
}
