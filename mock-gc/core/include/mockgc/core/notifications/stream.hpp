#pragma once
// One WebSocket connection to a notification channel, as the core sees it. The shell (mock-gc/net) or an
// in-process client only moves text: it writes what pull() hands out, reports what it wrote (confirm) and
// passes on what the client said (receive). The core decides every frame and when the socket closes,
// reading the world clock, so the same session runs on the virtual clock without a socket.
#include <string>
#include <string_view>
#include <vector>

namespace mockgc::core::notifications {

// How the socket ends after the frames of a pull are written.
enum class Close {
  none,    // keep it open
  normal,  // WebSocket close handshake (code 1000): expired channel, planned close, superseded connection
  abrupt,  // drop the TCP connection without a close frame (the socket_drop fault)
};

struct Outbox {
  std::vector<std::string> frames;  // text frames, in order
  Close close = Close::none;
};

class Stream {
 public:
  virtual ~Stream() = default;
  // Frames due now: answers to the client's messages, heartbeats, events, closing warnings.
  virtual Outbox pull() = 0;
  // Every frame of the last pull() was written. Events leave the channel's queue only when confirmed: a
  // connection that dies first leaves them to the channel's next connection (at-least-once, in order).
  virtual void confirm() = 0;
  // A text message from the client ({"message":"ping"}, {"message":"subscribe",…}); answered on the next pull.
  virtual void receive(std::string_view text) = 0;
};

}  // namespace mockgc::core::notifications
