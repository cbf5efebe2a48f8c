// The GS1 Digital Link paths a QR code carries: /01/{gtin}[/10/{lot}[/21/{serial}]] → the consumer
// page (HTML; JSON for Accept: application/json), and a friendly 404 page for unknown codes.
// Pages come from the PageStore when stored at the current version; otherwise they are rendered from
// one read snapshot and handed to the store.
#include "domain/digital_link.h"
#include "store/database.h"
#include "web/consumer_page.h"
#include "web/gzip.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {
namespace {

http::Response not_registered(App& app, RouteContext& ctx) {
  if (ctx.wants_json())
    return error_response(domain::make_error(domain::Errc::not_found,
                                             "this code is not registered; the product may be counterfeit"));
  return html_response(404, render_not_found_page(app, ctx.language(), ctx.path.substr(0, 200), ctx.path));
}

http::Response page_response(std::string body, const std::string& content_type, bool gzipped) {
  auto r = text_response(200, std::move(body), content_type);
  if (content_type.rfind("text/html", 0) == 0) add_page_headers(r);
  if (gzipped) r.set_header("content-encoding", "gzip");
  r.set_header("vary", "Accept, Accept-Language, Accept-Encoding");
  r.set_header("cache-control", "no-cache");  // a changed chain must show at the next scan
  return r;
}

// A stored page is gzip: sent as it is when the client accepts gzip, inflated otherwise.
std::optional<http::Response> stored_response(store::RenderedPage&& page, const http::Request& request) {
  if (accepts_gzip(request.header("accept-encoding")))
    return page_response(std::move(page.body), page.content_type, true);
  auto plain = gunzip(page.body);
  if (!plain) return std::nullopt;  // unreadable: render it afresh
  return page_response(std::move(*plain), page.content_type, false);
}

// What a Digital Link path names, read inside the caller's snapshot.
struct Subject {
  std::string id;  // page version subject: batch id or "product:" + GTIN
  std::optional<store::BatchRow> batch;
  std::optional<store::ParcelRow> parcel;
  std::optional<store::ProductRow> product;
};

std::optional<Subject> find_subject(store::Queries& reader, const domain::DigitalLink::Path& path) {
  Subject s;
  if (!path.lot) {
    if (path.serial) return std::nullopt;  // /01/{gtin}/21/{serial}: units without lots are not issued here
    s.product = reader.product_by_gtin(path.gtin.str());
    if (!s.product) return std::nullopt;
    s.id = "product:" + path.gtin.str();
    return s;
  }
  if (path.serial) {
    s.parcel = reader.parcel(path.gtin.str(), path.lot->str(), path.serial->str());
    if (!s.parcel) return std::nullopt;
    s.batch = reader.batch(s.parcel->batch_id);
  } else {
    s.batch = reader.batch_by_gtin_lot(path.gtin.str(), path.lot->str());
  }
  if (!s.batch) return std::nullopt;
  s.id = s.batch->id;
  return s;
}

}  // namespace

http::Response get_consumer_page(App& app, RouteContext& ctx) {
  auto path = domain::DigitalLink::parse_path(ctx.path);
  if (!path) return not_registered(app, ctx);
  std::string lang = ctx.language();
  bool json = ctx.wants_json();
  std::string key = app.pages().key(path->gtin.str(), path->lot ? path->lot->str() : "",
                                   path->serial ? path->serial->str() : "", lang, json);
  auto& reader = app.reader();
  if (auto stored = reader.rendered_page(key))
    if (auto response = stored_response(std::move(*stored), ctx.request)) {
      app.scans().count();  // a consumer page view, for the bureau's dashboard (never waits)
      return std::move(*response);
    }

  store::RenderedPage page;
  std::string subject;
  int64_t version = 0;
  {
    store::ReadSnapshot snapshot(reader.database());  // the page and its version from one state
    auto s = find_subject(reader, *path);
    if (!s) return not_registered(app, ctx);
    subject = s->id;
    version = reader.page_version(subject);
    page = s->product ? render_product_page(app, reader, *s->product, lang, json)
                      : render_batch_page(app, reader, *s->batch, lang, json, s->parcel ? &*s->parcel : nullptr);
  }
  app.scans().count();
  auto response = page_response(page.body, page.content_type, false);
  app.pages().put(std::move(key), std::move(subject), version, std::move(page));
  return response;
}

http::Response get_home(App& app, RouteContext&) {
  return json_response(200, {{"service", "agritrace"},
                             {"about", "agricultural product traceability: batches from farm to parcel"},
                             {"api", "/api/v1"}, {"schemas", "/api/v1/schemas"}, {"health", "/healthz"},
                             {"log_size", app.ledger().size()}});
}

}  // namespace web
