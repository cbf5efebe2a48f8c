#include "label/png_label.h"

#include <cairo.h>

#include <cmath>
#include <memory>

#include "label/text_layout.h"

namespace label {
namespace {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
struct FontOptionsDeleter {
  void operator()(cairo_font_options_t* o) const { cairo_font_options_destroy(o); }
};
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;
using FontOptionsPtr = std::unique_ptr<cairo_font_options_t, FontOptionsDeleter>;

constexpr const char* kFontFace = "WenQuanYi Micro Hei";

void select_font(cairo_t* cr, bool bold, double size) {
  cairo_select_font_face(cr, kFontFace, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double advance(cairo_t* cr, std::string_view text) {
  cairo_text_extents_t extents;
  std::string owned(text);  // cairo wants a NUL-terminated string
  cairo_text_extents(cr, owned.c_str(), &extents);
  return extents.x_advance;
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

domain::Error cairo_failure() { return domain::make_error(domain::Errc::internal, "could not draw the label"); }

}  // namespace

domain::Result<std::string> render_png(const QrCode& code, const LabelText& text, const LabelSize& size) {
  const int width = size.pixels();
  const int modules = code.size() + 2 * QrCode::kQuietZone;
  const int module = width / modules;
  if (module < kMinModulePixels) {
    return domain::make_error(
        domain::Errc::unprocessable,
        "label width " + std::to_string(width) + " px is too small for a " + std::to_string(code.size()) +
            "-module QR code; it needs at least " + std::to_string(modules * kMinModulePixels) + " px",
        "/size");
  }
  const int offset = (width - module * modules) / 2;
  const int text_top = offset + module * modules;

  // Text is measured on a scratch surface first because the label height depends on the layout.
  SurfacePtr scratch(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1));
  ContextPtr measure_cr(cairo_create(scratch.get()));
  FontOptionsPtr options(cairo_font_options_create());
  // Unhinted metrics scale linearly with the font size, which TextLayout assumes.
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(measure_cr.get(), options.get());
  auto measure = [&](std::string_view line, bool bold) {
    constexpr double kProbeSize = 100;
    select_font(measure_cr.get(), bold, kProbeSize);
    return advance(measure_cr.get(), line) / kProbeSize;
  };
  TextLayout layout = TextLayout::fit(text, width, measure);
  const int height = static_cast<int>(std::ceil(text_top + layout.height()));

  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  ContextPtr cr(cairo_create(surface.get()));
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return cairo_failure();
  cairo_set_font_options(cr.get(), options.get());

  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  cairo_set_source_rgb(cr.get(), 0, 0, 0);
  // Modules are whole-pixel rectangles; antialiasing would only grey their edges.
  cairo_set_antialias(cr.get(), CAIRO_ANTIALIAS_NONE);
  const int origin = offset + QrCode::kQuietZone * module;
  for (int y = 0; y < code.size(); ++y) {
    for (int x = 0; x < code.size();) {
      if (!code.dark(x, y)) { ++x; continue; }
      int run = 1;
      while (x + run < code.size() && code.dark(x + run, y)) ++run;
      cairo_rectangle(cr.get(), origin + x * module, origin + y * module, run * module, module);
      x += run;
    }
  }
  cairo_fill(cr.get());

  cairo_set_antialias(cr.get(), CAIRO_ANTIALIAS_DEFAULT);
  for (const auto& line : layout.lines()) {
    select_font(cr.get(), line.bold, line.font_size);
    double x = (width - advance(cr.get(), line.text)) / 2;
    cairo_move_to(cr.get(), x, text_top + line.baseline);
    cairo_show_text(cr.get(), line.text.c_str());
  }

  cairo_surface_flush(surface.get());
  std::string png;
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_write_to_png_stream(surface.get(), append_to_string, &png) != CAIRO_STATUS_SUCCESS)
    return cairo_failure();
  return png;
}

}  // namespace label
