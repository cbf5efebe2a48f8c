// Escaping text for XML and HTML built by hand (the server-rendered SVG charts and graphs): & < > " '.
// Mustache templates escape on their own; this is for markup assembled in C++. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace web {

std::string xml_escape(std::string_view text);

}  // namespace web
