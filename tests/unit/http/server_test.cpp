#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "http/thread_pool.h"
#include "unit/http/test_client.h"

namespace tessera::http {
namespace {

using testing::TestClient;
namespace beast_http = boost::beast::http;
using beast_http::verb;
using Json = nlohmann::json;

// Answers most requests from a worker of the pool, never from the I/O thread, as the FAPI layer
// does; a few paths exercise the edge cases.
class ServerTest : public ::testing::Test {
 protected:
  ServerOptions options() {
    ServerOptions options;
    options.port = 0;
    options.io_threads = 2;
    options.max_body_bytes = 1024;
    options.shutdown_grace = std::chrono::seconds(3);
    return options;
  }

  void start(ServerOptions server_options) {
    server_ = std::make_unique<Server>(server_options, [this](Request& request, Respond respond) {
      handle(request, std::move(respond));
    });
    server_->start();
  }
  void SetUp() override { start(options()); }
  void TearDown() override {
    if (server_) {
      server_->stop();
      server_->wait();
    }
  }

  void handle(Request& request, Respond respond) {
    if (request.path == "/inline") {  // answered on the I/O thread, no Content-Type
      respond(Response{.status = 200, .body = "plain"});
    } else if (request.path == "/throw") {
      throw std::runtime_error("handler bug");
    } else if (request.path == "/drop") {
      // respond is dropped without a call
    } else if (request.path == "/keep") {
      std::lock_guard lock(kept_mutex_);
      kept_ = std::move(respond);
    } else if (request.path == "/no-content") {
      respond(Response{.status = 204, .body = "ignored"});
    } else {
      auto io_thread = std::this_thread::get_id();
      pool_.post([&request, respond, io_thread] {
        if (request.path == "/slow") std::this_thread::sleep_for(std::chrono::milliseconds(300));
        Json body = {{"method", request.method},
                     {"path", request.path},
                     {"x", request.query_param("x").value_or("")},
                     {"body", request.body},
                     {"remote", request.remote_address},
                     {"content_type", request.header("content-type").value_or("")},
                     {"off_io_thread", std::this_thread::get_id() != io_thread}};
        Response response = Response::json(200, body.dump());
        if (request.path == "/close") response.set_header("Connection", "close");
        respond(std::move(response));
      });
    }
  }

  unsigned short port() const { return server_->port(); }

  ThreadPool pool_{4, 1000};  // declared first: outlives the server, as in production
  std::mutex kept_mutex_;
  Respond kept_;
  std::unique_ptr<Server> server_;
};

Json json_of(const testing::ClientResponse& response) { return Json::parse(response.body()); }

TEST_F(ServerTest, BindsAnEphemeralPort) { EXPECT_NE(port(), 0); }

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  TestClient client(port());
  auto first = client.request(verb::get, "/v1/client?x=a+b");
  EXPECT_EQ(first.result_int(), 200);
  EXPECT_TRUE(first.keep_alive());
  EXPECT_EQ(first[beast_http::field::server], "tessera");
  EXPECT_EQ(first[beast_http::field::content_type], "application/json");
  EXPECT_FALSE(first[beast_http::field::date].empty());
  auto body = json_of(first);
  EXPECT_EQ(body["path"], "/v1/client");
  EXPECT_EQ(body["x"], "a b");
  EXPECT_EQ(body["remote"], "127.0.0.1");
  EXPECT_EQ(body["off_io_thread"], true);

  auto second = client.request(verb::get, "/v1/environment");
  EXPECT_EQ(second.result_int(), 200);
  EXPECT_EQ(json_of(second)["path"], "/v1/environment");
}

TEST_F(ServerTest, PostBodyReachesTheHandler) {
  TestClient client(port());
  auto response = client.request(verb::post, "/v1/client/sign_ins", "identifier=a%40b.c&x=1");
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response[beast_http::field::content_length], std::to_string(response.body().size()));
  auto body = json_of(response);
  EXPECT_EQ(body["method"], "POST");
  EXPECT_EQ(body["body"], "identifier=a%40b.c&x=1");
  EXPECT_EQ(body["content_type"], "application/x-www-form-urlencoded");
  // An empty POST body, as clerk-js sends for many calls.
  EXPECT_EQ(json_of(client.request(verb::post, "/v1/client"))["body"], "");
}

