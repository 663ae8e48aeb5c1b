// Server: the HTTP/1.1 listener on Boost.Beast. Accepts connections on worker threads, keeps them
// alive, enforces header/body size limits and read/idle timeouts, writes one structured access-log
// line per request, and hands each complete request to a Handler. Protocol errors (oversized
// header or body, malformed request, timeouts) are answered here with the JSON error body.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/status.h"
#include "http/message.h"

namespace lz::http {

struct ServerOptions {
  std::string listen_address = "127.0.0.1";
  uint16_t port = 8080;                     // 0 picks a free port; see Server::port()
  unsigned threads = 0;                     // 0 = DefaultServerThreads()
  size_t max_header_bytes = 16 * 1024;
  size_t max_json_body_bytes = 1 << 20;     // bodies of any type but uploads
  size_t max_upload_body_bytes = 20 << 20;  // multipart/form-data and application/octet-stream
  unsigned read_timeout_seconds = 30;       // to receive one whole request once it has started
  unsigned idle_timeout_seconds = 60;       // keep-alive connection with no request in progress
  bool access_log = true;
  // Reverse proxies (exact IP addresses, e.g. nginx's "127.0.0.1") whose X-Forwarded-For names
  // the client: rate limits, audit and access logs then see the browser's address (ClientAddress).
  std::vector<std::string> trusted_proxies;
};

// Worker threads when ServerOptions::threads is 0: four per core, at least 8. Handlers block on the
// database (a durable commit waits for its disk flush), so more threads than cores keep the cores
// busy, and writers waiting together share one commit (storage/sql/group_commit.h).
unsigned DefaultServerThreads();

// Called on a worker thread for each request; must be thread-safe. Exceptions escaping it are
// caught and answered with 500.
using Handler = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the worker threads; returns once the socket listens.
  Status Start();
  // Port actually bound (after Start; useful with port 0).
  uint16_t port() const;
  // Stops accepting, closes connections (waiting up to 5 s for handlers in progress to finish)
  // and joins the workers. Idempotent; called by the destructor. Must not be called from a
  // Handler (it would wait for itself); not async-signal-safe (use a signal_set or a thread).
  void Stop();
  // Blocks until Stop() is called from another thread or a signal handler.
  void Wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lz::http
