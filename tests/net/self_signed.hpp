#pragma once
// A throwaway self-signed certificate for TLS listeners (--tls-cert/--tls-key), made at test time with OpenSSL's
// own APIs, so tests need no openssl CLI: P-256 key, CN=127.0.0.1 with SAN IP:127.0.0.1, valid one day, written
// as <TempDir>/<stem>-cert.pem and -key.pem.
#include <filesystem>
#include <string>

namespace mockgc::testing {

struct SelfSigned {
  std::filesystem::path cert;
  std::filesystem::path key;
  std::string cert_pem;
};

SelfSigned make_self_signed(const std::string& stem);

}  // namespace mockgc::testing
