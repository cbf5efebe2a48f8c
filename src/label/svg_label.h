// label::render_svg: a QR label as a standalone SVG document. Pure function; thread-safe.
#pragma once

#include <string>

#include "label/label_layout.h"
#include "label/qr_code.h"

namespace label {

inline constexpr const char* kLabelFontFamily = "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif";

// Returns a UTF-8 SVG document: a white background, the code (quiet zone included) as one
// crisp-edged <path> of unit squares on top, then the title (bold, larger, wrapped or shrunk to fit
// like the PNG), lot and URL lines centred under it, all XML-escaped. With size in mm the root
// width/height are in mm and the viewBox in mm units; with px, pixels and whole-pixel modules
// whenever the width allows at least one pixel per module.
std::string render_svg(const QrCode& code, const LabelText& text, const LabelSize& size);

// Escapes &, <, >, " and ' for use in XML text and attribute values.
std::string xml_escape(std::string_view text);

}  // namespace label
