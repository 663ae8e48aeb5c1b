// Tests of Server over real sockets on port 0 with a Beast synchronous client: keep-alive and
// pipelining, size limits (413, 431), malformed requests (400), HEAD, handler exceptions (500),
// the idle timeout, the access log line, and a clean, idempotent Stop().
#include "http/server.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

namespace lz::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using nlohmann::json;

Response Echo(Request& r) {
  if (r.path == "/throw") throw std::runtime_error("boom");
  json query = json::object();
  for (const auto& [k, v] : r.query) query[k] = v;
  return Response::Json({{"method", std::string(MethodName(r.method))},
                         {"target", r.target},
                         {"path", r.path},
                         {"query", query},
                         {"body_size", r.body.size()},
                         {"client", r.client_address},
                         {"agent", std::string(r.Header("user-agent"))}});
}

ServerOptions TestOptions() {
  ServerOptions o;
  o.port = 0;
  o.threads = 2;
  o.access_log = false;
  return o;
}

// A blocking client; every read gives up after 5 s so that a broken server fails, not hangs.
class Client {
 public:
  explicit Client(uint16_t port) : stream_(ioc_) {
    stream_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    timeval tv{5, 0};
    ::setsockopt(stream_.socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }

  // Sends `req` (with Content-Length set unless it is chunked) and reads the response.
  bhttp::response<bhttp::string_body> Send(bhttp::request<bhttp::string_body> req) {
    if (req.find(bhttp::field::host) == req.end()) req.set(bhttp::field::host, "localhost");
    if (!req.chunked()) req.prepare_payload();
    bhttp::write(stream_, req);
    return Read(req.method() == bhttp::verb::head);
  }

  bhttp::response<bhttp::string_body> Get(const std::string& target) {
    return Send(bhttp::request<bhttp::string_body>(bhttp::verb::get, target, 11));
  }

  bhttp::response<bhttp::string_body> Read(bool head = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    parser.skip(head);
    bhttp::read(stream_, buffer_, parser);
    return parser.release();
  }

  void WriteRaw(std::string_view raw) { net::write(stream_.socket(), net::buffer(raw.data(), raw.size())); }

  // True when the server has closed the connection (EOF or reset), after whatever it still sends.
  bool ClosedByServer() {
    char c;
    beast::error_code ec;
    while (true) {
      stream_.socket().read_some(net::buffer(&c, 1), ec);
      if (ec) return ec == net::error::eof || ec == net::error::connection_reset;
    }
  }

 private:
  net::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

std::unique_ptr<Server> StartServer(ServerOptions options, Handler handler = Echo) {
  auto server = std::make_unique<Server>(std::move(options), std::move(handler));
  Status s = server->Start();
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_NE(server->port(), 0);
  return server;
}

void ExpectJsonError(const bhttp::response<bhttp::string_body>& res, int status, const std::string& code) {
  EXPECT_EQ(res.result_int(), static_cast<unsigned>(status));
  EXPECT_EQ(res[bhttp::field::content_type], "application/json; charset=utf-8");
  json body = json::parse(res.body(), nullptr, false);
  ASSERT_TRUE(body.is_object()) << res.body();
  EXPECT_EQ(body["error"]["code"], code) << res.body();
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_TRUE(body["error"].contains("field"));
}

TEST(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  auto server = StartServer(TestOptions());
  Client client(server->port());
  auto res = client.Get("/api/units?page=2&q=a+b&city=%E5%8D%97%E6%98%8C&flag");
  ASSERT_EQ(res.result_int(), 200u);
  EXPECT_TRUE(res.keep_alive());
  EXPECT_EQ(res[bhttp::field::server], "lianzhang");
  EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(res[bhttp::field::content_type], "application/json; charset=utf-8");
  json body = json::parse(res.body());
  EXPECT_EQ(body["method"], "GET");
  EXPECT_EQ(body["path"], "/api/units");
  EXPECT_EQ(body["target"], "/api/units?page=2&q=a+b&city=%E5%8D%97%E6%98%8C&flag");
  EXPECT_EQ(body["query"]["page"], "2");
  EXPECT_EQ(body["query"]["q"], "a b");
  EXPECT_EQ(body["query"]["city"], "南昌");
  EXPECT_EQ(body["query"]["flag"], "");
  EXPECT_EQ(body["client"], "127.0.0.1");

  bhttp::request<bhttp::string_body> req(bhttp::verb::get, "/api/%E5%8D%95%E4%BD%8D", 11);
  req.set(bhttp::field::user_agent, "test-agent");
  res = client.Send(req);
  ASSERT_EQ(res.result_int(), 200u);
  body = json::parse(res.body());
  EXPECT_EQ(body["path"], "/api/单位");
  EXPECT_EQ(body["agent"], "test-agent");
}

TEST(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  auto server = StartServer(TestOptions());
  Client client(server->port());
  client.WriteRaw("GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(json::parse(client.Read().body())["path"], "/one");
  EXPECT_EQ(json::parse(client.Read().body())["path"], "/two");
}

TEST(ServerTest, ConnectionCloseIsHonoured) {
  auto server = StartServer(TestOptions());
  Client client(server->port());
  bhttp::request<bhttp::string_body> req(bhttp::verb::get, "/x", 11);
  req.keep_alive(false);
  auto res = client.Send(req);
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_FALSE(res.keep_alive());
  EXPECT_TRUE(client.ClosedByServer());
}

TEST(ServerTest, JsonBodyOverLimitIs413) {
  ServerOptions o = TestOptions();
  o.max_json_body_bytes = 1024;
  auto server = StartServer(o);
  {
    Client client(server->port());
    bhttp::request<bhttp::string_body> req(bhttp::verb::post, "/api/units", 11);
    req.set(bhttp::field::content_type, "application/json");
    req.body() = std::string(1024, 'x');
    auto res = client.Send(req);
    EXPECT_EQ(res.result_int(), 200u);  // exactly at the limit
    EXPECT_EQ(json::parse(res.body())["body_size"], 1024);
    req.body() = std::string(2048, 'x');
    res = client.Send(req);
    ExpectJsonError(res, 413, "invalid_argument");
    EXPECT_FALSE(res.keep_alive());
    EXPECT_TRUE(client.ClosedByServer());
  }
  {
    // A chunked body has no Content-Length: the limit applies while it is read.
    Client client(server->port());
    bhttp::request<bhttp::string_body> req(bhttp::verb::post, "/api/units", 11);
    req.set(bhttp::field::content_type, "application/json");
    req.body() = std::string(4096, 'x');
    req.chunked(true);
    ExpectJsonError(client.Send(req), 413, "invalid_argument");
    EXPECT_TRUE(client.ClosedByServer());
  }
}

TEST(ServerTest, UploadContentTypesGetTheLargerLimit) {
  ServerOptions o = TestOptions();
  o.max_json_body_bytes = 1024;
  o.max_upload_body_bytes = 64 * 1024;
  auto server = StartServer(o);
  Client client(server->port());
  for (std::string type : {"application/octet-stream", "multipart/form-data; boundary=xyz"}) {
    bhttp::request<bhttp::string_body> req(bhttp::verb::post, "/api/import", 11);
    req.set(bhttp::field::content_type, type);
    req.body() = std::string(32 * 1024, 'u');
    auto res = client.Send(req);
    ASSERT_EQ(res.result_int(), 200u) << type;
    EXPECT_EQ(json::parse(res.body())["body_size"], 32 * 1024);
  }
  bhttp::request<bhttp::string_body> req(bhttp::verb::post, "/api/import", 11);
  req.set(bhttp::field::content_type, "application/octet-stream");
  req.body() = std::string(100 * 1024, 'u');
  ExpectJsonError(client.Send(req), 413, "invalid_argument");
}

TEST(ServerTest, ExpectContinueIsAnswered) {
  auto server = StartServer(TestOptions());
  Client client(server->port());
  client.WriteRaw(
      "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
      "Expect: 100-continue\r\n\r\n");
  auto interim = client.Read();
  EXPECT_EQ(interim.result_int(), 100u);
  client.WriteRaw("hello");
  auto res = client.Read();
  ASSERT_EQ(res.result_int(), 200u);
  EXPECT_EQ(json::parse(res.body())["body_size"], 5);
}

TEST(ServerTest, OversizedHeaderIs431) {
  ServerOptions o = TestOptions();
  o.max_header_bytes = 2048;
  auto server = StartServer(o);
  Client client(server->port());
  bhttp::request<bhttp::string_body> req(bhttp::verb::get, "/x", 11);
  req.set("X-Big", std::string(8192, 'h'));
  auto res = client.Send(req);
  ExpectJsonError(res, 431, "invalid_argument");
  EXPECT_TRUE(client.ClosedByServer());
}

TEST(ServerTest, MalformedRequestIs400) {
  auto server = StartServer(TestOptions());
  Client client(server->port());
  client.WriteRaw("GET /x HTTP/1.1\r\nHost: x\r\nThis is not a header\r\n\r\n");
  ExpectJsonError(client.Read(), 400, "invalid_argument");
  EXPECT_TRUE(client.ClosedByServer());
}

TEST(ServerTest, BadPathsAre400) {
  auto server = StartServer(TestOptions());
  Client client(server->port());
  for (std::string target : {"/a/../b", "/a/%2e%2e/b", "/a/..", "/a%00b", "/a%zz", "relative"}) {
    auto res = client.Get(target);
    ExpectJsonError(res, 400, "invalid_argument");
  }
  EXPECT_EQ(client.Get("/a/..b/c..").result_int(), 200u);  // dots inside names are fine
}

TEST(ServerTest, HeadHasHeadersButNoBody) {
  auto server = StartServer(TestOptions());
  Client client(server->port());
  auto get = client.Get("/same");
  auto head = client.Send(bhttp::request<bhttp::string_body>(bhttp::verb::head, "/same", 11));
  EXPECT_EQ(head.result_int(), 200u);
  EXPECT_TRUE(head.body().empty());
  // Content-Length announces the GET body's size (the echo differs only in the method name).
  EXPECT_EQ(std::stoul(std::string(head[bhttp::field::content_length])), get.body().size() + 1);
  // Nothing but headers was sent: the connection is still in step.
  EXPECT_EQ(json::parse(client.Get("/after").body())["path"], "/after");
}

TEST(ServerTest, HandlerExceptionIs500) {
  auto server = StartServer(TestOptions());
  Client client(server->port());
  auto res = client.Get("/throw");
  ExpectJsonError(res, 500, "internal");
  EXPECT_EQ(json::parse(res.body())["error"]["message"], "internal error");  // no details leak
  EXPECT_EQ(client.Get("/fine").result_int(), 200u);                          // connection survives
}

TEST(ServerTest, ResponseHeadersAndStatusesPassThrough) {
  auto server = StartServer(TestOptions(), [](Request& r) {
    if (r.path == "/nocontent") return Response::NoContent();
    Response res = Response::Json({{"ok", true}}, 201);
    res.headers.emplace_back("Set-Cookie", "a=1; HttpOnly");
    res.headers.emplace_back("Set-Cookie", "b=2");
    res.headers.emplace_back("X-Evil", "x\r\nInjected: yes");
    return res;
  });
  Client client(server->port());
  auto res = client.Get("/created");
  EXPECT_EQ(res.result_int(), 201u);
  EXPECT_EQ(std::distance(res.equal_range(bhttp::field::set_cookie).first,
                          res.equal_range(bhttp::field::set_cookie).second),
            2);
  EXPECT_EQ(res.find("Injected"), res.end());
  EXPECT_EQ(res.find("X-Evil"), res.end());
  res = client.Get("/nocontent");
  EXPECT_EQ(res.result_int(), 204u);
  EXPECT_EQ(res.find(bhttp::field::content_type), res.end());
  EXPECT_TRUE(res.body().empty());
}

TEST(ServerTest, IdleTimeoutClosesSilentConnection) {
  ServerOptions o = TestOptions();
  o.idle_timeout_seconds = 1;
  auto server = StartServer(o);
  Client client(server->port());
  EXPECT_EQ(client.Get("/warm").result_int(), 200u);  // then stay silent
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.ClosedByServer());
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(800));
  EXPECT_LT(waited, std::chrono::milliseconds(3000));
}

TEST(ServerTest, StopIsCleanAndIdempotent) {
  auto server = StartServer(TestOptions());
  Client idle(server->port());
  EXPECT_EQ(idle.Get("/x").result_int(), 200u);
  Client silent(server->port());  // connected, never sends
  std::thread waiter([&] { server->Wait(); });
  auto start = std::chrono::steady_clock::now();
  server->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  waiter.join();
  EXPECT_TRUE(idle.ClosedByServer());
  EXPECT_TRUE(silent.ClosedByServer());
  server->Stop();
  server->Wait();  // returns at once once stopped
  EXPECT_EQ(server->Start().code(), StatusCode::kFailedPrecondition);
  server.reset();  // destructor after Stop
}

TEST(ServerTest, DestructorStopsARunningServer) {
  auto server = StartServer(TestOptions());
  Client client(server->port());
  EXPECT_EQ(client.Get("/x").result_int(), 200u);
  server.reset();
  EXPECT_TRUE(client.ClosedByServer());
}

TEST(ServerTest, PortInUseIsUnavailable) {
  auto first = StartServer(TestOptions());
  ServerOptions o = TestOptions();
  o.port = first->port();
  Server second(o, Echo);
  Status s = second.Start();
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("cannot listen on 127.0.0.1:" + std::to_string(first->port())), std::string::npos)
      << s.message();
}

