// The consumer page's content: everything a phone shows after a QR scan, assembled from the store as
// one JSON view model. The same model is the JSON answer (Accept: application/json) and the data
// of templates/batch.html. Thread-safe (stateless; reads through the caller's reader).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/queries.h"
#include "web/app.h"

namespace web {

// The batch page; with a parcel, the parcel's sale is shown as "your parcel".
nlohmann::json batch_page_model(App& app, store::Queries& reader, const store::BatchRow& batch,
                                const std::string& lang, const store::ParcelRow* parcel = nullptr);
// The product page: the product, its producer and its recent batches.
nlohmann::json product_page_model(App& app, store::Queries& reader, const store::ProductRow& product,
                                  const std::string& lang);

// Renders one variant of a batch page (HTML in the language, or the JSON model).
store::RenderedPage render_batch_page(App& app, store::Queries& reader, const store::BatchRow& batch,
                                      const std::string& lang, bool json, const store::ParcelRow* parcel = nullptr);
store::RenderedPage render_product_page(App& app, store::Queries& reader, const store::ProductRow& product,
                                        const std::string& lang, bool json);
// The HTML of the friendly "not registered" page.
std::string render_not_found_page(App& app, const std::string& lang, const std::string& code, const std::string& path);

}  // namespace web
