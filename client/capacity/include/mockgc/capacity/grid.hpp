#pragma once
// Grid staffing: queues × intervals of Erlang C requirements in one call.
//
// Speed (bench/capacity, bench/RESULTS.md) comes from three documented choices, each exact up to
// rounding (the grid agrees with required_agents_erlang_c cell for cell; tests/capacity/grid_test.cpp):
//  1. the inverse Erlang B recursion I(n) = 1 + (n/A)·I(n−1), I = 1/B: a multiply-add, no division;
//  2. a warm start for A ≥ ~100 at n₀ = A − 7√A from the asymptotic I ≈ A/(A−n) − nA/(A−n)³; the
//     recursion contracts errors by n/A per step below A, so the start error shrinks by ~e^{−k²/2}
//     (k = 7: ~1e−11 of an already ~1e−3 error) before the search region;
//  3. the SL test without exp per step: exp((N−A)T/AHT) is carried multiplicatively, and
//     SL ≥ s ⇔ (I·(N−A) + A)·(1−s)·exp((N−A)T/AHT) ≥ N (no division either);
//  4. four cells in flight at once (independent dependency chains hide the multiply latency).
// No heap allocation per call: GridStaffer owns its output; the kernel works on caller memory.
#include <cstddef>

#include <Eigen/Core>

#include "mockgc/capacity/result.hpp"
#include "mockgc/capacity/staffing.hpp"

namespace mockgc::capacity {

/// Unchecked kernel: out[i] = minimal Erlang C agents for erlangs[i] with AHT aht_seconds[i]
/// (0 for zero load). Preconditions: inputs finite, erlangs ≥ 0, aht > 0, target validated.
/// Uses SL / ASA / P(wait) / occupancy constraints of the target. Never allocates.
void staff_cells_unchecked(const double* erlangs, const double* aht_seconds, std::size_t count,
                           const StaffingTarget& target, int* out) noexcept;

/// Checks the kernel's preconditions (NaN, negative load, AHT ≤ 0, load above 5e6 E).
Status check_cells(const double* erlangs, const double* aht_seconds, std::size_t count);

class GridStaffer {
 public:
  GridStaffer(Eigen::Index queues, Eigen::Index intervals);

  /// calls and aht_seconds are queues × intervals (column-major, as Eigen stores them).
  /// On success agents() holds the minimal Erlang C agents per cell.
  Status staff(const Eigen::ArrayXXd& calls, const Eigen::ArrayXXd& aht_seconds,
               double interval_seconds, const StaffingTarget& target);

  [[nodiscard]] const Eigen::ArrayXXi& agents() const noexcept { return agents_; }
  [[nodiscard]] const Eigen::ArrayXXd& erlangs() const noexcept { return erlangs_; }

 private:
  Eigen::ArrayXXd erlangs_;
  Eigen::ArrayXXi agents_;
};

}  // namespace mockgc::capacity
