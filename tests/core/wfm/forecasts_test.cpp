// Short-term forecasts over every harness kind: list (week and recent), get with expand, data (672
// intervals from the BU-local week start, tracking the demand), downloadUrl, planning groups, week-id rules.
#include <cmath>

#include "core/endpoint_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kWfm = "/api/v2/workforcemanagement";

class Forecasts : public EndpointTest {
 protected:
  std::string weeks(const std::string& region) {
    return std::string(kWfm) + "/businessunits/" + bu_id(region) + "/weeks/";
  }
  std::string forecast_path(const std::string& region, const std::string& week) {
    auto l = get_json(region, weeks(region) + week + "/shorttermforecasts");
    if (!l.contains("entities") || l["entities"].empty()) return "missing";
    return weeks(region) + week + "/shorttermforecasts/" + l["entities"][0]["id"].get<std::string>();
  }
};

TEST_P(Forecasts, ListAndRecent) {
  auto j = get_json(kEmea, weeks(kEmea) + "2026-03-02/shorttermforecasts");
  ASSERT_EQ(j["entities"].size(), 1u);
  EXPECT_EQ(j["entities"][0]["creationMethod"], "HistoricalWeightedAverage");
  EXPECT_EQ(j["entities"][0]["weekDate"], "2026-03-02");
  // The schedule of the week refers to this forecast.
  auto s = get_json(kEmea, weeks(kEmea) + "2026-03-02/schedules");
  EXPECT_EQ(s["entities"][0]["shortTermForecast"]["id"], j["entities"][0]["id"]);
  EXPECT_EQ(get_json(kEmea, weeks(kEmea) + "recent/shorttermforecasts")["entities"].size(), 53u);
  EXPECT_ERROR_BODY(get(kEmea, weeks(kEmea) + "2026-03-04/shorttermforecasts"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kApac, weeks(kApac) + "2026-03-02/shorttermforecasts"), 400, "bad.request");
  EXPECT_EQ(get_json(kApac, weeks(kApac) + "2026-03-01/shorttermforecasts")["entities"].size(), 1u);
}

TEST_P(Forecasts, GetWithExpand) {
  const auto path = forecast_path(kEmea, "2026-03-02");
  auto plain = get_json(kEmea, path);
  EXPECT_EQ(plain["referenceStartDate"], "2026-03-02T00:00:00.000Z");
  EXPECT_EQ(plain["timeZone"], "Europe/London");
  EXPECT_FALSE(plain.contains("planningGroups"));
  auto expanded = get_json(kEmea, path + "?expand=planningGroups,generationResults");
  EXPECT_EQ(expanded["planningGroups"]["entities"].size(), 30u);
  EXPECT_TRUE(expanded.contains("generationResults"));
  EXPECT_ERROR_BODY(get(kEmea, weeks(kEmea) + "2026-03-02/shorttermforecasts/nope"), 404, "not.found");
  // Sydney's week starts at local midnight: 13:00 UTC the day before (AEDT).
  auto apac = get_json(kApac, forecast_path(kApac, "2026-03-01"));
  EXPECT_EQ(apac["referenceStartDate"], "2026-02-28T13:00:00.000Z");
}

TEST_P(Forecasts, DataHas672IntervalsPerPlanningGroup) {
  const auto path = forecast_path(kEmea, "2026-03-23");  // a DST week: still 672 fixed UTC intervals
  auto data = get_json(kEmea, path + "/data");
  const auto& r = data["result"];
  EXPECT_EQ(r["weekCount"], 1);
  EXPECT_EQ(r["referenceStartDate"], "2026-03-23T00:00:00.000Z");
  ASSERT_EQ(r["planningGroups"].size(), 30u);
  auto groups = get_json(kEmea, std::string(kWfm) + "/businessunits/" + bu_id(kEmea) + "/planninggroups")["entities"];
  ASSERT_EQ(groups.size(), 30u);
  double total = 0;
  for (const auto& pg : r["planningGroups"]) {
    ASSERT_EQ(pg["offeredPerInterval"].size(), 672u);
    ASSERT_EQ(pg["averageHandleTimeSecondsPerInterval"].size(), 672u);
    bool known = false;
    for (const auto& g : groups) known |= g["id"] == pg["planningGroupId"];
    EXPECT_TRUE(known);
    for (const auto& v : pg["offeredPerInterval"]) {
      EXPECT_GE(v.get<double>(), 0.0);
      total += v.get<double>();
    }
  }
  EXPECT_GT(total, 1000.0);
  // Night intervals carry less than midday intervals (intraday shape in London time).
  double night = 0, midday = 0;
  for (const auto& pg : r["planningGroups"]) {
    night += pg["offeredPerInterval"][12].get<double>();   // 03:00
    midday += pg["offeredPerInterval"][48].get<double>();  // 12:00
  }
  EXPECT_LT(night, midday);
  EXPECT_ERROR_BODY(get(kEmea, path + "/data?weekNumber=3"), 400, "bad.request");
  auto forced = get_json(kEmea, path + "/data?forceDownloadService=true");
  ASSERT_TRUE(forced.contains("downloadUrl"));
  auto res = h().send(kEmea, get_request(path_of_url(forced["downloadUrl"].get<std::string>()), ""));
  EXPECT_EQ(body_json(res), r);
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(Forecasts);

}  // namespace
}  // namespace mockgc::testing
