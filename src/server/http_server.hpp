// The endpoint's HTTP/1.1 transport: event-driven I/O on Boost.Beast/Asio.
//
// One I/O thread owns every socket: it accepts, waits, parses and writes, so a
// connection that sends nothing (or a header a byte at a time) costs a socket and a
// few hundred bytes, never a thread. A request reaches the application only once it
// is complete and within bounds; the application's handlers run on a fixed pool of
// worker threads with a bounded queue (503 + Retry-After when it is full).
//
// Bounds, all answered before the application sees anything:
//   - header: at most `max_header_bytes` (431) and `max_header_fields` fields (431);
//   - body: a declared Content-Length above `max_body` is refused with 413 before a
//     byte of it is read; a chunked body is counted as it arrives (413 as soon as it
//     passes the limit); a Content-Encoding (gzip, deflate, br) is decoded with the
//     same limit on the decoded size (413), an unknown one is 415;
//   - time: `idle_timeout` while waiting for a request on an open connection,
//     `header_timeout` for the whole header once its first byte has arrived (a
//     slowloris trickling bytes is cut off; a slow phone's few hundred bytes pass),
//     `body_timeout` for the body and `write_timeout` for the answer;
//   - connections: at most `max_connections` in all and `max_connections_per_address`
//     from one client address (trusted proxies exempt); more are closed at accept.
//   - the path: percent-decoded; a NUL or a bad escape anywhere is 400.
//
// Request and Response carry the member names the handlers used with cpp-httplib
// (method, path, body, get_header_value, has_param, matches, status, set_content…).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace liaoxiu::server::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;  // "GET", "POST", … (HEAD is routed as GET)
    std::string path;    // percent-decoded, without the query
    std::string query;   // raw, after '?'
    Headers headers;
    std::string body;    // decoded (Content-Encoding undone), at most max_body bytes
    std::vector<std::pair<std::string, std::string>> params;  // decoded query parameters
    std::vector<std::string> matches;  // the route pattern's groups; [0] is the whole path
    std::string remote_addr;  // the client (from X-Forwarded-For when the peer is a trusted proxy)
    std::string peer_addr;    // the TCP peer

    bool has_header(std::string_view name) const;
    std::string get_header_value(std::string_view name) const;  // "" when absent (case-insensitive name)
    bool has_param(std::string_view name) const;
    std::string get_param_value(std::string_view name) const;
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;
    bool close = false;  // close the connection after this answer

    void set_header(std::string name, std::string value);  // replaces a header of that name
    bool has_header(std::string_view name) const;
    std::string get_header_value(std::string_view name) const;
    void set_content(std::string content, std::string content_type);
};

struct Limits {
    std::size_t max_body = 1 << 20;
    std::size_t max_header_bytes = 16 * 1024;
    std::size_t max_header_fields = 100;
    std::chrono::seconds idle_timeout{60};
    std::chrono::seconds header_timeout{20};
    std::chrono::seconds body_timeout{60};
    std::chrono::seconds write_timeout{60};
    std::size_t max_connections = 30000;
    std::size_t max_connections_per_address = 512;
    int threads = 64;            // application worker threads
    std::size_t queue = 4096;    // requests waiting for a worker; beyond: 503
    std::vector<std::string> trusted_proxies;  // exact peer addresses whose X-Forwarded-For is believed
};

class Server {
public:
    using Handler = std::function<void(const Request&, Response&)>;
    // Runs before routing; returns true when it answered the request itself.
    using Filter = std::function<bool(const Request&, Response&)>;
    // Fills the body of an answer the transport makes itself (400, 404, 405, 413, 415, 431, 503…).
    using ErrorBody = std::function<void(Response&)>;
    // Called after a request is answered (also for the transport's own refusals, which
    // have an empty method when the request line could not be read).
    using Logger = std::function<void(const Request&, const Response&)>;

    explicit Server(Limits limits);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Routes: `pattern` is an ECMAScript regex matched against the whole decoded path.
    void Get(const std::string& pattern, Handler handler);
    void Post(const std::string& pattern, Handler handler);
    void Put(const std::string& pattern, Handler handler);
    void Delete(const std::string& pattern, Handler handler);
    void set_pre_routing_handler(Filter filter);
    void set_error_body(ErrorBody error_body);
    void set_logger(Logger logger);
    // Serves the files under `dir` for GET/HEAD paths no route matches ("/" is index.html).
    void set_mount_point(const std::string& dir);

    // Binds and listens; returns the port (port 0: any free port). Throws std::runtime_error.
    int bind(const std::string& host, int port);
    void run();   // serves until stop(); the calling thread is the I/O thread
    void stop();  // from any thread

    const Limits& limits() const;

    struct Impl;  // the I/O machinery, defined in http_internal.hpp (internal to the transport)

private:
    std::unique_ptr<Impl> impl_;
};

// Percent-decoding ('+' stays '+' unless `plus_is_space`); nullopt for a bad escape.
bool percent_decode(std::string_view text, bool plus_is_space, std::string& out);

// Content codings, bounded: false when the input is corrupt; `too_large` when the
// decoded size would pass `limit`.
bool gunzip(std::string_view input, std::size_t limit, std::string& out, bool& too_large);      // gzip and zlib
bool unbrotli(std::string_view input, std::size_t limit, std::string& out, bool& too_large);
std::string gzip(std::string_view input);
std::string brotli(std::string_view input);

}  // namespace liaoxiu::server::http
