#include "mockgc/client/transport.hpp"

namespace mockgc::client {

bool is_idempotent_method(std::string_view method) noexcept {
  for (std::string_view m : {"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
    if (api::iequals(method, m)) return true;
  return false;
}

}  // namespace mockgc::client
