// The GS1 Digital Link paths a QR code carries: /01/{gtin}[/10/{lot}[/21/{serial}]] → the consumer
// page (HTML; JSON for Accept: application/json), and a friendly 404 page for unknown codes.
#include "domain/digital_link.h"
#include "web/assets.h"
#include "web/consumer_page.h"
#include "web/i18n.h"
#include "web/responses.h"
#include "web/routes.h"
#include "web/template_data.h"

namespace web {
namespace {

std::string render_page(App& app, const std::string& name, nlohmann::json model) {
  model["css"] = std::string(template_file("style.css"));
  return app.templates().render(name, to_template_data(model));
}

http::Response not_registered(App& app, RouteContext& ctx, const std::string& lang) {
  if (ctx.wants_json())
    return error_response(domain::make_error(domain::Errc::not_found,
                                             "this code is not registered; the product may be counterfeit"));
  nlohmann::json model = {{"t", page_labels(lang)}, {"code", ctx.path.substr(0, 200)},
                          {"switch_link", ctx.path + (lang == "en" ? "?lang=zh" : "?lang=en")}};
  return html_response(404, render_page(app, "not_found.html", model));
}

// Pages are cached per (path, language, format) for the current ledger generation: a scan of a hot
// code then costs one lookup.
http::Response cached_page(App& app, RouteContext& ctx, const std::function<std::optional<nlohmann::json>(const std::string&)>& build,
                           const std::string& template_name) {
  std::string lang = ctx.language();
  bool json = ctx.wants_json();
  std::string key = ctx.path + '|' + lang + (json ? "|j" : "|h");
  uint64_t generation = app.ledger().generation();
  auto page = app.pages().get(key, generation);
  if (!page) {
    auto model = build(lang);
    if (!model) return not_registered(app, ctx, lang);
    auto fresh = std::make_shared<CachedPage>();
    if (json) {
      fresh->content_type = "application/json; charset=utf-8";
      fresh->body = model->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
      fresh->content_type = "text/html; charset=utf-8";
      fresh->body = render_page(app, template_name, std::move(*model));
    }
    page = fresh;
    app.pages().put(key, generation, page);
  }
  auto r = text_response(page->status, page->body, page->content_type);
  if (!json) add_page_headers(r);
  r.set_header("vary", "Accept, Accept-Language");
  r.set_header("cache-control", "no-cache");  // recalls must show at once; revalidate every scan
  return r;
}

}  // namespace

http::Response get_consumer_batch(App& app, RouteContext& ctx) {
  auto path = domain::DigitalLink::parse_path(ctx.path);
  if (!path || !path->lot || path->serial) {
    if (path && !path->lot && !path->serial) return get_consumer_product(app, ctx);
    if (path && path->serial) return get_consumer_parcel(app, ctx);
    return not_registered(app, ctx, ctx.language());
  }
  return cached_page(app, ctx, [&](const std::string& lang) -> std::optional<nlohmann::json> {
    auto& reader = app.reader();
    auto batch = reader.batch_by_gtin_lot(path->gtin.str(), path->lot->str());
    if (!batch) return std::nullopt;
    return batch_page_model(app, reader, *batch, lang);
  }, "batch.html");
}

http::Response get_consumer_parcel(App& app, RouteContext& ctx) {
  auto path = domain::DigitalLink::parse_path(ctx.path);
  if (!path || !path->lot || !path->serial) return not_registered(app, ctx, ctx.language());
  return cached_page(app, ctx, [&](const std::string& lang) -> std::optional<nlohmann::json> {
    auto& reader = app.reader();
    auto parcel = reader.parcel(path->gtin.str(), path->lot->str(), path->serial->str());
    if (!parcel) return std::nullopt;
    auto batch = reader.batch(parcel->batch_id);
    if (!batch) return std::nullopt;
    return batch_page_model(app, reader, *batch, lang, &*parcel);
  }, "batch.html");
}

http::Response get_consumer_product(App& app, RouteContext& ctx) {
  auto path = domain::DigitalLink::parse_path(ctx.path);
  if (!path || path->lot || path->serial) return not_registered(app, ctx, ctx.language());
  return cached_page(app, ctx, [&](const std::string& lang) -> std::optional<nlohmann::json> {
    auto& reader = app.reader();
    auto product = reader.product_by_gtin(path->gtin.str());
    if (!product) return std::nullopt;
    return product_page_model(app, reader, *product, lang);
  }, "product.html");
}

http::Response get_home(App& app, RouteContext&) {
  return json_response(200, {{"service", "agritrace"},
                             {"about", "agricultural product traceability: batches from farm to parcel"},
                             {"api", "/api/v1"}, {"schemas", "/api/v1/schemas"}, {"health", "/healthz"},
                             {"log_size", app.ledger().size()}});
}

}  // namespace web
