// CSV downloads of the console's tables: RFC 4180 (comma separated, CRLF line ends, fields with a
// comma, quote, CR or LF quoted, quotes doubled) in UTF-8 with a byte order mark, so Excel opens
// Chinese text correctly. Cells starting with = + - @ (or a tab or CR) get a leading single quote,
// so a spreadsheet shows them as text instead of running them as formulas (CSV injection).
// Thread-safe (pure functions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace web {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One field: formula-guarded, then quoted if needed.
std::string csv_field(std::string_view cell);
// The BOM, the header row and every row, each ending in CRLF.
std::string csv_document(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

}  // namespace web
