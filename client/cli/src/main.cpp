// gc-hub: command-line hub for the mock-gc toolkit. `gc-hub <command> [flags]`; `gc-hub --help`.
#include <iostream>

#include "command.hpp"

int main(int argc, char** argv) { return gchub::run_command_line(argc, argv, std::cout, std::cerr); }
