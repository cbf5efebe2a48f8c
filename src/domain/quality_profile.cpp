#include "domain/quality_profile.h"

#include <nlohmann/json.hpp>

#include "domain/fixed_decimal.h"

namespace domain {
namespace {

using nlohmann::json;

// Names and units are compared without ASCII spaces or U+3000, and with full-width ％ as %, because
// lab reports write "g/100 g", "连翘酯苷 A" and "％" for the same things.
std::string normalise(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ') continue;
    if (text.substr(i, 3) == "\xE3\x80\x80") {  // U+3000 ideographic space
      i += 2;
      continue;
    }
    if (text.substr(i, 3) == "\xEF\xBC\x85") {  // U+FF05 ％
      out += '%';
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

Error bad(std::string message, std::string field) {
  return make_error(Errc::invalid_input, "profile: " + std::move(message), std::move(field));
}

Result<std::string> text_at(const json& obj, const char* key, const std::string& at, bool required) {
  const std::string field = at + "/" + key;
  if (!obj.contains(key)) {
    if (required) return bad(std::string(key) + " is required", field);
    return std::string();
  }
  if (!obj[key].is_string() || obj[key].get_ref<const std::string&>().empty())
    return bad(std::string(key) + " must be a non-empty string", field);
  return obj[key].get<std::string>();
}

Result<LocalText> local_text_at(const json& obj, const char* key, const std::string& at) {
  const std::string field = at + "/" + key;
  if (!obj.contains(key) || !obj[key].is_object()) return bad(std::string(key) + " must be {\"zh\", \"en\"}", field);
  auto zh = text_at(obj[key], "zh", field, true);
  if (!zh) return zh.error();
  auto en = text_at(obj[key], "en", field, true);
  if (!en) return en.error();
  return LocalText{*zh, *en};
}

Result<std::vector<std::string>> strings_at(const json& obj, const char* key, const std::string& at) {
  std::vector<std::string> out;
  if (!obj.contains(key)) return out;
  const std::string field = at + "/" + key;
  if (!obj[key].is_array()) return bad(std::string(key) + " must be an array of strings", field);
  for (std::size_t i = 0; i < obj[key].size(); ++i) {
    const json& v = obj[key][i];
    if (!v.is_string() || v.get_ref<const std::string&>().empty())
      return bad("must be a non-empty string", field + "/" + std::to_string(i));
    out.push_back(v.get<std::string>());
  }
  return out;
}

Result<ProfileRule> rule_at(const json& r, const std::string& at, const std::vector<ProfileVariant>& variants) {
  if (!r.is_object()) return bad("a rule must be an object", at);
  ProfileRule rule;
  auto op = text_at(r, "op", at, true);
  if (!op) return op.error();
  if (*op == ">=")
    rule.op = ProfileRule::Op::at_least;
  else if (*op == "<=")
    rule.op = ProfileRule::Op::at_most;
  else if (*op == ">")
    rule.op = ProfileRule::Op::greater;
  else if (*op == "<")
    rule.op = ProfileRule::Op::less;
  else
    return bad("op must be one of >=, <=, >, <", at + "/op");
  auto limit_text = text_at(r, "limit", at, true);
  if (!limit_text) return limit_text.error();
  auto limit = FixedDecimal::parse(*limit_text, QualityProfile::kDecimals, QualityProfile::kDecimals, at + "/limit",
                                   "profile: limit");
  if (!limit) return limit.error();
  rule.limit = *limit;
  rule.limit_text = *limit_text;
  auto codes = strings_at(r, "variants", at);
  if (!codes) return codes.error();
  for (std::size_t i = 0; i < codes->size(); ++i) {
    bool known = false;
    for (const auto& v : variants) known = known || v.code == (*codes)[i];
    if (!known) return bad("no variant with code " + (*codes)[i], at + "/variants/" + std::to_string(i));
  }
  rule.variants = std::move(*codes);
  auto source = text_at(r, "source", at, true);
  if (!source) return source.error();
  rule.source = *source;
  if (r.contains("confirmed")) {
    if (!r["confirmed"].is_boolean()) return bad("confirmed must be true or false", at + "/confirmed");
    rule.confirmed = r["confirmed"].get<bool>();
  }
  auto note = text_at(r, "note", at, false);
  if (!note) return note.error();
  rule.note = *note;
  return rule;
}

std::string_view symbol(ProfileRule::Op op) {
  switch (op) {
    case ProfileRule::Op::at_least:
      return "≥";
    case ProfileRule::Op::at_most:
      return "≤";
    case ProfileRule::Op::greater:
      return ">";
    case ProfileRule::Op::less:
      return "<";
  }
  return "?";
}

// "GB 14963-2011 蔗糖 ≤ 10 g/100g（桉树蜜）"
std::string describe(const ProfileRule& r, const ProfileItem& item, const ProfileVariant* variant, bool zh) {
  std::string out = r.source + " " + (zh ? item.name.zh : item.name.en) + " " + std::string(symbol(r.op)) + " " +
                    r.limit_text + " " + item.unit;
  if (!r.variants.empty() && variant) out += zh ? "（" + variant->name.zh + "）" : " (" + variant->name.en + ")";
  if (!r.confirmed) out += zh ? "（限值待确认）" : " (limit unconfirmed)";
  return out;
}

bool matches(std::string_view wanted, const std::string& code, const LocalText& name,
             const std::vector<std::string>& aliases) {
  const std::string w = normalise(wanted);
  if (w.empty()) return false;
  if (w == code || w == normalise(name.zh) || w == normalise(name.en)) return true;
  for (const auto& a : aliases)
    if (w == normalise(a)) return true;
  return false;
}

}  // namespace

bool ProfileRule::holds(std::int64_t value) const {
  switch (op) {
    case Op::at_least:
      return value >= limit;
    case Op::at_most:
      return value <= limit;
    case Op::greater:
      return value > limit;
    case Op::less:
      return value < limit;
  }
  return false;
}

std::string_view to_string(Conformance c) {
  switch (c) {
    case Conformance::conformant:
      return "conformant";
    case Conformance::non_conformant:
      return "non_conformant";
    case Conformance::not_covered:
      return "not_covered";
  }
  return "not_covered";
}

Result<QualityProfile> QualityProfile::parse(std::string_view json_text) {
  const json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad("not a JSON object", "");
  QualityProfile p;
  auto product = text_at(doc, "product", "", true);
  if (!product) return product.error();
  p.product_ = *product;
  auto name = local_text_at(doc, "name", "");
  if (!name) return name.error();
  p.name_ = *name;
  if (doc.contains("variant")) {
    const json& v = doc["variant"];
    if (!v.is_object() || !v.contains("required") || !v["required"].is_boolean())
      return bad("variant must be an object with \"required\": true or false", "/variant");
    p.variant_required_ = v["required"].get<bool>();
    auto attribute = text_at(v, "attribute", "/variant", false);
    if (!attribute) return attribute.error();
    p.variant_attribute_ = *attribute;
  }
  if (doc.contains("variants")) {
    if (!doc["variants"].is_array()) return bad("variants must be an array", "/variants");
    for (std::size_t i = 0; i < doc["variants"].size(); ++i) {
      const std::string at = "/variants/" + std::to_string(i);
      const json& v = doc["variants"][i];
      if (!v.is_object()) return bad("a variant must be an object", at);
      ProfileVariant variant;
      auto code = text_at(v, "code", at, true);
      if (!code) return code.error();
      for (const auto& other : p.variants_)
        if (other.code == *code) return bad("variant code " + *code + " appears twice", at + "/code");
      variant.code = *code;
      auto vname = local_text_at(v, "name", at);
      if (!vname) return vname.error();
      variant.name = *vname;
      auto aliases = strings_at(v, "aliases", at);
      if (!aliases) return aliases.error();
      variant.aliases = std::move(*aliases);
      p.variants_.push_back(std::move(variant));
    }
  }
  if (p.variant_required_ && p.variants_.empty()) return bad("a required variant needs a variants list", "/variants");
  if (!doc.contains("items") || !doc["items"].is_array() || doc["items"].empty())
    return bad("items must be a non-empty array", "/items");
  for (std::size_t i = 0; i < doc["items"].size(); ++i) {
    const std::string at = "/items/" + std::to_string(i);
    const json& it = doc["items"][i];
    if (!it.is_object()) return bad("an item must be an object", at);
    ProfileItem item;
    auto code = text_at(it, "code", at, true);
    if (!code) return code.error();
    for (const auto& other : p.items_)
      if (other.code == *code) return bad("item code " + *code + " appears twice", at + "/code");
    item.code = *code;
    auto iname = local_text_at(it, "name", at);
    if (!iname) return iname.error();
    item.name = *iname;
    auto aliases = strings_at(it, "aliases", at);
    if (!aliases) return aliases.error();
    item.aliases = std::move(*aliases);
    auto unit = text_at(it, "unit", at, true);
    if (!unit) return unit.error();
    item.unit = *unit;
    if (!it.contains("rules") || !it["rules"].is_array() || it["rules"].empty())
      return bad("rules must be a non-empty array", at + "/rules");
    for (std::size_t j = 0; j < it["rules"].size(); ++j) {
      auto rule = rule_at(it["rules"][j], at + "/rules/" + std::to_string(j), p.variants_);
      if (!rule) return rule.error();
      item.rules.push_back(std::move(*rule));
    }
    p.items_.push_back(std::move(item));
  }
  // A measured name must lead to one item only, or the verdict would depend on the order of the file.
  for (std::size_t i = 0; i < p.items_.size(); ++i) {
    std::vector<std::string> names = p.items_[i].aliases;
    names.push_back(p.items_[i].name.zh);
    names.push_back(p.items_[i].name.en);
    for (std::size_t j = 0; j < p.items_.size(); ++j) {
      if (i == j) continue;
      for (const auto& n : names)
        if (matches(n, p.items_[j].code, p.items_[j].name, p.items_[j].aliases))
          return bad("name " + n + " of item " + p.items_[i].code + " also names item " + p.items_[j].code,
                     "/items/" + std::to_string(i));
    }
  }
  return p;
}

const ProfileVariant* QualityProfile::find_variant(std::string_view text) const {
  for (const auto& v : variants_)
    if (matches(text, v.code, v.name, v.aliases)) return &v;
  return nullptr;
}

const ProfileItem* QualityProfile::find_item(std::string_view name) const {
  for (const auto& item : items_)
    if (matches(name, item.code, item.name, item.aliases)) return &item;
  return nullptr;
}

Result<ProfileEvaluation> QualityProfile::evaluate(const std::vector<MeasuredItem>& measured,
                                                   std::string_view variant_text) const {
  if (measured.size() > kMaxMeasuredItems) {
    return make_error(Errc::invalid_input,
                      "at most " + std::to_string(kMaxMeasuredItems) + " items can be judged at once", "/items");
  }
  const ProfileVariant* variant = normalise(variant_text).empty() ? nullptr : find_variant(variant_text);
  if (variant_required_ && !variant) {
    std::string known;
    for (const auto& v : variants_) known += (known.empty() ? "" : ", ") + v.name.zh + " (" + v.code + ")";
    return make_error(Errc::unprocessable,
                      (variant_text.empty() ? std::string("the ") + name_.en + " profile needs a variant"
                                            : "unknown variant " + std::string(variant_text) + " for " + name_.en) +
                          "; one of: " + known,
                      "/variant");
  }
  ProfileEvaluation out;
  out.product = product_;
  out.variant = variant ? variant->code : std::string();
  bool any_covered = false;
  bool any_failed = false;
  for (std::size_t i = 0; i < measured.size(); ++i) {
    const MeasuredItem& m = measured[i];
    const std::string at = "/items/" + std::to_string(i);
    if (normalise(m.name).empty()) return make_error(Errc::invalid_input, "item name is empty", at + "/name");
    ItemVerdict v{m.name, "", m.value, m.unit, Conformance::not_covered, "", "", false};
    const ProfileItem* item = find_item(m.name);
    // Rules for this variant replace the general ones; general rules otherwise.
    std::vector<const ProfileRule*> rules;
    if (item) {
      if (variant)
        for (const auto& r : item->rules)
          for (const auto& code : r.variants)
            if (code == variant->code) rules.push_back(&r);
      if (rules.empty())
        for (const auto& r : item->rules)
          if (r.variants.empty()) rules.push_back(&r);
    }
    if (rules.empty()) {
      out.items.push_back(std::move(v));
      continue;
    }
    v.code = item->code;
    if (normalise(m.unit).empty()) {
      return make_error(Errc::invalid_input, item->name.en + " (" + item->name.zh + ") needs its unit, " + item->unit,
                        at + "/unit");
    }
    if (normalise(m.unit) != normalise(item->unit)) {
      return make_error(Errc::unprocessable,
                        item->name.en + " (" + item->name.zh + ") is in " + m.unit + " but the " + product_ +
                            " profile's limit is in " + item->unit + "; report it in " + item->unit +
                            " (units are not converted)",
                        at + "/unit");
    }
    auto value = FixedDecimal::parse(m.value, kDecimals, kDecimals, at + "/value", item->name.en + " value");
    if (!value) return value.error();
    const ProfileRule* broken = nullptr;
    for (const ProfileRule* r : rules)
      if (!broken && !r->holds(*value)) broken = r;
    any_covered = true;
    if (broken) {
      any_failed = true;
      v.verdict = Conformance::non_conformant;
      v.rule_zh = describe(*broken, *item, variant, true);
      v.rule_en = describe(*broken, *item, variant, false);
      v.unconfirmed = !broken->confirmed;
    } else {
      v.verdict = Conformance::conformant;
      for (const ProfileRule* r : rules) {
        v.rule_zh += (v.rule_zh.empty() ? "" : "；") + describe(*r, *item, variant, true);
        v.rule_en += (v.rule_en.empty() ? "" : "; ") + describe(*r, *item, variant, false);
        v.unconfirmed = v.unconfirmed || !r->confirmed;
      }
    }
    out.items.push_back(std::move(v));
  }
  out.overall = any_failed    ? Conformance::non_conformant
                : any_covered ? Conformance::conformant
                              : Conformance::not_covered;
  return out;
}

}  // namespace domain
