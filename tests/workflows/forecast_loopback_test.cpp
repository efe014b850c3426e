// Forecast sync over real sockets with a virtual clock: scenarios/forecast-maintenance.json behind the
// network shell on 127.0.0.1:0, the client's BeastTransport, and a client clock that drives the server's
// virtual clock — so waiting out the 30-minute maintenance window costs no wall time. The EMEA fallback
// file is written, the retry imports it after the window, and the forecast read back equals the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "mockgc/client/beast_transport.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/core/clock.hpp"
#include "mockgc/inproc/inproc.hpp"
#include "mockgc/api/gzip.hpp"
#include "support/loopback_world.hpp"
#include "mockgc/workflows/forecast_sync.hpp"

namespace mockgc::workflows {
namespace {

using client::Instant;
using client::Millis;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr std::int64_t kStartMs = 1'772'442'000'000;  // 2026-03-02T09:00:00Z, the scenario's clock start

std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// scenarios/forecast-maintenance.json over loopback, its virtual clock 15 minutes in (inside the window),
// and a client clock that drives it.
struct VirtualLoopbackWorld {
  VirtualLoopbackWorld()
      : virtual_clock(core::Instant(core::Millis(kStartMs + 15 * 60'000))),
        server(slurp(std::filesystem::path(MOCKGC_SOURCE_DIR) / "scenarios/forecast-maintenance.json"), &virtual_clock) {}
  api::ManualClock virtual_clock;
  testing::LoopbackWorld server;
};

TEST(ForecastSyncLoopback, MaintenanceFallbackThenRetryOverSocketsOnTheVirtualClock) {
  VirtualLoopbackWorld world;
  const auto& configs = world.server.configs();
  auto& orgs = world.server.orgs();
  auto& transport = world.server.transport();
  ForecastSyncOptions o;
  o.output_dir = std::filesystem::path(::testing::TempDir()) / "forecast-loopback";
  std::filesystem::remove_all(o.output_dir);
  o.history_weeks = 2;
  o.retry_for = 2h;
  const auto r = sync_forecasts(orgs, o);
  ASSERT_EQ(r.orgs.size(), 2u);
  EXPECT_FALSE(r.any_missing());
  EXPECT_FALSE(r.any_fallback_pending());
  std::size_t emea_index = configs[0].region == "eu_central_1" ? 0 : 1;
  const auto& emea = r.orgs[emea_index].units.at(0);
  EXPECT_EQ(emea.outcome, ForecastOutcome::imported) << emea.why;
  EXPECT_GT(emea.attempts, 1);
  ASSERT_TRUE(emea.fallback_file.has_value());  // written during the window
  EXPECT_EQ(slurp(*emea.fallback_file), forecast_import_bytes(emea.body));
  EXPECT_GE(world.virtual_clock.now(), Instant(Millis(kStartMs + 40 * 60'000)));  // the window (PT10M–PT40M) is over
  EXPECT_EQ(r.orgs[1 - emea_index].units.at(0).attempts, 1);  // APAC imported at once

  // Read back over the sockets: the imported data equals the fallback file's content.
  client::OrgClient reader(configs[emea_index], transport, world.virtual_clock);
  const auto path = fmt::format("/api/v2/workforcemanagement/businessunits/{}/weeks/{}/shorttermforecasts/{}/data",
                                emea.business_unit_id, emea.week, emea.forecast_id);
  auto data = client::get_json(reader, path);
  ASSERT_TRUE(data.has_value());
  json result = data->contains("result") ? (*data)["result"] : *client::json_from(reader.fetch_url((*data)["downloadUrl"].get<std::string>()));
  const auto file = forecast_import_body_from_json(json::parse(*api::gunzip(slurp(*emea.fallback_file))));
  ASSERT_TRUE(file.has_value());
  ASSERT_EQ(result["planningGroups"].size(), file->planning_groups.size());
  for (std::size_t i = 0; i < file->planning_groups.size(); ++i) {
    EXPECT_EQ(result["planningGroups"][i]["planningGroupId"], file->planning_groups[i].planning_group_id);
    EXPECT_EQ(result["planningGroups"][i]["offeredPerInterval"].get<std::vector<double>>(), file->planning_groups[i].offered);
  }
}

}  // namespace
}  // namespace mockgc::workflows
