// label::render_png: a QR label as PNG bytes, for printers and phones that take no SVG.
// Pure function; thread-safe: each call owns its cairo surface, and cairo and fontconfig lock their
// shared font caches.
#pragma once

#include <string>

#include "domain/result.h"
#include "label/label_layout.h"
#include "label/qr_code.h"

namespace label {

// Smallest module edge in pixels that phone cameras and label printers resolve reliably.
inline constexpr int kMinModulePixels = 2;

// Returns the PNG file bytes of a label size.pixels() wide (mm converted at 300 dpi): white
// background, black modules on whole pixels (edge = floor(width / (code.size() + 8)), quiet zone
// included, centred), then the title (bold; wrapped or shrunk to fit), lot and URL lines in
// "WenQuanYi Micro Hei" so Chinese shows. unprocessable (field "/size") when the width leaves fewer
// than kMinModulePixels per module; internal when cairo fails (e.g. out of memory).
domain::Result<std::string> render_png(const QrCode& code, const LabelText& text, const LabelSize& size);

}  // namespace label
