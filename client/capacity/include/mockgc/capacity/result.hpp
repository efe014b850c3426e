#pragma once
// Error handling for the capacity library (one documented approach): every public function that can
// fail on bad input returns Result<T> (a value or an Error with a human-readable message). Library calls
// never throw for bad input and never return NaN silently; the CLI turns an Error into exit code 2.
// value() on an Error is a programming error and throws std::logic_error.
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace mockgc::capacity {

struct Error {
  std::string message;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor): value or error
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  [[nodiscard]] const T& value() const& {
    if (!ok()) throw std::logic_error("Result::value() on error: " + std::get<1>(v_).message);
    return std::get<0>(v_);
  }
  [[nodiscard]] T& value() & {
    if (!ok()) throw std::logic_error("Result::value() on error: " + std::get<1>(v_).message);
    return std::get<0>(v_);
  }
  [[nodiscard]] T&& value() && {
    if (!ok()) throw std::logic_error("Result::value() on error: " + std::get<1>(v_).message);
    return std::get<0>(std::move(v_));
  }
  [[nodiscard]] const Error& error() const& {
    if (ok()) throw std::logic_error("Result::error() on a value");
    return std::get<1>(v_);
  }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> v_;
};

/// Success-or-error for operations without a value.
using Status = Result<std::monostate>;
inline Status ok_status() { return Status{std::monostate{}}; }

}  // namespace mockgc::capacity
