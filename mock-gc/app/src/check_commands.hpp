#pragma once
// The `check` and `verify` subcommands of the mock-gc executable (mockgc::check does the work).
namespace CLI {
class App;
}

namespace mockgc::app {

// Registers `check` and `verify` on `app`. When one of them runs (during app.parse), its exit status goes to
// `exit_code`: 0 pass, 1 fail, 2 bad input. Usage errors stay CLI11's (CLI::ParseError from parse).
void add_check_commands(CLI::App& app, int& exit_code);

}  // namespace mockgc::app
