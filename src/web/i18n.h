// Words of the consumer pages in Simplified Chinese (default) and English. Thread-safe (constant data).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace web {

// Every fixed label of the pages, as {"key": "text"} for the language ("zh" or "en").
const nlohmann::json& page_labels(const std::string& lang);
// Display name of a vocabulary value: kind of event, party, site, product category, attribute key.
// Falls back to the value itself, so a county can add its own words without a code change.
std::string term(const std::string& lang, const std::string& group, const std::string& value);

}  // namespace web
