#include "mockgc/reports/html.hpp"

#include <algorithm>

#include "mockgc/reports/junit.hpp"

namespace mockgc::reports::html {

std::string escape(std::string_view text) { return xml_escape(text); }

std::string script_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
               (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

void open_tag(std::string& out, std::string_view tag, std::initializer_list<Attr> attrs) {
  out += '<';
  out += tag;
  for (const auto& a : attrs) {
    out += ' ';
    out += a.name;
    out += "=\"";
    out += escape(a.value);
    out += '"';
  }
  out += '>';
}

}  // namespace

std::string element(std::string_view tag, std::initializer_list<Attr> attrs, std::string_view inner_html) {
  std::string out;
  open_tag(out, tag, attrs);
  out += inner_html;
  out += "</";
  out += tag;
  out += '>';
  return out;
}

std::string text_element(std::string_view tag, std::initializer_list<Attr> attrs, std::string_view text) {
  return element(tag, attrs, escape(text));
}

const std::string_view kBaseCss = R"css(
:root{--ok:#3a9d5d;--client:#e0a030;--throttled:#8e6bc9;--server:#d0443e;--transport:#555;
--band:rgba(208,68,62,.13);--ink:#1d2430;--muted:#6b7380;--line:#d8dde4;--bg:#fff;--soft:#f4f6f9}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);
background:var(--bg);margin:0 auto;padding:16px 24px 48px;max-width:1280px}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:18px 0 6px}
.muted{color:var(--muted)}code,.mono{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;
vertical-align:top}th{background:var(--soft)}
.pass{background:#e3f4e8}.fail{background:#fbe1df}.warn{background:#fdf0d5}.not_applicable{color:var(--muted)}
svg.chart{display:block;max-width:100%;height:auto;font-size:11px}
svg .axis line,svg .axis path{stroke:#9aa3ae;stroke-width:1}svg .grid{stroke:#eceff3}
svg text{fill:var(--ink)}svg .band rect{fill:var(--band)}svg .band text{fill:#8a2b27;font-size:11px}
svg .ok{fill:var(--ok)}svg .client{fill:var(--client)}svg .throttled{fill:var(--throttled)}
svg .server{fill:var(--server)}svg .transport{fill:var(--transport)}
svg .series{fill:none;stroke-width:2}
)css";

Document::Document(std::string title) : title_(std::move(title)) {}

Document& Document::style(std::string_view css) {
  css_ += css;
  return *this;
}

Document& Document::script(std::string_view js) {
  js_ += js;
  return *this;
}

Document& Document::body(std::string_view markup) {
  body_ += markup;
  return *this;
}

Document& Document::heading(int level, std::string_view text) {
  const char tag[3] = {'h', static_cast<char>('0' + std::clamp(level, 1, 6)), '\0'};
  body_ += text_element(tag, {}, text);
  return *this;
}

Document& Document::paragraph(std::string_view text) {
  body_ += text_element("p", {}, text);
  return *this;
}

Document& Document::data(std::string_view id, std::string_view json) {
  body_ += "<script type=\"application/json\" id=\"";
  body_ += escape(id);
  body_ += "\">";
  body_ += script_json(json);
  body_ += "</script>\n";
  return *this;
}

std::string Document::str() const {
  std::string out;
  out.reserve(body_.size() + css_.size() + js_.size() + kBaseCss.size() + 512);
  out += "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  // No fetch of any kind: the page must open from disk with the network off.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += text_element("title", {}, title_);
  out += "\n<style>";
  out += kBaseCss;
  out += css_;
  out += "</style></head>\n<body>\n";
  out += body_;
  if (!js_.empty()) {
    out += "<script>\n";
    out += js_;
    out += "\n</script>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace mockgc::reports::html
