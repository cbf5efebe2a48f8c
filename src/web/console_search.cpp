#include "web/console_search.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <tuple>

#include "domain/gtin.h"
#include "domain/timestamp.h"
#include "store/controls.h"
#include "web/assets.h"
#include "web/i18n.h"
#include "web/route_context.h"
#include "web/template_data.h"

namespace web {
namespace {

using nlohmann::json;

constexpr size_t kMaxText = 64;
const char* const kQueryFields[] = {"gtin", "lot", "party", "county", "category", "from", "to", "status"};
const char* const kCategories[] = {"apple", "forsythia", "honey", "hawthorn", "other"};

domain::Error bad(const std::string& field, const std::string& message) {
  return domain::make_error(domain::Errc::invalid_input, message, field);
}

std::string value_of(const std::map<std::string, std::string>& q, const std::string& key) {
  auto it = q.find(key);
  return it == q.end() ? std::string() : it->second;
}

std::string trim(std::string s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// A date as typed in the form, as the first or last second of that day in China (UTC+8).
domain::Result<int64_t> day_bound(const std::string& text, const std::string& field, bool end_of_day) {
  auto ts = domain::Timestamp::parse(text + (end_of_day ? "T23:59:59+08:00" : "T00:00:00+08:00"), field);
  if (text.size() != 10 || !ts) return bad(field, field + " must be a date YYYY-MM-DD (日期格式 YYYY-MM-DD)");
  return ts->unix_seconds();
}

std::string local_date(int64_t unix_seconds) { return domain::Timestamp::from_unix(unix_seconds, 480).local_date(); }

}  // namespace

domain::Result<store::ConsoleFilter> console_filter(const std::map<std::string, std::string>& q) {
  store::ConsoleFilter f;
  for (const char* key : kQueryFields)
    if (value_of(q, key).size() > kMaxText)
      return bad(key, std::string(key) + " is longer than " + std::to_string(kMaxText) + " bytes");
  if (std::string gtin = trim(value_of(q, "gtin")); !gtin.empty()) {
    auto parsed = domain::Gtin::parse(gtin, "gtin");
    if (!parsed) return parsed.error();
    f.gtin = parsed->str();
  }
  f.lot = trim(value_of(q, "lot"));
  f.party = trim(value_of(q, "party"));
  f.county = trim(value_of(q, "county"));
  f.category = trim(value_of(q, "category"));
  if (!f.category.empty() &&
      std::find(std::begin(kCategories), std::end(kCategories), f.category) == std::end(kCategories))
    return bad("category", "category must be one of apple, forsythia, honey, hawthorn, other");
  if (std::string from = trim(value_of(q, "from")); !from.empty()) {
    auto v = day_bound(from, "from", false);
    if (!v) return v.error();
    f.from_unix = *v;
  }
  if (std::string to = trim(value_of(q, "to")); !to.empty()) {
    auto v = day_bound(to, "to", true);
    if (!v) return v.error();
    f.to_unix = *v;
  }
  if (f.from_unix && f.to_unix && *f.from_unix > *f.to_unix) return bad("to", "to is before from");
  f.status = trim(value_of(q, "status"));
  if (!f.status.empty() && f.status != "held" && f.status != "recalled" && f.status != "failed")
    return bad("status", "status must be held, recalled or failed");
  if (std::string before = value_of(q, "before"); !before.empty()) {
    auto [end, ec] = std::from_chars(before.data(), before.data() + before.size(), f.before_seq);
    if (ec != std::errc() || end != before.data() + before.size() || f.before_seq <= 0)
      return bad("before", "before must be a positive whole number (a result cursor)");
  }
  f.limit = kConsolePageSize;
  return f;
}

json console_search_model(App& app, const Principal& who, const std::map<std::string, std::string>& query,
                          const store::ConsoleFilter* filter, const std::string& error) {
  json model = {{"csrf", who.csrf_token},
                {"via_session", who.via_session},
                {"who", who.username.empty() ? std::string(role_name(who.role)) : who.username},
                {"role", who.role == Role::inspector ? "监管人员"
                         : who.role == Role::admin   ? "平台管理员"
                                                     : "生产者"}};
  json form = json::object();
  for (const char* key : kQueryFields) form[key] = value_of(query, key);
  model["form"] = form;
  json categories = json::array();
  for (const char* c : kCategories)
    categories.push_back({{"value", c},
                          {"label", term("zh", "category", c)},
                          {"en", term("en", "category", c)},
                          {"selected", form["category"] == c}});
  model["categories"] = categories;
  json statuses = json::array();
  for (auto [value, zh, en] : {std::tuple{"held", "扣留中", "held"},
                               {"recalled", "已召回", "recalled"},
                               {"failed", "检测不合格", "failed test"}})
    statuses.push_back({{"value", value}, {"label", zh}, {"en", en}, {"selected", form["status"] == value}});
  model["statuses"] = statuses;
  if (!error.empty()) model["error"] = error;
  model["searched"] = filter != nullptr;
  if (!filter) return model;

  store::Queries& reader = app.reader();
  store::ReadSnapshot snapshot(reader.database());
  store::ConsoleQueries console(reader.database());
  store::Controls controls(reader.database());
  auto rows = console.search(*filter);
  std::map<std::string, std::string> products, parties;  // names, each read once
  json results = json::array();
  for (const auto& b : rows) {
    auto [pit, pfresh] = products.try_emplace(b.product_id);
    if (pfresh) {
      auto p = reader.product(b.product_id);
      pit->second = p ? json::parse(p->body).value("name", b.gtin) : b.gtin;
    }
    auto [oit, ofresh] = parties.try_emplace(b.party_id);
    if (ofresh) {
      auto p = reader.party(b.party_id);
      oit->second = p ? p->name : b.party_id;
    }
    json badges = json::array();
    bool held = false, recalled = false;
    for (const auto& c : controls.open_for(b.id)) (c.kind == "recall" ? recalled : held) = true;
    if (recalled) badges.push_back({{"label", "已召回"}, {"en", "recalled"}});
    if (held) badges.push_back({{"label", "扣留中"}, {"en", "held"}});
    if (console.failed_test(b.id)) badges.push_back({{"label", "检测不合格"}, {"en", "failed test"}});
    results.push_back({{"id", b.id},
                       {"lot", b.lot},
                       {"gtin", b.gtin},
                       {"product", pit->second},
                       {"party", oit->second},
                       {"county", b.county},
                       {"produced", local_date(b.produced_unix)},
                       {"badges", badges},
                       {"link", "/console/batches/" + url_encode(b.id)}});
  }
  model["results"] = results;
  model["count"] = results.size();
  model["none"] = results.empty();
  if (static_cast<int>(rows.size()) == filter->limit) {
    std::string next = "/console?";
    for (const char* key : kQueryFields)
      if (!form[key].get<std::string>().empty()) next += std::string(key) + "=" + url_encode(form[key].get<std::string>()) + "&";
    model["next"] = next + "before=" + std::to_string(rows.back().seq);
  }
  model["paged"] = filter->before_seq != 0;
  return model;
}

std::string render_console_page(App& app, json model) {
  model["css"] = std::string(template_file("style.css"));
  model["console_css"] = std::string(template_file("console.css"));
  return app.templates().render("console.html", to_template_data(model));
}

}  // namespace web
