#include "user_commands.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>

#include "domain/timestamp.h"
#include "ledger/password_hash.h"
#include "store/database.h"
#include "web/account_registration.h"

namespace {

constexpr const char* kUsage =
    "usage: agritrace user add --username NAME --role admin|producer|inspector [--party PTY_ID] [--db PATH]\n"
    "       (--party: a producer's party, or an inspector's bureau)\n"
    "       (reads the password, at least 10 characters, as one line from standard input)\n";

int usage_error(const std::string& why) {
  std::cerr << "agritrace user: " << why << "\n" << kUsage;
  return 2;
}

int refuse(const std::string& why) {
  std::cerr << "agritrace user add: " << why << "\n";
  return 1;
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
  // The rules shared with the admin page (web/account_registration.h); here they are flag errors.
  web::NewAccount account{username, role, party};
  if (auto fields = web::check_account_fields(account); !fields)
    return usage_error("--" + fields.error().field.substr(1) + ": " + fields.error().message);

  std::string password;
  if (!std::getline(std::cin, password)) return refuse("no password on standard input (one line)");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (auto good = web::check_password(password); !good) return refuse(good.error().message);

  try {
    if (auto dir = std::filesystem::path(db_path).parent_path(); !dir.empty()) std::filesystem::create_directories(dir);
    store::Database db(db_path, store::Database::Mode::read_write);
    db.migrate();
    std::string hash = ledger::hash_password(password);  // before the transaction: it takes ~0.1 s
    store::Transaction tx(db);
    auto id = web::insert_account(db, account, hash, "cli", utc_now());
    if (!id) return refuse(id.error().message);
    tx.commit();
    std::cerr << "agritrace user add: created " << role << " " << username << "\n";
    std::cout << *id << std::endl;
    return 0;
  } catch (const std::exception& e) {
    return refuse(e.what());
  }
}
