#include "aggregates_answer.hpp"

#include <nlohmann/json.hpp>

#include "mockgc/client/errc.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

// The containers read, innermost last.
enum class In : std::uint8_t { top, results, group, group_fields, data, entry, metrics, metric, stats };
// What the next value is: from its array, or in an object from its key.
enum class Slot : std::uint8_t {
  root, results, group, group_fields, queue_id, data, entry, interval, metrics, metric, metric_name, stats,
  count, sum, ignored
};
enum class Metric : std::uint8_t { other, offered, handle };

// nlohmann's SAX interface (json::sax_parse calls it by name, no virtual calls). A handler returning false
// stops the parse, which then fails: only a parse error does, so that a body of the wrong shape still tells
// whether it is JSON; after a value of the wrong type the rest is only parsed.
class Reader {
 public:
  std::vector<AggregateQueueGroup> groups;
  bool wrong_shape = false;

  bool null() { return other_value(); }
  bool boolean(bool /*v*/) { return other_value(); }
  bool number_integer(json::number_integer_t v) {
    // The lexer gives non-negative integers as unsigned; this is a negative one (or "-0").
    return v == 0 ? number(0) : other_value();
  }
  bool number_unsigned(json::number_unsigned_t v) { return number(v); }
  bool number_float(json::number_float_t v, const json::string_t& /*text*/) {
    // The lexer has checked it is finite; a fraction is truncated.
    if (v < 0 || v >= 18446744073709551616.0) return other_value();
    return number(static_cast<std::uint64_t>(v));
  }
  bool string(json::string_t& s) {
    if (skip_ || wrong_shape) return true;
    switch (slot()) {
      case Slot::queue_id:
        group_.queue_id = s;
        has_queue_ = true;
        return true;
      case Slot::interval: {
        const std::string_view text(s);
        const auto start = api::parse_instant(text.substr(0, text.find('/')));
        if (!start) return wrong();
        entry_.start = *start;
        has_interval_ = true;
        return true;
      }
      case Slot::metric_name:
        metric_ = s == "nOffered" ? Metric::offered : s == "tHandle" ? Metric::handle : Metric::other;
        return true;
      case Slot::ignored: return true;
      default: return wrong();
    }
  }
  bool binary(json::binary_t& /*b*/) { return false; }  // never in JSON text

  bool start_object(std::size_t /*elements*/) {
    if (wrong_shape) return true;
    if (skip_) return ++skip_, true;
    switch (slot()) {
      case Slot::root: return open(In::top);
      case Slot::group:
        group_ = {};
        has_queue_ = false;
        return open(In::group);
      case Slot::group_fields:
        has_queue_ = false;  // the last "group" holds
        return open(In::group_fields);
      case Slot::entry:
        entry_ = {};
        has_interval_ = false;
        return open(In::entry);
      case Slot::metric:
        metric_ = Metric::other;
        count_ = sum_ = 0;
        return open(In::metric);
      case Slot::stats:
        count_ = sum_ = 0;  // the last "stats" holds
        return open(In::stats);
      case Slot::ignored: return skip_ = 1, true;
      default: return wrong();
    }
  }
  bool key(json::string_t& k) {
    if (skip_ || wrong_shape) return true;
    key_ = Slot::ignored;
    switch (in_.back()) {
      case In::top:
        if (k == "results") key_ = Slot::results;
        break;
      case In::group:
        if (k == "group") key_ = Slot::group_fields;
        if (k == "data") key_ = Slot::data;
        break;
      case In::group_fields:
        if (k == "queueId") key_ = Slot::queue_id;
        break;
      case In::entry:
        if (k == "interval") key_ = Slot::interval;
        if (k == "metrics") key_ = Slot::metrics;
        break;
      case In::metric:
        if (k == "metric") key_ = Slot::metric_name;
        if (k == "stats") key_ = Slot::stats;
        break;
      case In::stats:
        if (k == "count") key_ = Slot::count;
        if (k == "sum") key_ = Slot::sum;
        break;
      default: break;  // arrays have no keys
    }
    return true;
  }
  bool end_object() {
    if (wrong_shape) return true;
    if (skip_) return --skip_, true;
    const In closed = in_.back();
    in_.pop_back();
    switch (closed) {
      case In::group:
        if (has_queue_) groups.push_back(std::move(group_));
        break;
      case In::entry:
        if (has_interval_) group_.data.push_back(entry_);
        break;
      case In::metric:
        if (metric_ == Metric::offered) entry_.offered += count_;
        if (metric_ == Metric::handle) {
          entry_.handled += count_;
          entry_.handle_ms += sum_;
        }
        break;
      default: break;
    }
    return true;
  }
  bool start_array(std::size_t /*elements*/) {
    if (wrong_shape) return true;
    if (skip_) return ++skip_, true;
    switch (slot()) {
      case Slot::results:
        groups.clear();  // the last "results" holds
        return open(In::results);
      case Slot::data:
        group_.data.clear();
        return open(In::data);
      case Slot::metrics:
        entry_.offered = entry_.handled = entry_.handle_ms = 0;
        return open(In::metrics);
      case Slot::ignored: return skip_ = 1, true;
      default: return wrong();
    }
  }
  bool end_array() {
    if (wrong_shape) return true;
    if (skip_) return --skip_, true;
    in_.pop_back();
    return true;
  }
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/, const nlohmann::detail::exception& /*e*/) {
    return false;
  }

 private:
  Slot slot() const {
    if (in_.empty()) return Slot::root;
    switch (in_.back()) {
      case In::results: return Slot::group;
      case In::data: return Slot::entry;
      case In::metrics: return Slot::metric;
      default: return key_;
    }
  }
  bool open(In container) {
    in_.push_back(container);
    return true;
  }
  bool number(std::uint64_t v) {
    if (skip_ || wrong_shape) return true;
    switch (slot()) {
      case Slot::count: return count_ = v, true;
      case Slot::sum: return sum_ = v, true;
      case Slot::ignored: return true;
      default: return wrong();
    }
  }
  // A value that is none of what the slot reads: fine where nothing is read.
  bool other_value() { return skip_ || wrong_shape || slot() == Slot::ignored || wrong(); }
  bool wrong() {
    wrong_shape = true;
    return true;
  }

  std::vector<In> in_;
  Slot key_ = Slot::ignored;
  std::size_t skip_ = 0;  // depth inside a skipped value
  AggregateQueueGroup group_;
  bool has_queue_ = false;
  AggregateInterval entry_;
  bool has_interval_ = false;
  Metric metric_ = Metric::other;
  std::uint64_t count_ = 0, sum_ = 0;
};

}  // namespace

client::Result<std::vector<AggregateQueueGroup>> read_queue_aggregates(std::string_view body, bool* is_json) {
  Reader reader;
  const bool parsed = json::sax_parse(body.begin(), body.end(), &reader);
  if (is_json) *is_json = parsed;
  if (!parsed || reader.wrong_shape) return client::errc::malformed_response;
  return std::move(reader.groups);
}

}  // namespace mockgc::workflows
