#include "label/text_layout.h"

#include <catch2/catch.hpp>

using label::LabelText;
using label::TextLayout;

namespace {

constexpr double kWidth = 400;
constexpr double kAvailable = kWidth * (1 - 2 * TextLayout::kMargin);

double line_width(const TextLayout::Line& line) {
  return TextLayout::estimate_em(line.text, line.bold) * line.font_size;
}

}  // namespace

TEST_CASE("text width estimates: CJK one em, Latin narrower") {
  CHECK(TextLayout::estimate_em("大宁", false) == Approx(2.0));
  CHECK(TextLayout::estimate_em("ab", false) < 1.5);
  CHECK(TextLayout::estimate_em("ab", true) > TextLayout::estimate_em("ab", false));
  CHECK(TextLayout::estimate_em("", false) == 0);
}

TEST_CASE("a short title, lot and URL take one line each at their nominal sizes, in order") {
  LabelText text{"大宁苹果", "批号 Lot: A1", "trace.example.cn/x"};
  auto layout = TextLayout::fit(text, kWidth, TextLayout::estimate_em);
  REQUIRE(layout.lines().size() == 3);
  const auto& lines = layout.lines();
  CHECK(lines[0].text == "大宁苹果");
  CHECK(lines[0].bold);
  CHECK(lines[0].font_size == Approx(kWidth * TextLayout::kTitleSize));
  CHECK(lines[1].font_size == Approx(kWidth * TextLayout::kLotSize));
  CHECK(lines[2].font_size == Approx(kWidth * TextLayout::kUrlSize));
  CHECK(lines[0].font_size > lines[1].font_size);
  CHECK(lines[1].font_size > lines[2].font_size);
  CHECK(lines[0].baseline < lines[1].baseline);
  CHECK(lines[1].baseline < lines[2].baseline);
  CHECK(layout.height() > lines[2].baseline);
}

TEST_CASE("a long Chinese title wraps into two lines that both fit") {
  LabelText text{"山西省临汾市大宁县宁脆苹果特级精选 5kg 家庭装礼盒", "", ""};
  auto layout = TextLayout::fit(text, kWidth, TextLayout::estimate_em);
  REQUIRE(layout.lines().size() == 2);
  auto no_spaces = [](std::string s) { std::erase(s, ' '); return s; };
  CHECK(no_spaces(layout.lines()[0].text + layout.lines()[1].text) == no_spaces(text.title));
  for (const auto& line : layout.lines()) CHECK(line_width(line) <= kAvailable + 1e-9);
  CHECK(layout.lines()[0].font_size == layout.lines()[1].font_size);
}

TEST_CASE("Latin words are not broken when a title wraps") {
  LabelText text{"Daning Crisp Apples Premium Selection Family Gift Box", "", ""};
  auto layout = TextLayout::fit(text, kWidth, TextLayout::estimate_em);
  REQUIRE(layout.lines().size() == 2);
  CHECK(layout.lines()[0].text + " " + layout.lines()[1].text == text.title);
}

TEST_CASE("a long URL line shrinks until it fits, empty lines are skipped") {
  LabelText text{"", "  ", "trace.example.cn/01/06901234567892/10/DN2026-0915-A/21/SERIAL000012345"};
  auto layout = TextLayout::fit(text, kWidth, TextLayout::estimate_em);
  REQUIRE(layout.lines().size() == 1);
  const auto& url = layout.lines()[0];
  CHECK(url.font_size < kWidth * TextLayout::kUrlSize);
  CHECK(line_width(url) == Approx(kAvailable));
  CHECK_FALSE(url.bold);
}

TEST_CASE("a title with nowhere to break shrinks on one line") {
  LabelText text{"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ", "", ""};
  auto layout = TextLayout::fit(text, kWidth, TextLayout::estimate_em);
  REQUIRE(layout.lines().size() == 1);
  CHECK(line_width(layout.lines()[0]) == Approx(kAvailable));
}
