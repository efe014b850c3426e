#pragma once
// Option kinds more than one verb declares: an ISO-8601 duration flag and a positive finite number.
#include <string>

#include "mockgc/core/clock.hpp"

namespace CLI {
class App;
class Option;
class Validator;
}  // namespace CLI

namespace mockgc::app {

// An ISO-8601 duration such as PT10M, stored as milliseconds; anything else (or <= 0) is a validation error
// naming the flag.
CLI::Option* add_duration(CLI::App& app, const std::string& flag, core::Millis& target, const std::string& help);
// A number > 0 that is finite ("X>0").
const CLI::Validator& positive_finite();

}  // namespace mockgc::app
