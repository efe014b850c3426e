// generate_world is a pure function of (scenario, seed) and must keep giving the same world for a seed: every
// id, name, e-mail, skill, language, order and queue member. A small three-region world with bi-regional
// people is compared field by field with a checked-in dump (tests/core/golden/); bigger worlds (thousands of
// agents, so names repeat, e-mails take digits and the sort meets ties) are pinned by a digest of the same
// dump, section by section. MOCKGC_TEST_ACCEPT=1 rewrites the dump (and skips) after a deliberate change of
// the world; a deliberate change also updates the digests below from the failure messages.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "mockgc/api/random.hpp"
#include "mockgc/api/regions.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/world.hpp"

using namespace mockgc;
using namespace mockgc::core;

namespace {

std::int64_t ms(Instant t) { return std::chrono::duration_cast<Millis>(t.time_since_epoch()).count(); }

std::string ids(const std::vector<std::string>& v) { return fmt::format("[{}]", fmt::join(v, ",")); }

std::string user_ids(const OrgWorld& org, const std::vector<std::uint32_t>& positions) {
  std::vector<std::string> out;
  for (const auto i : positions) out.push_back(org.users.at(i).id);
  return ids(out);
}

std::string actor(const Actor& a) { return fmt::format("{}:{}", a.kind == Actor::Kind::User ? "user" : "client", a.id); }

std::string metadata(const WfmMetadata& m) {
  return fmt::format("v{} {} {} {} {}", m.version, ms(m.date_created), ms(m.date_modified), actor(m.created_by),
                     actor(m.modified_by));
}

// One org as text, one section per entity kind, one line per entity with every field.
struct OrgDump {
  std::vector<std::pair<std::string, std::string>> sections;  // (name, text)
};

OrgDump dump(const OrgWorld& org) {
  OrgDump d;
  auto section = [&](std::string name) -> std::string& { return d.sections.emplace_back(std::move(name), "").second; };
  std::string& head = section("org");
  head += fmt::format("org {} {} {} client {} {} {}\n", org.region, org.org_id, org.org_name, org.client_id,
                      org.client_secret, org.client_name);
  head += fmt::format("home {} {} {} {}\n", org.division.id, org.division.name, org.division.description,
                      org.division.home);
  for (const auto& v : org.divisions) head += fmt::format("division {} {} {} {}\n", v.id, v.name, v.description, v.home);
  std::string& dict = section("skills+languages");
  for (const auto& s : org.skills) dict += fmt::format("skill {} {} {}\n", s.id, s.name, ms(s.date_modified));
  for (const auto& l : org.languages) dict += fmt::format("language {} {} {}\n", l.id, l.name, ms(l.date_modified));
  std::string& units = section("units");
  for (const auto& bu : org.business_units) {
    units += fmt::format("bu {} {} {} {} {} mus {}\n", bu.id, bu.name, bu.time_zone, bu.start_day_of_week,
                         metadata(bu.settings_metadata), ids(bu.management_unit_ids));
    for (const auto& c : bu.activity_codes)
      units += fmt::format(
          "  code {} {} {} default={} len={} paid={} work={} selectable={} shrink={} planned={} interrupt={} "
          "presences={} groups={} style={} {}\n",
          c.id, c.name, to_string(c.category), c.default_code, c.length_in_minutes, c.counts_as_paid_time,
          c.counts_as_work_time, c.agent_time_off_selectable ? fmt::format("{}", *c.agent_time_off_selectable) : "-",
          c.counts_toward_shrinkage, c.planned_shrinkage, c.interruptible, ids(c.secondary_presence_ids),
          ids(c.planning_group_ids), c.style ? c.style->background_color + "/" + c.style->text_color_theme : "-",
          metadata(c.metadata));
  }
  for (const auto& mu : org.management_units)
    units += fmt::format("mu {} {} bu={} {} teams={} users={}\n", mu.id, mu.name, mu.business_unit_id,
                         metadata(mu.metadata), ids(mu.team_ids), user_ids(org, mu.users));
  for (const auto& t : org.teams)
    units += fmt::format("team {} {} mu={} users={}\n", t.id, t.name, t.management_unit_id, user_ids(org, t.users));
  std::string& users = section("users");
  for (const auto& u : org.users) {
    users += fmt::format("user {} {} <{}> {} {} / {} mu={} team={} bi={} v{} skills=", u.id, u.name, u.email, u.state,
                         u.title, u.department, u.management_unit_id, u.team_id, u.bi_regional, u.version);
    for (const auto& s : u.skills) users += fmt::format("{}:{},", org.skills.at(s.skill).id, s.proficiency);
    std::vector<std::string> languages;
    for (const auto l : u.languages) languages.push_back(org.languages.at(l).id);
    users += " languages=" + ids(languages) + "\n";
  }
  std::string& queues = section("queues");
  for (const auto& q : org.queues)
    queues += fmt::format("queue {} {} / {} / {} {} {} members={} joined={} alert={} sl={}/{} acw={}\n", q.id, q.name,
                          q.description, q.media, ms(q.date_created), ms(q.date_modified), q.member_count,
                          q.joined_member_count, q.alerting_timeout_seconds, q.service_level_percentage,
                          q.service_level_duration_ms, q.acw_timeout_ms);
  std::string& members = section("queue members");
  for (const auto& q : org.queues) {
    const auto& m = org.queue_members(q);
    members += fmt::format("members {} users={} joined={}\n", q.id, fmt::join(m.users, ","), fmt::join(m.joined_users, ","));
  }
  return d;
}

std::string dump_text(const World& w) {
  std::string out = fmt::format("world seed={} orgs={}\n", w.seed, w.orgs.size());
  for (const auto& org : w.orgs)
    for (const auto& [name, text] : dump(org).sections) out += "# " + name + "\n" + text;
  return out;
}

std::string org_json(const char* region, const char* name, int agents, int queues, int mus, int teams) {
  return fmt::format(R"({{"region": "{}", "name": "{}", "agents": {}, "queues": {}, "businessUnits": [{{"name": "{} Care",
    "timeZone": "Europe/London", "managementUnits": {}, "teamsPerManagementUnit": {}, "customActivityCodes": 7}}]}})",
                     region, name, agents, queues, name, mus, teams);
}

