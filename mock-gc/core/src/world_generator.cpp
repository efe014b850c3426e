// generate_world: (scenario, seed) -> World, with sub-streams per region and entity kind so that changing
// one org's sizes never reshuffles another org. Ids are UUIDv4-shaped and unique across the whole world.
#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <unordered_map>

#include "mockgc/api/random.hpp"
#include "mockgc/core/world.hpp"
#include "names.hpp"
#include "parallel.hpp"

namespace mockgc::core {
namespace {

// Draws UUIDs from `rng` (as api::make_uuid), skipping any id already used anywhere in the world. An id is
// remembered by the bits of its two words that its text shows (all but the forced version and variant) in
// an open-addressing table: a world of hundreds of thousands of ids would otherwise spend much of its
// generation comparing strings in an ordered set or allocating hash nodes.
class IdPool {
 public:
  explicit IdPool(std::size_t expected) { grow(std::max<std::size_t>(1024, expected * 2)); }
  std::string draw(api::Rng& rng) {
    while (true) {
      const std::uint64_t hi = rng.next();
      const std::uint64_t lo = rng.next();
      if (insert({hi & ~0xF000ULL, lo & ~0xC000000000000000ULL})) return api::uuid_from_words(hi, lo);
    }
  }
  // Takes every id of `other`; false when one of them was here already.
  bool absorb(const IdPool& other) {
    for (std::size_t i = 0; i < other.slots_.size(); ++i)
      if (other.used_[i] && !insert(other.slots_[i])) return false;
    return true;
  }

 private:
  struct Key {
    std::uint64_t hi, lo;
    bool operator==(const Key&) const = default;
  };
  // False when `k` was there already.
  bool insert(const Key& k) {
    if ((size_ + 1) * 2 > slots_.size()) grow(slots_.size() * 2);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = api::hash_combine(k.hi, k.lo) & mask;; i = (i + 1) & mask) {
      if (!used_[i]) {
        used_[i] = true;
        slots_[i] = k;
        ++size_;
        return true;
      }
      if (slots_[i] == k) return false;
    }
  }
  void grow(std::size_t at_least) {
    std::size_t n = 1;
    while (n < at_least) n *= 2;
    std::vector<Key> old_slots(n);
    std::vector<bool> old_used(n);
    old_slots.swap(slots_);
    old_used.swap(used_);
    size_ = 0;
    for (std::size_t i = 0; i < old_slots.size(); ++i)
      if (old_used[i]) insert(old_slots[i]);
  }
  std::vector<Key> slots_;
  std::vector<bool> used_;
  std::size_t size_ = 0;
};

std::string random_token(api::Rng& rng, std::size_t n) {
  static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(alphabet[rng.below(alphabet.size())]);
  return out;
}

std::string email_local(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// A person of the name lists: positions in names::kFirst and names::kLast.
struct Person {
  std::uint32_t first = 0, last = 0;
};

Person draw_person(api::Rng& rng) {
  Person p;
  p.first = static_cast<std::uint32_t>(rng.below(names::kFirst.size()));
  p.last = static_cast<std::uint32_t>(rng.below(names::kLast.size()));
  return p;
}

// Every person the name lists can make, worked out once: the full name "first last"; its rank among all
// full names in string order (equal texts, equal rank), so that sorting users by rank sorts them by name;
// the e-mail local part "first.last" (letters and digits, lower case) and a number per distinct local part.
class NameTable {
 public:
  static const NameTable& get() {
    static const NameTable table;
    return table;
  }
  std::string_view full(Person p) const { return entries_[at(p)].full; }
  std::uint32_t rank(Person p) const { return entries_[at(p)].rank; }
  std::string_view local(Person p) const { return entries_[at(p)].local; }
  std::uint32_t local_number(Person p) const { return entries_[at(p)].local_number; }
  std::size_t locals() const { return locals_; }

 private:
  struct Entry {
    std::string full, local;
    std::uint32_t rank = 0, local_number = 0;
  };
  static std::size_t at(Person p) { return p.first * names::kLast.size() + p.last; }
  NameTable() {
    entries_.resize(names::kFirst.size() * names::kLast.size());
    for (std::uint32_t f = 0; f < names::kFirst.size(); ++f)
      for (std::uint32_t l = 0; l < names::kLast.size(); ++l) {
        auto& e = entries_[at({f, l})];
        e.full = std::string(names::kFirst[f]) + " " + std::string(names::kLast[l]);
        e.local = email_local(names::kFirst[f]) + "." + email_local(names::kLast[l]);
      }
    // Numbers equal texts alike, in the texts' order.
    auto number = [&](auto text, auto out) {
      std::vector<std::uint32_t> order(entries_.size());
      for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(), [&](auto a, auto b) { return text(entries_[a]) < text(entries_[b]); });
      std::uint32_t n = 0;
      for (std::size_t i = 0; i < order.size(); ++i) {
        if (i > 0 && text(entries_[order[i]]) != text(entries_[order[i - 1]])) ++n;
        out(entries_[order[i]]) = n;
      }
      return order.empty() ? 0 : n + 1;
    };
    number([](const Entry& e) -> const std::string& { return e.full; }, [](Entry& e) -> std::uint32_t& { return e.rank; });
    locals_ = number([](const Entry& e) -> const std::string& { return e.local; },
                     [](Entry& e) -> std::uint32_t& { return e.local_number; });
  }
  std::vector<Entry> entries_;
  std::size_t locals_ = 0;
};

// Emails unique within a domain: first.last@domain, then first.last2@domain, …
class EmailBook {
 public:
  // The book of one domain; stays valid while the EmailBook lives.
  class Domain {
   public:
    explicit Domain(std::string domain) : domain_(std::move(domain)), counts_(NameTable::get().locals()) {}
    std::string assign(Person p) {
      const auto& names = NameTable::get();
      const std::uint32_t n = ++counts_[names.local_number(p)];
      const std::string_view local = names.local(p);
      std::string out;
      out.reserve(local.size() + 11 + domain_.size());
      out += local;
      if (n != 1) out += std::to_string(n);
      out += '@';
      out += domain_;
      return out;
    }

