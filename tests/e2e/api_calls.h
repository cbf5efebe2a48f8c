// Helpers the e2e tests share: authorised JSON requests, the server's log size, valid GTINs, and a
// minimal chain of one's own (party → site → product → batch) to act on. Stateless free functions;
// thread-safe as long as each thread passes its own client.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "support/http_client.h"
#include "support/temp_dir.h"
#include "server_process.h"

namespace e2e {

inline constexpr const char* kPublicUrl = "https://trace.example.cn";

// A random admin token, so no test can pass on a token another test (or a default) set.
std::string fresh_admin_token();

// Options for a server on dir/agritrace.db with the given admin token and kPublicUrl.
ServerOptions options_for(const test::TempDir& dir, const std::string& admin_token, bool demo = false);

// Authorization + JSON content type.
test::HeaderList auth_json(const std::string& token);

// POSTs body as JSON with the token.
test::HttpResponse post_json(test::HttpClient& client, const std::string& path, const nlohmann::json& body,
                             const std::string& token);

// The body parsed as JSON; throws with the status and body text if it is not JSON.
nlohmann::json json_of(const test::HttpResponse& response);

// The record count /healthz reports.
int64_t log_size(test::HttpClient& client);

// The 13 digits plus their GS1 mod-10 check digit.
std::string with_check_digit(const std::string& first13);

struct OwnChain {
  std::string token, party, site, gtin, lot, batch;  // batch gtin/lot: 100 kg harvested at site
};

// Registers party "e2e party n" (admin), its orchard, a product with a GTIN unique to n (n < 1000)
// and one 100 kg batch. Throws std::runtime_error naming the step that did not answer 201.
OwnChain make_own_chain(test::HttpClient& client, const std::string& admin_token, int n);

// The Set-Cookie value for cookie `name` (with its attributes), or empty.
std::string set_cookie(const test::HttpResponse& response, const std::string& name);
// Its "name=value" part, as a Cookie header sends it back.
std::string cookie_of(const test::HttpResponse& response, const std::string& name);
// The value of the first hidden `csrf` field of a page; empty if none.
std::string form_token(const std::string& html);
// application/x-www-form-urlencoded escaping of a value, as a browser sends it.
std::string form_encode(const std::string& text);

// A minimal valid inspect event on the chain's batch.
nlohmann::json inspect_event(const OwnChain& chain, int sequence);

}  // namespace e2e
