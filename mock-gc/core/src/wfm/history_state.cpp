#include "history_state.hpp"

#include "mockgc/core/world.hpp"

namespace mockgc::core::wfm {

HistoryState::HistoryState(const OrgWorld& world, const DemandModel& demand, std::uint64_t seed, Instant anchor,
                           std::shared_ptr<HistoryCache> cache)
    : id_rng(api::Rng::derive(seed, {world.region, "history-ids"})),
      anchor_(anchor),
      history_(LazyHistory::around(demand, seed, anchor, std::move(cache))) {}

AnalyticsJob& HistoryState::add_job(AnalyticsJob::Kind kind, AnalyticsJob::Query query, Instant now) {
  while (!job_order.empty()) {
    const auto& oldest = jobs.at(job_order.front());
    if (oldest.expires + kJobLifetime > now && jobs.size() < kMaxJobs) break;
    jobs.erase(job_order.front());
    job_order.pop_front();
  }
  AnalyticsJob job;
  job.kind = kind;
  job.id = api::make_uuid(id_rng);
  job.query = std::move(query);
  job.submitted = now;
  job.completes = now + kJobDelay;
  job.expires = job.completes + kJobLifetime;
  job_order.push_back(job.id);
  const std::string id = job.id;
  return jobs.emplace(id, std::move(job)).first->second;
}

AnalyticsJob* HistoryState::find_job(AnalyticsJob::Kind kind, const std::string& id) {
  auto it = jobs.find(id);
  return it == jobs.end() || it->second.kind != kind ? nullptr : &it->second;
}

bool HistoryState::remove_job(AnalyticsJob::Kind kind, const std::string& id) {
  if (!find_job(kind, id)) return false;
  jobs.erase(id);
  std::erase(job_order, id);
  return true;
}

}  // namespace mockgc::core::wfm
