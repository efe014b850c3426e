#include "mockgc/reports/junit.hpp"

#include <gtest/gtest.h>

namespace mockgc::reports {
namespace {

TEST(XmlEscape, MarkupCharactersBecomeEntities) {
  EXPECT_EQ(xml_escape(R"(<a href="x">&'</a>)"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
}

TEST(XmlEscape, ControlCharactersBecomeReplacementButWhitespaceStays) {
  EXPECT_EQ(xml_escape(std::string("a\x01" "b\x1f\x7f", 5)), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape(std::string("a\0b", 3)), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(xml_escape("a\tb\nc\rd"), "a\tb\nc\rd");
}

TEST(XmlEscape, ValidUtf8IsKeptInvalidBytesAreReplaced) {
  EXPECT_EQ(xml_escape("Zürich – 東京 🙂"), "Zürich – 東京 🙂");
  EXPECT_EQ(xml_escape("a\xC3"), "a\xEF\xBF\xBD");          // truncated sequence
  EXPECT_EQ(xml_escape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
  EXPECT_EQ(xml_escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

TEST(JunitXml, SuitesCasesFailuresAndSystemOut) {
  JunitSuite eu{"eu_central_1",
                {JunitCase{"mock-gc.check.retry-after", "retry-after [eu_central_1]",
                           JunitFailure{"sent 1 s early", "sent 1 s early\nsent 2 s early\n"}, std::nullopt, ""},
                 JunitCase{"mock-gc.check.paging", "paging [eu_central_1]", std::nullopt, std::nullopt,
                           "not applicable: no pages"}}};
  JunitSuite run{"run", {JunitCase{"mock-gc.check.exit-code", "exit-code [run]", std::nullopt, std::nullopt, ""}}};
  const std::string xml = junit_xml("mock-gc check demo", {eu, run});
  EXPECT_EQ(xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"mock-gc check demo\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
            "  <testsuite name=\"eu_central_1\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
            "    <testcase classname=\"mock-gc.check.retry-after\" name=\"retry-after [eu_central_1]\">\n"
            "      <failure message=\"sent 1 s early\">sent 1 s early\nsent 2 s early\n</failure>\n"
            "    </testcase>\n"
            "    <testcase classname=\"mock-gc.check.paging\" name=\"paging [eu_central_1]\">\n"
            "      <system-out>not applicable: no pages</system-out>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "  <testsuite name=\"run\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
            "    <testcase classname=\"mock-gc.check.exit-code\" name=\"exit-code [run]\"/>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

TEST(JunitXml, EmptyBodyFailureIsSelfClosingAndSkippedIsCounted) {
  const std::string xml = junit_xml(
      "s", {JunitSuite{"a",
                       {JunitCase{"", "x", JunitFailure{"m<1>", ""}, std::nullopt, ""},
                        JunitCase{"", "y", std::nullopt, std::string("why"), ""}}}});
  EXPECT_NE(xml.find("<testcase name=\"x\">\n      <failure message=\"m&lt;1&gt;\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<skipped message=\"why\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"1\""), std::string::npos) << xml;
}

TEST(JunitXml, AttackerTextCannotBreakTheDocument) {
  const std::string evil = "\"/><injected attr='x'>]]>\x01";
  const std::string xml = junit_xml(evil, {JunitSuite{evil, {JunitCase{evil, evil, JunitFailure{evil, evil}, evil, evil}}}});
  EXPECT_EQ(xml.find("<injected"), std::string::npos);
  EXPECT_EQ(xml.find("]]>"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(JunitXml, NoSuitesIsAnEmptyValidDocument) {
  EXPECT_EQ(junit_xml("n", {}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"n\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">\n</testsuites>\n");
}

}  // namespace
}  // namespace mockgc::reports
