// Short-term forecasts imported through the API, by (business unit, week), listed once their import completes.
#include "mockgc/core/wfm/workforce.hpp"
#include "workforce_impl.hpp"

namespace mockgc::core::wfm {

void Workforce::add_imported_forecast(ImportedForecast f) {
  std::lock_guard lock(impl_->time_off_mutex);
  impl_->imported[{f.business_unit_id, static_cast<long>(f.week.time_since_epoch().count())}].push_back(std::move(f));
}

std::vector<ImportedForecast> Workforce::imported_forecasts(const std::string& bu_id, Day week, Instant now) const {
  std::lock_guard lock(impl_->time_off_mutex);
  std::vector<ImportedForecast> out;
  auto it = impl_->imported.find({bu_id, static_cast<long>(week.time_since_epoch().count())});
  if (it != impl_->imported.end())
    for (const auto& f : it->second)
      if (f.completes <= now) out.push_back(f);
  return out;
}

}  // namespace mockgc::core::wfm
