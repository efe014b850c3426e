#include <gtest/gtest.h>

#include <algorithm>

#include "mockgc/core/faults/api_families.hpp"

using namespace mockgc::core::faults;

namespace {
bool in_family(std::string_view family, std::string_view path) {
  auto ps = family_patterns(family);
  return std::any_of(ps.begin(), ps.end(), [&](const PathPattern& p) { return p.matches(path); });
}
}  // namespace

TEST(ApiFamilies, ForecastImportIsNarrowerThanForecasts) {
  const char* import = "/api/v2/workforcemanagement/businessunits/bu-1/weeks/2026-03-30/shorttermforecasts/import";
  const char* upload = "/api/v2/workforcemanagement/businessunits/bu-1/weeks/2026-03-30/shorttermforecasts/import/uploadurl";
  const char* read = "/api/v2/workforcemanagement/businessunits/bu-1/weeks/2026-03-30/shorttermforecasts/fc-1";
  EXPECT_TRUE(in_family("forecast-import", import));
  EXPECT_TRUE(in_family("forecast-import", upload));
  EXPECT_FALSE(in_family("forecast-import", read));
  EXPECT_TRUE(in_family("forecasts", read));
  EXPECT_FALSE(in_family("forecast-import", "/api/v2/workforcemanagement/businessunits/bu-1/activitycodes"));
}

TEST(ApiFamilies, SchedulesCoversTheScheduleImport) {
  // The scenario `maintenance` fault of the schedules (and workforcemanagement) family takes the import down too.
  const char* upload = "/api/v2/workforcemanagement/businessunits/bu-1/weeks/2026-03-30/schedules/import/uploadurl";
  const char* import = "/api/v2/workforcemanagement/businessunits/bu-1/weeks/2026-03-30/schedules/import";
  for (const char* family : {"schedules", "workforcemanagement"}) {
    EXPECT_TRUE(in_family(family, upload)) << family;
    EXPECT_TRUE(in_family(family, import)) << family;
  }
  EXPECT_FALSE(in_family("forecast-import", import));
}

TEST(ApiFamilies, EachFamilyCoversItsDocumentedRoutes) {
  EXPECT_TRUE(in_family("historical-import", "/api/v2/workforcemanagement/historicaldata/validate"));
  EXPECT_TRUE(in_family("historical-import", "/api/v2/uploads/workforcemanagement/historicaldata/csv"));
  EXPECT_TRUE(in_family("analytics", "/api/v2/analytics/conversations/aggregates/query"));
  EXPECT_TRUE(in_family("adherence", "/api/v2/workforcemanagement/adherence"));
  EXPECT_TRUE(in_family("adherence", "/api/v2/workforcemanagement/adherence/historical/jobs/j1"));
  EXPECT_TRUE(in_family("adherence", "/api/v2/workforcemanagement/managementunits/mu-1/historicaladherencequery"));
  EXPECT_TRUE(in_family("adherence", "/api/v2/workforcemanagement/teams/t-1/adherence/historical"));
  EXPECT_TRUE(in_family("schedules", "/api/v2/workforcemanagement/businessunits/bu/weeks/2026-03-30/schedules"));
  EXPECT_TRUE(in_family("schedules", "/api/v2/workforcemanagement/businessunits/bu/agentschedules/search"));
  EXPECT_TRUE(in_family("time-off", "/api/v2/workforcemanagement/timeoffrequests"));
  EXPECT_TRUE(in_family("time-off", "/api/v2/workforcemanagement/managementunits/mu/users/u/timeoffrequests"));
  EXPECT_TRUE(in_family("activity-codes", "/api/v2/workforcemanagement/businessunits/bu/activitycodes/bulk"));
  EXPECT_TRUE(in_family("users", "/api/v2/users/u-1"));
  EXPECT_TRUE(in_family("routing", "/api/v2/routing/queues"));
  EXPECT_TRUE(in_family("oauth", "/oauth/token"));
  EXPECT_TRUE(in_family("all", "/anything/at/all"));
  EXPECT_FALSE(in_family("analytics", "/api/v2/routing/queues"));
  EXPECT_FALSE(in_family("users", "/api/v2/routing/queues"));
}

TEST(ApiFamilies, UnknownFamilyIsAnError) {
  EXPECT_EQ(find_api_family("forecast-imports"), nullptr);
  EXPECT_THROW(family_patterns("nope"), std::invalid_argument);
  EXPECT_GE(api_families().size(), 12u);
}
