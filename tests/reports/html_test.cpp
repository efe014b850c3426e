#include "mockgc/reports/html.hpp"

#include <gtest/gtest.h>

namespace mockgc::reports::html {
namespace {

TEST(HtmlEscape, TextAndAttributesShareTheOneEscaper) {
  EXPECT_EQ(escape(R"(<b a="1">&'x'</b>)"), "&lt;b a=&quot;1&quot;&gt;&amp;&apos;x&apos;&lt;/b&gt;");
  EXPECT_EQ(text_element("td", {{"title", R"(a"<b>)"}}, "<&>"),
            R"(<td title="a&quot;&lt;b&gt;">&lt;&amp;&gt;</td>)");
}

TEST(ScriptJson, CannotCloseItsScriptElement) {
  EXPECT_EQ(script_json(R"({"a":"</script><!--&"})"), R"({"a":"\u003c/script\u003e\u003c!--\u0026"})");
  EXPECT_EQ(script_json("[\"\xE2\x80\xA8\xE2\x80\xA9\"]"), R"(["\u2028\u2029"])");
}

TEST(Document, OneSelfContainedPageWithoutExternalUrls) {
  Document doc{"report <1>"};
  doc.style(".x{color:red}").heading(2, "A & B").paragraph("it's").data("d", R"({"k":"</script>"})");
  const std::string page = doc.str();
  EXPECT_EQ(page.rfind("<!doctype html>", 0), 0U);
  EXPECT_NE(page.find("<title>report &lt;1&gt;</title>"), std::string::npos);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(page.find(".x{color:red}</style>"), std::string::npos);
  EXPECT_NE(page.find("<h2>A &amp; B</h2><p>it&apos;s</p>"), std::string::npos);
  EXPECT_NE(page.find(R"(<script type="application/json" id="d">{"k":"\u003c/script\u003e"}</script>)"),
            std::string::npos);
  EXPECT_EQ(page.find("<script>"), std::string::npos);  // no script added, none written
  EXPECT_EQ(page.find("http://"), std::string::npos);
  EXPECT_EQ(page.find("https://"), std::string::npos);
  doc.script("console.log(1)");
  EXPECT_NE(doc.str().find("<script>\nconsole.log(1)\n</script>\n</body></html>\n"), std::string::npos);
  EXPECT_EQ(doc.str(), doc.str());
}

}  // namespace
}  // namespace mockgc::reports::html
