#include "history_state.hpp"

#include "mockgc/core/world.hpp"

namespace mockgc::core::wfm {

HistoryState::HistoryState(const OrgWorld& world, std::uint64_t seed, Instant anchor,
                           std::shared_ptr<HistoryCache> cache)
    : id_rng(api::Rng::derive(seed, {world.region, "history-ids"})),
      world_(world),
      seed_(seed),
      anchor_(anchor),
      cache_(std::move(cache)) {}

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

void HistoryState::build() {
  std::call_once(built_, [this] {
    demand_ = std::make_unique<DemandModel>(DemandModel::build(world_, seed_));
    history_ = std::make_unique<LazyHistory>(LazyHistory::around(*demand_, seed_, anchor_, cache_));
  });
}

const DemandModel& HistoryState::demand() {
  build();
  return *demand_;
}

const HistorySource& HistoryState::history() {
  build();
  return *history_;
}

}  // namespace mockgc::core::wfm
