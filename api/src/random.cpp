#include "mockgc/api/random.hpp"

#include <cmath>

namespace mockgc::api {
std::uint64_t derive_seed(std::uint64_t seed, std::initializer_list<std::string_view> labels) noexcept {
  std::uint64_t h = kFnv1aOffset;
  // A 0xff separator after each label, so that ("ab","c") and ("a","bc") differ.
  for (auto l : labels) h = fnv1a("\xff", fnv1a(l, h));
  std::uint64_t state = seed ^ h;
  splitmix64(state);
  return splitmix64(state);
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t index) noexcept {
  return mix64(seed ^ (index * kGoldenGamma));
}

std::uint64_t derive_seed(std::uint64_t seed, std::string_view label, std::uint64_t index) noexcept {
  return derive_seed(derive_seed(seed, {label}), index);
}

Rng::Rng(std::uint64_t seed) noexcept {
  std::uint64_t state = seed;
  for (auto& s : s_) s = splitmix64(state);
}

std::uint64_t Rng::below(std::uint64_t bound) noexcept {
  if (bound == 0) return 0;
  // Drop the lowest (2^64 mod bound) values so every residue is equally likely.
  const std::uint64_t threshold = (0 - bound) % bound;
  while (true) {
    const std::uint64_t r = next();
    if (r >= threshold) return r % bound;
  }
}

std::int64_t Rng::between(std::int64_t lo, std::int64_t hi) noexcept {
  if (hi <= lo) return lo;
  return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
}

double Rng::normal() noexcept {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u = 0.0;
  double v = 0.0;
  double s = 0.0;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double f = std::sqrt(-2.0 * std::log(s) / s);
  spare_ = v * f;
  has_spare_ = true;
  return u * f;
}

double Rng::lognormal_mean_cv(double mean, double cv) noexcept {
  if (cv <= 0.0) return mean;
  const double sigma2 = std::log1p(cv * cv);
  const double mu = std::log(mean) - 0.5 * sigma2;
  return std::exp(mu + std::sqrt(sigma2) * normal());
}

double Rng::exponential(double mean) noexcept { return -mean * std::log(uniform_open()); }

std::uint64_t Rng::poisson(double mean) noexcept {
  if (!(mean > 0.0)) return 0;
  if (mean < 30.0) {
    const double limit = std::exp(-mean);
    std::uint64_t k = 0;
    double p = uniform_open();
    while (p > limit) {
      ++k;
      p *= uniform_open();
    }
    return k;
  }
  // PTRS: W. Hörmann, "The transformed rejection method for generating Poisson random variables" (1993).
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = uniform() - 0.5;
    const double v = uniform_open();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - std::lgamma(k + 1.0)) {
      return static_cast<std::uint64_t>(k);
    }
  }
}

std::string uuid_from_words(std::uint64_t hi, std::uint64_t lo) {
  hi = (hi & ~0xF000ULL) | 0x4000ULL;                            // version 4
  lo = (lo & ~0xC000000000000000ULL) | 0x8000000000000000ULL;  // variant 10xx
  // 8-4-4-4-12 hex digits: hi's 16 digits, then lo's 16, most significant first.
  char out[36];
  const auto put = [&](std::size_t at, std::uint64_t word, std::size_t digits) {
    static constexpr char hex[] = "0123456789abcdef";
    for (std::size_t i = digits; i-- > 0; word >>= 4) out[at + i] = hex[word & 0xF];
  };
  put(0, hi >> 32, 8);
  out[8] = '-';
  put(9, hi >> 16, 4);
  out[13] = '-';
  put(14, hi, 4);
  out[18] = '-';
  put(19, lo >> 48, 4);
  out[23] = '-';
  put(24, lo, 12);
  return std::string(out, sizeof out);
}

std::string make_uuid(Rng& rng) {
  const auto hi = rng.next();
  const auto lo = rng.next();
  return uuid_from_words(hi, lo);
}

bool is_uuid_v4(std::string_view s) noexcept {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

}  // namespace mockgc::api
