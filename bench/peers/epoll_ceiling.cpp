// The cheapest possible HTTP/1.1 responder on this machine: one thread per core, each with its own
// SO_REUSEPORT listener and epoll loop, answering every request on a keep-alive connection with the same
// pre-rendered response (the body file given on the command line). No routing, no parsing beyond finding
// the end of each request's headers: it is the ceiling the peers table compares mock-gc and its peers to,
// not a server. Requests with a body are not supported (wrk sends GETs).
//
//   epoll_ceiling BODY_FILE [PORT] [THREADS]   prints "port=<n>" once listening; stops on SIGTERM/SIGINT
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace {

std::atomic<bool> stopping{false};

int listen_on(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 1024) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

int bound_port(int fd) {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  return ntohs(addr.sin_port);
}

// One epoll loop over one listener: accept, then for each readable connection count the complete requests
// ("\r\n\r\n" ends each header block) and write that many copies of the response.
void serve(int listener, const std::string& response) {
  const int ep = ::epoll_create1(0);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = listener;
  ::epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
  std::unordered_map<int, std::string> pending;  // per connection: bytes of an unfinished request
  std::vector<epoll_event> events(256);
  std::vector<char> buffer(64 * 1024);
  while (!stopping.load()) {
    const int n = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()), 200);
    for (int i = 0; i < n; ++i) {
      const int fd = events[static_cast<std::size_t>(i)].data.fd;
      if (fd == listener) {
        for (int c; (c = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK)) >= 0;) {
          int one = 1;
          ::setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          epoll_event cev{};
          cev.events = EPOLLIN;
          cev.data.fd = c;
          ::epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
        }
        continue;
      }
      auto& carry = pending[fd];
      bool closed = false;
      for (;;) {
        const ssize_t got = ::read(fd, buffer.data(), buffer.size());
        if (got > 0) {
          carry.append(buffer.data(), static_cast<std::size_t>(got));
          continue;
        }
        closed = got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
        break;
      }
      std::string out;
      for (std::size_t end; (end = carry.find("\r\n\r\n")) != std::string::npos;) {
        carry.erase(0, end + 4);
        out += response;
      }
      for (std::size_t sent = 0; !closed && sent < out.size();) {
        const ssize_t w = ::write(fd, out.data() + sent, out.size() - sent);
        if (w > 0) sent += static_cast<std::size_t>(w);
        else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) std::this_thread::yield();
        else closed = true;
      }
      if (closed) {
        pending.erase(fd);
        ::close(fd);
      }
    }
  }
  ::close(ep);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: epoll_ceiling BODY_FILE [PORT] [THREADS]\n");
    return 2;
  }
  std::string body;
  if (std::FILE* f = std::fopen(argv[1], "rb")) {
    char chunk[4096];
    for (std::size_t got; (got = std::fread(chunk, 1, sizeof chunk, f)) > 0;) body.append(chunk, got);
    std::fclose(f);
  } else {
    std::fprintf(stderr, "epoll_ceiling: cannot read %s\n", argv[1]);
    return 2;
  }
  const int port = argc > 2 ? std::atoi(argv[2]) : 0;
  const unsigned threads = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : std::thread::hardware_concurrency();
  const std::string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body;

  std::signal(SIGTERM, [](int) { stopping = true; });
  std::signal(SIGINT, [](int) { stopping = true; });
  std::vector<int> listeners;
  int chosen = port;
  for (unsigned i = 0; i < (threads == 0 ? 1 : threads); ++i) {
    const int fd = listen_on(chosen);
    if (fd < 0) {
      std::fprintf(stderr, "epoll_ceiling: cannot listen on 127.0.0.1:%d (%s)\n", chosen, std::strerror(errno));
      return 1;
    }
    chosen = bound_port(fd);  // the other threads share the first listener's port (SO_REUSEPORT)
    listeners.push_back(fd);
  }
  std::printf("port=%d\n", chosen);
  std::fflush(stdout);
  std::vector<std::thread> loops;
  for (int fd : listeners) loops.emplace_back(serve, fd, std::cref(response));
  for (auto& t : loops) t.join();
  for (int fd : listeners) ::close(fd);
  return 0;
}
