#pragma once
// A throwaway self-signed certificate for 127.0.0.1 / localhost, made at test time with OpenSSL's C API
// (no `openssl` binary needed). Files live in a fresh temporary directory removed on destruction.
#include <filesystem>
#include <string>

namespace mockgc::client::testing {

class SelfSignedCert {
 public:
  explicit SelfSignedCert(const std::string& subject_alt_names = "IP:127.0.0.1,DNS:localhost");
  ~SelfSignedCert();
  SelfSignedCert(const SelfSignedCert&) = delete;
  SelfSignedCert& operator=(const SelfSignedCert&) = delete;

  const std::filesystem::path& cert_file() const { return cert_; }  // also the CA file that trusts it
  const std::filesystem::path& key_file() const { return key_; }

 private:
  std::filesystem::path dir_, cert_, key_;
};

}  // namespace mockgc::client::testing
