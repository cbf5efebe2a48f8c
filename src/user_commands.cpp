#include "user_commands.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "domain/timestamp.h"
#include "ledger/password_hash.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/database.h"
#include "store/queries.h"
#include "web/ids.h"

namespace {

constexpr size_t kMinPasswordChars = 10;
constexpr size_t kMaxPasswordBytes = 1024;
constexpr size_t kMaxUsernameBytes = 64;

constexpr const char* kUsage =
    "usage: agritrace user add --username NAME --role admin|producer|inspector [--party PTY_ID] [--db PATH]\n"
    "       (reads the password, at least 10 characters, as one line from standard input)\n";

int usage_error(const std::string& why) {
  std::cerr << "agritrace user: " << why << "\n" << kUsage;
  return 2;
}

int refuse(const std::string& why) {
  std::cerr << "agritrace user add: " << why << "\n";
  return 1;
}

size_t utf8_chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Printable, no spaces: a username is typed on a phone and shown in the audit log.
bool valid_username(std::string_view s) {
  if (s.empty() || s.size() > kMaxUsernameBytes) return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7f) return false;
  return true;
}

std::string utc_now() {
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  return domain::Timestamp::from_unix(secs.count(), 0).str();
}

}  // namespace

int run_user_command(int argc, char** argv) {
  if (argc < 3 || std::string_view(argv[2]) != "add") return usage_error("the only user command is: user add");
  std::string username, role, party, db_path = "var/agritrace.db";
  if (const char* v = std::getenv("AGRITRACE_DB"); v && *v) db_path = v;
  for (int i = 3; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::string* out = arg == "--username" ? &username
                       : arg == "--role"   ? &role
                       : arg == "--party"  ? &party
                       : arg == "--db"     ? &db_path
                                           : nullptr;
    if (!out) return usage_error("unknown argument \"" + std::string(arg) + "\"");
    if (i + 1 >= argc) return usage_error(std::string(arg) + " needs a value");
    *out = argv[++i];
  }
  if (username.empty()) return usage_error("--username is required");
  if (!valid_username(username))
    return usage_error("--username must be 1–64 bytes with no spaces or control characters");
  if (role != "admin" && role != "producer" && role != "inspector")
    return usage_error("--role must be admin, producer or inspector");
  if (role == "producer" && party.empty())
    return usage_error("a producer needs --party PTY_ID (the party it acts for)");
  if (role != "producer" && !party.empty()) return usage_error("--party only applies to --role producer");

  std::string password;
  if (!std::getline(std::cin, password)) return refuse("no password on standard input (one line)");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (utf8_chars(password) < kMinPasswordChars)
    return refuse("the password must have at least " + std::to_string(kMinPasswordChars) + " characters");
  if (password.size() > kMaxPasswordBytes)
    return refuse("the password must be at most " + std::to_string(kMaxPasswordBytes) + " bytes");

  try {
    if (auto dir = std::filesystem::path(db_path).parent_path(); !dir.empty()) std::filesystem::create_directories(dir);
    store::Database db(db_path, store::Database::Mode::read_write);
    db.migrate();
    std::string id = web::new_id("usr");
    std::string hash = ledger::hash_password(password);  // before the transaction: it takes ~0.1 s
    store::Transaction tx(db);
    if (!party.empty() && !store::Queries(db).party(party))
      return refuse("no party with id " + party + " (register it first: POST /api/v1/parties)");
    std::optional<std::string> party_id;
    if (!party.empty()) party_id = party;
    std::string now = utc_now();
    if (!store::Accounts(db).insert_user(store::UserRow{id, username, role, party_id, hash, 0, 0, now}))
      return refuse("the username " + username + " is taken");
    store::AuditLog(db).append(
        store::AuditRow{0, now, "cli", "user_add", id,
                        "username=" + username + " role=" + role + (party.empty() ? "" : " party=" + party)});
    tx.commit();
    std::cerr << "agritrace user add: created " << role << " " << username << "\n";
    std::cout << id << std::endl;
    return 0;
  } catch (const std::exception& e) {
    return refuse(e.what());
  }
}
