#include "label/label_layout.h"

#include <catch2/catch.hpp>

using label::LabelSize;

TEST_CASE("label sizes in pixels") {
  for (const char* text : {"400", "400px"}) {
    auto size = LabelSize::parse(text);
    REQUIRE(size.ok());
    CHECK(size->unit == LabelSize::Unit::px);
    CHECK(size->width == 400);
    CHECK(size->pixels() == 400);
  }
  CHECK(LabelSize::parse("120")->pixels() == 120);
  CHECK(LabelSize::parse("4000px")->pixels() == 4000);
  CHECK(LabelSize::parse("0400")->pixels() == 400);
}

TEST_CASE("label sizes in millimetres convert at 300 dpi") {
  auto size = LabelSize::parse("50mm");
  REQUIRE(size.ok());
  CHECK(size->unit == LabelSize::Unit::mm);
  CHECK(size->width == 50);
  CHECK(size->pixels() == 591);  // 590.55
  CHECK(LabelSize::parse("50.5mm")->pixels() == 596);  // 596.46
  CHECK(LabelSize::parse("25.4mm")->pixels() == 300);
  CHECK(LabelSize::parse("15mm")->pixels() == 177);
  CHECK(LabelSize::parse("300mm")->pixels() == 3543);
}

TEST_CASE("label sizes out of range are invalid input") {
  for (const char* text : {"119", "119px", "4001", "0", "14.9mm", "300.1mm", "0mm", "99999999999px"}) {
    auto size = LabelSize::parse(text);
    INFO(text);
    REQUIRE_FALSE(size.ok());
    CHECK(size.error().code == domain::Errc::invalid_input);
    CHECK(size.error().field == "/size");
  }
}

TEST_CASE("malformed label sizes are invalid input naming the field") {
  for (const char* text : {"", "px", "mm", "400.5px", "400.5", "-400", "+400", "4e2", "4e2px", " 400", "400 ",
                           "400PX", "50MM", "50 mm", ".5mm", "50.mm", "1.2.3mm", "0x190", "inf", "nan", "400pt",
                           "400pxmm", "50mmpx", "50cm", "５０mm"}) {
    auto size = LabelSize::parse(text, "/query/size");
    INFO('"' << text << '"');
    REQUIRE_FALSE(size.ok());
    CHECK(size.error().code == domain::Errc::invalid_input);
    CHECK(size.error().field == "/query/size");
    CHECK(size.error().message.find(text) != std::string::npos);
  }
}
