// GET /api/v1/batches/{id}/evidence[?old_size=m] — the evidence bundle of a batch, a download that
// tools/verify (agritrace-verify) checks offline against the pinned log key (formats.md).
// Everything in it comes from one read snapshot and is proven against that snapshot's checkpoint.
#include "store/database.h"
#include "web/evidence_bundle.h"
#include "web/responses.h"
#include "web/routes.h"

namespace web {
namespace {

// A tree size as ?old_size; -1 when absent.
domain::Result<int64_t> old_size_param(const RouteContext& ctx) {
  auto it = ctx.query.find("old_size");
  if (it == ctx.query.end()) return int64_t{-1};
  const std::string& v = it->second;
  if (v.empty() || v.size() > 15 || v.find_first_not_of("0123456789") != std::string::npos)
    return domain::make_error(domain::Errc::invalid_input, "query parameter old_size must be a tree size", "?old_size");
  return static_cast<int64_t>(std::stoll(v));
}

// Lots may hold any GS1 CSET 82 character; the file name keeps only the plain ones.
std::string file_name_for(const std::string& lot) {
  std::string out = "evidence-";
  for (char c : lot) {
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    out += plain ? c : '_';
  }
  return out + ".json";
}

}  // namespace

http::Response get_evidence(App& app, RouteContext& ctx) {
  auto old_size = old_size_param(ctx);
  if (!old_size) return error_response(old_size.error());
  auto& reader = app.reader();
  domain::Result<EvidenceBundle> bundle = domain::make_error(domain::Errc::internal, "not built");
  {
    store::ReadSnapshot snapshot(reader.database());
    bundle = evidence_bundle(reader, ctx.params[0], *old_size);
  }
  if (!bundle) return error_response(bundle.error());
  auto response = json_response(200, bundle->body);
  response.set_header("content-disposition", "attachment; filename=\"" + file_name_for(bundle->lot) + "\"");
  return response;
}

}  // namespace web
