#include "web/auth.h"

#include "ledger/digest.h"

namespace web {
namespace {

std::string_view bearer(const http::Request& request) {
  std::string_view value = request.header("authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (value.size() <= kPrefix.size() || value.substr(0, kPrefix.size()) != kPrefix) return {};
  return value.substr(kPrefix.size());
}

// Hashes are compared instead of tokens, so timing reveals nothing about the secret itself.
bool is_admin_token(const App& app, std::string_view token) {
  return !app.config().admin_token_hash.empty() && ledger::sha256_hex(token) == app.config().admin_token_hash;
}

domain::Error missing_token() {
  return domain::make_error(domain::Errc::unauthorized,
                            "this request needs an API token: send the header Authorization: Bearer <token>");
}

}  // namespace

domain::Status require_admin(App& app, const http::Request& request) {
  std::string_view token = bearer(request);
  if (token.empty()) return missing_token();
  if (is_admin_token(app, token)) return domain::Ok{};
  if (app.reader().party_by_token_hash(ledger::sha256_hex(token)))
    return domain::make_error(domain::Errc::forbidden, "only the platform administrator may do this");
  return domain::make_error(domain::Errc::unauthorized, "the API token is not valid");
}

domain::Result<store::PartyRow> require_party(App& app, const http::Request& request) {
  std::string_view token = bearer(request);
  if (token.empty()) return missing_token();
  if (auto party = app.reader().party_by_token_hash(ledger::sha256_hex(token))) return *party;
  if (is_admin_token(app, token))
    return domain::make_error(domain::Errc::forbidden,
                              "the admin token cannot record on behalf of a party; use that party's token");
  return domain::make_error(domain::Errc::unauthorized, "the API token is not valid");
}

domain::Result<std::optional<store::PartyRow>> require_party_or_admin(App& app, const http::Request& request) {
  std::string_view token = bearer(request);
  if (token.empty()) return missing_token();
  if (is_admin_token(app, token)) return std::optional<store::PartyRow>();
  if (auto party = app.reader().party_by_token_hash(ledger::sha256_hex(token))) return party;
  return domain::make_error(domain::Errc::unauthorized, "the API token is not valid");
}

std::string new_party_token() { return "pt_" + ledger::random_hex(16); }

}  // namespace web
