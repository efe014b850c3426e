#include "mockgc/capacity/grid.hpp"

#include <array>
#include <cmath>

#include "validate.hpp"

namespace mockgc::capacity {

namespace {

constexpr int kLanes = 4;
constexpr double kWarmSigmas = 7.0;
constexpr double kWarmMinStart = 16.0;
constexpr double kRoundingSlack = 1e-9;
constexpr double kMaxErlangs = 5.0e6;
// Above this T/AHT, exp(τ) overflows or exp((n−A)τ) underflows, so carrying the product is unsafe;
// such lanes (SL thresholds hundreds of AHTs long) evaluate exp((n−A)τ) directly each step.
constexpr double kMaxCarriedTau = 600.0;

struct Constraints {
  bool sl = false;
  double one_minus_sl = 0.0;
  double sl_seconds = 0.0;
  bool asa = false;
  double max_asa = 0.0;
  bool pwait = false;
  double max_pwait = 0.0;
  bool occ = false;
  double max_occ = 1.0;
};

struct Lanes {
  std::array<double, kLanes> inv{};    // I(n) = 1/B(n, A)
  std::array<double, kLanes> n{};      // current n
  std::array<double, kLanes> a{};      // A
  std::array<double, kLanes> inv_a{};  // 1/A
  std::array<double, kLanes> e{};      // exp((n − A)·T/AHT)
  std::array<double, kLanes> r{};      // exp(T/AHT)
  std::array<double, kLanes> aht{};
  std::array<double, kLanes> tau{};     // T/AHT
  std::array<bool, kLanes> direct_exp{};  // τ so large that e·r would under/overflow: exp per step
  std::array<double, kLanes> n_test{};  // floor(A)+1: first stable candidate
  std::array<double, kLanes> n_min{};   // max(n_test, occupancy floor)
  std::array<std::size_t, kLanes> cell{};
  std::array<bool, kLanes> active{};
};

// Loads cell i into lane l; returns false (and writes the answer) for zero-load cells.
bool load(Lanes& L, int l, std::size_t i, const double* erl, const double* aht, const Constraints& c,
          int* out) noexcept {
  const double a = erl[i];
  if (a == 0.0) {
    out[i] = 0;
    return false;
  }
  const double n_test = std::floor(a) + 1.0;
  double n_min = n_test;
  if (c.occ) n_min = std::max(n_min, std::ceil(a / c.max_occ - kRoundingSlack));
  double n0 = 0.0;
  double inv = 1.0;
  const double warm = std::floor(a - kWarmSigmas * std::sqrt(a));
  if (warm >= kWarmMinStart) {
    const double gap = a - warm;
    n0 = warm;
    inv = a / gap - warm * a / (gap * gap * gap);
  }
  const double tau = c.sl_seconds / aht[i];
  L.inv[l] = inv;
  L.n[l] = n0;
  L.a[l] = a;
  L.inv_a[l] = 1.0 / a;
  L.tau[l] = tau;
  L.direct_exp[l] = tau > kMaxCarriedTau;
  L.e[l] = L.direct_exp[l] ? 0.0 : std::exp((n_test - 1.0 - a) * tau);
  L.r[l] = L.direct_exp[l] ? 1.0 : std::exp(tau);
  L.aht[l] = aht[i];
  L.n_test[l] = n_test;
  L.n_min[l] = n_min;
  L.cell[l] = i;
  L.active[l] = true;
  return true;
}

inline bool meets(const Lanes& L, int l, const Constraints& c) noexcept {
  const double n = L.n[l];
  const double gap = n - L.a[l];
  const double denom = L.inv[l] * gap + L.a[l];  // = n / C(n, A)
  if (c.sl && denom * c.one_minus_sl * L.e[l] < n) return false;
  if (c.asa && n * L.aht[l] > c.max_asa * gap * denom) return false;
  if (c.pwait && n > c.max_pwait * denom) return false;
  return true;
}

}  // namespace

void staff_cells_unchecked(const double* erl, const double* aht, std::size_t count,
                           const StaffingTarget& target, int* out) noexcept {
  Constraints c;
  c.sl = target.service_level.has_value();
  c.one_minus_sl = c.sl ? 1.0 - *target.service_level : 0.0;
  c.sl_seconds = target.sl_seconds;
  c.asa = target.max_asa_seconds.has_value();
  c.max_asa = c.asa ? *target.max_asa_seconds : 0.0;
  c.pwait = target.max_p_wait.has_value();
  c.max_pwait = c.pwait ? *target.max_p_wait : 0.0;
  c.occ = target.max_occupancy.has_value();
  c.max_occ = c.occ ? *target.max_occupancy : 1.0;

  Lanes L;
  std::size_t next = 0;
  int live = 0;
  for (int l = 0; l < kLanes; ++l) {
    while (next < count && !load(L, l, next, erl, aht, c, out)) ++next;
    if (next < count) {
      ++next;
      ++live;
    }
  }
  while (live > 0) {
    for (int l = 0; l < kLanes; ++l) {
      if (!L.active[l]) continue;
      const double n = L.n[l] + 1.0;
      L.n[l] = n;
      L.inv[l] = 1.0 + n * L.inv_a[l] * L.inv[l];
      if (n < L.n_test[l]) continue;
      L.e[l] = L.direct_exp[l] ? std::exp((n - L.a[l]) * L.tau[l]) : L.e[l] * L.r[l];
      if (n < L.n_min[l] || !meets(L, l, c)) continue;
      out[L.cell[l]] = static_cast<int>(n);
      L.active[l] = false;
      --live;
      while (next < count && !load(L, l, next, erl, aht, c, out)) ++next;
      if (next < count) {
        ++next;
        ++live;
      }
    }
  }
}

Status check_cells(const double* erl, const double* aht, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    if (!std::isfinite(aht[i]) || aht[i] <= 0.0) {
      return Error{fmt::format("cell {}: AHT must be finite and > 0 s (got {})", i, aht[i])};
    }
    if (!std::isfinite(erl[i]) || erl[i] < 0.0 || erl[i] > kMaxErlangs) {
      return Error{fmt::format("cell {}: offered load must be finite and in [0, {}] E (got {})", i,
                               kMaxErlangs, erl[i])};
    }
  }
  return ok_status();
}

