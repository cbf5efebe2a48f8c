#include "domain/digital_link.h"

#include <vector>

namespace domain {
namespace {

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

Error path_error(std::string message) {
  return make_error(Errc::invalid_input, std::move(message), "/path");
}

}  // namespace

std::string DigitalLink::percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (is_unreserved(c)) {
      out.push_back(c);
    } else {
      const auto b = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 0x0F]);
    }
  }
  return out;
}

Result<std::string> DigitalLink::percent_decode(std::string_view text, std::string field) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    const int hi = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
    const int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      return make_error(
          Errc::invalid_input,
          "'%' at position " + std::to_string(i + 1) + " is not followed by two hexadecimal digits",
          std::move(field));
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

std::string DigitalLink::build_path(const Gtin& gtin, const Lot* lot, const Lot* serial) {
  std::string path = "/01/" + gtin.str();
  if (lot != nullptr) path += "/10/" + percent_encode(lot->str());
  if (serial != nullptr) path += "/21/" + percent_encode(serial->str());
  return path;
}

std::string DigitalLink::build(std::string_view base_url, const Gtin& gtin, const Lot* lot,
                               const Lot* serial) {
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  return std::string(base_url) + build_path(gtin, lot, serial);
}

Result<DigitalLink::Path> DigitalLink::parse_path(std::string_view path) {
  if (path.empty() || path.front() != '/') {
    return path_error("a GS1 Digital Link path starts with '/01/'");
  }
  std::vector<std::string_view> segments;
  for (std::size_t start = 1;;) {
    const std::size_t slash = path.find('/', start);
    segments.push_back(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  for (const auto s : segments) {
    if (s.empty())
      return path_error("the Digital Link path has an empty segment (a doubled or trailing '/')");
  }
  if (segments.size() % 2 != 0) {
    return path_error(
        "the Digital Link path must be pairs of /{AI}/{value}; the last AI has no value");
  }
  if (segments[0] != "01") {
    return path_error("a GS1 Digital Link path must start with AI 01 (GTIN), not '" +
                      std::string(segments[0]) + "'");
  }
  auto gtin_text = percent_decode(segments[1], "/gtin");
  if (!gtin_text) return gtin_text.error();
  auto gtin = Gtin::parse(*gtin_text, "/gtin");
  if (!gtin) return gtin.error();
  Path out{std::move(*gtin), std::nullopt, std::nullopt};

  // GS1 fixes the order of 01's qualifiers (22, 10, 21); 22 is not one of our keys.
  int last_rank = 0;
  for (std::size_t i = 2; i < segments.size(); i += 2) {
    const std::string_view ai = segments[i];
    const int rank = ai == "10" ? 1 : ai == "21" ? 2 : 0;
    if (ai == "01") return path_error("AI 01 (GTIN) appears more than once in the path");
    if (rank == 0) {
      return path_error(
          "AI '" + std::string(ai) +
          "' is not supported in the path here; only 10 (lot) and 21 (serial) may follow 01");
    }
    if (rank <= last_rank) {
      return path_error("AI " + std::string(ai) +
                        " is out of order or repeated; after 01 comes 10 (lot), then 21 (serial)");
    }
    last_rank = rank;
    const std::string field = rank == 1 ? "/lot" : "/serial";
    auto text = percent_decode(segments[i + 1], field);
    if (!text) return text.error();
    auto value = rank == 1 ? Lot::parse(*text, field) : Lot::parse_serial(*text, field);
    if (!value) return value.error();
    (rank == 1 ? out.lot : out.serial) = std::move(*value);
  }
  return out;
}

}  // namespace domain