   private:
    std::string domain_;
    std::vector<std::uint32_t> counts_;  // by NameTable::local_number
  };
  Domain& domain(const std::string& name) { return books_.try_emplace(name, name).first->second; }

 private:
  std::unordered_map<std::string, Domain> books_;
};

Instant days_before_epoch(api::Rng& rng, int max_days) {
  return world_epoch() - date::days{rng.between(30, max_days)} - std::chrono::minutes{rng.between(0, 24 * 60 - 1)};
}

std::vector<ActivityCode> make_activity_codes(std::uint64_t seed, const std::string& region, std::size_t bu_index,
                                              const BusinessUnitSpec& spec, IdPool& ids) {
  std::vector<ActivityCode> codes;
  api::Rng rng = api::Rng::derive(seed, {region, "activity-codes", std::to_string(bu_index)});
  const Instant created = days_before_epoch(rng, 400);
  for (std::size_t i = 0; i < activity_category_names().size(); ++i) {
    ActivityCode c;
    c.id = std::to_string(i);
    c.category = static_cast<ActivityCategory>(i);
    c.name = std::string(default_activity_code_name(c.category));
    c.default_code = true;
    switch (c.category) {
      case ActivityCategory::OnQueueWork: c.length_in_minutes = 60; break;
      case ActivityCategory::Break: c.length_in_minutes = 15; c.counts_as_work_time = false; break;
      case ActivityCategory::Meal: c.length_in_minutes = 30; c.counts_as_paid_time = false; c.counts_as_work_time = false; break;
      case ActivityCategory::Meeting: c.length_in_minutes = 30; c.counts_toward_shrinkage = true; c.planned_shrinkage = true; break;
      case ActivityCategory::OffQueueWork: c.length_in_minutes = 60; break;
      case ActivityCategory::TimeOff:
        c.length_in_minutes = 480; c.counts_as_work_time = false; c.agent_time_off_selectable = true;
        c.counts_toward_shrinkage = true; c.planned_shrinkage = true; break;
      case ActivityCategory::Training: c.length_in_minutes = 60; c.counts_toward_shrinkage = true; c.planned_shrinkage = true; break;
      case ActivityCategory::Unavailable: c.length_in_minutes = 60; c.counts_as_work_time = false; c.counts_toward_shrinkage = true; break;
    }
    c.metadata = {1, created, created, {}, {}};
    codes.push_back(std::move(c));
  }
  for (int k = 0; k < spec.custom_activity_codes; ++k) {
    const auto& tmpl = names::kCustomCodes[static_cast<std::size_t>(k) % names::kCustomCodes.size()];
    ActivityCode c;
    c.id = ids.draw(rng);
    const int round = k / static_cast<int>(names::kCustomCodes.size());
    c.name = round == 0 ? std::string(tmpl.name) : fmt::format("{} {}", tmpl.name, round + 1);
    c.category = *parse_activity_category(tmpl.category);
    c.length_in_minutes = static_cast<int>(rng.between(1, 8)) * 15;
    c.counts_as_paid_time = c.category != ActivityCategory::Meal;
    c.counts_as_work_time = c.category == ActivityCategory::OffQueueWork || c.category == ActivityCategory::Meeting;
    if (c.category == ActivityCategory::TimeOff) c.agent_time_off_selectable = rng.chance(0.5);
    c.counts_toward_shrinkage = c.category != ActivityCategory::OffQueueWork;
    c.planned_shrinkage = c.counts_toward_shrinkage && rng.chance(0.7);
    c.interruptible = rng.chance(0.3);
    c.style = ActivityCodeStyle{fmt::format("#{:06x}", rng.below(0x1000000)), rng.chance(0.5) ? "Dark" : "Light"};
    const Instant when = days_before_epoch(rng, 300);
    c.metadata = {1, when, when, {}, {}};
    codes.push_back(std::move(c));
  }
  return codes;
}

void generate_queues(std::uint64_t seed, const OrgSpec& spec, OrgWorld& org, IdPool& ids) {
  api::Rng rng = api::Rng::derive(seed, {spec.region, "queues"});
  // Every (topic, channel) pair once, in a seeded order; beyond that, numbered repeats.
  std::vector<std::pair<std::size_t, std::size_t>> combos;
  for (std::size_t t = 0; t < names::kQueueTopics.size(); ++t)
    for (std::size_t c = 0; c < names::kChannels.size(); ++c) combos.emplace_back(t, c);
  for (std::size_t i = combos.size(); i > 1; --i) std::swap(combos[i - 1], combos[rng.below(i)]);
  for (int q = 0; q < spec.queues; ++q) {
    const auto [t, c] = combos[static_cast<std::size_t>(q) % combos.size()];
    const int round = q / static_cast<int>(combos.size());
    Queue queue;
    queue.id = ids.draw(rng);
    queue.name = fmt::format("{} {} - {}{}", spec.name, names::kQueueTopics[t], names::kChannels[c].label,
                             round == 0 ? std::string() : fmt::format(" {}", round + 1));
    queue.media = std::string(names::kChannels[c].media);
    queue.description = fmt::format("{} enquiries by {}", names::kQueueTopics[t], names::kChannels[c].label);
    queue.date_created = days_before_epoch(rng, 700);
    queue.date_modified = queue.date_created + date::days{rng.between(0, 20)};
    queue.member_count = static_cast<int>(rng.between(0, std::max(1, spec.agents / 4)));
    queue.joined_member_count = static_cast<int>(rng.between(0, queue.member_count));
    queue.alerting_timeout_seconds = static_cast<int>(rng.between(8, 30));
    queue.service_level_percentage = static_cast<double>(rng.between(70, 95)) / 100.0;
    queue.service_level_duration_ms = static_cast<int>(rng.between(1, 6)) * 10000;
    queue.acw_timeout_ms = static_cast<int>(rng.between(1, 10)) * 60000;
    org.queues.push_back(std::move(queue));
  }
  std::sort(org.queues.begin(), org.queues.end(),
            [](const Queue& a, const Queue& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });
}

// Directory data: the divisions beyond the home one, routing skills (one per queue topic the org uses) and
// languages, what each agent holds of them, and the users behind each queue's member counts. Its own
// sub-streams, drawn after everything else, so that no other entity changes.
void generate_directory(std::uint64_t seed, const OrgSpec& spec, OrgWorld& org, IdPool& ids) {
  api::Rng rng = api::Rng::derive(seed, {spec.region, "directory"});
  const Instant modified = days_before_epoch(rng, 200);
  org.divisions.push_back(org.division);
  for (auto name : names::kDivisions)
    org.divisions.push_back({ids.draw(rng), std::string(name), fmt::format("{} ({})", name, spec.name), false});
  std::vector<std::string> marks;  // " topic - ", as queue names show a topic
  for (auto topic : names::kQueueTopics) marks.push_back(fmt::format(" {} - ", topic));
  std::set<std::string> topics;
  for (const auto& q : org.queues)
    for (std::size_t t = 0; t < marks.size(); ++t)
      if (q.name.find(marks[t]) != std::string::npos) topics.insert(std::string(names::kQueueTopics[t]));
  for (const auto& topic : topics) org.skills.push_back({ids.draw(rng), topic, modified});
  for (std::size_t l = 0; l < names::kOrgLanguages; ++l)
    org.languages.push_back({ids.draw(rng), std::string(names::kLanguages[l]), modified});
  std::sort(org.languages.begin(), org.languages.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  std::vector<bool> english(org.languages.size());
  for (std::size_t l = 0; l < english.size(); ++l) english[l] = org.languages[l].name == "English";
  std::vector<std::uint16_t> order(org.skills.size());
  for (auto& u : org.users) {
    // A seeded shuffle of the skills, whose first 1..3 the agent holds, in skill order.
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint16_t>(i);
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    const std::size_t held = std::min(order.size(), static_cast<std::size_t>(rng.between(1, 3)));
    std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(held));
    u.skills.reserve(held);
    for (std::size_t k = 0; k < held; ++k) u.skills.push_back({order[k], static_cast<double>(rng.between(1, 5))});
    u.languages.reserve(org.languages.size());
    for (std::size_t l = 0; l < org.languages.size(); ++l)
      if (english[l] || rng.chance(0.2)) u.languages.push_back(static_cast<std::uint16_t>(l));
  }
  // Queue membership is the stream's last use: OrgWorld::queue_members continues from here when first read.
  org.membership = std::make_shared<OrgWorld::MembershipDraw>(rng);
}

// Every queue's members, in queue order, continuing the directory stream: a shuffle of all users per queue,
// whose first member_count are its members and whose first joined_member_count of those are joined.
std::vector<QueueMembers> draw_queue_members(api::Rng rng, const OrgWorld& org) {
  std::vector<QueueMembers> out(org.queues.size());
  std::vector<std::uint32_t> order(org.users.size());
  for (std::size_t q = 0; q < org.queues.size(); ++q) {
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    const auto members = std::min(order.size(), static_cast<std::size_t>(std::max(0, org.queues[q].member_count)));
    const auto joined = std::min(members, static_cast<std::size_t>(std::max(0, org.queues[q].joined_member_count)));
    auto& m = out[q];
    m.users.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(members));
    m.joined_users.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(joined));
    std::sort(m.users.begin(), m.users.end());
    std::sort(m.joined_users.begin(), m.joined_users.end());
  }
  return out;
}

