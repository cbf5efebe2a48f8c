#include "web/party_registration.h"

#include "domain/gln.h"
#include "domain/uscc.h"
#include "ledger/digest.h"
#include "web/audit_trail.h"
#include "web/ids.h"
#include "web/record_writer.h"

namespace web {
namespace {

// "pt_" + 32 random hex digits: 128 bits, shown once at registration and stored only as its SHA-256.
std::string new_party_token() { return "pt_" + ledger::random_hex(16); }

}  // namespace

domain::Result<nlohmann::json> register_party(App& app, const nlohmann::json& in, const std::string& audit_actor) {
  if (auto valid = app.schemas().validate("party.json", in); !valid) return valid.error();

  nlohmann::json record = {
      {"type", "party"}, {"id", new_id("pty")}, {"name", in["name"]}, {"kind", in["kind"]}, {"county", in["county"]}};
  if (in.contains("uscc")) {
    auto uscc = domain::Uscc::parse(in["uscc"].get<std::string>(), "/uscc");
    if (!uscc) return uscc.error();
    record["uscc"] = uscc->str();
  }
  if (in.contains("gln")) {
    auto gln = domain::Gln::parse(in["gln"].get<std::string>(), "/gln");
    if (!gln) return gln.error();
    record["gln"] = gln->str();
  }
  if (in.contains("contact")) record["contact"] = in["contact"];

  std::string token = new_party_token();
  auto out = append_record(app, "party", std::move(record),
                           [&](ledger::Ledger::Txn& t, const nlohmann::json& r, int64_t leaf) {
                             store::PartyRow row{r["id"], r["name"], r["kind"], r["county"], r.dump(), leaf};
                             t.write().insert_party(row, ledger::sha256_hex(token));
                             if (!audit_actor.empty())
                               audit_in(t, audit_actor, "party_add", row.id, "kind=" + row.kind);
                             return domain::Status(domain::Ok{});
                           });
  if (!out) return out.error();
  (*out)["token"] = token;  // shown once; only its hash is stored
  return out;
}

}  // namespace web