// Three regions, people shared by all three and by two of them.
Scenario three_regions(int agents, int queues) {
  const std::string text = fmt::format(
      R"({{"world": {{"orgs": [{}, {}, {}], "sharedAgents": [
        {{"regions": ["eu_central_1", "ap_southeast_2", "us_east_1"], "count": {}}},
        {{"regions": ["us_east_1", "eu_central_1"], "count": {}}}]}}}})",
      org_json("eu_central_1", "EMEA", agents, queues, 3, 2), org_json("ap_southeast_2", "APAC", agents, queues, 2, 0),
      org_json("us_east_1", "Americas Co.", agents, queues, 4, 3), agents / 10 + 1, agents / 20 + 1);
  return parse_scenario(text, "world_generator_test.json");
}

// The shape of bench_wfm_scale: one BU per org with agents / 250 MUs of three teams, agents / 40 queues.
Scenario bench_shape(std::size_t orgs, int agents) {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < orgs; ++i)
    parts.push_back(org_json(std::string(api::all_regions()[i].key).c_str(), fmt::format("Org {}", i + 1).c_str(),
                             agents, agents / 40, agents / 250, 3));
  return parse_scenario(fmt::format(R"({{"world": {{"orgs": [{}]}}}})", fmt::join(parts, ", ")), "bench_shape.json");
}