// A user as drawn, before it is made (see the users of generate_org).
struct Drawn {
  std::string id, email;
  Person person;
  bool shared = false, inactive = false;
  std::size_t title = 0, department = 0;  // positions in names::kTitles, names::kDepartments
  ManagementUnit* management_unit = nullptr;
  Team* team = nullptr;
};

// The people who work in several orgs: one Person and e-mail per (spec, k), shared by every org of the spec.
struct SharedPeople {
  std::span<const SharedAgentsSpec> specs;
  std::vector<std::vector<Person>> people;
  std::vector<std::vector<std::string>> emails;
};

// One org, drawn from its own sub-streams: `ids` holds every id drawn before it and takes its ids, `domain` is
// the book of its e-mail domain, `drawn` scratch memory that may serve several orgs in turn.
OrgWorld generate_org(const OrgSpec& spec, std::uint64_t seed, const SharedPeople& shared, IdPool& ids,
                      EmailBook::Domain& domain, std::vector<Drawn>& drawn) {
  OrgWorld org;
  org.region = spec.region;
  org.org_name = spec.name;
  {
    api::Rng rng = api::Rng::derive(seed, {spec.region, "org"});
    org.org_id = ids.draw(rng);
    org.division = {ids.draw(rng), "Home", fmt::format("The home division of {}", spec.name), true};
    org.client_id = spec.client_id.value_or(ids.draw(rng));
    org.client_secret = spec.client_secret.value_or(random_token(rng, 43));
    org.client_name = fmt::format("{} mock-gc client", spec.name);
  }

  // Business units, management units and teams.
  for (std::size_t b = 0; b < spec.business_units.size(); ++b) {
    const auto& bspec = spec.business_units[b];
    api::Rng rng = api::Rng::derive(seed, {spec.region, "business-unit", std::to_string(b)});
    BusinessUnit bu;
    bu.id = ids.draw(rng);
    bu.name = bspec.name;
    bu.time_zone = bspec.time_zone;
    bu.start_day_of_week = bspec.start_day_of_week;
    const Instant created = days_before_epoch(rng, 500);
    bu.settings_metadata = {1, created, created, {}, {}};
    for (int m = 0; m < bspec.management_units; ++m) {
      ManagementUnit mu;
      mu.id = ids.draw(rng);
      mu.name = bspec.management_units == 1 ? bspec.name : fmt::format("{} MU {}", bspec.name, m + 1);
      mu.business_unit_id = bu.id;
      mu.metadata = {1, created, created, {}, {}};
      for (int t = 0; t < bspec.teams_per_management_unit; ++t) {
        Team team;
        team.id = ids.draw(rng);
        team.name = fmt::format("{} Team {}", mu.name, static_cast<char>('A' + t % 26));
        team.management_unit_id = mu.id;
        mu.team_ids.push_back(team.id);
        org.teams.push_back(std::move(team));
      }
      bu.management_unit_ids.push_back(mu.id);
      org.management_units.push_back(std::move(mu));
    }
    bu.activity_codes = make_activity_codes(seed, spec.region, b, bspec, ids);
    org.business_units.push_back(std::move(bu));
  }
  org.build_indexes();
  std::unordered_map<std::string_view, Team*> teams_by_id;
  for (auto& team : org.teams) teams_by_id.emplace(team.id, &team);

  // Users: the bi-regional people first, then this org's own people. Each is drawn in that order (its id,
  // e-mail and units) and made in the order of org.users, by name then id (unique together), so that no
  // user moves once made; names compare by their ranks, ids as text.
  drawn.clear();
  drawn.reserve(static_cast<std::size_t>(std::max(0, spec.agents)));
  auto draw_user = [&](const Person& p, std::string email, std::string_view key, bool bi_regional) {
    api::Rng rng = api::Rng::derive(seed, {spec.region, "user", key});
    Drawn& d = drawn.emplace_back();
    d.id = ids.draw(rng);
    d.person = p;
    d.email = std::move(email);
    d.shared = bi_regional;
    d.inactive = !bi_regional && rng.chance(0.03);
    d.title = rng.below(names::kTitles.size());
    d.department = rng.below(names::kDepartments.size());
    if (!org.management_units.empty()) {
      d.management_unit = &org.management_units[rng.below(org.management_units.size())];
      const auto& team_ids = d.management_unit->team_ids;
      if (!team_ids.empty()) d.team = teams_by_id.at(team_ids[rng.below(team_ids.size())]);
    }
  };
  for (std::size_t s = 0; s < shared.specs.size(); ++s) {
    const auto& sspec = shared.specs[s];
    if (std::find(sspec.regions.begin(), sspec.regions.end(), spec.region) == sspec.regions.end()) continue;
    for (std::size_t k = 0; k < shared.people[s].size(); ++k)
      draw_user(shared.people[s][k], shared.emails[s][k], fmt::format("shared-{}-{}", s, k), true);
  }
  {
    api::Rng rng = api::Rng::derive(seed, {spec.region, "people"});
    for (int n = 0; drawn.size() < static_cast<std::size_t>(std::max(0, spec.agents)); ++n) {
      Person p = draw_person(rng);
      draw_user(p, domain.assign(p), "local-" + std::to_string(n), false);
    }
  }
  {
    const NameTable& names = NameTable::get();
    struct Key {
      std::uint32_t rank, drawn;
    };
    std::vector<Key> by_name(drawn.size());
    for (std::size_t i = 0; i < by_name.size(); ++i)
      by_name[i] = {names.rank(drawn[i].person), static_cast<std::uint32_t>(i)};
    std::sort(by_name.begin(), by_name.end(), [&](const Key& a, const Key& b) {
      if (a.rank != b.rank) return a.rank < b.rank;
      return drawn[a.drawn].id < drawn[b.drawn].id;
    });
    // Each unit lists its users in the order they were drawn, by their positions in org.users.
    std::vector<std::uint32_t> position(drawn.size());
    for (std::size_t i = 0; i < by_name.size(); ++i) position[by_name[i].drawn] = static_cast<std::uint32_t>(i);
    std::vector<std::size_t> mu_users(org.management_units.size()), team_users(org.teams.size());
    for (const Drawn& d : drawn) {
      if (d.management_unit) ++mu_users[static_cast<std::size_t>(d.management_unit - org.management_units.data())];
      if (d.team) ++team_users[static_cast<std::size_t>(d.team - org.teams.data())];
    }
    for (std::size_t m = 0; m < mu_users.size(); ++m) org.management_units[m].users.reserve(mu_users[m]);
    for (std::size_t t = 0; t < team_users.size(); ++t) org.teams[t].users.reserve(team_users[t]);
    for (std::size_t i = 0; i < drawn.size(); ++i) {
      if (drawn[i].management_unit) drawn[i].management_unit->users.push_back(position[i]);
      if (drawn[i].team) drawn[i].team->users.push_back(position[i]);
    }
    org.users.reserve(drawn.size());
    for (const Key& k : by_name) {
      Drawn& d = drawn[k.drawn];
      User& u = org.users.emplace_back();
      u.id = std::move(d.id);
      u.name = names.full(d.person);
      u.email = std::move(d.email);
      u.bi_regional = d.shared;
      u.state = d.inactive ? "inactive" : "active";
      u.title = names::kTitles[d.title];
      u.department = names::kDepartments[d.department];
      if (d.management_unit) u.management_unit_id = d.management_unit->id;
      if (d.team) u.team_id = d.team->id;
    }
  }

  // Generated WFM entities were "created" by one of the org's users (a WFM administrator).
  if (!org.users.empty()) {
    api::Rng rng = api::Rng::derive(seed, {spec.region, "wfm-admin"});
    const std::string admin = org.users[rng.below(org.users.size())].id;
    auto stamp = [&](WfmMetadata& m) { m.created_by = m.modified_by = Actor::user(admin); };
    for (auto& bu : org.business_units) {
      stamp(bu.settings_metadata);
      for (auto& c : bu.activity_codes) stamp(c.metadata);
    }
    for (auto& mu : org.management_units) stamp(mu.metadata);
  }

  generate_queues(seed, spec, org, ids);
  generate_directory(seed, spec, org, ids);
  org.build_indexes();
  return org;
}

}  // namespace

