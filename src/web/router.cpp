#include "web/router.h"

#include <chrono>
#include <iostream>

#include "web/responses.h"

namespace web {
namespace {

// Views into `path`; no copies on the request path.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 1;  // paths begin with '/'
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    parts.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

}  // namespace

Router::Router(App& app) : app_(app) {
  // clang-format off
  auto pattern = [](std::string_view path) {
    std::vector<std::string> out;
    for (auto part : split_path(path)) out.emplace_back(part);
    return out;
  };
  routes_ = {
    {"GET",  pattern("/"),                                  get_home},
    {"GET",  pattern("/healthz"),                           get_health},
    {"GET",  pattern("/metrics"),                           get_metrics},
    {"GET",  pattern("/checkpoint"),                        get_checkpoint},
    {"GET",  pattern("/api/v1/log/key"),                    get_log_key},
    {"GET",  pattern("/api/v1/log/entries/{}"),             get_log_entry},
    {"GET",  pattern("/api/v1/log/proof/consistency"),      get_consistency_proof},
    {"GET",  pattern("/api/v1/records/{}/proof"),           get_record_proof},
    {"GET",  pattern("/api/v1/schemas"),                    list_schemas},
    {"GET",  pattern("/api/v1/schemas/{}"),                 get_schema},
    {"POST", pattern("/api/v1/parties"),                    post_party},
    {"GET",  pattern("/api/v1/parties/{}"),                 get_party},
    {"PUT",  pattern("/api/v1/parties/{}/key"),             put_party_key},
    {"GET",  pattern("/api/v1/parties/{}/key"),             get_party_key},
    {"POST", pattern("/api/v1/sites"),                      post_site},
    {"GET",  pattern("/api/v1/sites/{}"),                   get_site},
    {"POST", pattern("/api/v1/products"),                   post_product},
    {"GET",  pattern("/api/v1/products/{}"),                get_product},
    {"POST", pattern("/api/v1/batches"),                    post_batch},
    {"GET",  pattern("/api/v1/batches"),                    list_batches},
    {"GET",  pattern("/api/v1/batches/{}"),                 get_batch},
    {"GET",  pattern("/api/v1/batches/{}/trace"),           get_trace},
    {"GET",  pattern("/api/v1/batches/{}/evidence"),        get_evidence},
    {"GET",  pattern("/api/v1/batches/{}/epcis"),           get_epcis},
    {"GET",  pattern("/api/v1/batches/{}/label.svg"),       get_label_svg},
    {"GET",  pattern("/api/v1/batches/{}/label.png"),       get_label_png},
    {"POST", pattern("/api/v1/batches/{}/hold"),            post_hold},
    {"POST", pattern("/api/v1/batches/{}/release"),         post_release},
    {"POST", pattern("/api/v1/batches/{}/recall"),          post_recall},
    {"POST", pattern("/api/v1/recalls/{}/confirm"),         post_recall_confirm},
    {"POST", pattern("/api/v1/events"),                     post_event},
    {"GET",  pattern("/api/v1/events/{}"),                  get_event},
    {"GET",  pattern("/login"),                             get_login},
    {"POST", pattern("/login"),                             post_login},
    {"POST", pattern("/logout"),                            post_logout},
    {"GET",  pattern("/api/v1/me"),                         get_me},
    {"GET",  pattern("/console"),                           get_console},
    {"GET",  pattern("/console/batches/{}"),                get_console_batch},
    {"POST", pattern("/console/batches/{}/control"),        post_console_control},
    {"POST", pattern("/console/batches/{}/inspect"),        post_console_inspect},
    {"GET",  pattern("/console/dashboard"),                 get_dashboard},
    {"GET",  pattern("/console/dashboard/{}"),              get_dashboard_csv},
    {"GET",  pattern("/console/recalls"),                   get_console_recalls},
    {"GET",  pattern("/console/recalls/{}"),                get_console_recall},
    {"GET",  pattern("/api/v1/recalls/{}"),                 get_recall},
    {"GET",  pattern("/admin"),                             get_admin},
    {"POST", pattern("/admin/parties"),                     post_admin_party},
    {"POST", pattern("/admin/users"),                       post_admin_user},
    {"POST", pattern("/admin/users/{}/unlock"),             post_admin_unlock},
    {"GET",  pattern("/admin/audit"),                       get_admin_audit},
    {"GET",  pattern("/producer"),                          get_producer},
    {"POST", pattern("/producer/recalls/{}/confirm"),       post_producer_confirm},
    // GS1 Digital Link: what the QR codes carry.
    {"GET",  pattern("/01/{}"),                             get_consumer_page},
    {"GET",  pattern("/01/{}/10/{}"),                       get_consumer_page},
    {"GET",  pattern("/01/{}/10/{}/21/{}"),                 get_consumer_page},
  };
  // clang-format on
}

http::Response Router::handle(const http::Request& request) {
  auto start = std::chrono::steady_clock::now();
  http::Response response;
  try {
    response = dispatch(request);
  } catch (const std::exception& e) {
    // Logged for the operator; the client learns nothing about internals.
    std::cerr << "agritrace: 500 on " << request.method << " " << request.target.substr(0, 200) << ": " << e.what()
              << std::endl;
    response = error_response(domain::make_error(domain::Errc::internal, "internal error"));
  }
  if (request.method == "HEAD") response.body.clear();  // the transport keeps content-length
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  app_.metrics().observe(response.status, took.count());
  return response;
}

http::Response Router::dispatch(const http::Request& request) {
  std::string_view target = request.target;
  size_t q = target.find('?');
  RouteContext ctx{request, std::string(target.substr(0, q)), {}, {}};
  if (q != std::string_view::npos) ctx.query = parse_query(target.substr(q + 1));
  if (ctx.path.empty() || ctx.path[0] != '/')
    return error_response(domain::make_error(domain::Errc::invalid_input, "request target must be an absolute path"));
  std::vector<std::string_view> parts = split_path(ctx.path);
  std::string_view method = request.method == "HEAD" ? std::string_view("GET") : std::string_view(request.method);

  bool path_matched = false;
  for (const Route& route : routes_) {
    if (route.pattern.size() != parts.size()) continue;
    bool match = true;
    for (size_t i = 0; i < parts.size() && match; ++i)
      match = route.pattern[i] == "{}" ? !parts[i].empty() : route.pattern[i] == parts[i];
    if (!match) continue;
    path_matched = true;
    if (route.method != method) continue;
    for (size_t i = 0; i < parts.size(); ++i)
      if (route.pattern[i] == "{}") ctx.params.emplace_back(parts[i]);
    return route.handler(app_, ctx);
  }
  if (path_matched) {
    auto r = error_response(domain::make_error(domain::Errc::invalid_input, "method " + request.method + " is not allowed here"));
    r.status = 405;
    return r;
  }
  // Unknown Digital Link-looking paths get the friendly consumer 404 page.
  if (ctx.path.rfind("/01/", 0) == 0) return get_consumer_page(app_, ctx);
  return error_response(domain::make_error(domain::Errc::not_found, "no such resource: " + ctx.path.substr(0, 200)));
}

}  // namespace web