TEST(ServerTest, WritesOneAccessLogLinePerRequest) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  auto logger = std::make_shared<spdlog::logger>("access", sink);
  logger->set_pattern("%v");
  spdlog::register_logger(logger);
  ServerOptions o = TestOptions();
  o.access_log = true;
  {
    auto server = StartServer(o);
    Client client(server->port());
    EXPECT_EQ(client.Get("/api/%E5%8D%95%E4%BD%8D?secret=1").result_int(), 200u);
    server->Stop();
  }
  spdlog::drop("access");
  std::string text = out.str();
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
  json line = json::parse(text.substr(0, text.find('\n')));
  EXPECT_EQ(line["method"], "GET");
  EXPECT_EQ(line["path"], "/api/单位");  // no query string in the log
  EXPECT_EQ(line["status"], 200);
  EXPECT_EQ(line["remote"], "127.0.0.1");
  EXPECT_TRUE(line["bytes"].is_number_integer());
  EXPECT_TRUE(line["ms"].is_number());
  EXPECT_TRUE(line["ts"].is_string());
}

}  // namespace
}  // namespace lz::http

namespace lz::http {
namespace {

TEST(FormEncodedTest, PairsAreDecodedAndMalformedOnesRefused) {
  std::multimap<std::string, std::string> out;
  ASSERT_TRUE(ParseFormEncoded("a=1&&b=%E5%9E%83+x&flag&a=2&=v", out, "the form").ok());
  EXPECT_EQ(out, (std::multimap<std::string, std::string>{{"a", "1"}, {"a", "2"}, {"b", "垃 x"}, {"flag", ""}, {"", "v"}}));
  std::multimap<std::string, std::string> bad;
  Status st = ParseFormEncoded("a=%zz", bad, "the form");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("the form"), std::string::npos);
  EXPECT_FALSE(ParseFormEncoded("a=%00", bad, "query").ok());
  EXPECT_FALSE(ParseFormEncoded("a=%4", bad, "query").ok());
}

TEST(ClientAddressTest, OnlyATrustedPeerNamesTheClientAndForgedHopsAreSkipped) {
  const std::vector<std::string> proxies = {"127.0.0.1", "10.0.0.2"};
  EXPECT_EQ(ClientAddress("203.0.113.9", "1.2.3.4", proxies), "203.0.113.9");  // an untrusted peer
  EXPECT_EQ(ClientAddress("127.0.0.1", "", proxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.7", proxies), "198.51.100.7");
  // A client's own X-Forwarded-For comes first; the rightmost untrusted hop is the one nginx saw.
  EXPECT_EQ(ClientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7", proxies), "198.51.100.7");
  // Through two trusted proxies.
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.7 , 10.0.0.2", proxies), "198.51.100.7");
  EXPECT_EQ(ClientAddress("127.0.0.1", " , ", proxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.0.0.2", proxies), "10.0.0.2");  // only proxies: the farthest
}

TEST(ServerTest, ATrustedProxysForwardedForBecomesTheClientAddress) {
  ServerOptions options = TestOptions();
  auto plain = StartServer(options);
  options.trusted_proxies = {"127.0.0.1"};
  auto behind_proxy = StartServer(options);
  for (auto* server : {plain.get(), behind_proxy.get()}) {
    Client client(server->port());
    bhttp::request<bhttp::string_body> req(bhttp::verb::get, "/who", 11);
    req.set("X-Forwarded-For", "6.6.6.6, 198.51.100.7");
    auto res = client.Send(req);
    EXPECT_EQ(json::parse(res.body())["client"], server == plain.get() ? "127.0.0.1" : "198.51.100.7");
  }
}

}  // namespace
}  // namespace lz::http
