// The bureau's dashboard: GET /console/dashboard (HTML with inline SVG charts and tables) and
// GET /console/dashboard/{table}.csv (one table as CSV). Inspectors and the admin only; a browser
// without a session is sent to /login, a signed-in producer gets a 403 page saying why.
// Thread-safe: handlers share only the App.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "web/assets.h"
#include "web/csv.h"
#include "web/dashboard_model.h"
#include "web/principal.h"
#include "web/responses.h"
#include "web/routes.h"
#include "web/scan_counter.h"
#include "web/svg_chart.h"
#include "web/template_data.h"

namespace web {
namespace {

nlohmann::json table_json(const DashboardTable& t) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : t.rows) rows.push_back({{"cells", row}});
  return {{"name", t.name},       {"title_zh", t.title_zh}, {"title_en", t.title_en},
          {"columns", t.columns}, {"rows", rows},           {"chart", t.chart}};
}

std::string utc_time(int64_t unix_seconds) {
  int64_t in_day = ((unix_seconds % 86400) + 86400) % 86400;
  char out[16];
  std::snprintf(out, sizeof out, " %02d:%02d UTC", int(in_day / 3600), int(in_day / 60 % 60));
  return ScanCounter::utc_day(unix_seconds) + out;
}

}  // namespace

http::Response get_dashboard(App& app, RouteContext& ctx) {
  auto who = require_role(app, ctx.request, {Role::inspector, Role::admin});
  if (!who) return console_refusal(app, who.error());
  int64_t now = now_unix();
  Dashboard d = build_dashboard(app.reader(), now);
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& t : d.tables) tables.push_back(table_json(t));
  nlohmann::json model = {{"batches", d.batches},
                          {"pass_rate", d.pass_rate},
                          {"inspections_pass", d.inspections_pass},
                          {"inspections_fail", d.inspections_fail},
                          {"open_holds", d.open_holds},
                          {"open_recalls", d.open_recalls},
                          {"scans_30_days", d.scans_30_days},
                          {"generated_at", utc_time(now)},
                          {"tables", tables}};
  TemplateData data = to_template_data(model);
  data.set("css", std::string(template_file("style.css")));
  return private_page(200, app.templates().render("dashboard.html", data));
}

http::Response get_dashboard_csv(App& app, RouteContext& ctx) {
  auto who = require_role(app, ctx.request, {Role::inspector, Role::admin});
  if (!who) return console_refusal(app, who.error());
  const std::string& file = ctx.params.at(0);
  constexpr std::string_view kSuffix = ".csv";
  std::string name =
      file.size() > kSuffix.size() && file.compare(file.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0
          ? file.substr(0, file.size() - kSuffix.size())
          : std::string();
  Dashboard d = build_dashboard(app.reader(), now_unix());
  const DashboardTable* table = find_table(d, name);
  if (!table)
    return error_response(
        domain::make_error(domain::Errc::not_found, "no dashboard table " + file.substr(0, 64) +
                                                        "; there are products, counties, months, inspections, controls "
                                                        "and scans (each as <name>.csv)"));
  auto r = text_response(200, csv_document(table->columns, table->rows), "text/csv; charset=utf-8");
  r.set_header("content-disposition", "attachment; filename=\"agritrace-" + table->name + ".csv\"");
  r.set_header("cache-control", "no-store");
  r.set_header("x-content-type-options", "nosniff");
  return r;
}

}  // namespace web
