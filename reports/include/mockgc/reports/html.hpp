#pragma once
// Self-contained HTML pages: one file with inline CSS, inline SVG and at most a little inline JS, no
// external URL (a Content-Security-Policy meta tag makes the browser refuse any fetch), so a page opens from
// disk with no network. Deterministic bytes: the page holds only what the caller puts in it.
//
// Escaping: `escape` is the one escaper for text and attribute values (it is xml_escape: < > & " ' become
// entities, control characters and invalid UTF-8 become U+FFFD). Attribute values are always written in
// double quotes. Data handed to scripts goes through `script_json`, which keeps JSON text from closing the
// <script> element it sits in.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace mockgc::reports::html {

// Text or attribute value -> markup-safe text (see above).
std::string escape(std::string_view text);

// JSON text -> the same JSON, safe inside <script type="application/json">: '<', '>' and '&' become
// \u003c, \u003e, \u0026 (only valid inside JSON strings, where they are the only place these occur) and
// U+2028/U+2029 become \u2028/\u2029.
std::string script_json(std::string_view json);

// One attribute; the value is escaped when written.
struct Attr {
  std::string_view name;
  std::string value;
};

// <tag a="v"…>inner_html</tag>; `inner_html` is markup the caller built (already escaped).
std::string element(std::string_view tag, std::initializer_list<Attr> attrs, std::string_view inner_html);
// <tag a="v"…>escape(text)</tag>
std::string text_element(std::string_view tag, std::initializer_list<Attr> attrs, std::string_view text);

// The house stylesheet every mock-gc page starts from: system fonts, tables, the outcome palette as CSS
// variables (--ok, --client, --throttled, --server, --transport, --band) and classes of the same names.
extern const std::string_view kBaseCss;

// A page under construction. str() returns
//   <!doctype html><html lang="en"><head><meta charset CSP viewport><title>…</title><style>…</style></head>
//   <body>…<script>…</script></body></html>
// with the <script> omitted when no script was added.
class Document {
 public:
  explicit Document(std::string title);

  Document& style(std::string_view css);     // appended after kBaseCss in the one <style>
  Document& script(std::string_view js);     // appended to the one <script> at the end of <body>
  Document& body(std::string_view markup);   // appended to <body> as is
  Document& heading(int level, std::string_view text);  // <hN>escaped</hN>, level clamped to 1..6
  Document& paragraph(std::string_view text);           // <p>escaped</p>
  // <script type="application/json" id="…">script_json(json)</script>, read in JS with
  // JSON.parse(document.getElementById(id).textContent).
  Document& data(std::string_view id, std::string_view json);

  [[nodiscard]] std::string str() const;

 private:
  std::string title_;
  std::string css_;
  std::string js_;
  std::string body_;
};

}  // namespace mockgc::reports::html
