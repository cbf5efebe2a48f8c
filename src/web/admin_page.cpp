#include "web/admin_page.h"

#include <string_view>

#include "domain/timestamp.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "web/assets.h"
#include "web/i18n.h"
#include "web/responses.h"
#include "web/route_context.h"
#include "web/template_data.h"

namespace web {
namespace {

using nlohmann::json;

// The labels of the form fields an error can name, so the page says which one in Chinese too.
const std::map<std::string, std::string, std::less<>> kFieldNames = {{"/name", "名称"},
                                                                     {"/kind", "类型"},
                                                                     {"/county", "县（区）"},
                                                                     {"/contact", "联系方式"},
                                                                     {"/uscc", "统一社会信用代码"},
                                                                     {"/gln", "GLN"},
                                                                     {"/username", "用户名"},
                                                                     {"/role", "角色"},
                                                                     {"/party", "所属单位"},
                                                                     {"/password", "密码"},
                                                                     {"/password2", "确认密码"},
                                                                     {"/before", "分页位置"},
                                                                     {"csrf", "表单令牌"}};

const json kRoles =
    json::array({json::array({"producer", "生产者", "producer"}), json::array({"inspector", "监管人员", "inspector"}),
                 json::array({"admin", "平台管理员", "administrator"})});

json error_model(const domain::Error& e) {
  auto name = kFieldNames.find(e.field);
  return {{"field_zh", name == kFieldNames.end() ? e.field : name->second},
          {"field", e.field.empty() || e.field[0] != '/' ? e.field : e.field.substr(1)},
          {"message", e.message}};
}

std::string value_of(const std::map<std::string, std::string>& values, const std::string& key) {
  auto it = values.find(key);
  return it == values.end() ? std::string() : it->second;
}

// The party kinds the API accepts, from schemas/party.json, so the select never offers another.
std::vector<std::string> party_kinds(App& app) {
  std::vector<std::string> kinds;
  auto schema = json::parse(app.schemas().source("party.json"), nullptr, false);
  if (schema.is_discarded()) return kinds;
  for (const auto& k : schema["properties"]["kind"]["enum"]) kinds.push_back(k.get<std::string>());
  return kinds;
}

std::string role_zh(const std::string& role) {
  for (const auto& r : kRoles)
    if (r[0] == role) return r[1];
  return role;
}

std::string utc_text(int64_t unix_seconds) { return domain::Timestamp::from_unix(unix_seconds, 0).str(); }

http::Response page(App& app, int status, std::string_view name, json model) {
  model["css"] = std::string(template_file("style.css"));
  return private_page(status, app.templates().render(name, to_template_data(model)));
}

}  // namespace

http::Response render_admin(App& app, const Principal& principal, int status, const AdminPageState& state) {
  store::Accounts accounts(app.reader().database());
  auto parties = accounts.parties(kAdminListLimit);
  auto users = accounts.users(kAdminListLimit);
  const bool party_form = state.form == "party", user_form = state.form == "user";

  json model = {{"csrf", principal.csrf_token},
                {"me", principal.username.empty() ? principal.actor() : principal.username}};
  model["via_session"] = principal.via_session;
  if (state.done == "user") model["done_user"] = true;
  if (state.done == "unlock") model["done_unlock"] = true;
  if (state.created_party.is_object()) model["created"] = state.created_party;
  if (state.error)
    model[party_form ? "party_error" : user_form ? "user_error" : "page_error"] = error_model(*state.error);

  std::string kind_sent = party_form ? value_of(state.values, "kind") : "";
  json kinds = json::array();
  for (const auto& k : party_kinds(app))
    kinds.push_back(
        {{"value", k}, {"zh", term("zh", "party", k)}, {"en", term("en", "party", k)}, {"selected", k == kind_sent}});
  model["kinds"] = kinds;
  if (party_form)
    model["party_form"] = {{"name", value_of(state.values, "name")},
                           {"county", value_of(state.values, "county")},
                           {"contact", value_of(state.values, "contact")}};

  std::string role_sent = user_form ? value_of(state.values, "role") : "";
  std::string party_sent = user_form ? value_of(state.values, "party") : "";
  json roles = json::array();
  for (const auto& r : kRoles)
    roles.push_back({{"value", r[0]}, {"zh", r[1]}, {"en", r[2]}, {"selected", r[0] == role_sent}});
  model["roles"] = roles;
  if (user_form) model["user_form"] = {{"username", value_of(state.values, "username")}};

  json party_rows = json::array(), party_options = json::array();
  for (const auto& p : parties) {
    party_rows.push_back({{"id", p.id},
                          {"name", p.name},
                          {"kind_zh", term("zh", "party", p.kind)},
                          {"kind_en", term("en", "party", p.kind)},
                          {"county", p.county}});
    party_options.push_back(
        {{"id", p.id}, {"name", p.name}, {"kind_zh", term("zh", "party", p.kind)}, {"selected", p.id == party_sent}});
  }
  model["parties"] = party_rows;
  model["party_options"] = party_options;
  model["parties_full"] = parties.size() == static_cast<size_t>(kAdminListLimit);

  int64_t now = now_unix();
  json user_rows = json::array();
  for (const auto& u : users) {
    bool locked = u.locked_until > now;
    json row = {{"id", u.id},
                {"username", u.username},
                {"role_zh", role_zh(u.role)},
                {"role", u.role},
                {"party_name", u.party_name},
                {"failed_logins", u.failed_logins},
                {"created_at", u.created_at},
                {"unlockable", locked || u.failed_logins > 0}};
    if (locked) row["locked_until"] = utc_text(u.locked_until);
    user_rows.push_back(row);
  }
  model["users"] = user_rows;
  model["users_full"] = users.size() == static_cast<size_t>(kAdminListLimit);
  model["limit"] = kAdminListLimit;
  return page(app, status, "admin.html", model);
}

http::Response render_audit(App& app, const Principal& principal, const AuditFilter& filter,
                            const std::optional<domain::Error>& error) {
  json model = {{"csrf", principal.csrf_token},
                {"me", principal.username.empty() ? principal.actor() : principal.username},
                {"actor", filter.actor},
                {"action", filter.action},
                {"limit", kAuditPageLimit}};
  model["via_session"] = principal.via_session;
  json rows = json::array();
  if (error) {
    model["error"] = error_model(*error);
  } else {
    auto page_rows =
        store::AuditLog(app.reader().database()).page(filter.actor, filter.action, filter.before, kAuditPageLimit);
    for (const auto& r : page_rows)
      rows.push_back({{"seq", r.seq},
                      {"at", r.at},
                      {"actor", r.actor},
                      {"action", r.action},
                      {"target", r.target},
                      {"detail", r.detail}});
    if (page_rows.size() == static_cast<size_t>(kAuditPageLimit))
      model["next"] = "/admin/audit?actor=" + url_encode(filter.actor) + "&action=" + url_encode(filter.action) +
                      "&before=" + std::to_string(page_rows.back().seq);
    if (filter.before != 0)
      model["first"] = "/admin/audit?actor=" + url_encode(filter.actor) + "&action=" + url_encode(filter.action);
  }
  model["rows"] = rows;
  model["empty"] = rows.empty();
  return page(app, error ? status_of(error->code) : 200, "admin_audit.html", model);
}

http::Response admin_refusal(App& app, const domain::Error& error) {
  if (error.code == domain::Errc::unauthorized) return see_other("/login");
  json model = {{"denied", {{"message", error.message}}}};
  return page(app, status_of(error.code), "admin.html", model);
}

}  // namespace web
