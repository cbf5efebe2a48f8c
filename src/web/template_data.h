// Converting a JSON view model into Mustache data, so one model serves both the JSON API answer and
// the HTML page. Thread-safe (pure function).
#pragma once

#include <nlohmann/json.hpp>

#include "web/templates.h"

namespace web {
TemplateData to_template_data(const nlohmann::json& value);
}
