#include "web/quality_profiles.h"

#include <stdexcept>

namespace web {

QualityProfiles::QualityProfiles() {
  for (std::string_view name : profile_file_names()) {
    if (name == "profile.schema.json") continue;  // the profiles' own schema, not a profile
    auto parsed = domain::QualityProfile::parse(profile_file(name));
    if (!parsed) {
      throw std::logic_error("quality profile " + std::string(name) + " does not parse: " + parsed.error().message +
                             (parsed.error().field.empty() ? "" : " at " + parsed.error().field));
    }
    std::string product = parsed->product();
    if (!by_category_.emplace(product, std::move(*parsed)).second)
      throw std::logic_error("quality profile " + std::string(name) + ": product " + product + " has two profiles");
  }
}

const QualityProfiles& QualityProfiles::instance() {
  static const QualityProfiles profiles;
  return profiles;
}

const domain::QualityProfile* QualityProfiles::find(std::string_view category) const {
  auto it = by_category_.find(category);
  return it == by_category_.end() ? nullptr : &it->second;
}

std::vector<std::string> QualityProfiles::categories() const {
  std::vector<std::string> out;
  for (const auto& [category, _] : by_category_) out.push_back(category);
  return out;
}

}  // namespace web
