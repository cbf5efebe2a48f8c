// The bureau console's search page (GET /console): the query string read into a store::ConsoleFilter
// (each field checked, errors naming it), the matching batches as a view model, and the page.
// Thread-safe (stateless; reads through the caller's reader).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.h"
#include "store/console_queries.h"
#include "web/app.h"
#include "web/principal.h"

namespace web {

inline constexpr int kConsolePageSize = 100;

// Reads gtin, lot, party, county, category, from, to (YYYY-MM-DD, China time), status and before.
// Errors are Errc::invalid_input naming the query field.
domain::Result<store::ConsoleFilter> console_filter(const std::map<std::string, std::string>& query);

// The page's model: the filters as entered, the results (with product, producer and status badges),
// the next page's link and the caller's CSRF token for the logout form. `error` is shown above the form.
nlohmann::json console_search_model(App& app, const Principal& who, const std::map<std::string, std::string>& query,
                                    const store::ConsoleFilter* filter, const std::string& error = {});

// templates/console.html with `model` (and the stylesheets).
std::string render_console_page(App& app, nlohmann::json model);


}  // namespace web
