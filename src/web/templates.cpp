#include "web/templates.h"

#include <map>
#include <memory>
#include <stdexcept>

#include "web/assets.h"

namespace web {

std::string Templates::render(std::string_view name, const TemplateData& data) const {
  using kainjow::mustache::mustache;
  thread_local std::map<std::string, std::unique_ptr<mustache>, std::less<>> parsed;
  auto it = parsed.find(name);
  if (it == parsed.end()) {
    std::string_view source = template_file(name);
    if (source.empty()) throw std::runtime_error("unknown template " + std::string(name));
    auto tmpl = std::make_unique<mustache>(std::string(source));
    if (!tmpl->is_valid()) throw std::runtime_error("template " + std::string(name) + ": " + tmpl->error_message());
    it = parsed.emplace(std::string(name), std::move(tmpl)).first;
  }
  return it->second->render(data);
}

}  // namespace web
