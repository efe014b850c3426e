#pragma once
// Plain-text tables for workflow summaries: left-aligned first column, right-aligned numbers.
#include <string>
#include <vector>

namespace gchub {

// rows[0] is the header. Column i is right-aligned when right_aligned[i] is true.
std::string render_table(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right_aligned);

}  // namespace gchub
