// webtest::Chain: the event tests' starting point — a cooperative holding 100 kg of apples (a
// product with a storage band), a shop it ships to and a stranger, each with a site, plus request
// bodies for the common steps. Not thread-safe; one per test case.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "fixture.h"

namespace webtest {

struct Chain {
  using json = nlohmann::json;

  Fixture f;
  Party coop = f.party("大宁县宁脆苹果专业合作社", "cooperative", "大宁县");
  Party shop = f.party("宁脆优选网店", "shop", "大宁县");
  Party stranger = f.party("山西太行药业有限公司", "processor", "太原市");
  std::string orchard = f.site(coop, "南堡村果园");
  std::string cold = f.site(coop, "大宁果品冷库", "cold_store");
  std::string shop_wh = f.site(shop, "宁脆优选发货仓", "warehouse");
  std::string stranger_site = f.site(stranger, "原料库", "warehouse");
  std::string apples = "0" + with_check_digit("690612300001");
  json product = f.product(coop, apples, "kg", "大宁宁脆苹果",
                           {{"storage", {{"temperature_min", "-1"}, {"temperature_max", "1"},
                                         {"humidity_min", "90"}, {"humidity_max", "95"}}}});
  json harvest = f.batch(coop, orchard, apples, "DN-A", "100", "kg");
  std::string batch = harvest["id"];

  json ship(const std::string& quantity, json extra = json::object()) const {
    json b = {{"kind", "ship"}, {"batch", batch}, {"site", cold}, {"at", "2026-10-21T09:30:00+08:00"},
              {"quantity", quantity}, {"unit", "kg"}, {"to", shop.id}, {"carrier", "大宁县冷链物流"},
              {"waybill", "DNLL001"}};
    b.update(extra);
    return b;
  }
  json sell(const std::string& site, const std::string& quantity, json extra = json::object()) const {
    json b = {{"kind", "sell"}, {"batch", batch}, {"site", site}, {"at", "2026-10-22T17:45:00+08:00"},
              {"quantity", quantity}, {"unit", "kg"}, {"carrier", "顺丰速运"}, {"waybill", "SF001"},
              {"destination", {{"province", "北京市"}, {"city", "朝阳区"}}}};
    b.update(extra);
    return b;
  }
  json receive(const std::string& shipment, const std::string& site) const {
    return {{"kind", "receive"}, {"shipment", shipment}, {"site", site}, {"at", "2026-10-21T14:00:00+08:00"}};
  }
  json inspect(json extra = json::object()) const {
    json b = {{"kind", "inspect"}, {"batch", batch}, {"site", orchard}, {"at", "2026-10-12T15:20:00+08:00"},
              {"result", "pass"}, {"method", "GB/T 5009.199"}};
    b.update(extra);
    return b;
  }
};


}  // namespace webtest
