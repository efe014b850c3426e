// Round trips through the real network shell on 127.0.0.1 with a constant core answer.
#include <benchmark/benchmark.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <thread>

#include "mockgc/net/server.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

class ConstantService final : public mockgc::core::Service {
 public:
  mockgc::api::HttpResponse handle(const mockgc::api::HttpRequest&, const mockgc::core::RequestContext&) override {
    mockgc::api::HttpResponse res;
    res.headers.set("Content-Type", "application/json");
    res.headers.set("ININ-Correlation-Id", "00000000-0000-4000-8000-000000000000");
    res.body = R"({"entities":[{"id":"ac-1","name":"On Queue","category":"OnQueueWork","defaultCode":true}]})";
    return res;
  }
  std::vector<mockgc::core::RegionEndpointInfo> regions() const override {
    std::vector<mockgc::core::RegionEndpointInfo> out(1);
    out[0].region = "eu_central_1";
    return out;
  }
  std::uint64_t seed() const override { return 1; }
};

void BM_KeepAliveRoundTrip(benchmark::State& state) {
  ConstantService service;
  mockgc::net::ServerOptions options;
  options.io_threads = static_cast<std::size_t>(state.range(0));
  mockgc::net::Server server(service, options);
  server.start();
  std::thread io([&] { server.run(); });

  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), server.port("eu_central_1")});
  socket.set_option(asio::ip::tcp::no_delay(true));
  http::request<http::string_body> req{http::verb::get,
                                       "/api/v2/workforcemanagement/businessunits/bu-1/activitycodes", 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::authorization, "Bearer token");
  beast::flat_buffer buffer;
  for (auto _ : state) {
    http::write(socket, req);
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    benchmark::DoNotOptimize(res.body().data());
  }
  state.SetItemsProcessed(state.iterations());
  socket.close();
  server.stop();
  io.join();
}
BENCHMARK(BM_KeepAliveRoundTrip)->Arg(1)->Arg(2)->UseRealTime();

}  // namespace
