#include "history_state.hpp"

#include "mockgc/core/world.hpp"

namespace mockgc::core::wfm {

HistoryState::HistoryState(const OrgWorld& world, std::uint64_t seed, Instant anchor)
    : id_rng(api::Rng::derive(seed, {world.region, "history-ids"})), world_(world), seed_(seed), anchor_(anchor) {}

void HistoryState::build() {
  std::call_once(built_, [this] {
    demand_ = std::make_unique<DemandModel>(DemandModel::build(world_, seed_));
    store_ = std::make_unique<HistoryStore>(HistoryStore::build_around(*demand_, seed_, anchor_));
  });
}

const DemandModel& HistoryState::demand() {
  build();
  return *demand_;
}

const HistoryStore& HistoryState::store() {
  build();
  return *store_;
}

}  // namespace mockgc::core::wfm
