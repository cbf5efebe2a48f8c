// The producer's own page (GET /producer) as a view model: its party, the recalls that reached stock it
// held and that it has not confirmed yet (with their deadlines and a confirmation form each), the
// recalls it confirmed, and its recent batches with what it holds now and any open hold or recall.
// Made for a phone: one column, Chinese first. Thread-safe (stateless; reads through the caller's reader).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "store/rows.h"
#include "web/app.h"
#include "web/principal.h"

namespace web {

inline constexpr int64_t kProducerPendingShown = 100;
inline constexpr int64_t kProducerConfirmedShown = 20;
inline constexpr int64_t kProducerBatchesShown = 50;

// The page's model for `who` acting for `party` at `now_unix`. `error` is a refused confirmation,
// shown at the top and beside the recall it was for, whose form keeps the values sent in `form`
// ({"recall","batch","action","note"}).
nlohmann::json producer_model(App& app, const Principal& who, const store::PartyRow& party, int64_t now_unix,
                              const std::string& error = {}, const nlohmann::json& form = nlohmann::json::object());

// A page with only a notice (why the page is refused), for callers without a producer's party.
nlohmann::json producer_refusal_model(const std::string& notice, int status);

// templates/producer.html with `model`.
std::string render_producer_page(App& app, nlohmann::json model);

}  // namespace web
