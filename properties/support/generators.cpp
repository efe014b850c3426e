#include "generators.hpp"

#include <fmt/format.h>

#include "mockgc/api/regions.hpp"

namespace mockgc::properties {
namespace {

std::string encode_utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return out;
}

}  // namespace

rc::Gen<std::string> utf8_name(int max_chars) {
  const std::vector<char32_t> alphabet{U'a', U'b', U'c', U'A', U'B', U'C', U' ', U'é', U'Ñ', U'ß', U'Ω', U'中', U'文', U'😀'};
  return rc::gen::map(rc::gen::container<std::vector<char32_t>>(
                          static_cast<std::size_t>(max_chars), rc::gen::elementOf(alphabet)),
                      [](const std::vector<char32_t>& cps) {
                        std::string s = "n";  // never empty, never only spaces
                        for (auto cp : cps) s += encode_utf8(cp);
                        return s;
                      });
}

rc::Gen<core::Scenario> small_scenario() {
  return rc::gen::exec([] {
    core::Scenario s;
    s.seed = *rc::gen::arbitrary<std::uint64_t>();
    const auto regions = api::all_regions();
    const auto count = *rc::gen::inRange<std::size_t>(1, 4);
    const auto first = *rc::gen::inRange<std::size_t>(0, regions.size());
    const char* zones[] = {"Europe/London", "Australia/Sydney", "America/New_York", "Asia/Kolkata", "UTC"};
    const char* days[] = {"Sunday", "Monday", "Saturday"};
    for (std::size_t i = 0; i < count; ++i) {
      core::OrgSpec org;
      org.region = std::string(regions[(first + i) % regions.size()].key);
      org.name = fmt::format("Org{}", i);
      org.agents = *rc::gen::inRange(0, 40);
      org.queues = *rc::gen::inRange(0, 20);
      const int bus = *rc::gen::inRange(1, 3);
      for (int b = 0; b < bus; ++b) {
        core::BusinessUnitSpec bu;
        bu.name = fmt::format("BU {}", b);
        bu.time_zone = *rc::gen::elementOf(std::vector<std::string>(std::begin(zones), std::end(zones)));
        bu.start_day_of_week = *rc::gen::elementOf(std::vector<std::string>(std::begin(days), std::end(days)));
        bu.management_units = *rc::gen::inRange(1, 4);
        bu.teams_per_management_unit = *rc::gen::inRange(0, 3);
        bu.custom_activity_codes = *rc::gen::inRange(0, 15);
        org.business_units.push_back(bu);
      }
      s.world.orgs.push_back(std::move(org));
    }
    if (count >= 2) {
      int limit = std::min(s.world.orgs[0].agents, s.world.orgs[1].agents);
      core::SharedAgentsSpec shared;
      shared.regions = {s.world.orgs[0].region, s.world.orgs[1].region};
      shared.count = *rc::gen::inRange(0, limit + 1);
      s.world.shared_agents.push_back(shared);
    }
    return s;
  });
}

rc::Gen<std::string> instant_text() {
  const auto valid = rc::gen::exec([] {
    const int year = *rc::gen::inRange(1970, 2100);
    const int month = *rc::gen::inRange(1, 13);
    const int day = *rc::gen::inRange(1, 29);
    std::string t = fmt::format("{:04}-{:02}-{:02}{}{:02}:{:02}", year, month, day, *rc::gen::element('T', 't'),
                                *rc::gen::inRange(0, 24), *rc::gen::inRange(0, 60));
    if (*rc::gen::arbitrary<bool>()) {
      t += fmt::format(":{:02}", *rc::gen::inRange(0, 60));
      if (const int digits = *rc::gen::inRange(0, 10); digits > 0) {
        t += '.';
        for (int i = 0; i < digits; ++i) t += static_cast<char>('0' + *rc::gen::inRange(0, 10));
      }
    }
    switch (*rc::gen::inRange(0, 3)) {
      case 0: t += *rc::gen::element('Z', 'z'); break;
      default:
        t += fmt::format("{}{:02}{}{:02}", *rc::gen::element('+', '-'), *rc::gen::inRange(0, 19),
                         *rc::gen::element(std::string(":"), std::string()), *rc::gen::inRange(0, 60));
    }
    return t;
  });
  const auto near_miss = rc::gen::exec([valid] {
    std::string t = *valid;
    const auto at = *rc::gen::inRange<std::size_t>(0, t.size());
    switch (*rc::gen::inRange(0, 4)) {
      case 0: t.erase(at, 1); break;
      case 1: t.insert(at, 1, t[at]); break;
      case 2: t[at] = *rc::gen::elementOf(std::string("0123456789:-+.TZtz /x")); break;
      default:
        t = *rc::gen::element<std::string>("2026-13-01T00:00Z", "2026-02-30T00:00Z", "2027-02-29T00:00:00Z",
                                           "2026-03-29T24:00Z", "2026-03-29T01:60Z", "2026-03-29T01:00:60Z",
                                           "2026-03-29T01:00+19:00", "2026-03-29T01:00:00.1234567890Z",
                                           "2026-03-29T01:00", "2026-03-29T01:00:00", "2026-03-29", "2026-3-29T01:00Z",
                                           "2026-03-29T1:00Z", "2026-03-29T01:00+1", "2026-03-29T01:00Z ");
    }
    return t;
  });
  return rc::gen::oneOf(valid, near_miss);
}

std::string fingerprint(const core::World& world) {
  std::string out = fmt::format("seed {}\n", world.seed);
  for (const auto& org : world.orgs) {
    out += fmt::format("org {} {} {} {} {} {}\n", org.region, org.org_id, org.org_name, org.client_id, org.client_secret,
                       org.division.id);
    for (const auto& bu : org.business_units) {
      out += fmt::format("bu {} {} {} {}\n", bu.id, bu.name, bu.time_zone, bu.start_day_of_week);
      for (const auto& c : bu.activity_codes)
        out += fmt::format("code {} {} {} {} {}\n", c.id, c.name, core::to_string(c.category), c.length_in_minutes,
                           c.metadata.date_created.time_since_epoch().count());
    }
    for (const auto& mu : org.management_units)
      out += fmt::format("mu {} {} {} {}\n", mu.id, mu.name, fmt::join(mu.users, ","), fmt::join(mu.team_ids, ","));
    for (const auto& t : org.teams) out += fmt::format("team {} {} {}\n", t.id, t.name, fmt::join(t.users, ","));
    for (const auto& u : org.users)
      out += fmt::format("user {} {} {} {} {} {}\n", u.id, u.name, u.email, u.state, u.management_unit_id, u.team_id);
    for (const auto& q : org.queues) out += fmt::format("queue {} {} {}\n", q.id, q.name, q.member_count);
  }
  return out;
}

}  // namespace mockgc::properties
