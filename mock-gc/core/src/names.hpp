#pragma once
// Built-in name lists for the synthetic world (plain ASCII so emails stay valid without IDN handling).
#include <array>
#include <string_view>

namespace mockgc::core::names {

inline constexpr std::array<std::string_view, 64> kFirst{
    "Aisha",  "Alejandro", "Amara",  "Andrei",  "Anika",   "Arjun",   "Beatriz", "Callum", "Chen",    "Chloe",
    "Daniel", "Divya",     "Elena",  "Emeka",   "Emma",    "Farah",   "Felix",   "Grace",  "Hana",    "Hamish",
    "Ingrid", "Isaac",     "Jana",   "Jiho",    "Kai",     "Kavya",   "Lars",    "Leila",  "Liam",    "Lucia",
    "Mai",    "Malik",     "Maria",  "Mateo",   "Mia",     "Nadia",   "Niamh",   "Noah",   "Oliver",  "Olga",
    "Omar",   "Priya",     "Rafael", "Ravi",    "Rosa",    "Ruby",    "Sakura",  "Samir",  "Sofia",   "Sven",
    "Tariq",  "Thandiwe",  "Tomas",  "Uma",     "Victor",  "Wei",     "Xavier",  "Yara",   "Yusuf",   "Zainab",
    "Zoe",    "Hugo",      "Ines",   "Kofi"};

inline constexpr std::array<std::string_view, 64> kLast{
    "Adeyemi", "Alvarez",  "Andersen", "Bakker",   "Becker",  "Bianchi",  "Brennan",  "Chaudhry", "Chen",
    "Costa",   "Dubois",   "Eriksson", "Fernando", "Fischer", "Gallagher", "Garcia",  "Haddad",   "Hansen",
    "Hughes",  "Ibrahim",  "Ivanova",  "Jansen",   "Kaur",    "Kim",      "Kowalski", "Kumar",    "Larsen",
    "Lee",     "Lopez",    "Mahlangu", "Martin",   "Mendes",  "Murphy",   "Nakamura", "Nguyen",   "Novak",
    "Okafor",  "Olsen",    "Park",     "Patel",    "Petrov",  "Quinn",    "Rahman",   "Rossi",    "Santos",
    "Schmidt", "Silva",    "Singh",    "Sato",     "Tanaka",  "Taylor",   "Thompson", "Torres",   "Van Dijk",
    "Walsh",   "Wang",     "Weber",    "Williams", "Wilson",  "Yamamoto", "Yilmaz",   "Zhang",    "Zhou",
    "OBrien"};

inline constexpr std::array<std::string_view, 6> kTitles{"Customer Service Agent", "Senior Agent", "Team Lead",
                                                         "Support Specialist",    "Sales Agent",  "Billing Specialist"};

inline constexpr std::array<std::string_view, 5> kDepartments{"Customer Care", "Sales", "Billing", "Technical Support",
                                                              "Retention"};

inline constexpr std::array<std::string_view, 20> kQueueTopics{
    "Billing",   "Sales",    "Support",   "Retention", "Technical", "Claims",   "Onboarding",
    "Collections", "Complaints", "Priority", "VIP",     "Returns",   "Shipping", "Orders",
    "Accounts",  "Payments", "Renewals",  "Upgrades",  "Cancellations", "Warranty"};

struct Channel {
  std::string_view label;
  std::string_view media;
};
inline constexpr std::array<Channel, 5> kChannels{
    {{"Voice", "call"}, {"Chat", "chat"}, {"Email", "email"}, {"Messaging", "message"}, {"Callback", "callback"}}};

struct CustomCode {
  std::string_view name;
  std::string_view category;
};
inline constexpr std::array<CustomCode, 12> kCustomCodes{{{"Coaching", "Meeting"},
                                                          {"Team Huddle", "Meeting"},
                                                          {"Email Backlog", "OffQueueWork"},
                                                          {"Project Work", "OffQueueWork"},
                                                          {"Sick Leave", "TimeOff"},
                                                          {"Vacation", "TimeOff"},
                                                          {"Product Training", "Training"},
                                                          {"System Outage", "Unavailable"},
                                                          {"Lunch", "Meal"},
                                                          {"Short Break", "Break"},
                                                          {"Quality Review", "OffQueueWork"},
                                                          {"Compliance Training", "Training"}}};

// Divisions besides the home one (empty: every generated entity lives in the home division).
inline constexpr std::array<std::string_view, 2> kDivisions{"Back Office", "Outsourced Partners"};

// ACD languages; every org uses the first kOrgLanguages of them.
inline constexpr std::array<std::string_view, 6> kLanguages{"English", "German", "French", "Spanish", "Japanese",
                                                            "Mandarin"};
inline constexpr std::size_t kOrgLanguages = 4;

}  // namespace mockgc::core::names
