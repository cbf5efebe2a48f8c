// label::TextLayout: where the text lines go under the code for a label of a given width, and at
// what font sizes, so that every line fits. Shared by the SVG renderer (which can only estimate text
// widths) and the PNG renderer (which measures with cairo) so both labels look alike.
// Value type; thread-compatible.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "label/label_layout.h"

namespace label {

class TextLayout {
 public:
  struct Line {
    std::string text;
    double font_size;  // user units (px or mm, like the width)
    double baseline;   // from the top of the text block
    bool bold;
  };

  // Advance width of `text` in ems (its width at font size 1).
  using Measure = std::function<double(std::string_view text, bool bold)>;

  // Proportions of the label width; the title is larger than the lot line, the URL smallest.
  static constexpr double kMargin = 0.05;
  static constexpr double kTitleSize = 0.075;
  static constexpr double kLotSize = 0.05;
  static constexpr double kUrlSize = 0.036;
  static constexpr double kLinePitch = 1.3;     // line height in ems
  static constexpr double kMinTitleScale = 0.75;  // shrink a one-line title this far before wrapping

  // Lays out the non-empty lines of `text` for a label `width` wide. A title too long for one line
  // at kMinTitleScale of its size is wrapped into two lines (at a space or next to a CJK
  // character); any line still too wide is shrunk until it fits between the margins.
  static TextLayout fit(const LabelText& text, double width, const Measure& measure);

  // A rough width in ems for sans-serif text: CJK characters 1 em, Latin letters ~0.55 em. Errs
  // wide, so SVG text sized with it stays inside the label in common fonts.
  static double estimate_em(std::string_view utf8, bool bold);

  const std::vector<Line>& lines() const { return lines_; }
  double height() const { return height_; }  // of the whole text block, bottom margin included

 private:
  std::vector<Line> lines_;
  double height_ = 0;
};

}  // namespace label
