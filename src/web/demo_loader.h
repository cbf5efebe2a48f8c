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
  std::vector<std::string> accounts;  // "username (role …)" of the accounts created
};

// Digital Links of the four demo consumer pages (valid once the demo is loaded).
std::vector<std::string> demo_pages(const App& app);

// With a demo password, also creates the demo's login accounts (demo.json "accounts": an inspector of
// the county bureau, a producer of each county's first party, an admin), all with that password, so the
// console can be tried at once. Without one, no accounts are made.
domain::Result<DemoResult> load_demo(App& app, Router& router, const std::string& admin_token,
                                     const std::string& demo_password = {});

}  // namespace web
