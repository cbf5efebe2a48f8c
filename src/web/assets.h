// Files compiled into the binary (tools/cmake/embed.cmake): JSON Schemas and HTML templates, so the
// server runs from any directory. Thread-safe (immutable data).
#pragma once

#include <string_view>
#include <vector>

namespace web {
std::string_view schema_file(std::string_view name);     // "batch.json"; empty if unknown
std::vector<std::string_view> schema_file_names();
std::string_view template_file(std::string_view name);   // "batch.html"; empty if unknown
std::vector<std::string_view> template_file_names();
std::string_view demo_file(std::string_view name);       // "demo.json"
std::vector<std::string_view> demo_file_names();
}  // namespace web
