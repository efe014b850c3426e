#include "support/served_world.hpp"

#include <fstream>
#include <sstream>

namespace mockgc::testing {

std::map<std::string, std::string> banner_words(const std::string& line) {
  std::map<std::string, std::string> out;
  std::istringstream in(line);
  std::string word;
  while (in >> word)
    if (const auto eq = word.find('='); eq != std::string::npos) out[word.substr(0, eq)] = word.substr(eq + 1);
  return out;
}

std::uint16_t port_of(const std::string& url) {
  return static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
}

Banner read_banner(ChildProcess& child) {
  Banner s;
  auto line = child.read_line();
  EXPECT_TRUE(line.has_value()) << "no output from mock-gc";
  if (!line) return s;
  s.header = *line;
  s.lines.push_back(*line);
  while ((line = child.read_line())) {
    if (*line == "ready") {
      s.ready = true;
      return s;
    }
    s.lines.push_back(*line);
    if (line->starts_with("region=")) {
      s.region_lines.push_back(*line);
      auto words = banner_words(*line);
      s.regions[words["region"]] = words;
    } else if (line->starts_with("clock ")) {
      s.clock = banner_words(*line);
    } else if (line->starts_with("shared ")) {
      s.shared_line = *line;
      s.shared_url = banner_words(*line)["url"];
      s.shared_port = port_of(s.shared_url);
    }
  }
  ADD_FAILURE() << "mock-gc never printed 'ready'";
  return s;
}

std::string run_and_capture(const std::vector<std::string>& argv, int& exit_code, std::string* err) {
  ChildProcess child(argv);
  std::string out;
  while (auto line = child.read_line(std::chrono::seconds(180))) out += *line + "\n";
  exit_code = child.wait_exit(std::chrono::seconds(120)).value_or(-1);
  if (err) *err = child.drain_stderr();
  return out;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace mockgc::testing
