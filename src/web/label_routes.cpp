// GET /api/v1/batches/{id}/label.svg|png?size= — the QR label carrying the batch's Digital Link.
#include "domain/digital_link.h"
#include "label/png_label.h"
#include "label/qr_code.h"
#include "label/svg_label.h"
#include "web/batch_records.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {
namespace {

struct LabelInput {
  label::QrCode code;
  label::LabelText text;
  label::LabelSize size;
};

domain::Result<LabelInput> label_input(App& app, RouteContext& ctx) {
  auto& reader = app.reader();
  auto batch = reader.batch(ctx.params[0]);
  if (!batch) return domain::make_error(domain::Errc::not_found, "no batch with id " + ctx.params[0].substr(0, 64));
  auto size = label::LabelSize::parse(ctx.query_value("size", "400"), "?size");
  if (!size) return size.error();
  std::string url = digital_link(app, batch->gtin, batch->lot);
  auto code = label::QrCode::encode(url, 'M');
  if (!code) return code.error();
  auto product = reader.product(batch->product_id);
  nlohmann::json p = product ? nlohmann::json::parse(product->body) : nlohmann::json::object();
  std::string title = p.value("name", "");
  if (p.contains("spec")) title += " " + p["spec"].get<std::string>();
  std::string short_url = url.substr(url.find("://") == std::string::npos ? 0 : url.find("://") + 3);
  return LabelInput{*code, label::LabelText{title, "批号 Lot: " + batch->lot, short_url}, *size};
}

}  // namespace

http::Response get_label_svg(App& app, RouteContext& ctx) {
  auto in = label_input(app, ctx);
  if (!in) return error_response(in.error());
  auto r = text_response(200, label::render_svg(in->code, in->text, in->size), "image/svg+xml; charset=utf-8");
  r.set_header("cache-control", "public, max-age=300");
  return r;
}

http::Response get_label_png(App& app, RouteContext& ctx) {
  auto in = label_input(app, ctx);
  if (!in) return error_response(in.error());
  auto png = label::render_png(in->code, in->text, in->size);
  if (!png) return error_response(png.error());
  auto r = text_response(200, std::move(*png), "image/png");
  r.set_header("cache-control", "public, max-age=300");
  return r;
}

}  // namespace web
