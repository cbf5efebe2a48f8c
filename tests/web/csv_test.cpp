// web::csv_document / csv_field: RFC 4180 quoting, the UTF-8 BOM, CRLF rows and the formula guard.
#include "web/csv.h"

#include <catch2/catch.hpp>

TEST_CASE("csv fields are quoted only when needed, with quotes doubled", "[web][csv]") {
  CHECK(web::csv_field("大宁县") == "大宁县");
  CHECK(web::csv_field("") == "");
  CHECK(web::csv_field("a,b") == "\"a,b\"");
  CHECK(web::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(web::csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(web::csv_field("cr\rhere") == "\"cr\rhere\"");
}

TEST_CASE("cells that a spreadsheet would run as formulas get a leading quote", "[web][csv]") {
  CHECK(web::csv_field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(web::csv_field("+1") == "'+1");
  CHECK(web::csv_field("-2+3") == "'-2+3");
  CHECK(web::csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(web::csv_field("\tx") == "'\tx");
  CHECK(web::csv_field("a=b") == "a=b");  // only a leading sign is dangerous
  CHECK(web::csv_field("12.5") == "12.5");
}

TEST_CASE("a csv document starts with the UTF-8 BOM and ends every row with CRLF", "[web][csv]") {
  std::string doc = web::csv_document({"县 county", "批次数 batches"}, {{"大宁县", "3"}, {"吉县, 东", "1"}});
  REQUIRE(doc.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK(doc.substr(3) == "县 county,批次数 batches\r\n大宁县,3\r\n\"吉县, 东\",1\r\n");
  CHECK(web::csv_document({"a"}, {}) ==
        "\xEF\xBB\xBF"
        "a\r\n");
}
