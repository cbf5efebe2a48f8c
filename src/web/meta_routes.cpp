// Health, metrics and the published JSON Schemas.
#include "web/responses.h"
#include "web/routes.h"

namespace web {

http::Response get_health(App& app, RouteContext&) {
  // A read proves the database answers; the log size shows it is the database we expect.
  int64_t size = app.reader().log_size();
  if (auto refusal = app.ledger().refusal())
    return json_response(503, {{"status", "refusing writes"}, {"reason", *refusal}, {"log_size", size}});
  return json_response(200, {{"status", "ok"}, {"log_size", size}});
}

http::Response get_metrics(App& app, RouteContext&) {
  std::string text = app.metrics().render();
  text += "# HELP agritrace_pages_settled 1 when every batch's default consumer page is stored and current.\n";
  text += "# TYPE agritrace_pages_settled gauge\n";
  text += std::string("agritrace_pages_settled ") + (app.pages().settled() ? "1" : "0") + "\n";
  // Records per commit (log size / commits) is the group commit's mean group size.
  text += "# HELP agritrace_log_commits_total Transactions that appended to the log (one fsync and one checkpoint each).\n";
  text += "# TYPE agritrace_log_commits_total counter\n";
  text += "agritrace_log_commits_total " + std::to_string(app.ledger().commits()) + "\n";
  text += "# HELP agritrace_log_size Records in the log.\n# TYPE agritrace_log_size gauge\n";
  text += "agritrace_log_size " + std::to_string(app.ledger().size()) + "\n";
  return text_response(200, std::move(text), "text/plain; version=0.0.4; charset=utf-8");
}

http::Response get_checkpoint(App& app, RouteContext&) {
  std::string note = app.ledger().checkpoint();
  if (note.empty())
    return error_response(domain::make_error(domain::Errc::not_found, "the log is empty; nothing is signed yet"));
  auto r = text_response(200, std::move(note), "text/plain; charset=utf-8");
  r.set_header("cache-control", "no-cache");
  return r;
}

http::Response get_log_key(App& app, RouteContext&) {
  return text_response(200, app.ledger().verifier_key() + "\n", "text/plain; charset=utf-8");
}

http::Response list_schemas(App& app, RouteContext&) {
  nlohmann::json names = nlohmann::json::array();
  for (const auto& name : app.schemas().names()) names.push_back("/api/v1/schemas/" + name);
  return json_response(200, {{"schemas", names}});
}

http::Response get_schema(App& app, RouteContext& ctx) {
  std::string_view source = app.schemas().source(ctx.params[0]);
  if (source.empty())
    return error_response(domain::make_error(domain::Errc::not_found, "no schema named " + ctx.params[0].substr(0, 100)));
  auto r = text_response(200, std::string(source), "application/schema+json");
  r.set_header("cache-control", "public, max-age=3600");
  return r;
}

}  // namespace web
