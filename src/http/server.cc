// Server on Boost.Beast: an acceptor and one Session per connection, all driven by completion
// handlers on a shared io_context run by the worker threads. Each connection's operations are
// serialised on its own strand. A session loops: wait for the first byte of a request (idle
// timeout), read the header and then the body (read timeout, size limits chosen by Content-Type),
// convert to lz::http::Request, call the Handler, write the Response, log one access line.
#include "http/server.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <exception>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

namespace lz::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// How long Stop() lets open connections wind down before the io_context is stopped.
constexpr std::chrono::seconds kStopDrainTime{5};
// How long a connection closed after an error response keeps reading (and discarding) what the
// client still sends, so that the client sees the response rather than a reset.
constexpr std::chrono::seconds kLingerTime{2};
constexpr size_t kFirstReadSize = 4096;

Method ToMethod(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::delete_: return Method::kDelete;
    case bhttp::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

// Beast's string_view is std::string_view or boost::string_view depending on
// BOOST_BEAST_USE_STD_STRING_VIEW; this works with both.
std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

bool IsHttpProtocolError(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category();
}

// Header names and values go to the wire verbatim: refuse anything that could split a header.
bool IsSafeHeaderText(std::string_view s) {
  return s.find_first_of("\r\n", 0) == std::string_view::npos && s.find('\0') == std::string_view::npos;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool IStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && IEquals(s.substr(0, prefix.size()), prefix);
}

bool IsUpload(std::string_view content_type) {
  return IStartsWith(content_type, "multipart/form-data") || IStartsWith(content_type, "application/octet-stream");
}

void ToLowerInPlace(std::string& s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// Fills path and query of `req` from `target`; a Status naming what is wrong otherwise.
Status ParseTarget(std::string_view target, Request& req) {
  // absolute-form ("http://host/path") is legal in HTTP/1.1: keep only the path.
  if (IStartsWith(target, "http://") || IStartsWith(target, "https://")) {
    size_t scheme_end = target.find("//") + 2;
    size_t slash = target.find('/', scheme_end);
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  size_t question = target.find('?');
  std::string_view raw_path = target.substr(0, question);
  if (raw_path.empty() || raw_path.front() != '/') return InvalidArgument("request target must be an absolute path");
  if (!PercentDecode(raw_path, false, req.path)) return InvalidArgument("malformed percent-encoding in path");
  std::string_view path = req.path;
  if (path.find('\0') != std::string_view::npos) return InvalidArgument("path contains NUL");
  // A ".." segment anywhere ("/a/../b", "/a/..") is refused, whatever its encoding was.
  if (path.find("/../") != std::string_view::npos || (path.size() >= 3 && path.substr(path.size() - 3) == "/..")) {
    return InvalidArgument("path contains '..'");
  }
  if (path.find('\\') != std::string_view::npos && path.find("..") != std::string_view::npos) {
    return InvalidArgument("path contains '..'");
  }
  if (question == std::string_view::npos) return Status::Ok();
  return ParseFormEncoded(target.substr(question + 1), req.query, "query");
}

// Appends `s` to `out` as the inside of a JSON string: escapes quotes, backslashes and control
// characters, and replaces bytes that are not UTF-8 with U+FFFD, so log lines stay valid JSON.
void AppendJsonEscaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
      ++i;
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
    } else {
      size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
      bool ok = len > 0 && i + len <= s.size();
      for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
      if (ok) {
        out.append(s.substr(i, len));
        i += len;
      } else {
        out += "\\ufffd";
        ++i;
      }
    }
  }
}

// "2024-06-01T08:00:00.123Z".
void AppendUtcTimestamp(std::string& out) {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                        tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  out.append(buf, static_cast<size_t>(n));
}

// The Date header value, formatted once per second per thread.
const std::string& HttpDate() {
  thread_local std::time_t cached_second = 0;
  thread_local std::string cached;
  std::time_t now = std::time(nullptr);
  if (now != cached_second || cached.empty()) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached.assign(buf, n);
    cached_second = now;
  }
  return cached;
}

