#include "web/template_data.h"

namespace web {

TemplateData to_template_data(const nlohmann::json& value) {
  using kainjow::mustache::data;
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      data out{data::type::object};
      // An empty text is left out, so {{#x}} sections hide it (Mustache treats "" as true).
      for (const auto& [key, child] : value.items())
        if (!(child.is_string() && child.get_ref<const std::string&>().empty())) out.set(key, to_template_data(child));
      return out;
    }
    case nlohmann::json::value_t::array: {
      data out{data::type::list};
      for (const auto& child : value) out.push_back(to_template_data(child));
      return out;
    }
    case nlohmann::json::value_t::string: return data{value.get<std::string>()};
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? data{data::type::bool_true} : data{data::type::bool_false};
    case nlohmann::json::value_t::null: return data{data::type::bool_false};
    default: return data{value.dump()};  // numbers print as JSON writes them
  }
}

}  // namespace web