TEST(WorldGenerator, SmallWorldMatchesTheCheckedInDump) {
  const std::string actual = dump_text(generate_world(three_regions(60, 12), 7));
  const std::string path = MOCKGC_SOURCE_DIR "/tests/core/golden/world_three_regions_seed7.txt";
  if (const char* accept = std::getenv("MOCKGC_TEST_ACCEPT"); accept != nullptr && std::string(accept) == "1") {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << actual;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << path << " (run with MOCKGC_TEST_ACCEPT=1)";
  std::stringstream expected;
  expected << in.rdbuf();
  std::istringstream want(expected.str()), got(actual);
  std::string w, g;
  for (int line = 1;; ++line) {
    const bool more_w = static_cast<bool>(std::getline(want, w));
    const bool more_g = static_cast<bool>(std::getline(got, g));
    if (!more_w && !more_g) break;
    ASSERT_TRUE(more_w && more_g && w == g)
        << "the generated world changed (seed 7, three regions): " << path << " line " << line
        << "\n  expected: " << (more_w ? w : "<end>") << "\n  actual:   " << (more_g ? g : "<end>");
  }
}

struct Pinned {
  std::string region, section;
  std::uint64_t digest;
};

// Compares each org section's digest with `pinned`; the message names what changed.
void expect_digests(const char* shape, std::uint64_t seed, const World& world, const std::vector<Pinned>& pinned) {
  std::vector<Pinned> actual;
  for (const auto& org : world.orgs)
    for (const auto& [name, text] : dump(org).sections) actual.push_back({org.region, name, api::fnv1a(text)});
  std::string table;
  for (const auto& a : actual) table += fmt::format("      {{\"{}\", \"{}\", 0x{:016x}ULL}},\n", a.region, a.section, a.digest);
  ASSERT_EQ(actual.size(), pinned.size()) << shape << " seed " << seed << ": the generated world has other orgs or sections:\n"
                                          << table;
  for (std::size_t i = 0; i < actual.size(); ++i)
    EXPECT_TRUE(actual[i].region == pinned[i].region && actual[i].section == pinned[i].section &&
                actual[i].digest == pinned[i].digest)
        << "the generated world changed (" << shape << ", seed " << seed << "): org " << actual[i].region << ", "
        << actual[i].section << " (digest of its field dump: 0x" << fmt::format("{:016x}", actual[i].digest)
        << ", pinned 0x" << fmt::format("{:016x}", pinned[i].digest) << ")\nall digests now:\n"
        << table;
}

TEST(WorldGenerator, ThreeRegionsOfThousandsKeepTheirWorld) {
  expect_digests("three regions x 3000 agents", 11, generate_world(three_regions(3000, 75), 11), {
                     {"eu_central_1", "org", 0x0ffc03ce95341c56ULL},
                     {"eu_central_1", "skills+languages", 0x8dc5f64e3f5ca78cULL},
                     {"eu_central_1", "units", 0x68ec420544c27d05ULL},
                     {"eu_central_1", "users", 0x3f71e3921f6f9377ULL},
                     {"eu_central_1", "queues", 0x6873cd9c913b76bfULL},
                     {"eu_central_1", "queue members", 0x2f7ce07b242ec759ULL},
                     {"ap_southeast_2", "org", 0x08ae8b9e6ac483dfULL},
                     {"ap_southeast_2", "skills+languages", 0x3587443eaec9ad55ULL},
                     {"ap_southeast_2", "units", 0x48a7ea08ecb88288ULL},
                     {"ap_southeast_2", "users", 0x764f5c09ae8aa400ULL},
                     {"ap_southeast_2", "queues", 0x108fad0519a88f54ULL},
                     {"ap_southeast_2", "queue members", 0x1886f42e964170f6ULL},
                     {"us_east_1", "org", 0xbd1a31e297bcd98fULL},
                     {"us_east_1", "skills+languages", 0x6fbf4e38a76a3bbaULL},
                     {"us_east_1", "units", 0xc630fadb9dbf767bULL},
                     {"us_east_1", "users", 0xdbce6cb5ade5bccfULL},
                     {"us_east_1", "queues", 0xa7a116f09e50f325ULL},
                     {"us_east_1", "queue members", 0xbb8da9fbb01a396fULL},
                 });
}

TEST(WorldGenerator, BenchShapeKeepsItsWorld) {
  expect_digests("two orgs x 8000 agents", 1, generate_world(bench_shape(2, 8000), 1), {
                     {"us_east_1", "org", 0x3ebdc7abbbca3f87ULL},
                     {"us_east_1", "skills+languages", 0x638478587317d513ULL},
                     {"us_east_1", "units", 0xfbccbcf230fdfb1fULL},
                     {"us_east_1", "users", 0x4234c9d72c6388c4ULL},
                     {"us_east_1", "queues", 0x10ac7b2bc75e5976ULL},
                     {"us_east_1", "queue members", 0xaa46ccd4390af0efULL},
                     {"eu_west_1", "org", 0x7cb7f472581ff437ULL},
                     {"eu_west_1", "skills+languages", 0xc492226327552079ULL},
                     {"eu_west_1", "units", 0xe926ad0c781313d5ULL},
                     {"eu_west_1", "users", 0xdb59411d299d6a5fULL},
                     {"eu_west_1", "queues", 0x483ba0b3be63f714ULL},
                     {"eu_west_1", "queue members", 0x2ff80a889f26aabfULL},
                 });
}

// bench_wfm_scale's world (17 regions x 20,000 agents) takes seconds: run it by hand with
// --gtest_also_run_disabled_tests after a change to the generator.
TEST(WorldGenerator, DISABLED_FullBenchWorldKeepsItsWorld) {
  expect_digests("17 orgs x 20000 agents", 1, generate_world(bench_shape(17, 20000), 1), {
                     {"us_east_1", "org", 0x3ebdc7abbbca3f87ULL},
                     {"us_east_1", "skills+languages", 0x638478587317d513ULL},
                     {"us_east_1", "units", 0x338f16250fa99235ULL},
                     {"us_east_1", "users", 0x9a55ffdb55f86a6fULL},
                     {"us_east_1", "queues", 0xf1606f2194a10a52ULL},
                     {"us_east_1", "queue members", 0x521fdab82b12ce07ULL},
                     {"eu_west_1", "org", 0x7cb7f472581ff437ULL},
                     {"eu_west_1", "skills+languages", 0xc492226327552079ULL},
                     {"eu_west_1", "units", 0xd2f5b5912b240026ULL},
                     {"eu_west_1", "users", 0xd8986ec7c797f8d4ULL},
                     {"eu_west_1", "queues", 0x1361ad52131f1585ULL},
                     {"eu_west_1", "queue members", 0xf70b863e7e745286ULL},
                     {"ap_southeast_2", "org", 0x594ddeb5563c619cULL},
                     {"ap_southeast_2", "skills+languages", 0x554cbfd98ab8dbb3ULL},
                     {"ap_southeast_2", "units", 0xf6c8e1f734a21699ULL},
                     {"ap_southeast_2", "users", 0xe56b834425b08d8eULL},
                     {"ap_southeast_2", "queues", 0x5456f4776a83a406ULL},
                     {"ap_southeast_2", "queue members", 0x07c307b9b417146aULL},
                     {"ap_northeast_1", "org", 0x50fef9c201718b08ULL},
                     {"ap_northeast_1", "skills+languages", 0x08ba1912082eeaeeULL},
                     {"ap_northeast_1", "units", 0x40a9cf926004adffULL},
                     {"ap_northeast_1", "users", 0xe8d0c84261ebdb04ULL},
                     {"ap_northeast_1", "queues", 0x0e5f60f13310bb29ULL},
                     {"ap_northeast_1", "queue members", 0x2fd4511c26c2348aULL},
                     {"eu_central_1", "org", 0xafb0a569a7c8409fULL},
                     {"eu_central_1", "skills+languages", 0x8d0589ad245beafbULL},
                     {"eu_central_1", "units", 0xc6dd3252a3cede5aULL},
                     {"eu_central_1", "users", 0x58c00cae7b99a092ULL},
                     {"eu_central_1", "queues", 0x99bd38a803d8741aULL},
                     {"eu_central_1", "queue members", 0x79cbf30f44504af7ULL},
                     {"us_west_2", "org", 0x986779782fdc9da4ULL},
                     {"us_west_2", "skills+languages", 0xe432f1b76ce95c4cULL},
                     {"us_west_2", "units", 0xcfe4b948165c6efeULL},
                     {"us_west_2", "users", 0x75a256acccdbb3f3ULL},
                     {"us_west_2", "queues", 0x2d539f1ea1408406ULL},
                     {"us_west_2", "queue members", 0x8b4e6028091c0683ULL},
                     {"ca_central_1", "org", 0xb00771343c073987ULL},
                     {"ca_central_1", "skills+languages", 0x31495c9d42e8d3edULL},
                     {"ca_central_1", "units", 0xffa746f68071cda0ULL},
                     {"ca_central_1", "users", 0x97be9e5cf9e90f1fULL},
                     {"ca_central_1", "queues", 0xa77ef4eb1660c0e3ULL},
                     {"ca_central_1", "queue members", 0x941b3f5a11f9d4b0ULL},
                     {"ap_northeast_2", "org", 0x01d616f4b3436de8ULL},
                     {"ap_northeast_2", "skills+languages", 0x11c1613c486014b7ULL},
                     {"ap_northeast_2", "units", 0x2141b9aae9684ca9ULL},
                     {"ap_northeast_2", "users", 0x04926e7017ef52a9ULL},
                     {"ap_northeast_2", "queues", 0x8472ecc3d16a4353ULL},
                     {"ap_northeast_2", "queue members", 0x7aa6c09ceb75c4dbULL},
                     {"eu_west_2", "org", 0x381d4dc9d97b2974ULL},
                     {"eu_west_2", "skills+languages", 0x7017f4471a535b5dULL},
                     {"eu_west_2", "units", 0x30cab750cb581790ULL},
                     {"eu_west_2", "users", 0xd6cc3465d0a9d9cbULL},
                     {"eu_west_2", "queues", 0xe85afaa966935483ULL},
                     {"eu_west_2", "queue members", 0xdb0e43f9c1bd437dULL},
                     {"ap_south_1", "org", 0xa8222de80c0f50a0ULL},
                     {"ap_south_1", "skills+languages", 0x6ff3e08da7143cd2ULL},
                     {"ap_south_1", "units", 0x5c478fe07ac57041ULL},
                     {"ap_south_1", "users", 0xceb0805601214c1dULL},
                     {"ap_south_1", "queues", 0x02a9f03b61f686ebULL},
                     {"ap_south_1", "queue members", 0xfd401be165140803ULL},
                     {"us_east_2", "org", 0x8ae68820c715ab41ULL},
                     {"us_east_2", "skills+languages", 0x6af891fc276570c5ULL},
                     {"us_east_2", "units", 0x843790d8976b71a3ULL},
                     {"us_east_2", "users", 0x2b4865883dc99d19ULL},
                     {"us_east_2", "queues", 0x2f187d13c47b5f8bULL},
                     {"us_east_2", "queue members", 0x9829a463bf616e63ULL},
                     {"sa_east_1", "org", 0x14cd69da4ba7cb0dULL},
                     {"sa_east_1", "skills+languages", 0x12ce614f307fcb4dULL},
                     {"sa_east_1", "units", 0xfd4d8fe4d05280ebULL},
                     {"sa_east_1", "users", 0xf3031de93fabe9a2ULL},
                     {"sa_east_1", "queues", 0x17c9c6efe081c0d4ULL},
                     {"sa_east_1", "queue members", 0x592a26ca043bb96eULL},
                     {"me_central_1", "org", 0x2670ad9d2156a8d7ULL},
                     {"me_central_1", "skills+languages", 0xacf97b13e3f39a17ULL},
                     {"me_central_1", "units", 0x060cb35b508398c6ULL},
                     {"me_central_1", "users", 0x5666a20fcb76c05eULL},
                     {"me_central_1", "queues", 0xe67d2ee35bbde25bULL},
                     {"me_central_1", "queue members", 0xa6438792cff44bccULL},
                     {"ap_northeast_3", "org", 0x2e550d9b65098430ULL},
                     {"ap_northeast_3", "skills+languages", 0x304e1b28d38b5bb3ULL},
                     {"ap_northeast_3", "units", 0xf411552d89856a3aULL},
                     {"ap_northeast_3", "users", 0x6674718bc3b5c834ULL},
                     {"ap_northeast_3", "queues", 0xcd79738dd206012fULL},
                     {"ap_northeast_3", "queue members", 0xd6f3e455d20e3507ULL},
                     {"eu_central_2", "org", 0x7cf5687dcc4610d4ULL},
                     {"eu_central_2", "skills+languages", 0xcf618257a17d10d4ULL},
                     {"eu_central_2", "units", 0x665ee9be97d1fe6fULL},
                     {"eu_central_2", "users", 0xbde3c8f093ef7b45ULL},
                     {"eu_central_2", "queues", 0xd8c98e27925ed9d3ULL},
                     {"eu_central_2", "queue members", 0xea6f9b1108a29272ULL},
                     {"mx_central_1", "org", 0xc337063bef86a1a7ULL},
                     {"mx_central_1", "skills+languages", 0xb7ec1e26c8c82074ULL},
                     {"mx_central_1", "units", 0x7a132a88e25fc6abULL},
                     {"mx_central_1", "users", 0xb3ad78b931995206ULL},
                     {"mx_central_1", "queues", 0x05870a3868a681eeULL},
                     {"mx_central_1", "queue members", 0x312eee513058586cULL},
                     {"ap_southeast_1", "org", 0x2343c02bc9f19a39ULL},
                     {"ap_southeast_1", "skills+languages", 0x9f3e958b11741987ULL},
                     {"ap_southeast_1", "units", 0xef32c2b7772946eeULL},
                     {"ap_southeast_1", "users", 0x2fb1ce8fc5f180fdULL},
                     {"ap_southeast_1", "queues", 0x29f5325220ebdaceULL},
                     {"ap_southeast_1", "queue members", 0x8f9168a6219a4bc1ULL},
                 });
}

// Orgs drawn side by side give the world drawn one org after another, byte for byte.
TEST(WorldGenerator, ThreadsDoNotChangeTheWorld) {
  const auto scenario = three_regions(1500, 40);
  const std::string one = dump_text(generate_world(scenario, 3, 1));
  EXPECT_EQ(dump_text(generate_world(scenario, 3, 2)), one);
  EXPECT_EQ(dump_text(generate_world(scenario, 3, 8)), one);
}

// Orgs whose names give one e-mail domain share its book: the second org's Jane Doe is jane.doe2 whatever
// the thread count, and no e-mail repeats across the two.
TEST(WorldGenerator, OrgsOfOneEmailDomainNumberTheirEmailsInOrgOrder) {
  const auto scenario = parse_scenario(
      fmt::format(R"({{"world": {{"orgs": [{}, {}, {}]}}}})", org_json("eu_central_1", "Acme", 800, 10, 2, 2),
                  org_json("us_east_1", "ACME!", 800, 10, 2, 2), org_json("ap_southeast_2", "Other", 800, 10, 2, 2)),
      "one_domain.json");
  const World serial = generate_world(scenario, 4, 1);
  const World parallel = generate_world(scenario, 4, 2);
  EXPECT_EQ(dump_text(parallel), dump_text(serial));
  std::set<std::string> emails;
  std::size_t acme = 0;
  for (std::size_t o = 0; o < 2; ++o)
    for (const auto& u : parallel.orgs[o].users) {
      EXPECT_TRUE(emails.insert(u.email).second) << u.email << " repeats across the orgs of acme.example.com";
      acme += u.email.ends_with("@acme.example.com");
    }
  EXPECT_EQ(acme, 1600u);
  // Both orgs draw from the same name lists, so some names meet: the second org's e-mail for such a name
  // carries the number after the first org's (first.last2@, where the first org holds first.last@).
  std::set<std::string> first_org;
  for (const auto& u : parallel.orgs[0].users) first_org.insert(u.email);
  bool continued = false;
  for (const auto& u : parallel.orgs[1].users) {
    const std::string local = u.email.substr(0, u.email.find('@'));
    const std::string base = local.substr(0, local.find_last_not_of("0123456789") + 1);
    continued = continued || (base != local && first_org.contains(base + "@acme.example.com"));
  }
  EXPECT_TRUE(continued) << "no e-mail of the second org continues a number the first org started";
}

TEST(WorldGenerator, DefaultScenarioKeepsItsWorld) {
  expect_digests("default scenario", 2, generate_world(parse_scenario(default_scenario_text(), "default.json"), 2), {
                     {"eu_central_1", "org", 0x333aa3ed5111ee3bULL},
                     {"eu_central_1", "skills+languages", 0x197fdd6d8a0ee7a6ULL},
                     {"eu_central_1", "units", 0xa9be8ac4636fb1e8ULL},
                     {"eu_central_1", "users", 0xfa6158a87dabe9beULL},
                     {"eu_central_1", "queues", 0x98faf582d1a8296eULL},
                     {"eu_central_1", "queue members", 0x73dccc0923ccf69aULL},
                     {"ap_southeast_2", "org", 0x47aef43fc3e9ef5cULL},
                     {"ap_southeast_2", "skills+languages", 0x2d11fb587a4654deULL},
                     {"ap_southeast_2", "units", 0x82832a68093a7c8cULL},
                     {"ap_southeast_2", "users", 0x2d93f733ced91032ULL},
                     {"ap_southeast_2", "queues", 0x4db4d2b9324f128eULL},
                     {"ap_southeast_2", "queue members", 0x1549f2ba31762331ULL},
                 });
}

}  // namespace
