#include "web/gzip.h"

#include <zlib.h>

#include <stdexcept>

namespace web {

std::string gzip(std::string_view data) {
  z_stream z{};
  // windowBits 15 + 16: gzip wrapper; level 6 is zlib's default trade-off.
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

std::optional<std::string> gunzip(std::string_view data, size_t max_bytes) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return std::nullopt;
  std::string out;
  char chunk[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(chunk, sizeof chunk - z.avail_out);
    if (out.size() > max_bytes) rc = Z_MEM_ERROR;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

bool accepts_gzip(std::string_view value) {
  size_t pos = value.find("gzip");
  if (pos == std::string_view::npos) return false;
  std::string_view rest = value.substr(pos + 4);
  size_t end = rest.find(',');
  std::string_view params = rest.substr(0, end);
  // "gzip;q=0" (or q=0.0…) explicitly refuses it.
  size_t q = params.find("q=");
  if (q == std::string_view::npos) return true;
  std::string_view qv = params.substr(q + 2);
  return !(qv.size() >= 1 && qv[0] == '0' && qv.find_first_of("123456789") == std::string_view::npos);
}

}  // namespace web