class Session;

// What the sessions share: options, handler, logger and the registry Stop() uses to close them.
// Outlives every session (it is destroyed after the io_context).
struct Core {
  ServerOptions options;
  Handler handler;
  std::shared_ptr<spdlog::logger> access_log;  // null when access logging is off
  std::atomic<bool> stopping{false};

  std::mutex sessions_mu;
  std::condition_variable sessions_cv;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Core& core) : stream_(std::move(socket)), core_(core) {
    beast::error_code ec;
    tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
    if (!ec) {
      net::ip::address address = remote.address();
      if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
      }
      remote_ = address.to_string();
    }
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  ~Session() {
    std::lock_guard lock(core_.sessions_mu);
    core_.sessions.erase(this);
    if (core_.sessions.empty()) core_.sessions_cv.notify_all();
  }

  // Registers the session and starts its loop on its strand.
  void Start() {
    {
      std::lock_guard lock(core_.sessions_mu);
      core_.sessions.emplace(this, weak_from_this());
    }
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (self->core_.stopping.load()) {
        self->Close();
      } else {
        self->WaitForRequest();
      }
    });
  }

  // Closes the socket; pending operations complete with an error and the session ends.
  // Must run on the session's strand (post it there).
  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  net::any_io_executor executor() { return stream_.get_executor(); }

 private:
  // 0 seconds means no timeout.
  void ExpireAfter(unsigned seconds) {
    if (seconds == 0) {
      stream_.expires_never();
    } else {
      stream_.expires_after(std::chrono::seconds(seconds));
    }
  }

  // Keep-alive wait: the idle timeout runs until the first byte of the next request arrives.
  void WaitForRequest() {
    if (buffer_.size() > 0) {  // pipelined request already buffered
      StartRequest();
      return;
    }
    ExpireAfter(core_.options.idle_timeout_seconds);
    stream_.async_read_some(buffer_.prepare(kFirstReadSize),
                            beast::bind_front_handler(&Session::OnFirstBytes, shared_from_this()));
  }

  void OnFirstBytes(beast::error_code ec, size_t n) {
    if (ec) {  // idle timeout, client closed, reset, or Stop(): nothing to answer
      Close();
      return;
    }
    buffer_.commit(n);
    StartRequest();
  }

  void StartRequest() {
    started_ = std::chrono::steady_clock::now();
    log_method_ = "-";
    log_path_.clear();
    ExpireAfter(core_.options.read_timeout_seconds);
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(std::min<size_t>(core_.options.max_header_bytes, UINT32_MAX)));
    // The real limit depends on Content-Type and is set once the header is in; until then the
    // larger one, since Beast checks Content-Length against it at the end of the header.
    parser_->body_limit(std::max(core_.options.max_json_body_bytes, core_.options.max_upload_body_bytes));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    if (ec) {
      ReadFailed(ec);
      return;
    }
    const auto& header = parser_->get();
    log_method_ = std::string(View(header.method_string()));
    std::string_view target = View(header.target());
    log_path_ = std::string(target.substr(0, target.find('?')));

    bool upload = IsUpload(View(header[bhttp::field::content_type]));
    size_t limit = upload ? core_.options.max_upload_body_bytes : core_.options.max_json_body_bytes;
    if (auto length = parser_->content_length(); length && *length > limit) {
      SendProtocolError(413, "request body too large (max " + std::to_string(limit) + " bytes)");
      return;
    }
    parser_->body_limit(limit);
    if (parser_->is_done()) {
      HandleRequest();
      return;
    }
    if (IEquals(View(header[bhttp::field::expect]), "100-continue")) {
      continue_.emplace(bhttp::status::continue_, header.version());
      bhttp::async_write(stream_, *continue_,
                         beast::bind_front_handler(&Session::OnContinueWritten, shared_from_this()));
      return;
    }
    ReadBody();
  }

  void OnContinueWritten(beast::error_code ec, size_t) {
    continue_.reset();
    if (ec) {
      Close();
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, size_t) {
    if (ec) {
      ReadFailed(ec);
      return;
    }
    HandleRequest();
  }

  // A read of a request failed: answer what can be answered, close in every case.
  void ReadFailed(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) {
      SendProtocolError(431, "request header too large (max " + std::to_string(core_.options.max_header_bytes) +
                                 " bytes)");
    } else if (ec == bhttp::error::body_limit) {
      size_t limit = std::max(core_.options.max_json_body_bytes, core_.options.max_upload_body_bytes);
      if (parser_ && parser_->is_header_done()) {
        bool upload = IsUpload(View(parser_->get()[bhttp::field::content_type]));
        limit = upload ? core_.options.max_upload_body_bytes : core_.options.max_json_body_bytes;
      }
      SendProtocolError(413, "request body too large (max " + std::to_string(limit) + " bytes)");
    } else if (IsHttpProtocolError(ec) && ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      SendProtocolError(400, "malformed HTTP request");
    } else {
      // Timeout (the stream is already closed), connection closed or reset, or Stop().
      Close();
    }
  }

  void HandleRequest() {
    auto message = parser_->release();
    parser_.reset();
    bool keep_alive = message.keep_alive();
    unsigned version = message.version();

    Request req;
    req.method = ToMethod(message.method());
    req.target = std::string(View(message.target()));
    req.client_address = remote_;
    Status target_status = ParseTarget(req.target, req);

    Response res;
    if (!target_status.ok()) {
      res = Response::Error(target_status);
    } else {
      for (const auto& field : message) {
        std::string name(View(field.name_string()));
        ToLowerInPlace(name);
        std::string_view value = View(field.value());
        auto [it, inserted] = req.headers.try_emplace(std::move(name), value);
        if (!inserted) {
          it->second += it->first == "cookie" ? "; " : ", ";
          it->second += value;
        }
      }
      req.body = std::move(message.body());
      if (!core_.options.trusted_proxies.empty()) {
        req.client_address = ClientAddress(remote_, req.Header("x-forwarded-for"), core_.options.trusted_proxies);
      }
      try {
        res = core_.handler(req);
      } catch (const std::exception& e) {
        spdlog::error("http: handler threw on {} {}: {}", log_method_, log_path_, e.what());
        res = Response::Error(Internal("internal error"));
      } catch (...) {
        spdlog::error("http: handler threw a non-standard exception on {} {}", log_method_, log_path_);
        res = Response::Error(Internal("internal error"));
      }
    }
    Send(std::move(res), version, keep_alive, req.method == Method::kHead, false);
  }

  // Answers a request that could not be read (413, 431, 400) and closes the connection.
  void SendProtocolError(int status, std::string message) {
    Response res = Response::Error(Status(StatusCode::kInvalidArgument, std::move(message)));
    res.status = status;
    bool head = parser_ && parser_->is_header_done() && parser_->get().method() == bhttp::verb::head;
    parser_.reset();
    Send(std::move(res), 11, false, head, true);
  }

  void Send(Response res, unsigned version, bool keep_alive, bool head, bool linger) {
    if (res.status < 100 || res.status > 599) {
      spdlog::error("http: handler returned invalid status {} on {} {}", res.status, log_method_, log_path_);
      res = Response::Error(Internal("internal error"));
    }
    response_ = {};
    response_.version(version);
    response_.result(static_cast<unsigned>(res.status));
    response_.set(bhttp::field::server, "lianzhang");
    response_.set(bhttp::field::date, HttpDate());
    response_.set("X-Content-Type-Options", "nosniff");
    if (!res.content_type.empty() && IsSafeHeaderText(res.content_type)) {
      response_.set(bhttp::field::content_type, res.content_type);
    }
    for (auto& [name, value] : res.headers) {
      if (name.empty() || !IsSafeHeaderText(name) || !IsSafeHeaderText(value) ||
          name.find_first_of(" :\t") != std::string::npos) {
        spdlog::error("http: dropped unsafe response header '{}' on {} {}", name, log_method_, log_path_);
        continue;
      }
      response_.insert(name, value);
    }
    response_.keep_alive(keep_alive);
    log_status_ = res.status;
    log_bytes_ = head ? 0 : res.body.size();
    if (head) {
      response_.content_length(res.body.size());
    } else {
      response_.body() = std::move(res.body);
      response_.prepare_payload();
    }
    ExpireAfter(core_.options.read_timeout_seconds);
    bool close = !keep_alive || response_.need_eof() || linger;
    bhttp::async_write(stream_, response_,
                       beast::bind_front_handler(&Session::OnWrite, shared_from_this(), close, linger));
  }

  void OnWrite(bool close, bool linger, beast::error_code ec, size_t) {
    LogAccess();
    response_ = {};
    if (ec) {
      Close();
      return;
    }
    if (linger) {
      Linger();
      return;
    }
    if (close) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      Close();
      return;
    }
    WaitForRequest();
  }

  // After an error response the client may still be sending the rest of its request; closing at
  // once would make the kernel reset the connection and the client could lose the response. So
  // stop sending and discard input until the client closes or kLingerTime passes.
  void Linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTime);
    buffer_.clear();
    DiscardInput();
  }

  void DiscardInput() {
    stream_.async_read_some(buffer_.prepare(kFirstReadSize), [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) {
        self->Close();
        return;
      }
      self->DiscardInput();
    });
  }

  void LogAccess() {
    const auto& logger = core_.access_log;
    if (!logger || !logger->should_log(spdlog::level::info)) return;
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
    std::string line;
    line.reserve(160 + log_path_.size());
    line += R"({"ts":")";
    AppendUtcTimestamp(line);
    line += R"(","remote":")";
    AppendJsonEscaped(line, remote_);
    line += R"(","method":")";
    AppendJsonEscaped(line, log_method_);
    line += R"(","path":")";
    std::string decoded;
    AppendJsonEscaped(line, PercentDecode(log_path_, false, decoded) ? std::string_view(decoded) : log_path_);
    line += R"(","status":)";
    line += std::to_string(log_status_);
    line += R"(,"bytes":)";
    line += std::to_string(log_bytes_);
    char ms_text[32];
    int n = std::snprintf(ms_text, sizeof ms_text, "%.3f", ms);
    line += R"(,"ms":)";
    line.append(ms_text, static_cast<size_t>(n));
    line += '}';
    logger->info(line);
  }

  beast::tcp_stream stream_;
  Core& core_;
  std::string remote_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::empty_body>> continue_;
  bhttp::response<bhttp::string_body> response_;

  // For the access log line of the current request.
  std::chrono::steady_clock::time_point started_;
  std::string log_method_ = "-";
  std::string log_path_;
  int log_status_ = 0;
  size_t log_bytes_ = 0;
};

}  // namespace

