#pragma once
// The seam between the pure core and anything that carries bytes (the Beast shell, in-process
// transports, tests): one thread-safe call, request in, response out.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mockgc/api/http.hpp"
#include "mockgc/core/clock.hpp"
#include "mockgc/core/notifications/stream.hpp"

namespace mockgc::core {

namespace journal {
class RequestJournal;
struct JournalEntry;
}
namespace console {
struct Cursor;
}

struct RequestContext {
  // Region key fixed by the listener a request came in on; empty on the shared port,
  // where the Host header (api.mypurecloud.de, login.mypurecloud.de) picks the region.
  std::string region;
  std::string peer;      // "127.0.0.1:54321", for logs and the journal
  std::string scheme = "http";  // "https" on a TLS listener; used to build absolute URLs (downloadUrl)
  // The caller reads api::HttpResponse::shared_body: a cached body comes back shared, not copied.
  bool shared_body = false;
};

struct RegionEndpointInfo {
  std::string region;         // "eu_central_1"
  std::string org_name;
  std::string client_id;      // OAuth client-credentials pair that can log in to this org
  std::string client_secret;
};

struct ServiceOptions {
  std::optional<std::filesystem::path> scenario_file;  // default: the built-in default world
  std::optional<std::uint64_t> seed;                   // overrides the scenario's seed
  // Scenario JSON text instead of a file (tests, embedded worlds); scenario_file wins when both are set.
  std::optional<std::string> scenario_text;
  // The clock tokens, download expiry and metadata dates read. Not owned; must outlive the service.
  // nullptr: a RealClock owned by the service. Tests pass an api::ManualClock for byte-identical runs.
  api::Clock* clock = nullptr;
  // Plays every scenario this service loads on a running clock: from the scenario's clock start (run_start:
  // a fixed Monday when it names none) at this many world ms per wall ms, whatever its clock mode. A
  // virtual world otherwise stands still until the admin API moves it, and so do its asynchronous
  // operations (imports, jobs). Ignored when `clock` is set. Must be > 0.
  std::optional<double> clock_speed;
  // Limits that keep memory bounded whatever a client sends.
  std::size_t max_body_bytes = 10 * 1024 * 1024;      // larger bodies -> 413
  std::size_t download_threshold_bytes = 1024 * 1024; // WFM listings larger than this -> downloadUrl
  // Agent-schedule query/search results larger than this are answered Processing and completed by a
  // notification (as forceAsync=true does for any size).
  std::size_t async_threshold_bytes = 8 * 1024 * 1024;
  // Conversation-history cells kept for the analytics of every org (wfm::HistoryCache: one queue's UTC day
  // is 8.4 KB, built on first read; the least recently used are forgotten and rebuilt, same values, when read
  // again). 256 MiB holds the default world's whole window, or a month of 1,000 queues.
  std::size_t history_cache_bytes = std::size_t{256} << 20;
  // Admin API (/mockgc/admin/…): when set, requests need `Authorization: Bearer <admin_token>`; when
  // unset, only loopback (127.0.0.0/8, ::1) and in-process peers are served.
  std::optional<std::string> admin_token;
  // Called with every journal entry as it is appended (RequestJournal::set_sink), in every world epoch:
  // after an admin scenario load/reset the new epoch's seq starts again at 1. Keep it short.
  std::function<void(const journal::JournalEntry&)> journal_sink;
  // Region keys this process serves (empty: every region of the scenario). The whole world is still
  // generated from seed + scenario, so processes serving disjoint regions of one scenario agree on ids,
  // bi-regional people and the fault timeline; an unserved region answers as one the world lacks.
  std::vector<std::string> served_regions;
};

class Service {
 public:
  virtual ~Service() = default;
  // Thread-safe. Never throws for any input: malformed requests become Genesys-shaped 4xx responses.
  virtual api::HttpResponse handle(const api::HttpRequest& request, const RequestContext& ctx) = 0;
  virtual std::vector<RegionEndpointInfo> regions() const = 0;
  virtual std::uint64_t seed() const = 0;
  // The request journal (every request: time, region, client, status, fault applied; per-route counters).
  // nullptr for services without one (test doubles).
  virtual const journal::RequestJournal* journal() const { return nullptr; }
  // The clock every time-dependent part reads (virtual in virtual mode: the admin API / runner advance it).
  virtual api::Clock* clock() const { return nullptr; }
  // The live console's next update for a reader at `cursor` (mockgc/core/console.hpp), advancing the cursor.
  // Not journaled: the shell calls it on every tick of an event stream. "" for services without a console.
  virtual std::string console_update(console::Cursor& cursor) const {
    (void)cursor;
    return {};
  }
  // The Notifications API's WebSocket side: a connection to the channel an upgrade request names
  // (GET /channels/{channelId}); nullptr when the path names no channel (the shell answers it over HTTP).
  // The stream is thread-safe and keeps what it needs alive.
  virtual std::unique_ptr<notifications::Stream> open_stream(const api::HttpRequest& upgrade, const RequestContext& ctx) {
    (void)upgrade;
    (void)ctx;
    return nullptr;
  }
};

// `GET /mockgc/health`: answered by the service itself, never journalled (probes are not the integration).
bool is_health_probe(const api::HttpRequest& request);
api::HttpResponse health_response(const Service& service);

// Throws std::runtime_error (with file, key and reason) for a bad scenario file: start-up errors only.
std::unique_ptr<Service> make_service(const ServiceOptions& options);

}  // namespace mockgc::core
