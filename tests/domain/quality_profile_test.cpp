#include "domain/quality_profile.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#ifndef AGRITRACE_SOURCE_DIR
#error "AGRITRACE_SOURCE_DIR must name the source tree (set by tests/domain/CMakeLists.txt)"
#endif

using domain::Conformance;
using domain::Errc;
using domain::MeasuredItem;
using domain::QualityProfile;
using nlohmann::json;

namespace {

const char* const kProducts[] = {"honey", "forsythia", "apple", "hawthorn"};

std::string read_file(const std::string& relative) {
  std::ifstream in(std::string(AGRITRACE_SOURCE_DIR) + "/" + relative, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

QualityProfile profile(const std::string& product) {
  auto p = QualityProfile::parse(read_file("schemas/profiles/" + product + ".json"));
  if (!p.ok()) FAIL(p.error().field + ": " + p.error().message);
  return *p;
}

// Empty when the document satisfies schemas/profiles/profile.schema.json; else the errors.
std::string schema_errors(const json& doc) {
  static const json schema_doc = json::parse(read_file("schemas/profiles/profile.schema.json"));
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_doc);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  if (validator.validate(schema, adapter, &results)) return {};
  std::string out;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    for (const auto& c : e.context) out += c;
    out += ": " + e.description + "\n";
  }
  return out;
}

domain::ProfileEvaluation judge(const std::string& product, std::vector<MeasuredItem> items,
                                std::string_view variant = {}) {
  auto r = profile(product).evaluate(items, variant);
  if (!r.ok()) FAIL(r.error().field + ": " + r.error().message);
  return *r;
}

Conformance verdict(const std::string& product, std::string name, std::string value, std::string unit,
                    std::string_view variant = {}) {
  return judge(product, {{std::move(name), std::move(value), std::move(unit)}}, variant).items.at(0).verdict;
}

domain::Error refusal(const std::string& product, std::vector<MeasuredItem> items, std::string_view variant = {}) {
  auto r = profile(product).evaluate(items, variant);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

}  // namespace

TEST_CASE("every profile file validates against the profile schema and loads", "[quality_profile]") {
  for (const char* product : kProducts) {
    INFO(product);
    const std::string text = read_file(std::string("schemas/profiles/") + product + ".json");
    CHECK(schema_errors(json::parse(text)).empty());
    auto p = QualityProfile::parse(text);
    REQUIRE(p.ok());
    CHECK(p->product() == product);
    CHECK_FALSE(p->items().empty());
  }
}

TEST_CASE("the profile schema rejects what the loader rejects", "[quality_profile]") {
  json doc = json::parse(read_file("schemas/profiles/honey.json"));
  doc["items"][1]["rules"][0]["op"] = "==";
  CHECK_FALSE(schema_errors(doc).empty());
  auto p = QualityProfile::parse(doc.dump());
  REQUIRE_FALSE(p.ok());
  CHECK(p.error().field == "/items/1/rules/0/op");

  doc = json::parse(read_file("schemas/profiles/honey.json"));
  doc["items"][0]["rules"][0]["limit"] = "60%";
  CHECK_FALSE(schema_errors(doc).empty());
  p = QualityProfile::parse(doc.dump());
  REQUIRE_FALSE(p.ok());
  CHECK(p.error().field == "/items/0/rules/0/limit");

  doc = json::parse(read_file("schemas/profiles/honey.json"));
  doc["items"][0].erase("unit");
  CHECK_FALSE(schema_errors(doc).empty());
  CHECK(QualityProfile::parse(doc.dump()).error().field == "/items/0/unit");
}

TEST_CASE("the loader refuses inconsistent profiles with the place named", "[quality_profile]") {
  CHECK(QualityProfile::parse("not json").error().code == Errc::invalid_input);
  json doc = json::parse(read_file("schemas/profiles/honey.json"));
  doc["items"][1]["rules"][1]["variants"][0] = "buckwheat";
  auto p = QualityProfile::parse(doc.dump());
  REQUIRE_FALSE(p.ok());
  CHECK(p.error().field == "/items/1/rules/1/variants/0");

  doc = json::parse(read_file("schemas/profiles/honey.json"));
  doc["items"][2]["aliases"].push_back("蔗糖");  // zinc would also answer to sucrose's name
  p = QualityProfile::parse(doc.dump());
  REQUIRE_FALSE(p.ok());
  CHECK(p.error().field == "/items/1");  // the first item whose name is claimed twice
  CHECK(p.error().message.find("zinc") != std::string::npos);

  doc = json::parse(read_file("schemas/profiles/forsythia.json"));
  doc.erase("variants");
  CHECK(QualityProfile::parse(doc.dump()).error().field == "/variants");
}

TEST_CASE("each demo inspection's items evaluate as the demo says", "[quality_profile]") {
  const json demo = json::parse(read_file("tools/demo/demo.json"));
  std::map<std::string, std::string> category_of_gtin;
  std::map<std::string, json> saved;  // save name → step body
  for (const json& step : demo["steps"]) {
    if (step["post"] == "/api/v1/products") category_of_gtin[step["body"]["gtin"]] = step["body"]["category"];
    if (step.contains("save")) saved[step["save"]] = step["body"];
  }
  int inspections = 0;
  for (const json& step : demo["steps"]) {
    const json& body = step["body"];
    if (body.value("kind", "") != "inspect" || !body.contains("items")) continue;
    ++inspections;
    // "$name.id" is a batch created by POST /batches; "$name.outputs.N.batch" an output of a transform.
    std::string ref = body["batch"];
    std::string name = ref.substr(1, ref.find('.') - 1);
    REQUIRE(saved.count(name) == 1);
    json batch = saved[name];
    if (ref.find(".outputs.") != std::string::npos)
      batch = batch["outputs"][std::stoi(ref.substr(ref.find(".outputs.") + 9))];
    const std::string category = category_of_gtin.at(batch["gtin"]);
    const QualityProfile p = profile(category);
    std::string variant;
    if (batch.contains("attributes") && !p.variant_attribute().empty())
      variant = batch["attributes"].value(p.variant_attribute(), "");
    std::vector<MeasuredItem> items;
    for (const json& it : body["items"]) items.push_back({it["name"], it["value"], it.value("unit", "")});
    INFO(category << " " << body["method"].get<std::string>() << " variant " << variant);
    auto r = p.evaluate(items, variant);
    if (!r.ok()) FAIL(r.error().field + ": " + r.error().message);
    if (p.variant_required()) CHECK_FALSE(r->variant.empty());
    CHECK(r->overall == (body["result"] == "pass" ? Conformance::conformant : Conformance::non_conformant));
    for (std::size_t i = 0; i < items.size(); ++i) {
      INFO(items[i].name << " -> " << r->items[i].rule_zh);
      CHECK(r->items[i].verdict ==
            (body["items"][i]["pass"].get<bool>() ? Conformance::conformant : Conformance::non_conformant));
      CHECK_FALSE(r->items[i].rule_zh.empty());
    }
  }
  CHECK(inspections == 2);  // honey and forsythia lab reports; apples and hawthorn carry rapid tests
}

TEST_CASE("honey limits at and just past their boundaries", "[quality_profile]") {
  CHECK(verdict("honey", "蔗糖", "5", "g/100g") == Conformance::conformant);
  CHECK(verdict("honey", "蔗糖", "5.000001", "g/100g") == Conformance::non_conformant);
  CHECK(verdict("honey", "果糖和葡萄糖", "60", "g/100g") == Conformance::conformant);
  CHECK(verdict("honey", "果糖和葡萄糖", "59.99", "g/100g") == Conformance::non_conformant);
  CHECK(verdict("honey", "锌", "25", "mg/kg") == Conformance::conformant);
  CHECK(verdict("honey", "Zn", "25.1", "mg/kg") == Conformance::non_conformant);
  CHECK(verdict("honey", "菌落总数", "1000", "CFU/g") == Conformance::conformant);
  CHECK(verdict("honey", "total plate count", "1001", "CFU/g") == Conformance::non_conformant);

  auto r = judge("honey", {{"蔗糖", "6.2", "g/100g"}});
  CHECK(r.overall == Conformance::non_conformant);
  CHECK(r.items[0].code == "sucrose");
  CHECK(r.items[0].rule_zh == "GB 14963-2011 蔗糖 ≤ 5 g/100g");
  CHECK(r.items[0].rule_en == "GB 14963-2011 sucrose ≤ 5 g/100g");
  CHECK_FALSE(r.items[0].unconfirmed);
}

TEST_CASE("honey from the standard's exception floral sources may hold up to 10 g sucrose", "[quality_profile]") {
  CHECK(verdict("honey", "蔗糖", "8", "g/100g", "桉树") == Conformance::conformant);
  CHECK(verdict("honey", "蔗糖", "10", "g/100g", "lychee") == Conformance::conformant);
  CHECK(verdict("honey", "蔗糖", "10.1", "g/100g", "荔枝蜜") == Conformance::non_conformant);
  CHECK(verdict("honey", "蔗糖", "8", "g/100g", "荆条") == Conformance::non_conformant);  // general rule
  auto r = judge("honey", {{"蔗糖", "10.5", "g/100g"}}, "野桂花");
  CHECK(r.variant == "wild_osmanthus");
  CHECK(r.items[0].rule_zh == "GB 14963-2011 蔗糖 ≤ 10 g/100g（野桂花蜜）");
  // Rules without a variant list still apply to the exceptions.
  CHECK(verdict("honey", "锌", "26", "mg/kg", "桉树") == Conformance::non_conformant);
}

TEST_CASE("unconfirmed limits say so in the rule", "[quality_profile]") {
  auto r = judge("honey", {{"水分", "21", "g/100g"}});
  CHECK(r.items[0].verdict == Conformance::non_conformant);
  CHECK(r.items[0].unconfirmed);
  CHECK(r.items[0].rule_zh.find("待确认") != std::string::npos);
  CHECK(r.items[0].rule_en.find("unconfirmed") != std::string::npos);
}

TEST_CASE("forsythia needs 青翘 or 老翘 and applies each one's thresholds", "[quality_profile]") {
  auto missing = refusal("forsythia", {{"连翘苷", "0.2", "%"}});
  CHECK(missing.code == Errc::unprocessable);
  CHECK(missing.field == "/variant");
  CHECK(missing.message.find("青翘") != std::string::npos);
  CHECK(refusal("forsythia", {{"连翘苷", "0.2", "%"}}, "嫩翘").field == "/variant");

  CHECK(verdict("forsythia", "连翘酯苷A", "3.5", "%", "青翘") == Conformance::conformant);
  CHECK(verdict("forsythia", "连翘酯苷A", "3.49", "%", "青翘") == Conformance::non_conformant);
  CHECK(verdict("forsythia", "连翘酯苷A", "0.25", "%", "老翘") == Conformance::conformant);
  CHECK(verdict("forsythia", "连翘酯苷 A", "0.24", "%", "laoqiao") == Conformance::non_conformant);
  CHECK(verdict("forsythia", "连翘苷", "0.15", "%", "老翘") == Conformance::conformant);
  CHECK(verdict("forsythia", "phillyrin", "0.149", "%", "青翘") == Conformance::non_conformant);
  CHECK(verdict("forsythia", "挥发油", "1.9", "%", "青翘") == Conformance::non_conformant);
  CHECK(verdict("forsythia", "挥发油", "1.9", "%", "老翘") == Conformance::not_covered);
  CHECK(verdict("forsythia", "水分", "10.0", "％", "青翘") == Conformance::conformant);

  auto r = judge("forsythia", {{"连翘酯苷A", "1.2", "%"}}, "青翘");
  CHECK(r.items[0].rule_zh == "中国药典 连翘 含量测定 连翘酯苷A ≥ 3.5 %（青翘）");
}

TEST_CASE("hawthorn size classes by fruits per kilogram", "[quality_profile]") {
  CHECK(verdict("hawthorn", "每千克果数", "110", "个/kg", "优等") == Conformance::conformant);
  CHECK(verdict("hawthorn", "每千克果数", "111", "个/kg", "优等") == Conformance::non_conformant);
  CHECK(verdict("hawthorn", "每千克果数", "130", "个/kg", "大果") == Conformance::conformant);
  CHECK(verdict("hawthorn", "每千克果数", "130", "个/kg", "中果") == Conformance::non_conformant);
  CHECK(verdict("hawthorn", "每千克果数", "131", "个/kg", "中果") == Conformance::conformant);
  CHECK(verdict("hawthorn", "每千克果数", "180", "个/kg", "中果") == Conformance::conformant);
  CHECK(verdict("hawthorn", "每千克果数", "181", "个/kg", "small") == Conformance::conformant);
  CHECK(verdict("hawthorn", "每千克果数", "301", "个/kg", "小果") == Conformance::non_conformant);
  CHECK(verdict("hawthorn", "每千克果数", "120", "个/kg") == Conformance::not_covered);  // no grade claimed
  auto r = judge("hawthorn", {{"每千克果数", "150", "个/kg"}}, "中果");
  CHECK(r.items[0].rule_zh == "SB/T 10092 每千克果数 > 130 个/kg（中果）；SB/T 10092 每千克果数 ≤ 180 个/kg（中果）");
}

TEST_CASE("apple rapid test item and grade diameters", "[quality_profile]") {
  CHECK(verdict("apple", "抑制率", "49.9", "%") == Conformance::conformant);
  CHECK(verdict("apple", "抑制率", "50", "%") == Conformance::non_conformant);
  CHECK(verdict("apple", "果径（大型果）", "65", "mm", "一等") == Conformance::conformant);
  CHECK(verdict("apple", "果径（大型果）", "64.9", "mm", "一等品") == Conformance::non_conformant);
  CHECK(verdict("apple", "果径（中小型果）", "55", "mm", "first") == Conformance::conformant);
  CHECK(verdict("apple", "果径（大型果）", "80", "mm") == Conformance::not_covered);
  CHECK(verdict("apple", "抑制率", "12", "%", "不存在的等级") == Conformance::conformant);  // optional variant
}

TEST_CASE("overall verdict: any failure fails, items outside the profile are not covered", "[quality_profile]") {
  auto mixed = judge("honey", {{"蔗糖", "2", "g/100g"}, {"花粉", "12", "个"}});
  CHECK(mixed.overall == Conformance::conformant);
  CHECK(mixed.items[1].verdict == Conformance::not_covered);
  CHECK(mixed.items[1].code.empty());
  CHECK(mixed.items[1].rule_zh.empty());
  auto none = judge("honey", {{"花粉", "12", "个"}});
  CHECK(none.overall == Conformance::not_covered);
  CHECK(judge("honey", {}).overall == Conformance::not_covered);
  auto failed = judge("honey", {{"蔗糖", "2", "g/100g"}, {"锌", "30", "mg/kg"}, {"花粉", "1", "个"}});
  CHECK(failed.overall == Conformance::non_conformant);
  CHECK(domain::to_string(failed.overall) == "non_conformant");
}

TEST_CASE("a unit that differs from the profile's is refused, not converted", "[quality_profile]") {
  auto e = refusal("honey", {{"果糖和葡萄糖", "68", "g/100g"}, {"蔗糖", "2.1", "%"}});
  CHECK(e.code == Errc::unprocessable);
  CHECK(e.field == "/items/1/unit");
  CHECK(e.message.find("g/100g") != std::string::npos);
  CHECK(e.message.find("%") != std::string::npos);
  CHECK(refusal("forsythia", {{"水分", "8", "g/100g"}}, "青翘").field == "/items/0/unit");
  CHECK(refusal("honey", {{"锌", "3", ""}}).field == "/items/0/unit");
  CHECK(verdict("honey", "蔗糖", "2", "g/100 g") == Conformance::conformant);  // spacing is not a unit
}

TEST_CASE("measured values must be plain decimals", "[quality_profile]") {
  for (const char* bad : {"abc", "<0.01", "-1", "1e3", "", "1.1234567", "5 g"}) {
    INFO(bad);
    auto e = refusal("honey", {{"蔗糖", "2", "g/100g"}, {"蔗糖", bad, "g/100g"}});
    CHECK(e.code == Errc::invalid_input);
    CHECK(e.field == "/items/1/value");
  }
  CHECK(refusal("honey", {{" ", "2", "g/100g"}}).field == "/items/0/name");
  std::vector<MeasuredItem> many(QualityProfile::kMaxMeasuredItems + 1, MeasuredItem{"蔗糖", "1", "g/100g"});
  CHECK(refusal("honey", many).field == "/items");
}