unsigned DefaultServerThreads() { return std::max(8u, 4 * std::max(1u, std::thread::hardware_concurrency())); }

// ---------------------------------------------------------------------------------------------

struct Server::Impl {
  enum class State { kNew, kRunning, kStopped };

  Impl(ServerOptions options, Handler handler)
      : acceptor(net::make_strand(ioc)), accept_retry(acceptor.get_executor()) {
    core.options = std::move(options);
    core.handler = std::move(handler);
  }

  void Accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (core.stopping.load() || ec == net::error::operation_aborted || !acceptor.is_open()) return;
        spdlog::warn("http: accept failed: {}", ec.message());
        // Out of descriptors or memory: back off instead of spinning.
        accept_retry.expires_after(std::chrono::milliseconds(100));
        accept_retry.async_wait([this](beast::error_code wait_ec) {
          if (!wait_ec && !core.stopping.load()) Accept();
        });
        return;
      }
      std::make_shared<Session>(std::move(socket), core)->Start();
      Accept();
    });
  }

  // Declaration order matters for destruction: sessions still owned by pending handlers are
  // destroyed with the io_context and unregister from `core`, so `core` must outlive it.
  Core core;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::steady_timer accept_retry;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::vector<std::thread> threads;
  uint16_t bound_port = 0;

  std::mutex state_mu;  // held for the whole of Start() and Stop()
  std::condition_variable state_cv;
  State state = State::kNew;
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  Impl& im = *impl_;
  std::lock_guard lock(im.state_mu);
  if (im.state != Impl::State::kNew) return FailedPrecondition("server already started");
  const ServerOptions& options = im.core.options;
  std::string where = options.listen_address + ":" + std::to_string(options.port);

  beast::error_code ec;
  tcp::endpoint endpoint;
  net::ip::address address = net::ip::make_address(options.listen_address, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, options.port);
  } else {
    tcp::resolver resolver(im.ioc);
    auto results = resolver.resolve(options.listen_address, std::to_string(options.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) {
      return Unavailable("cannot listen on " + where + ": cannot resolve address: " + ec.message());
    }
    endpoint = results.begin()->endpoint();
  }
  auto fail = [&](std::string_view step) {
    beast::error_code ignored;
    im.acceptor.close(ignored);
    return Unavailable("cannot listen on " + where + ": " + std::string(step) + ": " + ec.message());
  };
  im.acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  im.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return fail("set SO_REUSEADDR");
  im.acceptor.bind(endpoint, ec);
  if (ec) return fail("bind");
  im.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  im.bound_port = im.acceptor.local_endpoint(ec).port();

  if (options.access_log) {
    im.core.access_log = spdlog::get("access");
    if (!im.core.access_log) im.core.access_log = spdlog::default_logger();
  }

  im.work.emplace(im.ioc.get_executor());
  net::post(im.acceptor.get_executor(), [&im] { im.Accept(); });
  unsigned threads = options.threads != 0 ? options.threads : DefaultServerThreads();
  im.threads.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) {
    im.threads.emplace_back([&im] {
      while (true) {
        try {
          im.ioc.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("http: worker caught exception: {}", e.what());
        } catch (...) {
          spdlog::error("http: worker caught a non-standard exception");
        }
      }
    });
  }
  im.state = Impl::State::kRunning;
  return Status::Ok();
}

