#include "web/account_registration.h"

#include "ledger/password_hash.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/queries.h"
#include "web/ids.h"

namespace web {
namespace {

size_t utf8_chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

domain::Error invalid(std::string message, std::string field) {
  return domain::make_error(domain::Errc::invalid_input, std::move(message), std::move(field));
}

}  // namespace

domain::Status check_account_fields(const NewAccount& a) {
  // Printable, no spaces: a username is typed on a phone and shown in the audit log.
  bool printable = !a.username.empty() && a.username.size() <= kMaxUsernameBytes;
  for (unsigned char c : a.username) printable = printable && c > 0x20 && c != 0x7f;
  if (!printable) return invalid("username must be 1–64 bytes with no spaces or control characters", "/username");
  if (a.role != "admin" && a.role != "producer" && a.role != "inspector")
    return invalid("role must be admin, producer or inspector", "/role");
  if (a.role == "producer" && a.party_id.empty())
    return invalid("a producer needs a party (the party it acts for)", "/party");
  if (a.role == "inspector" && a.party_id.empty())
    return invalid("an inspector needs a party: its bureau (a party of kind \"bureau\")", "/party");
  if (a.role == "admin" && !a.party_id.empty()) return invalid("party does not apply to the role admin", "/party");
  return domain::Ok{};
}

domain::Status check_password(std::string_view password) {
  if (utf8_chars(password) < kMinPasswordChars)
    return invalid("the password must have at least " + std::to_string(kMinPasswordChars) + " characters", "/password");
  if (password.size() > kMaxPasswordBytes)
    return invalid("the password must be at most " + std::to_string(kMaxPasswordBytes) + " bytes", "/password");
  return domain::Ok{};
}

domain::Result<std::string> insert_account(store::Database& db, const NewAccount& a, const std::string& password_hash,
                                           const std::string& actor, const std::string& now) {
  std::optional<std::string> party_id;
  if (!a.party_id.empty()) {
    auto party = store::Queries(db).party(a.party_id);
    if (!party)
      return domain::make_error(domain::Errc::unprocessable,
                                "no party with id " + a.party_id.substr(0, 64) + " (register it first)", "/party");
    // An inspector's records are its bureau's: a producer's party cannot host inspector accounts.
    if (a.role == "inspector" && party->kind != "bureau")
      return domain::make_error(
          domain::Errc::unprocessable,
          "party " + a.party_id + " is a " + party->kind + ", not a bureau; inspectors belong to a bureau", "/party");
    party_id = a.party_id;
  }
  std::string id = new_id("usr");
  if (!store::Accounts(db).insert_user(store::UserRow{id, a.username, a.role, party_id, password_hash, 0, 0, now}))
    return domain::make_error(domain::Errc::conflict, "the username " + a.username + " is taken", "/username");
  store::AuditLog(db).append(store::AuditRow{
      0, now, actor, "user_add", id,
      "username=" + a.username + " role=" + a.role + (a.party_id.empty() ? "" : " party=" + a.party_id)});
  return id;
}

domain::Result<std::string> register_account(App& app, const NewAccount& account, std::string_view password,
                                             const std::string& actor) {
  if (auto fields = check_account_fields(account); !fields) return fields.error();
  if (auto good = check_password(password); !good) return good.error();
  std::string hash = ledger::hash_password(password);  // outside the writer's transaction: ~0.1 s
  std::string id;
  auto written = app.ledger().append([&](ledger::Ledger::Txn& txn) -> domain::Status {
    auto inserted = insert_account(txn.read().database(), account, hash, actor, txn.recorded_at());
    if (!inserted) return inserted.error();
    id = *inserted;
    return domain::Ok{};
  });
  if (!written) return written.error();
  return id;
}

}  // namespace web
