// web::Schemas: the JSON Schemas in schemas/ (compiled into the binary), parsed once at start-up and
// used to validate every request body. Thread-safe after construction (validation only reads).
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace valijson {
class Schema;
}

namespace web {

class Schemas {
 public:
  Schemas();  // throws if an embedded schema does not parse: a build defect, not a runtime condition
  ~Schemas();

  // invalid_input naming the first offending field as a JSON pointer, e.g. "/inputs/0/quantity".
  domain::Status validate(std::string_view name, const nlohmann::json& body) const;

  std::vector<std::string> names() const;
  std::string_view source(std::string_view name) const;  // the schema text; empty if unknown

 private:
  std::map<std::string, std::unique_ptr<valijson::Schema>, std::less<>> schemas_;
};

}  // namespace web
