#pragma once
// The frame of every gc-hub --html page: one self-contained document with the house stylesheet and the
// charts' one, an <h1> and a muted line saying what the data is (window, seed…).
#include <string_view>

#include "mockgc/reports/html.hpp"

namespace gchub {

mockgc::reports::html::Document html_page(std::string_view title, std::string_view heading,
                                          std::string_view provenance);

}  // namespace gchub
