// The bureau console's batch view (GET /console/batches/{id}) as a view model: the batch's header and
// open holds/recalls, every record behind it (the batch, its product, its parent batches, its events)
// each checked by the server against the newest signed checkpoint, the genealogy graph backward to the
// farms and forward to the parcels, temperature charts and inspections, and the inspector's control
// form. Thread-safe (stateless; reads through the caller's reader).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "store/rows.h"
#include "web/app.h"
#include "web/principal.h"

namespace web {

// The page's model for `batch`, shown to `who` (the control and inspection forms only for inspectors).
// `error` is a refused form, shown above it with the values sent: `form` has "which" ("control" or
// "inspect") and that form's fields.
nlohmann::json console_batch_model(App& app, const Principal& who, const store::BatchRow& batch,
                                   const std::string& error = {},
                                   const nlohmann::json& form = nlohmann::json::object());

// templates/console_batch.html with `model`.
std::string render_console_batch_page(App& app, nlohmann::json model);

}  // namespace web
