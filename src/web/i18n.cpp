#include "web/i18n.h"

namespace web {
namespace {

const nlohmann::json kLabels = nlohmann::json::parse(R"({
 "zh": {"html_lang": "zh-CN", "title": "农产品质量追溯", "switch": "English", "product": "产品", "spec": "规格",
        "gtin": "商品条码", "lot": "批号", "quantity": "批次数量", "producer": "生产者", "county": "县",
        "origin": "产地", "produced": "采收/生产日期", "attributes": "产品属性", "timeline": "流转记录",
        "came_from": "原料来源", "parcel": "包裹信息", "sent": "寄出时间", "carrier": "承运", "waybill": "运单号",
        "destination": "寄往", "pass": "合格", "fail": "不合格", "excursion": "温度超出范围",
        "corrected": "已更正", "reason": "原因", "history": "更正前记录", "no_steps": "暂无流转记录",
        "not_found_title": "未查到此追溯码", "not_found_body": "这个二维码没有在本平台登记。它可能印错了，也可能是假冒产品。请向商家核实，或拨打 12315 向市场监管部门反映。",
        "code": "您扫描的码", "batches": "近期批次", "contact": "联系方式", "verified_note": "每条记录均已写入防篡改日志",
        "record": "日志记录", "verified": "已验证 / verified", "verified_record": "日志记录", "in_log_of_size": "，日志大小 ",
        "download_evidence": "下载证据包 / download evidence", "footer": "山西省县域农产品质量安全追溯 · 来源可溯 去向可查 风险可控 责任可纠"},
 "en": {"html_lang": "en", "title": "Produce traceability", "switch": "中文", "product": "Product", "spec": "Pack",
        "gtin": "GTIN", "lot": "Lot", "quantity": "Batch size", "producer": "Producer", "county": "County",
        "origin": "Origin", "produced": "Harvested / produced", "attributes": "Attributes", "timeline": "Chain of custody",
        "came_from": "Made from", "parcel": "Parcel", "sent": "Sent", "carrier": "Carrier", "waybill": "Waybill",
        "destination": "To", "pass": "pass", "fail": "FAIL", "excursion": "temperature out of range",
        "corrected": "corrected", "reason": "reason", "history": "before correction", "no_steps": "No steps recorded yet",
        "not_found_title": "This code is not registered", "not_found_body": "This QR code is not registered with this traceability service. It may be misprinted, or the product may be counterfeit. Please check with the seller, or report it to the market supervision hotline 12315.",
        "code": "The code you scanned", "batches": "Recent batches", "contact": "Contact", "verified_note": "Every record is kept in a tamper-evident log",
        "record": "log record", "verified": "verified", "verified_record": "record", "in_log_of_size": " in a log of size ",
        "download_evidence": "download evidence", "footer": "Shanxi county produce traceability"}
})");

const nlohmann::json kTerms = nlohmann::json::parse(R"({
 "event": {"inspect": ["检测", "Inspection"], "transform": ["加工", "Processing"], "pack": ["包装", "Packing"],
           "store": ["仓储", "Storage"], "ship": ["发货", "Shipped"], "receive": ["收货", "Received"],
           "sell": ["售出寄递", "Sold and sent"], "sensor": ["温湿度记录", "Temperature log"], "harvest": ["采收", "Harvest"]},
 "party": {"farm": ["种植户/农场", "farm"], "cooperative": ["合作社", "cooperative"], "processor": ["加工企业", "processor"],
           "warehouse": ["仓储企业", "warehouse"], "shop": ["网店", "online shop"], "courier": ["快递物流", "courier"],
           "lab": ["检测机构", "testing lab"], "bureau": ["市场监管局", "market supervision bureau"]},
 "site": {"orchard": ["果园", "orchard"], "apiary": ["蜂场", "apiary"], "forest_plot": ["林地", "forest plot"],
          "farm_field": ["农田", "field"], "processing_plant": ["加工厂", "processing plant"], "cold_store": ["冷库", "cold store"],
          "warehouse": ["仓库", "warehouse"], "shop": ["门店", "shop"], "lab": ["实验室", "lab"], "office": ["办公地点", "office"]},
 "category": {"apple": ["苹果", "apples"], "forsythia": ["连翘", "forsythia"], "honey": ["蜂蜜", "honey"],
              "hawthorn": ["山楂", "hawthorn"], "other": ["其他", "other"]},
 "attribute": {"variety": ["品种", "variety"], "floral_source": ["蜜源", "floral source"], "grade": ["等级", "grade"],
               "maturity": ["采收类型", "maturity"], "size": ["果径", "size"], "harvest_method": ["采收方式", "harvest method"],
               "moisture": ["含水量", "moisture"], "fruits_per_kg": ["每公斤果数", "fruits per kg"], "processing": ["加工方式", "processing"],
               "origin_region": ["产区", "region"]}
})");

}  // namespace

const nlohmann::json& page_labels(const std::string& lang) { return kLabels[lang == "en" ? "en" : "zh"]; }

std::string term(const std::string& lang, const std::string& group, const std::string& value) {
  auto g = kTerms.find(group);
  if (g == kTerms.end()) return value;
  auto v = g->find(value);
  if (v == g->end()) return value;
  return (*v)[lang == "en" ? 1 : 0].get<std::string>();
}

}  // namespace web