TEST_F(ServerTest, ContentTypeIsNotInventedAndBodilessStatusesStayBodiless) {
  TestClient client(port());
  auto plain = client.request(verb::get, "/inline");
  EXPECT_EQ(plain.body(), "plain");
  EXPECT_EQ(plain.count(beast_http::field::content_type), 0u);
  auto empty = client.request(verb::get, "/no-content");
  EXPECT_EQ(empty.result_int(), 204);
  EXPECT_EQ(empty.count(beast_http::field::content_length), 0u);
  EXPECT_EQ(empty.body(), "");
  EXPECT_EQ(client.request(verb::get, "/inline").body(), "plain");  // framing intact
}

TEST_F(ServerTest, HeadGetsContentLengthButNoBody) {
  TestClient client(port());
  client.write_raw("HEAD /inline HTTP/1.1\r\nHost: a\r\n\r\n");
  auto head = client.read_head_response();
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_EQ(head[beast_http::field::content_length], "5");
  EXPECT_EQ(client.request(verb::get, "/inline").body(), "plain");  // no stray body bytes
}

TEST_F(ServerTest, OversizedBodyGets413JsonAndClose) {
  TestClient client(port());
  auto response = client.request(verb::post, "/v1/client/sign_ups", std::string(4096, 'a'));
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_EQ(response[beast_http::field::content_type], "application/json");
  EXPECT_FALSE(response.keep_alive());
  auto body = json_of(response);
  EXPECT_EQ(body["errors"][0]["code"], "request_body_too_large");
  EXPECT_FALSE(body["errors"][0]["message"].get<std::string>().empty());
  EXPECT_FALSE(body["errors"][0]["long_message"].get<std::string>().empty());
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, OversizedChunkedBodyGets413) {
  TestClient client(port());
  std::string chunk(800, 'b');
  client.write_raw("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n320\r\n" +
                   chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
  EXPECT_EQ(client.read().result_int(), 413);
}

TEST_F(ServerTest, BodyAtTheLimitIsAccepted) {
  TestClient client(port());
  auto response = client.request(verb::post, "/x", std::string(1024, 'a'));
  EXPECT_EQ(response.result_int(), 200);
}

TEST_F(ServerTest, MalformedRequestGets400AndClose) {
  TestClient client(port());
  client.write_raw("NOT HTTP AT ALL\r\n\r\n");
  auto response = client.read();
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_EQ(json_of(response)["errors"][0]["code"], "malformed_request");
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAliveAsked) {
  TestClient client(port());
  auto response = client.request(verb::get, "/v1/client", "", 10);
  EXPECT_EQ(response.version(), 10u);
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_TRUE(client.closed_by_server());

  TestClient keep(port());
  beast_http::request<beast_http::string_body> message{verb::get, "/a", 10};
  message.keep_alive(true);
  EXPECT_TRUE(keep.send(message).keep_alive());
  EXPECT_EQ(keep.send(message).result_int(), 200);
}

TEST_F(ServerTest, ConnectionCloseFromClientOrHandler) {
  TestClient client(port());
  beast_http::request<beast_http::string_body> message{verb::get, "/a", 11};
  message.keep_alive(false);
  auto response = client.send(message);
  EXPECT_EQ(response[beast_http::field::connection], "close");
  EXPECT_TRUE(client.closed_by_server());

  TestClient other(port());
  auto closing = other.request(verb::get, "/close");
  EXPECT_EQ(closing.result_int(), 200);
  EXPECT_FALSE(closing.keep_alive());
  EXPECT_TRUE(other.closed_by_server());
}

TEST_F(ServerTest, ExpectContinueIsHonoured) {
  TestClient client(port());
  client.write_raw(
      "POST /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
  auto interim = client.read();
  EXPECT_EQ(interim.result_int(), 100);
  client.write_raw("hello");
  auto response = client.read();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(json_of(response)["body"], "hello");
}

TEST_F(ServerTest, HandlerExceptionBecomes500) {
  TestClient client(port());
  auto response = client.request(verb::get, "/throw");
  EXPECT_EQ(response.result_int(), 500);
  EXPECT_EQ(json_of(response)["errors"][0]["code"], "internal_error");
  EXPECT_EQ(client.request(verb::get, "/a").result_int(), 200);  // connection still usable
}

TEST_F(ServerTest, DroppedRespondClosesTheConnection) {
  TestClient client(port());
  client.write_raw("GET /drop HTTP/1.1\r\nHost: a\r\n\r\n");
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, SecondRespondCallIsIgnored) {
  TestClient client(port());
  client.write_raw("GET /keep HTTP/1.1\r\nHost: a\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  Respond respond;
  {
    std::lock_guard lock(kept_mutex_);
    respond = kept_;
  }
  ASSERT_TRUE(respond);
  respond(Response{.status = 201, .body = "one"});
  respond(Response{.status = 202, .body = "two"});
  auto response = client.read();
  EXPECT_EQ(response.result_int(), 201);
  EXPECT_EQ(client.request(verb::get, "/inline").body(), "plain");
}

TEST_F(ServerTest, StopWaitsForAnInFlightResponseAndClosesIdleConnections) {
  TestClient idle(port());
  EXPECT_EQ(idle.request(verb::get, "/a").result_int(), 200);
  auto slow = std::async(std::launch::async, [port = port()] {
    TestClient client(port);
    return client.request(verb::get, "/slow");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the request is in the handler
  auto started = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_TRUE(idle.closed_by_server());
  server_->wait();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  auto response = slow.get();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_FALSE(response.keep_alive());  // stopping: no more requests on it
  EXPECT_THROW(TestClient{port()}, boost::system::system_error);  // no longer listening
}

TEST_F(ServerTest, RespondAfterTheServerIsGoneIsHarmless) {
  server_.reset();
  ServerOptions short_grace = options();
  short_grace.shutdown_grace = std::chrono::seconds(0);
  start(short_grace);
  auto pending = std::async(std::launch::async, [port = port()] {
    TestClient client(port);
    client.write_raw("GET /keep HTTP/1.1\r\nHost: a\r\n\r\n");
    return client.closed_by_server();
  });
  for (int i = 0; i < 200; ++i) {
    std::lock_guard lock(kept_mutex_);
    if (kept_) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  server_->stop();
  server_->wait();  // the kept request is abandoned after the (zero) grace period
  server_.reset();
  EXPECT_TRUE(pending.get());
  std::lock_guard lock(kept_mutex_);
  ASSERT_TRUE(kept_);
  kept_(Response::json(200, "{}"));  // must neither crash nor leak (ASan)
  kept_ = nullptr;
}

TEST_F(ServerTest, ConcurrentClientsAreAllAnswered) {
  constexpr int kClients = 8;
  constexpr int kRequests = 50;
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      try {
        TestClient client(port());
        for (int i = 0; i < kRequests; ++i) {
          std::string x = std::to_string(c) + "-" + std::to_string(i);
          auto response = i % 2 == 0 ? client.request(verb::get, "/c?x=" + x)
                                     : client.request(verb::post, "/c?x=" + x, "n=" + x);
          if (response.result_int() == 200 && json_of(response)["x"] == x) ++answered;
        }
      } catch (const std::exception& error) {
        ADD_FAILURE() << "client " << c << ": " << error.what();
      }
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(answered, kClients * kRequests);
}

TEST(ServerLifecycle, StopBeforeStartAndDoubleStopAreHarmless) {
  Server never_started(ServerOptions{.port = 0}, [](Request&, Respond) {});
  never_started.stop();
  never_started.wait();

  Server server(ServerOptions{.port = 0}, [](Request&, Respond respond) { respond(Response{}); });
  server.start();
  server.stop();
  server.stop();
  server.wait();
  server.wait();
}

TEST(ServerLifecycle, BindFailureThrows) {
  Server first(ServerOptions{.port = 0}, [](Request&, Respond) {});
  first.start();
  Server second(ServerOptions{.port = first.port()}, [](Request&, Respond) {});
  EXPECT_THROW(second.start(), boost::system::system_error);
}

}  // namespace
}  // namespace tessera::http
