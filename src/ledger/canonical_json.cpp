#include "ledger/canonical_json.h"

namespace ledger {
namespace {

constexpr int64_t kMaxSafeInteger = (int64_t{1} << 53) - 1;

domain::Status check(const nlohmann::json& v, const std::string& pointer) {
  using domain::Errc;
  switch (v.type()) {
    case nlohmann::json::value_t::number_float:
      return domain::make_error(Errc::invalid_input, "decimal numbers must be sent as strings", pointer);
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: {
      bool too_big = v.is_number_unsigned() ? v.get<uint64_t>() > static_cast<uint64_t>(kMaxSafeInteger)
                                            : std::llabs(v.get<int64_t>()) > kMaxSafeInteger;
      if (too_big)
        return domain::make_error(Errc::invalid_input, "integer is outside ±(2^53−1)", pointer);
      return domain::Ok{};
    }
    case nlohmann::json::value_t::object:
      for (const auto& [key, child] : v.items()) {
        for (unsigned char c : key)
          if (c >= 0x80)
            return domain::make_error(Errc::invalid_input, "object keys must be ASCII", pointer);
        auto st = check(child, pointer + "/" + key);
        if (!st) return st;
      }
      return domain::Ok{};
    case nlohmann::json::value_t::array:
      for (size_t i = 0; i < v.size(); ++i) {
        auto st = check(v[i], pointer + "/" + std::to_string(i));
        if (!st) return st;
      }
      return domain::Ok{};
    default:
      return domain::Ok{};
  }
}

}  // namespace

domain::Result<std::string> canonicalize(const nlohmann::json& record) {
  auto st = check(record, "");
  if (!st) return st.error();
  try {
    // nlohmann's objects are std::map ordered by byte value, which equals UTF-16 order for ASCII
    // keys; dump() without indent writes no whitespace and the same minimal escapes as RFC 8785.
    return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::type_error&) {
    return domain::make_error(domain::Errc::invalid_input, "text is not valid UTF-8");
  }
}

}  // namespace ledger
