// agritrace-bench-probe: where a consumer-page request spends its time, measured in-process on one
// thread with no network: the store lookup, the view model (queries + JSON), the Mustache data
// conversion, the render, and the whole Router::handle.
// Companion of tools/bench/lookup, for when its figures miss the targets.
//
//   agritrace-bench-probe --db PATH [--pages K]     (PATH.lots written by agritrace-bench-fill)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "web/app.h"
#include "web/assets.h"
#include "web/consumer_page.h"
#include "web/router.h"
#include "web/template_data.h"
#include <nlohmann/json.hpp>

namespace {

using Clock = std::chrono::steady_clock;

struct Lot {
  std::string gtin, lot;
};

// Accumulates the time of one phase over many calls.
class Phase {
 public:
  explicit Phase(std::string name) : name_(std::move(name)) {}
  template <class F>
  auto time(F&& f) {
    auto start = Clock::now();
    auto result = f();
    total_ += Clock::now() - start;
    ++calls_;
    return result;
  }
  void print() const {
    double us = std::chrono::duration<double, std::micro>(total_).count() / std::max<long>(calls_, 1);
    std::printf("  %-34s %9.1f us/call  (%ld calls)\n", name_.c_str(), us, calls_);
  }

 private:
  std::string name_;
  Clock::duration total_{};
  long calls_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  long pages = 2000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string arg = argv[i];
    if (arg == "--db") db = argv[i + 1];
    else if (arg == "--pages") pages = std::stol(argv[i + 1]);
  }
  if (db.empty() || pages <= 0) {
    std::cerr << "usage: agritrace-bench-probe --db PATH [--pages K]\n";
    return 2;
  }
  try {
    std::vector<Lot> lots;
    std::ifstream in(db + ".lots");
    for (Lot l; in >> l.gtin >> l.lot;) lots.push_back(l);
    if (lots.empty()) throw std::runtime_error("no lots in " + db + ".lots");
    std::shuffle(lots.begin(), lots.end(), std::mt19937(42));
    lots.resize(std::min<size_t>(lots.size(), pages));

    ledger::Ledger ledger(db);
    web::App app(web::AppConfig{}, ledger);
    web::Router router(app);
    auto& reader = app.reader();

    Phase lookup("store: batch_by_gtin_lot"), model("batch_page_model (queries+JSON)"),
        data("to_template_data (+css copy)"), render("Templates::render batch.html"),
        handle("Router::handle, whole request"),
        q_events("  query: events_of_batch"), q_parents("  query: parents"), q_product("  query: product"),
        q_party("  query: party"), q_site("  query: site"), parse("  json::parse of every body");
    // Phases split out by hand, in the order get_consumer_batch runs them.
    size_t bytes = 0;
    for (const auto& l : lots) {
      auto batch = lookup.time([&] { return reader.batch_by_gtin_lot(l.gtin, l.lot); });
      if (!batch) throw std::runtime_error("lot " + l.lot + " not found");
      auto m = model.time([&] { return web::batch_page_model(app, reader, *batch, "zh"); });
      auto d = data.time([&] {
        m["css"] = std::string(web::template_file("style.css"));
        return web::to_template_data(m);
      });
      bytes += render.time([&] { return app.templates().render("batch.html", d); }).size();
    }
    // The queries batch_page_model makes for such a page, alone, and the parsing of what they return.
    std::shuffle(lots.begin(), lots.end(), std::mt19937(7));
    for (const auto& l : lots) {
      auto batch = reader.batch_by_gtin_lot(l.gtin, l.lot);
      q_product.time([&] { return reader.product(batch->product_id); });
      q_parents.time([&] { return reader.parents(batch->id); });
      auto events = q_events.time([&] { return reader.events_of_batch(batch->id); });
      auto party = q_party.time([&] { return reader.party(batch->party_id); });
      for (const auto& e : events) {
        q_party.time([&] { return reader.party(e.party_id); });
        auto body = nlohmann::json::parse(e.body);
        q_site.time([&] { return reader.site(body.value("site", "")); });
      }
      parse.time([&] {
        size_t n = nlohmann::json::parse(batch->body).size() + nlohmann::json::parse(party->body).size();
        for (const auto& e : events) n += nlohmann::json::parse(e.body).size();
        return n;
      });
    }
    // The real path. Pages are rendered unless a server already stored them in this database (the
    // probe starts no background page store, so it stores nothing itself).
    long not_ok = 0;
    for (const auto& l : lots) {
      http::Request r{"GET", "/01/" + l.gtin + "/10/" + l.lot, {}, "", "127.0.0.1"};
      not_ok += handle.time([&] { return router.handle(r); }).status != 200;
    }
    std::printf("probe: %zu random pages of %s, one thread, average page %zu bytes%s\n", lots.size(), db.c_str(),
                bytes / lots.size(), not_ok ? " — SOME REQUESTS WERE NOT 200" : "");
    for (const Phase* p : {&lookup, &model, &q_product, &q_parents, &q_events, &q_party, &q_site, &parse, &data, &render,
                           &handle})
      p->print();
    return not_ok ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "agritrace-bench-probe: " << e.what() << "\n";
    return 1;
  }
}
