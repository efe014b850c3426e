#pragma once
// `mock-gc check`: serve a scenario's world, run the user's integration against it and judge its traffic;
// `mock-gc verify`: judge a journal exported from a `mock-gc serve` run with the same rules.
// mockgc::check does the work (mock-gc/check/README.md); these files only declare the command lines.
#include "mockgc/check/drivers.hpp"

namespace CLI {
class App;
}

namespace mockgc::app {

CLI::App* declare_check(CLI::App& root, check::CheckOptions& options);
int check_main(const check::CheckOptions& options);

CLI::App* declare_verify(CLI::App& root, check::VerifyOptions& options);
int verify_main(const check::VerifyOptions& options);

}  // namespace mockgc::app
