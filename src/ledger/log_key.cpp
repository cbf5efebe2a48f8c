#include "ledger/log_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "ledger/digest.h"

namespace ledger {
namespace {

std::string unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

}  // namespace

domain::Result<NoteSigner> load_or_create_log_key(const std::string& path, const std::string& origin) {
  using domain::Errc;
  std::ifstream in(path);
  std::string hex;
  if (in) {
    std::getline(in, hex);
  } else {
    hex = random_hex(32);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) return domain::make_error(Errc::internal, "cannot create the log key file " + path);
    std::string line = hex + "\n";
    bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) return domain::make_error(Errc::internal, "cannot write the log key file " + path);
  }
  if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdef") != std::string::npos)
    return domain::make_error(Errc::internal, "the log key file " + path + " is not 64 hex digits");
  return NoteSigner::from_seed(origin, unhex(hex));
}

std::string origin_for(const std::string& public_url) {
  std::string host = public_url;
  if (auto scheme = host.find("://"); scheme != std::string::npos) host = host.substr(scheme + 3);
  host = host.substr(0, host.find_first_of(":/"));
  std::string out;
  for (char c : host) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::isalnum(static_cast<unsigned char>(l)) || l == '.' || l == '-') out += l;
  }
  return (out.empty() ? std::string("agritrace.local") : out) + "/agritrace";
}

}  // namespace ledger
