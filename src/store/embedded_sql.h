// The schema migrations schemas/sql/*.sql, compiled into the binary (tools/cmake/embed.cmake) so the
// server runs from any directory. Thread-safe (immutable data).
#pragma once

#include <string_view>
#include <vector>

namespace store {
std::string_view embedded_sql(std::string_view name);   // e.g. "001_initial.sql"; empty if unknown
std::vector<std::string_view> embedded_sql_names();
}  // namespace store
