#pragma once
// Result<T>: a value or a std::error_code (a small in-house expected; g++ 12 has no std::expected).
// Chosen over boost::system::result so public headers stay Boost-free and errors compare directly
// against client::errc and std::errc. Reading value() of an error is a programming error (throws).
#include <stdexcept>
#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>

namespace mockgc::client {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(const T& v) : v_(v) {}                     // NOLINT(google-explicit-constructor)
  Result(T&& v) : v_(std::move(v)) {}               // NOLINT(google-explicit-constructor)
  Result(std::error_code ec) : v_(ec) {}            // NOLINT(google-explicit-constructor)
  template <class E, std::enable_if_t<std::is_error_code_enum_v<E>, int> = 0>
  Result(E e) : v_(std::error_code(e)) {}           // NOLINT(google-explicit-constructor)

  bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & { check(); return std::get<0>(v_); }
  const T& value() const& { check(); return std::get<0>(v_); }
  T&& value() && { check(); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error; a default (empty) error_code when there is a value.
  std::error_code error() const noexcept { return has_value() ? std::error_code{} : std::get<1>(v_); }

 private:
  void check() const {
    if (!has_value()) throw std::logic_error("Result::value() on an error: " + std::get<1>(v_).message());
  }
  std::variant<T, std::error_code> v_;
};

// Success or an error, nothing else.
struct Unit {};
using Status = Result<Unit>;
inline Status ok() { return Unit{}; }

}  // namespace mockgc::client
