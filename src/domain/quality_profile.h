// domain::QualityProfile: the quality limits of one product category, kept as data
// (schemas/profiles/<product>.json, shape in schemas/profiles/profile.schema.json) so a county can add
// a product without a code change, and the check of a lab's measured items against them.
//
// A profile lists items (e.g. 蔗糖 in g/100g) each with rules (≤ 5, from GB 14963-2011). A rule may
// apply only to some variants (青翘 / 老翘, a honey's floral source, a fruit grade): for a given variant
// the rules naming it replace the item's general rules; without a matching variant only the general
// rules apply, so an item with no general rule is not covered. Every rule must hold for the item to be
// conformant. Values and limits compare exactly as decimals (up to 6 decimals); units must match the
// profile's unit exactly (after removing spaces, with ％ read as %): there is no unit conversion, a
// mismatch is refused. Value types; parse() and evaluate() are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace domain {

struct LocalText {
  std::string zh;
  std::string en;
};

struct ProfileRule {
  enum class Op { at_least, at_most, greater, less };  // ≥ ≤ > <
  Op op = Op::at_least;
  std::int64_t limit = 0;             // in 10^-6 units
  std::string limit_text;             // as written in the profile, e.g. "0.25"
  std::vector<std::string> variants;  // variant codes; empty = general rule
  std::string source;                 // e.g. "GB 14963-2011"
  bool confirmed = true;              // false: the value is not yet checked against the standard's text
  std::string note;
  bool holds(std::int64_t value) const;
};

struct ProfileItem {
  std::string code;  // stable key, e.g. "sucrose"
  LocalText name;
  std::vector<std::string> aliases;  // other names a lab report uses
  std::string unit;
  std::vector<ProfileRule> rules;
};

struct ProfileVariant {
  std::string code;
  LocalText name;
  std::vector<std::string> aliases;
};

// One measured item as a lab reports it (the inspect event's items[]): name is an item's code, Chinese
// or English name or alias; value a plain non-negative decimal; unit as printed.
struct MeasuredItem {
  std::string name;
  std::string value;
  std::string unit;
};

enum class Conformance { conformant, non_conformant, not_covered };
std::string_view to_string(Conformance c);

struct ItemVerdict {
  std::string name;  // as measured
  std::string code;  // the profile item it matched; empty when not covered
  std::string value;
  std::string unit;
  Conformance verdict = Conformance::not_covered;
  // The rule that decided it, e.g. "GB 14963-2011 蔗糖 ≤ 5 g/100g": the first rule broken, or all rules
  // that hold joined with "；" / "; ". Empty when not covered.
  std::string rule_zh;
  std::string rule_en;
  bool unconfirmed = false;  // a deciding rule is marked "confirmed": false in the profile
};

struct ProfileEvaluation {
  std::string product;
  std::string variant;  // the profile's variant code used; empty = general rules only
  // non_conformant if any item is; else conformant if any item is covered; else not_covered.
  Conformance overall = Conformance::not_covered;
  std::vector<ItemVerdict> items;
};

class QualityProfile {
 public:
  static constexpr std::size_t kMaxMeasuredItems = 50;
  static constexpr int kDecimals = 6;

  // Reads one profile document. Errors are Errc::invalid_input with the JSON pointer inside the
  // document (e.g. "/items/2/rules/0/limit").
  static Result<QualityProfile> parse(std::string_view json_text);

  const std::string& product() const { return product_; }  // "honey", matches product.category
  const LocalText& name() const { return name_; }
  const std::vector<ProfileItem>& items() const { return items_; }
  const std::vector<ProfileVariant>& variants() const { return variants_; }
  bool variant_required() const { return variant_required_; }
  // The product attribute the variant usually comes from ("maturity", "floral_source", "grade").
  const std::string& variant_attribute() const { return variant_attribute_; }

  // The profile's variant whose code, name or alias equals `text` (spaces ignored); nullptr if none.
  const ProfileVariant* find_variant(std::string_view text) const;

  // Judges measured items. `variant` may be empty or a code/name/alias; an unknown or missing variant
  // is refused (Errc::unprocessable, field "/variant") when the profile requires one, and otherwise
  // means the general rules. Errors name the measured item's field: "/items/{i}/value" (not a plain
  // decimal), "/items/{i}/unit" (missing or not the profile's unit), "/items/{i}/name" (empty), and
  // "/items" (more than kMaxMeasuredItems).
  Result<ProfileEvaluation> evaluate(const std::vector<MeasuredItem>& measured, std::string_view variant = {}) const;

 private:
  const ProfileItem* find_item(std::string_view name) const;
  std::string product_;
  LocalText name_;
  std::vector<ProfileItem> items_;
  std::vector<ProfileVariant> variants_;
  bool variant_required_ = false;
  std::string variant_attribute_;
};

}  // namespace domain
