// mock-gc: serve a simulated multi-region Genesys Cloud world until SIGINT/SIGTERM, or play a scenario.
// `mock-gc <verb> [options]`; `mock-gc --help`. Exit status: 0 ok, 1 failed, 2 a bad command line.
#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) { return mockgc::app::run_command_line(argc, argv, std::cout, std::cerr); }
