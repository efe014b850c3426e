#pragma once
// Performing the core's event_stream directive (api::Delivery): the live console's updates
// (core::Service::console_update) as Server-Sent Events, one `event: state` per tick, until the peer leaves.
// The core decides what an update says and who may read it; the shell only frames and paces the bytes.
// A template over the stream like session.hpp, so the same code runs on TCP, TLS and beast::test::stream.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "asio.hpp"
#include "delivery.hpp"
#include "messages.hpp"
#include "mockgc/core/console.hpp"
#include "mockgc/core/service.hpp"

namespace mockgc::net::detail {

// Holds one of at most `limit` concurrent event streams for as long as it lives.
class StreamSlot {
 public:
  StreamSlot(std::atomic<std::size_t>* open, std::size_t limit) : open_(open) {
    if (open_ && open_->fetch_add(1) >= limit) {
      open_->fetch_sub(1);
      open_ = nullptr;
      refused_ = true;
    }
  }
  StreamSlot(const StreamSlot&) = delete;
  StreamSlot& operator=(const StreamSlot&) = delete;
  ~StreamSlot() {
    if (open_) open_->fetch_sub(1);
  }
  bool refused() const { return refused_; }

 private:
  std::atomic<std::size_t>* open_;
  bool refused_ = false;
};

// One SSE frame: the update is one line of JSON, so one `data:` line carries it.
inline std::string sse_frame(std::string_view event, std::string_view data, std::string_view id) {
  std::string out;
  out.reserve(data.size() + event.size() + id.size() + 24);
  out.append("id: ").append(id).append("\nevent: ").append(event).append("\ndata: ").append(data).append("\n\n");
  return out;
}

// Sends the header of `answer` (its fields; no Content-Length: chunked on HTTP/1.1, close-delimited on 1.0),
// then an update every `interval` until a write fails or the peer goes away. Always ends the connection.
template <class Stream>
asio::awaitable<Delivered> stream_events(Stream& stream, api::HttpResponse answer, unsigned version,
                                         const core::Service& service, std::chrono::milliseconds interval,
                                         std::chrono::milliseconds write_timeout) {
  http::response<http::empty_body> head{http::status::ok, version};
  for (const auto& field : answer.headers) {
    if (api::iequals(field.name, "Content-Length") || api::iequals(field.name, "Transfer-Encoding") ||
        api::iequals(field.name, "Connection"))
      continue;
    head.insert(field.name, field.value);
  }
  const bool chunked = version >= 11;
  head.keep_alive(false);
  if (chunked) head.chunked(true);
  http::response_serializer<http::empty_body> serializer(head);
  expire_after(stream, write_timeout);
  auto [head_error, head_bytes] = co_await http::async_write_header(stream, serializer, use_tuple);
  (void)head_bytes;
  if (head_error) co_return Delivered::aborted;

  core::console::Cursor cursor;
  for (bool first = true;; first = false) {
    const std::string update = service.console_update(cursor);
    std::string frame = first ? std::string("retry: 2000\n") : std::string();
    frame += sse_frame("state", update, std::to_string(cursor.generation) + "-" + std::to_string(cursor.next_seq));
    expire_after(stream, write_timeout);
    beast::error_code ec;
    if (chunked) {
      std::tie(ec, std::ignore) = co_await asio::async_write(stream, http::make_chunk(asio::buffer(frame)), use_tuple);
    } else {
      std::tie(ec, std::ignore) = co_await asio::async_write(stream, asio::buffer(frame), use_tuple);
    }
    if (ec || !co_await wait_delay(stream, interval)) co_return Delivered::aborted;
  }
}

}  // namespace mockgc::net::detail
