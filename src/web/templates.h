// web::Templates: the Mustache templates of templates/ (compiled into the binary), rendered with
// HTML escaping of every {{value}}. Thread-safe: each thread parses its own copy once (the mustache
// renderer keeps per-render state), sharing nothing mutable.
#pragma once

#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>

namespace web {

using TemplateData = kainjow::mustache::data;

class Templates {
 public:
  // Renders templates/<name> ("batch.html"). No partials: shared pieces (the stylesheet) are passed
  // in as values, which keeps a render free of per-call setup.
  // Throws std::runtime_error on an unknown template or a template syntax error (a build defect).
  std::string render(std::string_view name, const TemplateData& data) const;
};

}  // namespace web
