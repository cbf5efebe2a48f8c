#include "web/ids.h"

#include "ledger/digest.h"

namespace web {
std::string new_id(std::string_view prefix) { return std::string(prefix) + "_" + ledger::random_hex(8); }
}  // namespace web
