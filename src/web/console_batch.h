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

// The page's model for `batch`, shown to `who` (the control form only for inspectors). `error` (with
// the form's values `action`, `level`, `reason`) is a refused control, shown above the form.
nlohmann::json console_batch_model(App& app, const Principal& who, const store::BatchRow& batch,
                                   const std::string& error = {},
                                   const nlohmann::json& form = nlohmann::json::object());

// templates/console_batch.html with `model`.
std::string render_console_batch_page(App& app, nlohmann::json model);

}  // namespace web