struct OrgWorld::MembershipDraw {
  explicit MembershipDraw(const api::Rng& from) : rng(from) {}
  api::Rng rng;  // the directory stream just before the first queue's draw
  std::once_flag once;
  std::vector<QueueMembers> queues;  // by position in OrgWorld::queues
};

const QueueMembers& OrgWorld::queue_members(const Queue& q) const {
  static const QueueMembers kNone;
  const std::less<const Queue*> before;
  if (!membership || queues.empty() || before(&q, queues.data()) || !before(&q, queues.data() + queues.size()))
    return kNone;
  std::call_once(membership->once, [&] { membership->queues = draw_queue_members(membership->rng, *this); });
  return membership->queues[static_cast<std::size_t>(&q - queues.data())];
}

Instant world_epoch() { return Instant{date::sys_days{date::year{2025} / 1 / 6}}; }

// Orgs are drawn side by side, each with an id pool and e-mail book of its own, when their e-mail domains
// differ. Ids are then unique within each org; the world's pool takes every org's ids afterwards, and only if
// two orgs drew the same id (a chance of about n² / 2¹²³) is the world drawn again one org after another,
// where the later org skips the id. Either way the world is the one the org-after-org drawing gives.
World generate_world(const Scenario& scenario, std::uint64_t seed, unsigned threads) {
  World world;
  world.seed = seed;
  const auto& specs = scenario.world.orgs;
  auto expected_ids = [](const OrgSpec& spec) { return static_cast<std::size_t>(std::max(0, spec.agents)) + 64; };
  std::size_t world_ids = 0;
  for (const auto& spec : specs) world_ids += expected_ids(spec);

  SharedPeople shared{scenario.world.shared_agents, {}, {}};
  {
    EmailBook::Domain domain("example.com");
    for (std::size_t s = 0; s < shared.specs.size(); ++s) {
      api::Rng rng = api::Rng::derive(seed, {"shared-agents", std::to_string(s)});
      auto& people = shared.people.emplace_back();
      auto& emails = shared.emails.emplace_back();
      for (int k = 0; k < shared.specs[s].count; ++k) {
        people.push_back(draw_person(rng));
        emails.push_back(domain.assign(people.back()));
      }
    }
  }
  std::vector<std::string> domains;
  for (const auto& spec : specs) domains.push_back(email_local(spec.name) + ".example.com");
  const bool distinct_domains = std::set<std::string>(domains.begin(), domains.end()).size() == domains.size();

  if (threads > 1 && specs.size() > 1 && distinct_domains) {
    std::vector<OrgWorld> orgs(specs.size());
    std::vector<std::optional<IdPool>> pools(specs.size());  // each made (and its table zeroed) by its thread
    for_each_index(specs.size(), threads, [&](std::size_t i) {
      EmailBook::Domain domain(domains[i]);
      std::vector<Drawn> drawn;
      orgs[i] = generate_org(specs[i], seed, shared, pools[i].emplace(expected_ids(specs[i])), domain, drawn);
    });
    IdPool ids(world_ids);
    bool unique = true;
    for (std::size_t i = 0; i < pools.size() && unique; ++i) unique = ids.absorb(*pools[i]);
    if (unique) {
      world.orgs = std::move(orgs);
      return world;
    }
  }

  IdPool ids(world_ids);
  EmailBook emails;
  std::vector<Drawn> drawn;  // one org's users as drawn; its memory serves every org
  world.orgs.reserve(specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i)
    world.orgs.push_back(generate_org(specs[i], seed, shared, ids, emails.domain(domains[i]), drawn));
  return world;
}

World generate_world(const Scenario& scenario, std::uint64_t seed) {
  return generate_world(scenario, seed, parallel_threads(scenario.world.orgs.size()));
}

}  // namespace mockgc::core
