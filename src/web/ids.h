// Record ids: a kind prefix and 64 random bits ("bat_3f9a1c2b7d4e5f60"). Random rather than
// sequential so ids reveal nothing about volumes and need no coordination. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace web {
std::string new_id(std::string_view prefix);
}
