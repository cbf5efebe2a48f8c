// GET /api/v1/batches/{id}/epcis — a batch's whole chain as a GS1 EPCIS 2.0 JSON-LD EPCISDocument
// (web::epcis_document), read from one snapshot so the events agree with each other.
#include <chrono>

#include "store/database.h"
#include "web/epcis_export.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {

http::Response get_epcis(App& app, RouteContext& ctx) {
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  auto created = domain::Timestamp::from_unix(now.count(), 0);
  auto& reader = app.reader();
  domain::Result<nlohmann::json> document = domain::make_error(domain::Errc::internal, "not built");
  {
    store::ReadSnapshot snapshot(reader.database());
    document = epcis_document(reader, ctx.params[0], app.config().public_url, created);
  }
  if (!document) return error_response(document.error());
  return text_response(200, document->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       "application/ld+json; charset=utf-8");
}

}  // namespace web
