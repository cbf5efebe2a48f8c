#include "sign_commands.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "ledger/base64.h"
#include "ledger/log_key.h"
#include "ledger/producer_key.h"
#include "ledger/producer_public_key.h"
#include "ledger/producer_request.h"
#include "web/json_body.h"

namespace {

int refuse(const std::string& command, const std::string& why) {
  std::cerr << "agritrace " << command << ": " << why << "\n";
  return 1;
}

int log_verifier_key(const Config& config) {
  // The same key file and key name the server uses (Ledger: "<db>.key", origin from the public URL).
  std::string path = config.db_path + ".key";
  bool existed = std::filesystem::exists(path);
  if (!existed) {
    std::error_code ec;
    if (auto dir = std::filesystem::path(path).parent_path(); !dir.empty())
      std::filesystem::create_directories(dir, ec);
  }
  auto signer = ledger::load_or_create_log_key(path, ledger::origin_for(config.origin_source()));
  if (!signer) return refuse("keygen", signer.error().message);
  std::cerr << "agritrace keygen: " << (existed ? "the log key in " : "created the log key ") << path
            << "; publish this verifier key so anyone can check the log's checkpoints:\n";
  std::cout << signer->verifier_key() << std::endl;
  return 0;
}

domain::Result<std::string> read_body(const std::string& name) {
  std::string text;
  if (name == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(name, std::ios::binary);
    if (!in) return domain::make_error(domain::Errc::invalid_input, "cannot read the body file " + name);
    std::ostringstream all;
    all << in.rdbuf();
    text = all.str();
  }
  if (text.size() > web::kMaxBodyBytes)
    return domain::make_error(domain::Errc::too_large, "the body exceeds " + std::to_string(web::kMaxBodyBytes) +
                                                           " bytes, more than the server accepts");
  return text;
}

}  // namespace

int run_keygen(const Config& config) {
  if (config.log_key) return log_verifier_key(config);
  auto key = ledger::ProducerKey::generate();
  if (!key) return refuse("keygen", key.error().message);
  if (auto saved = key->save_new(config.key_out); !saved) return refuse("keygen", saved.error().message);
  std::cerr << "agritrace keygen: wrote the private key to " << config.key_out
            << " (mode 0600; keep it secret and backed up). Register the public key (key id "
            << ledger::producer_key_id(key->public_key())
            << ") with PUT /api/v1/parties/{id}/key {\"public_key\": \"…\"}:\n";
  std::cout << key->public_key_base64() << std::endl;
  return 0;
}

int run_sign(const Config& config) {
  auto text = read_body(config.body_file);
  if (!text) return refuse("sign", text.error().message);
  // The server parses the body the same strict way (no duplicate keys, an object) before checking.
  auto body = web::parse_json_text(*text);
  if (!body) return refuse("sign", body.error().message);
  if (!body->is_object()) return refuse("sign", "the body must be a JSON object");
  auto key = ledger::ProducerKey::load(config.key_file);
  if (!key) return refuse("sign", key.error().message);
  auto message = ledger::producer_request_bytes(
      ledger::producer_request(*body, config.sign_method, config.sign_party, config.sign_path));
  if (!message)
    return refuse("sign", "the body cannot be signed: " + message.error().message +
                              (message.error().field.empty() ? "" : " at " + message.error().field));
  auto signature = key->sign(*message);
  if (!signature) return refuse("sign", signature.error().message);
  std::cout << ledger::kSignatureScheme << ledger::base64_encode(*signature) << std::endl;
  return 0;
}