uint16_t Server::port() const { return impl_->bound_port; }

void Server::Stop() {
  Impl& im = *impl_;
  std::lock_guard lock(im.state_mu);
  if (im.state != Impl::State::kRunning) {
    if (im.state == Impl::State::kNew) {
      im.state = Impl::State::kStopped;
      im.state_cv.notify_all();
    }
    return;
  }
  im.core.stopping.store(true);
  net::post(im.acceptor.get_executor(), [&im] {
    beast::error_code ignored;
    im.acceptor.close(ignored);
    im.accept_retry.cancel();
  });
  // Collect under the lock, post outside it: the last reference to a session may be dropped
  // here, and its destructor takes the lock.
  std::vector<std::shared_ptr<Session>> open_sessions;
  {
    std::lock_guard sessions_lock(im.core.sessions_mu);
    open_sessions.reserve(im.core.sessions.size());
    for (auto& [raw, weak] : im.core.sessions) {
      (void)raw;
      if (auto session = weak.lock()) open_sessions.push_back(std::move(session));
    }
  }
  for (auto& session : open_sessions) {
    net::post(session->executor(), [session] { session->Close(); });
  }
  open_sessions.clear();
  {
    std::unique_lock sessions_lock(im.core.sessions_mu);
    im.core.sessions_cv.wait_for(sessions_lock, kStopDrainTime, [&im] { return im.core.sessions.empty(); });
  }
  im.work.reset();
  im.ioc.stop();
  for (auto& t : im.threads) {
    if (t.get_id() == std::this_thread::get_id()) {
      t.detach();  // Stop() called from a handler: cannot join ourselves
    } else if (t.joinable()) {
      t.join();
    }
  }
  im.threads.clear();
  im.state = Impl::State::kStopped;
  im.state_cv.notify_all();
}

void Server::Wait() {
  Impl& im = *impl_;
  std::unique_lock lock(im.state_mu);
  im.state_cv.wait(lock, [&im] { return im.state != Impl::State::kRunning; });
}

}  // namespace lz::http
