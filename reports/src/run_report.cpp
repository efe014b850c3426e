#include "mockgc/reports/run_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "mockgc/reports/html.hpp"
#include "mockgc/reports/svg.hpp"

namespace mockgc::reports {
namespace {

using html::escape;

constexpr std::array<const char*, kOutcomeCount> kOutcomeLabels = {"2xx", "4xx", "429", "5xx", "transport fault"};
constexpr std::size_t kCellEvidence = 5;  // evidence lines inside a verdict cell; the findings list has the rest
constexpr std::size_t kPageRows = 100;    // journal table page size

std::string region_label(const ReportHeader& h, const std::string& id) {
  if (id.empty()) return "Every region";
  for (const auto& r : h.regions)
    if (r.id == id) return r.label.empty() ? r.id : r.label;
  return id;
}

std::string region_caption(const ReportHeader& h, const std::string& id) {
  const std::string label = region_label(h, id);
  return label == id ? id : fmt::format("{} ({})", label, id);
}

// "12 s", "2 minutes", "1 h 5 min": how long, for a sentence.
std::string spoken(api::Millis d) {
  const std::int64_t s = std::max<std::int64_t>(0, (d.count() + 500) / 1000);
  if (s < 60 || (s < 90 && s % 60 != 0)) return fmt::format("{} s", s);
  const std::int64_t m = (s + 30) / 60;
  if (m < 90) return fmt::format("{} minute{}", m, m == 1 ? "" : "s");
  return fmt::format("{} h {} min", m / 60, m % 60);
}

// "minute", "5 minutes", "2 h 0 min": the bucket width after "requests per".
std::string bucket_words(api::Millis width) { return width == api::Millis{60'000} ? "minute" : spoken(width); }

std::string type_words(const std::string& type) {
  if (type == "rate_limit") return "rate limit";
  if (type == "transport") return "transport fault";
  if (type == "token") return "token fault";
  if (type == "data") return "data change";
  if (type == "clock_skew") return "clock skew";
  return type;
}

std::string status_list(const std::map<int, std::uint64_t>& statuses) {
  std::vector<std::pair<std::uint64_t, int>> by_count;
  for (const auto& [status, n] : statuses) by_count.emplace_back(n, status);
  std::sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::string out;
  for (const auto& [n, status] : by_count) {
    if (!out.empty()) out += ", ";
    out += status == 0 ? fmt::format("{}× no answer", n) : fmt::format("{}× {}", n, status);
  }
  return out;
}

std::vector<std::size_t> faults_in_order(const std::vector<FaultSpan>& faults) {
  std::vector<std::size_t> order(faults.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return faults[a].start != faults[b].start ? faults[a].start < faults[b].start : faults[a].id < faults[b].id;
  });
  return order;
}

}  // namespace

std::vector<std::string> narrate(const ReportHeader& header, const JournalDigest& digest) {
  std::vector<std::string> out;
  const auto& faults = digest.faults();
  const auto& stats = digest.fault_stats();
  for (const auto i : faults_in_order(faults)) {
    const auto& f = faults[i];
    const auto& s = stats[i];
    const std::string where = region_label(header, f.region);
    std::string p = fmt::format("{} {} {} begins ({})", svg::clock_label(f.start), where, type_words(f.type), f.id);
    p += f.effect.empty() ? "." : fmt::format(": {}.", f.effect);
    if (s.in_window == 0) {
      p += fmt::format(" The integration sent no request to {} during it.", where);
    } else if (s.requests == 0) {
      p += fmt::format(" It never fired: none of the integration's {} request{} during it matched.", s.in_window,
                       s.in_window == 1 ? "" : "s");
    } else if (s.failed == 0) {
      p += fmt::format(" It acted on {} of the integration's requests; none failed.", s.requests);
    } else {
      p += fmt::format(" {} of the integration's {} request{} during it failed (answers: {}).", s.failed, s.requests,
                       s.requests == 1 ? "" : "s", status_list(s.statuses));
      if (s.failed >= 3 && s.first_failure && s.last_failure) {
        const auto span = *s.last_failure - *s.first_failure;
        // Told, not judged: how often the failed requests came (the outage-backoff rule's verdict judges the
        // pace in its own terms), and whether the gap between them grew.
        const bool grew = s.gaps >= 2 && s.last_gap >= 2 * std::max(s.first_gap, api::Millis{1});
        if (grew) {
          p += fmt::format(" The integration kept trying for {}, the gap between failed requests growing from {} to {}.",
                           spoken(span), spoken(s.first_gap), spoken(s.last_gap));
        } else {
          const auto mean_gap = span / std::max<std::int64_t>(1, static_cast<std::int64_t>(s.failed) - 1);
          const std::string pace = mean_gap < api::Millis{30'000}
                                       ? fmt::format("about {} a minute", (60'000 + mean_gap.count() / 2) /
                                                                               std::max<std::int64_t>(1, mean_gap.count()))
                                       : fmt::format("one every {} on average", spoken(mean_gap));
          p += fmt::format(" The integration kept trying for {}: {} failed requests, {} (the longest gap {}).",
                           spoken(span), s.failed, pace, spoken(s.max_gap));
        }
      }
    }
    if (f.end) {
      p += fmt::format(" {} {} recovers", svg::clock_label(*f.end), where);
      if (s.resumed)
        p += fmt::format("; the first successful request came {} later.", spoken(*s.resumed - *f.end));
      else if (s.last_request && *s.last_request >= *f.end)
        p += "; no request after it succeeded.";
      else
        p += "; the integration sent no request after it.";
    } else {
      p += " It lasts until the end of the run.";
    }
    out.push_back(std::move(p));
  }
  return out;
}

namespace {

struct Domain {
  api::Instant lo, hi;
  api::Millis width;
};

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

Domain domain_of(const ReportHeader& h, const JournalDigest& d) {
  api::Instant lo = h.start;
  api::Instant hi = h.start;
  if (d.first()) lo = std::min(lo, *d.first());
  if (d.last()) hi = std::max(hi, *d.last());
  for (const auto& f : h.faults) {
    hi = std::max(hi, f.start);
    if (f.end) hi = std::max(hi, *f.end);
  }
  if (hi <= lo) hi = lo + std::chrono::hours(1);
  api::Millis w = d.bucket_width();
  while ((hi - lo) / w + 1 > static_cast<std::int64_t>(kMaxBars)) w = next_bucket_width(w);
  const std::int64_t lo_ms = floor_div(lo.time_since_epoch().count(), w.count()) * w.count();
  const std::int64_t hi_ms = (floor_div(hi.time_since_epoch().count(), w.count()) + 1) * w.count();
  return {api::Instant{api::Millis{lo_ms}}, api::Instant{api::Millis{hi_ms}}, w};
}

std::map<std::int64_t, JournalDigest::Bucket> merged(const std::map<std::int64_t, JournalDigest::Bucket>& in,
                                                     api::Millis from, api::Millis to) {
  const std::int64_t factor = std::max<std::int64_t>(1, to / from);
  std::map<std::int64_t, JournalDigest::Bucket> out;
  for (const auto& [index, b] : in) {
    auto& m = out[floor_div(index, factor)];
    for (std::size_t i = 0; i < kOutcomeCount; ++i) m.outcomes[i] += b.outcomes[i];
    m.logins += b.logins;
    m.unauthorized += b.unauthorized;
  }
  return out;
}

std::string timeline_svg(const ReportHeader& h, const JournalDigest& d, const std::string& region,
                         const Domain& dom) {
  constexpr double kW = 1100, kH = 250, kLeft = 52, kRight = 12, kTop = 34, kBottom = 212;
  const auto buckets = [&] {
    const auto it = d.buckets().find(region);
    return it == d.buckets().end() ? std::map<std::int64_t, JournalDigest::Bucket>{}
                                   : merged(it->second, d.bucket_width(), dom.width);
  }();
  double peak = 0;
  for (const auto& [k, b] : buckets) {
    double total = 0;
    for (const auto v : b.outcomes) total += static_cast<double>(v);
    peak = std::max(peak, total);
  }
  const svg::TimeScale x{dom.lo, dom.hi, kLeft, kW - kRight};
  const double ymax = svg::nice_max(std::max(peak, 4.0), 4);  // whole-number ticks for small counts
  const svg::LinearScale y{0, ymax, kBottom, kTop};

  svg::Canvas c(kW, kH, fmt::format("Requests per {} in {}", bucket_words(dom.width), region_caption(h, region)),
                "chart timeline-chart");
  for (const double t : svg::nice_ticks(0, ymax, 4)) c.line(kLeft, y(t), kW - kRight, y(t), "grid");

  // Fault windows behind the bars.
  c.open_group("bands");
  for (const auto i : faults_in_order(h.faults)) {
    const auto& f = h.faults[i];
    if (!f.region.empty() && f.region != region) continue;
    const double x0 = x(std::max(f.start, dom.lo));
    const double x1 = x(f.end ? std::min(*f.end, dom.hi) : dom.hi);
    c.band(x0, std::max(x1, x0 + 1), kTop - 14, kBottom, f.id, f.type);
  }
  c.close_group();

  std::vector<svg::StackedBar> bars;
  const double bar_px = (kW - kLeft - kRight) / static_cast<double>((dom.hi - dom.lo) / dom.width);
  for (const auto& [k, b] : buckets) {
    const api::Instant at{api::Millis{k * dom.width.count()}};
    svg::StackedBar bar;
    bar.x0 = x(at);
    bar.x1 = bar.x0 + std::max(bar_px - (bar_px > 3 ? 1 : 0), 0.5);
    std::uint64_t total = 0;
    std::string detail;
    for (std::size_t i = 0; i < kOutcomeCount; ++i) {
      bar.values.push_back(static_cast<double>(b.outcomes[i]));
      total += b.outcomes[i];
      if (b.outcomes[i] > 0) detail += fmt::format(", {} {}", kOutcomeLabels[i], b.outcomes[i]);
    }
    bar.title = fmt::format("{} · {} request{}{}", svg::clock_label(at), total, total == 1 ? "" : "s", detail);
    bars.push_back(std::move(bar));
  }
  std::vector<std::string> classes;
  for (std::size_t i = 0; i < kOutcomeCount; ++i) classes.emplace_back(to_string(static_cast<Outcome>(i)));
  c.open_group("bars");
  c.stacked_bars(bars, y, classes);
  c.close_group();

  // Logins and 401s as markers above the plot.
  c.open_group("markers");
  for (const auto& [k, b] : buckets) {
    const api::Instant at{api::Millis{k * dom.width.count()}};
    const double mx = x(at) + bar_px / 2;
    if (b.logins > 0)
      c.circle(mx, kTop - 24, 3.5, "marker login",
               fmt::format("{} · {} login{}", svg::clock_label(at), b.logins, b.logins == 1 ? "" : "s"));
    if (b.unauthorized > 0)
      c.circle(mx, kTop - 16, 3.5, "marker unauthorized",
               fmt::format("{} · {} × 401", svg::clock_label(at), b.unauthorized));
  }
  c.close_group();

  // When the integration resumed after each fault window in this region.
  c.open_group("resumes");
  for (const auto i : faults_in_order(h.faults)) {
    const auto& f = h.faults[i];
    const auto& s = d.fault_stats()[i];
    if ((!f.region.empty() && f.region != region) || !s.resumed || !f.end) continue;
    const double rx = x(*s.resumed);
    c.open_group("resume", "fault", f.id);
    c.line(rx, kTop - 8, rx, kBottom, "resume-line");
    c.text(rx + 3, kBottom - 4, fmt::format("resumed {} (+{})", svg::clock_label_seconds(*s.resumed),
                                            spoken(*s.resumed - *f.end)));
    c.close_group();
  }
  c.close_group();

  std::vector<std::pair<double, std::string>> xticks;
  for (const auto& t : svg::time_ticks(dom.lo, dom.hi, 10)) xticks.emplace_back(x(t.at), t.label);
  c.x_axis(kBottom, xticks);
  c.y_axis(kLeft, y, svg::nice_ticks(0, ymax, 4));
  std::vector<svg::LegendItem> legend;
  for (std::size_t i = 0; i < kOutcomeCount; ++i) legend.push_back({kOutcomeLabels[i], classes[i], {}});
  legend.push_back({"login", "marker login", {}});
  legend.push_back({"401", "marker unauthorized", {}});
  c.legend(kLeft, kH - 6, legend);
  return c.str();
}

std::string evidence_text(const Evidence& e) {
  if (e.seq == 0) return e.message;
  return fmt::format("{} {} {} → {}: {}", svg::clock_label_seconds(e.at), e.method, e.path, e.status, e.message);
}

std::string evidence_item(const Evidence& e) {
  if (e.seq == 0) return html::text_element("li", {}, e.message);
  return "<li>" +
         html::text_element("a", {{"href", fmt::format("#seq-{}", e.seq)}, {"data-seq", std::to_string(e.seq)}},
                            fmt::format("seq {}", e.seq)) +
         " " + escape(evidence_text(e)) + "</li>";
}

std::string anchor_of(const Verdict& v) { return "finding-" + v.rule + "-" + (v.region.empty() ? "run" : v.region); }

std::string verdict_table(const ReportHeader& h) {
  std::vector<std::string> rules;
  std::vector<std::string> regions;
  bool run_column = false;
  for (const auto& r : h.regions) regions.push_back(r.id);
  for (const auto& v : h.verdicts) {
    if (std::find(rules.begin(), rules.end(), v.rule) == rules.end()) rules.push_back(v.rule);
    if (v.region.empty()) run_column = true;
    else if (std::find(regions.begin(), regions.end(), v.region) == regions.end()) regions.push_back(v.region);
  }
  if (run_column) regions.emplace_back();
  std::string out = "<table class=\"verdicts\" id=\"verdict-table\"><thead><tr><th>rule</th>";
  for (const auto& r : regions) out += html::text_element("th", {}, r.empty() ? "run" : region_caption(h, r));
  out += "</tr></thead><tbody>\n";
  for (const auto& rule : rules) {
    out += "<tr>" + html::text_element("th", {}, rule);
    for (const auto& region : regions) {
      const auto it = std::find_if(h.verdicts.begin(), h.verdicts.end(),
                                   [&](const Verdict& v) { return v.rule == rule && v.region == region; });
      if (it == h.verdicts.end()) {
        out += "<td class=\"none\">–</td>";
        continue;
      }
      const auto& v = *it;
      std::string inner;
      const std::string label = v.status == "not_applicable" ? "n/a" : v.status;
      if (v.evidence.empty()) {
        inner = escape(label);
      } else {
        inner = "<details><summary>" + escape(fmt::format("{} ({})", label, v.evidence_count)) + "</summary><ul>";
        for (std::size_t i = 0; i < v.evidence.size() && i < kCellEvidence; ++i) inner += evidence_item(v.evidence[i]);
        inner += "</ul>" +
                 html::text_element("a", {{"href", "#" + anchor_of(v)}}, "all findings") + "</details>";
      }
      out += html::element("td",
                           {{"class", v.status},
                            {"data-rule", v.rule},
                            {"data-region", v.region.empty() ? "run" : v.region},
                            {"data-status", v.status},
                            {"title", v.note}},
                           inner);
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string findings_section(const ReportHeader& h) {
  std::string out;
  for (const auto& v : h.verdicts) {
    if (v.status != "fail" && v.status != "warn") continue;
    out += html::element("section", {{"class", "finding " + v.status}, {"id", anchor_of(v)}},
                         html::text_element("h3", {},
                                            fmt::format("{} · {} · {}", v.rule,
                                                        v.region.empty() ? "run" : region_caption(h, v.region),
                                                        v.status)) +
                             html::text_element("p", {{"class", "muted"}}, v.note) + [&] {
                               std::string items = "<ul>";
                               for (const auto& e : v.evidence) items += evidence_item(e);
                               if (v.evidence_count > v.evidence.size())
                                 items += html::text_element(
                                     "li", {{"class", "muted"}},
                                     fmt::format("… and {} more", v.evidence_count - v.evidence.size()));
                               return items + "</ul>";
                             }());
    out += "\n";
  }
  return out.empty() ? "<p class=\"muted\">No rule failed or warned.</p>\n" : out;
}

// The table's rows as JSON arrays: [seq, time, region, method, path, route, status, outcome, fault, latency].
std::string journal_json(const ReportHeader& h, const std::vector<JournalRow>& sample, std::uint64_t stride) {
  std::map<std::uint64_t, nlohmann::json> rows;
  auto put = [&](std::uint64_t seq, api::Instant at, const std::string& region, const std::string& method,
                 const std::string& path, const std::string& route, int status, bool transport,
                 const std::string& fault, std::int64_t latency) {
    rows.emplace(seq, nlohmann::json::array({seq, api::format_instant(at).substr(11, 12), region, method, path, route,
                                             status, to_string(classify(status, transport)), fault, latency}));
  };
  for (const auto& r : sample)
    put(r.seq, r.at, r.region, r.method, r.path, r.route, r.status, r.transport_fault, r.fault, r.latency_ms);
  // Evidence rows are always in the table, so every finding's link lands on its line.
  for (const auto& v : h.verdicts)
    for (const auto& e : v.evidence)
      if (e.seq != 0 && !rows.count(e.seq)) put(e.seq, e.at, v.region, e.method, e.path, "", e.status, false, "", 0);
  nlohmann::json out = nlohmann::json::object();
  out["stride"] = stride;
  out["rows"] = nlohmann::json::array();
  for (auto& [seq, row] : rows) out["rows"].push_back(std::move(row));
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

constexpr std::string_view kReportCss = R"css(
.verdict-pass{color:var(--ok)}.verdict-fail{color:var(--server)}
table.verdicts td{min-width:90px}table.verdicts details summary{cursor:pointer}
table.verdicts ul,.finding ul{margin:4px 0;padding-left:18px}
figure.timeline{margin:10px 0 18px}figure.timeline figcaption{font-weight:600;margin-bottom:2px}
svg .marker.login{fill:#2b6cb0}svg .marker.unauthorized{fill:#c53030}
svg rect.marker.login{fill:#2b6cb0}svg rect.marker.unauthorized{fill:#c53030}
svg .resume-line{stroke:#2f855a;stroke-width:1.5;stroke-dasharray:4 3}svg .resume text{fill:#2f855a}
ol.narrative li{margin:6px 0}
#journal-controls{display:flex;gap:10px;flex-wrap:wrap;align-items:center;margin:6px 0}
#journal-table td{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px;white-space:nowrap}
#journal-table tr.hit{outline:2px solid #2b6cb0}
#journal-table td.s-ok{color:var(--ok)}#journal-table td.s-server,#journal-table td.s-transport{color:var(--server)}
#journal-table td.s-throttled{color:var(--throttled)}#journal-table td.s-client{color:#a06000}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
)css";

// The journal table: filters, pager and jump-to-seq, over the JSON data island "journal-data".
constexpr std::string_view kReportJs = R"js(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('journal-data').textContent);
  var rows = data.rows, pageSize = PAGE_SIZE, page = 0, shown = rows, hit = null;
  var body = document.querySelector('#journal-table tbody');
  var region = document.getElementById('f-region'), route = document.getElementById('f-route');
  var status = document.getElementById('f-status'), info = document.getElementById('j-info');
  function options(select, values) {
    values.sort().forEach(function (v) {
      var o = document.createElement('option'); o.value = v; o.textContent = v || '(unmatched)'; select.appendChild(o);
    });
  }
  function distinct(i) { var s = {}; rows.forEach(function (r) { s[r[i]] = 1; }); return Object.keys(s); }
  options(region, distinct(2)); options(route, distinct(5));
  function matches(r) {
    if (region.value !== '*' && r[2] !== region.value) return false;
    if (route.value !== '*' && r[5] !== route.value) return false;
    var s = status.value;
    if (s === '*') return true;
    if (/^\d{3}$/.test(s)) return String(r[6]) === s;
    return r[7] === s;
  }
  function render() {
    var pages = Math.max(1, Math.ceil(shown.length / pageSize));
    page = Math.min(Math.max(page, 0), pages - 1);
    var frag = document.createDocumentFragment();
    shown.slice(page * pageSize, (page + 1) * pageSize).forEach(function (r) {
      var tr = document.createElement('tr'); tr.id = 'row-' + r[0];
      if (r[0] === hit) tr.className = 'hit';
      [r[0], r[1], r[2], r[3], r[4], r[5], r[6] || '—', r[8], r[9]].forEach(function (v, i) {
        var td = document.createElement('td'); td.textContent = v;
        if (i === 6) td.className = 's-' + r[7];
        tr.appendChild(td);
      });
      frag.appendChild(tr);
    });
    body.replaceChildren(frag);
    info.textContent = 'page ' + (page + 1) + ' of ' + pages + ' · ' + shown.length + ' rows';
  }
  function filter() { shown = rows.filter(matches); page = 0; render(); }
  [region, route, status].forEach(function (el) { el.addEventListener('change', filter); });
  document.getElementById('j-prev').addEventListener('click', function () { page--; render(); });
  document.getElementById('j-next').addEventListener('click', function () { page++; render(); });
  function jump(seq) {
    region.value = '*'; route.value = '*'; status.value = '*'; shown = rows; hit = seq;
    var i = rows.findIndex(function (r) { return r[0] === seq; });
    page = i < 0 ? 0 : Math.floor(i / pageSize); render();
    var tr = document.getElementById('row-' + seq);
    (tr || document.getElementById('journal')).scrollIntoView({block: 'center'});
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[data-seq]');
    if (!a) return;
    e.preventDefault(); jump(Number(a.getAttribute('data-seq')));
  });
  var m = /^#seq-(\d+)$/.exec(location.hash);
  if (m) jump(Number(m[1])); else render();
})();
)js";

std::string render(const ReportHeader& h, const JournalDigest& d, const std::vector<JournalRow>& sample,
                   std::uint64_t stride) {
  html::Document doc{h.title};
  doc.style(kReportCss);
  std::string js{kReportJs};
  js.replace(js.find("PAGE_SIZE"), 9, std::to_string(kPageRows));
  doc.script(js);

  doc.body(html::text_element("h1", {}, h.title));
  doc.body(html::text_element("p", {{"class", "verdict-line verdict-" + h.verdict}}, h.summary));
  std::string facts = "<dl class=\"facts\">";
  auto fact = [&](std::string_view k, const std::string& v) {
    if (!v.empty()) facts += html::text_element("dt", {}, k) + html::text_element("dd", {}, v);
  };
  fact("scenario", h.scenario);
  fact("seed", std::to_string(h.seed));
  fact("speed", h.speed);
  fact("command", h.command);
  fact("run start", api::format_instant(h.start));
  fact("journal entries", std::to_string(d.entries()));
  std::string untested;
  for (const auto& u : h.untested_faults) untested += (untested.empty() ? "" : ", ") + u;
  fact("untested faults", untested.empty() ? "none" : untested);
  doc.body(facts + "</dl>\n");

  doc.body("<section id=\"verdicts\"><h2>Verdicts</h2>\n");
  doc.body(h.verdicts.empty() ? "<p class=\"muted\">No rules were judged.</p>" : verdict_table(h));
  doc.body("</section>\n");

  const Domain dom = domain_of(h, d);
  doc.body("<section id=\"timelines\"><h2>Timeline per region</h2>\n");
  doc.body(html::text_element(
      "p", {{"class", "muted"}},
      fmt::format("Requests per {} of world time (UTC), stacked by outcome; shaded bands are the scenario's fault "
                  "windows; dots above are logins (blue) and 401s (red); dashed lines mark when the integration "
                  "resumed after a fault.",
                  bucket_words(dom.width))));
  std::vector<std::string> regions;
  for (const auto& r : h.regions) regions.push_back(r.id);
  for (const auto& [r, b] : d.buckets())
    if (std::find(regions.begin(), regions.end(), r) == regions.end()) regions.push_back(r);
  for (const auto& r : regions)
    doc.body(html::element("figure", {{"class", "timeline"}, {"data-region", r}},
                           html::text_element("figcaption", {}, region_caption(h, r)) + timeline_svg(h, d, r, dom)) +
             "\n");
  doc.body("</section>\n");

  doc.body("<section id=\"narrative\"><h2>What happened</h2>\n");
  const auto story = narrate(h, d);
  if (story.empty()) {
    doc.body("<p class=\"muted\">The scenario has no fault windows.</p>\n");
  } else {
    doc.body("<ol class=\"narrative\">");
    for (const auto& s : story) doc.body(html::text_element("li", {}, s));
    doc.body("</ol>\n");
  }
  doc.body("</section>\n");

  doc.body("<section id=\"findings\"><h2>Findings</h2>\n" + findings_section(h) + "</section>\n");

  doc.body("<section id=\"journal\"><h2>Journal</h2>\n");
  doc.body(html::text_element(
      "p", {{"class", "muted"}},
      stride == 1 ? fmt::format("All {} entries.", d.entries())
                  : fmt::format("A sample of the {} entries: one in {}, plus every line a finding names.",
                                d.entries(), stride)));
  doc.body(
      "<div id=\"journal-controls\"><label>region <select id=\"f-region\"><option value=\"*\">all</option>"
      "</select></label><label>route <select id=\"f-route\"><option value=\"*\">all</option></select></label>"
      "<label>status <select id=\"f-status\"><option value=\"*\">all</option><option value=\"ok\">2xx</option>"
      "<option value=\"client\">4xx</option><option value=\"401\">401</option><option value=\"throttled\">429"
      "</option><option value=\"server\">5xx</option><option value=\"transport\">transport fault</option>"
      "</select></label><button id=\"j-prev\" type=\"button\">‹ prev</button><button id=\"j-next\" "
      "type=\"button\">next ›</button><span id=\"j-info\"></span></div>\n"
      "<table id=\"journal-table\"><thead><tr><th>seq</th><th>time</th><th>region</th><th>method</th><th>path</th>"
      "<th>route</th><th>status</th><th>fault</th><th>ms</th></tr></thead><tbody></tbody></table>\n");
  doc.data("journal-data", journal_json(h, sample, stride));
  doc.body("</section>\n");
  return doc.str();
}

}  // namespace

std::string run_report_html(const ReportHeader& header, const JournalDigest& digest) {
  std::vector<JournalRow> sample = digest.rows();
  std::uint64_t stride = digest.stride();
  std::string page = render(header, digest, sample, stride);
  // Rows are the only part that grows with the journal's content (long paths): thin them until the page fits.
  while (page.size() > kMaxReportBytes && !sample.empty()) {
    std::vector<JournalRow> thinner;
    for (std::size_t i = 0; i < sample.size(); i += 2) thinner.push_back(std::move(sample[i]));
    if (thinner.size() == sample.size()) thinner.clear();
    sample = std::move(thinner);
    stride *= 2;
    page = render(header, digest, sample, stride);
  }
  return page;
}

}  // namespace mockgc::reports