GridStaffer::GridStaffer(Eigen::Index queues, Eigen::Index intervals)
    : erlangs_(queues, intervals), agents_(queues, intervals) {}

Status GridStaffer::staff(const Eigen::ArrayXXd& calls, const Eigen::ArrayXXd& aht_seconds,
                          double interval_seconds, const StaffingTarget& target) {
  if (calls.rows() != erlangs_.rows() || calls.cols() != erlangs_.cols() ||
      aht_seconds.rows() != erlangs_.rows() || aht_seconds.cols() != erlangs_.cols()) {
    return Error{fmt::format("grid shape mismatch: staffer is {}×{}, calls {}×{}, AHT {}×{}",
                             erlangs_.rows(), erlangs_.cols(), calls.rows(), calls.cols(),
                             aht_seconds.rows(), aht_seconds.cols())};
  }
  if (auto e = detail::require_positive(interval_seconds, "interval length (seconds)")) return *e;
  if (auto s = validate(target); !s) return s;
  const auto count = static_cast<std::size_t>(calls.size());
  for (std::size_t i = 0; i < count; ++i) {
    if (!std::isfinite(calls.data()[i]) || calls.data()[i] < 0.0) {
      return Error{fmt::format("cell {}: offered calls must be finite and ≥ 0 (got {})", i,
                               calls.data()[i])};
    }
  }
  erlangs_ = calls * aht_seconds / interval_seconds;  // same shape: no reallocation
  if (auto s = check_cells(erlangs_.data(), aht_seconds.data(), count); !s) return s;
  staff_cells_unchecked(erlangs_.data(), aht_seconds.data(), count, target, agents_.data());
  return ok_status();
}

}  // namespace mockgc::capacity
