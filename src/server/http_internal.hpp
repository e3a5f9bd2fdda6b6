// What the transport's own files share and nobody else needs: the server's state
// (Server::Impl), the session's entry point and the small text
// helpers for headers. Kept out of http_server.hpp so the handlers' API stays small
// and Boost.Asio stays out of every file that includes it.
//
// The transport is split by responsibility:
//   http_server.cpp   the acceptor, per-address caps, routing, static files, Request/Response;
//   http_session.cpp  one connection: waiting, reading within limits and timeouts, writing;
//   http_codings.cpp  content codings (gzip, deflate, br) in both directions, with the limit.
#pragma once

#include "server/bounded_pool.hpp"
#include "server/http_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <regex>
#include <thread>
#include <unordered_map>

namespace liaoxiu::server::http {

namespace detail {

bool iequals(std::string_view a, std::string_view b);
std::string lower(std::string_view text);
std::string trim(std::string_view text);                    // without leading and trailing blanks and tabs
std::vector<std::string> split_list(std::string_view text);  // a comma-separated header value, empty items dropped

struct Route {
    std::string method;
    std::regex pattern;
    Server::Handler handler;
};

// Undoes the request body's Content-Encoding in place, the decoded size bounded by
// `limit`. 0 when the body is ready; else the status to refuse it with (413 too large,
// 415 an unknown coding, 400 a corrupt one).
int decode_content_coding(Request& req, std::size_t limit);

// Compresses an answer worth it (br, else gzip) when the client accepts a coding.
void encode_content_coding(const Request& req, Response& res);

}  // namespace detail

struct Server::Impl {
    Limits limits;
    boost::asio::io_context io{1};
    boost::asio::ip::tcp::acceptor acceptor{io};
    boost::asio::steady_timer accept_pause{io};
    std::vector<detail::Route> routes;
    Filter pre_routing;
    ErrorBody error_body;
    Logger logger;
    std::optional<std::string> mount;
    std::unique_ptr<BoundedPool> pool;  // the application's handlers
    // I/O thread only.
    std::unordered_map<std::string, std::size_t> per_address;
    std::size_t connections = 0;
    std::atomic<bool> stopping{false};

    explicit Impl(Limits l) : limits(std::move(l)) {}

    bool trusted(const std::string& address) const {
        return std::find(limits.trusted_proxies.begin(), limits.trusted_proxies.end(), address) !=
               limits.trusted_proxies.end();
    }

    void accept();
    // A session ends (on any thread): its count is given back on the I/O thread.
    void release(std::string address) {
        if (stopping) return;
        boost::asio::post(io, [this, address = std::move(address)] { release_now(address); });
    }
    void release_now(const std::string& address) {
        --connections;
        auto found = per_address.find(address);
        if (found != per_address.end() && --found->second == 0) per_address.erase(found);
    }

    // A refusal made by the transport: status, the JSON body from the application, close.
    Response refusal(int status, bool close) const {
        Response res;
        res.status = status;
        res.close = close;
        if (error_body) error_body(res);
        return res;
    }

    // Everything the application does for one complete request (on a worker thread).
    Response handle(Request& req) const;
    void serve_file(const Request& req, Response& res) const;
};

namespace detail {

// Starts serving one accepted connection (http_session.cpp); the session keeps itself
// alive through its pending operations and gives its count back to `server` at the end.
void start_session(Server::Impl& server, boost::asio::ip::tcp::socket socket, std::string address);

}  // namespace detail

}  // namespace liaoxiu::server::http
