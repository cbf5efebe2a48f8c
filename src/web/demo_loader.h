// Loads the demo data (tools/demo/demo.json, compiled in): the four county chains posted step by step
// through the Router, exactly as a client would, so the demo exercises every rule it shows.
// Not thread-safe; run once at start-up on an empty log.
#pragma once

#include <string>
#include <vector>

#include "domain/result.h"
#include "web/app.h"
#include "web/router.h"

namespace web {

struct DemoResult {
  std::vector<std::string> pages;  // Digital Links of the four demo consumer pages
  int records = 0;
};

// Digital Links of the four demo consumer pages (valid once the demo is loaded).
std::vector<std::string> demo_pages(const App& app);

domain::Result<DemoResult> load_demo(App& app, Router& router, const std::string& admin_token);

}  // namespace web
