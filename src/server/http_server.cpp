#include "server/http_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace liaoxiu::server::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

namespace {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string trim(std::string_view text) {
    auto begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    auto end = text.find_last_not_of(" \t");
    return std::string(text.substr(begin, end - begin + 1));
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        std::string item = trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (!item.empty()) items.push_back(item);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return items;
}

const std::string* find_header(const Headers& headers, std::string_view name) {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name)) return &value;
    }
    return nullptr;
}

const char* content_type_of(const std::string& path) {
    auto dot = path.rfind('.');
    std::string ext = dot == std::string::npos ? "" : lower(path.substr(dot + 1));
    static const std::unordered_map<std::string, const char*> types = {
        {"html", "text/html"},          {"htm", "text/html"},
        {"js", "text/javascript"},      {"mjs", "text/javascript"},
        {"css", "text/css"},            {"json", "application/json"},
        {"wasm", "application/wasm"},   {"png", "image/png"},
        {"svg", "image/svg+xml"},       {"ico", "image/x-icon"},
        {"jpg", "image/jpeg"},          {"jpeg", "image/jpeg"},
        {"webp", "image/webp"},         {"txt", "text/plain"},
        {"webmanifest", "application/manifest+json"},
        {"map", "application/json"},    {"woff2", "font/woff2"},
    };
    auto found = types.find(ext);
    return found == types.end() ? "application/octet-stream" : found->second;
}

bool compressible(std::string_view content_type) {
    auto semicolon = content_type.find(';');
    std::string type = lower(content_type.substr(0, semicolon));
    return type.rfind("text/", 0) == 0 || type == "application/json" || type == "application/javascript" ||
           type == "image/svg+xml" || type == "application/manifest+json";
}

// Whether the client accepts `coding` (present in Accept-Encoding without q=0).
bool accepts(std::string_view accept_encoding, std::string_view coding) {
    for (const auto& item : split_list(accept_encoding)) {
        auto semicolon = item.find(';');
        if (!iequals(trim(std::string_view(item).substr(0, semicolon)), coding)) continue;
        if (semicolon == std::string::npos) return true;
        std::string parameters = lower(item.substr(semicolon + 1));
        auto q = parameters.find("q=");
        if (q == std::string::npos) return true;
        try {
            return std::stod(parameters.substr(q + 2)) > 0;
        } catch (const std::exception&) {
            return false;
        }
    }
    return false;
}

// ---- the application's workers: a fixed pool with a bounded queue ----
class WorkerPool {
public:
    WorkerPool(int threads, std::size_t capacity) : capacity_(capacity) {
        for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { work(); });
    }
    ~WorkerPool() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            jobs_.clear();
        }
        wake_.notify_all();
        for (auto& thread : threads_) thread.join();
    }
    // False when the queue is full (the job is not taken).
    bool submit(std::function<void()> job) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_ || jobs_.size() >= capacity_) return false;
            jobs_.push_back(std::move(job));
        }
        wake_.notify_one();
        return true;
    }

private:
    void work() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
                if (stopping_) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            job();
        }
    }
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

struct Route {
    std::string method;
    std::regex pattern;
    Server::Handler handler;
};

class Session;

}  // namespace

struct Server::Impl {
    Limits limits;
    asio::io_context io{1};
    tcp::acceptor acceptor{io};
    asio::steady_timer accept_pause{io};
    std::vector<Route> routes;
    Filter pre_routing;
    ErrorBody error_body;
    Logger logger;
    std::optional<std::string> mount;
    std::unique_ptr<WorkerPool> pool;
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
        asio::post(io, [this, address = std::move(address)] { release_now(address); });
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
    void compress(const Request& req, Response& res) const;
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(Server::Impl& server, tcp::socket socket, std::string address)
        : server_(server), stream_(std::move(socket)), idle_(server.io), address_(std::move(address)),
          buffer_(server.limits.max_header_bytes + 64 * 1024) {}
    ~Session() { server_.release(std::move(address_)); }

    void start() { wait_idle(); }

private:
    const Limits& limits() const { return server_.limits; }

    // Waiting for the next request costs no buffer: only a readiness wait and a timer.
    void wait_idle() {
        if (buffer_.size() > 0) return read_header();
        buffer_.shrink_to_fit();
        idle_.expires_after(limits().idle_timeout);
        waiting_ = true;
        idle_.async_wait([self = shared_from_this()](error_code ec) {
            // (A timer that fired just as the first byte came must not close a request in progress.)
            if (!ec && self->waiting_) self->close();
        });
        stream_.socket().async_wait(tcp::socket::wait_read, [self = shared_from_this()](error_code ec) {
            self->waiting_ = false;
            self->idle_.cancel();
            if (ec) return self->close();
            self->read_header();
        });
    }

    void read_header() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(limits().max_header_bytes));
        parser_->body_limit(limits().max_body);
        stream_.expires_after(limits().header_timeout);
        bhttp::async_read_header(stream_, buffer_, *parser_,
                                 [self = shared_from_this()](error_code ec, std::size_t) { self->on_header(ec); });
    }

    // A read failed: answer what can be answered, close.
    void read_failed(error_code ec) {
        if (ec == bhttp::error::body_limit) return refuse(413);
        if (ec == bhttp::error::header_limit) return refuse(431);
        if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
            ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
            return refuse(400);
        }
        close();  // the peer went away or was too slow: nobody to answer
    }

    void on_header(error_code ec) {
        if (ec) return read_failed(ec);
        const auto& header = parser_->get();
        std::size_t fields = 0;
        for (auto it = header.begin(); it != header.end(); ++it) ++fields;
        if (fields > limits().max_header_fields) return refuse(431);
        if (parser_->is_done()) return dispatch();
        auto expect = header[bhttp::field::expect];
        if (iequals(std::string_view(expect.data(), expect.size()), "100-continue")) {
            auto message = std::make_shared<std::string>("HTTP/1.1 100 Continue\r\n\r\n");
            stream_.expires_after(limits().write_timeout);
            asio::async_write(stream_, asio::buffer(*message),
                              [self = shared_from_this(), message](error_code ec2, std::size_t) {
                                  if (ec2) return self->close();
                                  self->read_body();
                              });
            return;
        }
        read_body();
    }

    void read_body() {
        stream_.expires_after(limits().body_timeout);
        bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](error_code ec, std::size_t) {
            if (ec) return self->read_failed(ec);
            self->dispatch();
        });
    }

    void dispatch() {
        stream_.expires_never();
        auto request = std::make_shared<Request>();
        auto& message = parser_->get();
        request->method = std::string(message.method_string());
        request->peer_addr = address_;
        request->remote_addr = address_;
        for (const auto& field : message) {
            request->headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        }
        request->body = std::move(message.body());
        keep_alive_ = message.keep_alive();
        version_ = message.version();
        bool head = message.method() == bhttp::verb::head;
        std::string target(message.target());
        parser_.reset();

        // The target: a path (percent-decoded, no NUL) and a query.
        auto question = target.find('?');
        std::string raw_path = target.substr(0, question);
        if (question != std::string::npos) request->query = target.substr(question + 1);
        if (raw_path.empty() || raw_path[0] != '/' || !percent_decode(raw_path, false, request->path) ||
            request->path.find('\0') != std::string::npos) {
            return answer_now(request, server_.refusal(400, false), head);
        }
        std::size_t start = 0;
        while (!request->query.empty() && start <= request->query.size()) {
            auto amp = request->query.find('&', start);
            std::string item = request->query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
            if (!item.empty()) {
                auto eq = item.find('=');
                std::string key, value;
                if (!percent_decode(item.substr(0, eq), true, key) ||
                    (eq != std::string::npos && !percent_decode(item.substr(eq + 1), true, value))) {
                    return answer_now(request, server_.refusal(400, false), head);
                }
                request->params.emplace_back(std::move(key), std::move(value));
            }
            if (amp == std::string::npos) break;
            start = amp + 1;
        }
        if (server_.trusted(address_)) {
            // The client is the right-most address the proxies did not add themselves.
            auto forwarded = split_list(request->get_header_value("X-Forwarded-For"));
            for (auto it = forwarded.rbegin(); it != forwarded.rend(); ++it) {
                error_code parse_error;
                auto parsed = asio::ip::make_address(*it, parse_error);
                if (parse_error) break;
                request->remote_addr = parsed.to_string();
                if (!server_.trusted(request->remote_addr)) break;
            }
        }

        auto self = shared_from_this();
        bool taken = server_.pool->submit([self, request, head] {
            Response res = self->server_.handle(*request);
            asio::post(self->server_.io, [self, request, head, res = std::move(res)]() mutable {
                self->write(*request, std::move(res), head);
            });
        });
        if (!taken) {
            Response busy = server_.refusal(503, false);
            busy.set_header("Retry-After", "1");
            answer_now(request, std::move(busy), head);
        }
    }

    void answer_now(const std::shared_ptr<Request>& request, Response res, bool head) {
        write(*request, std::move(res), head);
    }

    // A refusal before the request could be read whole: answer and close.
    void refuse(int status) {
        Request request;
        request.peer_addr = request.remote_addr = address_;
        if (parser_ && parser_->is_header_done()) {
            request.method = std::string(parser_->get().method_string());
            std::string target(parser_->get().target());
            request.path = target.substr(0, target.find('?'));
        }
        parser_.reset();
        keep_alive_ = false;
        version_ = 11;
        write(request, server_.refusal(status, true), false);
    }

    void write(const Request& request, Response res, bool head) {
        if (server_.logger) server_.logger(request, res);
        auto message = std::make_shared<bhttp::response<bhttp::string_body>>();
        message->version(version_);
        message->result(static_cast<unsigned>(res.status));
        for (auto& [name, value] : res.headers) message->insert(name, value);
        bool close = res.close || !keep_alive_;
        message->keep_alive(!close);
        bool no_body = res.status == 204 || res.status == 304 || (res.status >= 100 && res.status < 200);
        if (!no_body) message->content_length(res.body.size());
        // A 304 says "Content-Length: 0" as cpp-httplib's server did: its client (and some
        // others) would otherwise read a kept-alive 304 until the connection closes.
        if (res.status == 304) message->content_length(0);
        if (!head && !no_body) message->body() = std::move(res.body);
        close_after_ = close;
        stream_.expires_after(limits().write_timeout);
        bhttp::async_write(stream_, *message, [self = shared_from_this(), message](error_code ec, std::size_t) {
            if (ec) return self->close();
            if (self->close_after_) return self->linger();
            self->wait_idle();
        });
    }

    // After an answer that ends the connection: stop sending, read and drop what the
    // client still sends for a moment (so it reads our answer instead of a reset), close.
    void linger() {
        error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        buffer_.clear();
        buffer_.shrink_to_fit();
        drained_ = 0;
        stream_.expires_after(std::chrono::seconds(2));
        drain();
    }
    void drain() {
        drain_buffer_.resize(16 * 1024);
        stream_.async_read_some(asio::buffer(drain_buffer_), [self = shared_from_this()](error_code ec, std::size_t n) {
            self->drained_ += n;
            if (ec || self->drained_ > 8 * 1024 * 1024) return self->close();
            self->drain();
        });
    }

    void close() {
        error_code ignored;
        idle_.cancel();
        stream_.socket().close(ignored);
    }

    Server::Impl& server_;
    beast::tcp_stream stream_;
    asio::steady_timer idle_;
    std::string address_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    bool keep_alive_ = true;
    bool close_after_ = false;
    bool waiting_ = false;
    unsigned version_ = 11;
    std::vector<char> drain_buffer_;
    std::size_t drained_ = 0;
};

}  // namespace

void Server::Impl::accept() {
    acceptor.async_accept([this](error_code ec, tcp::socket socket) {
        if (ec) {
            if (ec == asio::error::operation_aborted) return;
            // Out of file descriptors (or similar): pause instead of spinning.
            accept_pause.expires_after(std::chrono::milliseconds(100));
            accept_pause.async_wait([this](error_code ec2) {
                if (!ec2) accept();
            });
            return;
        }
        error_code endpoint_error;
        auto endpoint = socket.remote_endpoint(endpoint_error);
        if (endpoint_error) return accept();
        std::string address = endpoint.address().to_string();
        std::size_t& count = per_address[address];
        bool over = connections >= limits.max_connections ||
                    (count >= limits.max_connections_per_address && !trusted(address));
        if (over) {
            if (count == 0) per_address.erase(address);
            error_code ignored;
            socket.close(ignored);
            return accept();
        }
        ++count;
        ++connections;
        socket.set_option(tcp::no_delay(true), endpoint_error);
        std::make_shared<Session>(*this, std::move(socket), std::move(address))->start();
        accept();
    });
}

Response Server::Impl::handle(Request& req) const {
    Response res;
    // Content-Encoding of the body: decoded within the same limit.
    std::string coding = lower(trim(req.get_header_value("Content-Encoding")));
    if (!coding.empty() && coding != "identity") {
        std::string decoded;
        bool too_large = false;
        bool ok = false;
        if (coding == "gzip" || coding == "x-gzip" || coding == "deflate") {
            ok = gunzip(req.body, limits.max_body, decoded, too_large);
        } else if (coding == "br") {
            ok = unbrotli(req.body, limits.max_body, decoded, too_large);
        } else {
            return refusal(415, false);
        }
        if (too_large) return refusal(413, false);
        if (!ok) return refusal(400, false);
        req.body = std::move(decoded);
    }
    try {
        if (pre_routing && pre_routing(req, res)) return res;
        const std::string& method = req.method == "HEAD" ? std::string("GET") : req.method;
        bool other_method = false;
        for (const auto& route : routes) {
            std::smatch match;
            if (!std::regex_match(req.path, match, route.pattern)) continue;
            if (route.method != method) {
                other_method = true;
                continue;
            }
            req.matches.assign(match.begin(), match.end());
            route.handler(req, res);
            compress(req, res);
            return res;
        }
        if (mount && method == "GET" && req.path.rfind("/api/", 0) != 0) {
            serve_file(req, res);
            compress(req, res);
            return res;
        }
        return refusal(other_method ? 405 : 404, false);
    } catch (const std::exception& error) {
        std::cerr << "liaoxiu-server: " << req.method << ' ' << req.path << ": " << error.what() << "\n";
        return refusal(500, false);
    }
}

void Server::Impl::serve_file(const Request& req, Response& res) const {
    std::string path = req.path;
    if (path.back() == '/') path += "index.html";
    // No way out of the directory: no "..", no "." segments, no backslashes.
    std::size_t start = 1;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        std::string segment = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (segment == ".." || segment == "." || segment.find('\\') != std::string::npos) {
            res = refusal(404, false);
            return;
        }
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    std::ifstream in(*mount + path, std::ios::binary);
    std::error_code ec;
    if (!in || std::filesystem::is_directory(*mount + path, ec)) {
        res = refusal(404, false);
        return;
    }
    std::ostringstream content;
    content << in.rdbuf();
    res.status = 200;
    res.set_content(content.str(), content_type_of(path));
}

void Server::Impl::compress(const Request& req, Response& res) const {
    if (res.body.size() < 512 || res.has_header("Content-Encoding")) return;
    if (!compressible(res.get_header_value("Content-Type"))) return;
    std::string accept = req.get_header_value("Accept-Encoding");
    if (accept.empty()) return;
    std::string compressed;
    if (accepts(accept, "br") && !(compressed = brotli(res.body)).empty()) {
        res.body = std::move(compressed);
        res.set_header("Content-Encoding", "br");
    } else if (accepts(accept, "gzip")) {
        res.body = gzip(res.body);
        res.set_header("Content-Encoding", "gzip");
    } else {
        return;
    }
    res.set_header("Vary", res.has_header("Vary") ? res.get_header_value("Vary") + ", Accept-Encoding"
                                                  : std::string("Accept-Encoding"));
}

// ---- Server ----

Server::Server(Limits limits) : impl_(std::make_unique<Impl>(std::move(limits))) {}
Server::~Server() {
    impl_->stopping = true;
    impl_->pool.reset();  // workers first: they post to the I/O context
}

void Server::Get(const std::string& pattern, Handler handler) {
    impl_->routes.push_back({"GET", std::regex(pattern), std::move(handler)});
}
void Server::Post(const std::string& pattern, Handler handler) {
    impl_->routes.push_back({"POST", std::regex(pattern), std::move(handler)});
}
void Server::Put(const std::string& pattern, Handler handler) {
    impl_->routes.push_back({"PUT", std::regex(pattern), std::move(handler)});
}
void Server::Delete(const std::string& pattern, Handler handler) {
    impl_->routes.push_back({"DELETE", std::regex(pattern), std::move(handler)});
}
void Server::set_pre_routing_handler(Filter filter) { impl_->pre_routing = std::move(filter); }
void Server::set_error_body(ErrorBody error_body) { impl_->error_body = std::move(error_body); }
void Server::set_logger(Logger logger) { impl_->logger = std::move(logger); }
void Server::set_mount_point(const std::string& dir) { impl_->mount = dir; }
const Limits& Server::limits() const { return impl_->limits; }

int Server::bind(const std::string& host, int port) {
    error_code ec;
    auto address = asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
    if (ec) throw std::runtime_error("cannot listen on " + host + ": not an IP address");
    tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
    auto& acceptor = impl_->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    // A burst of phones connecting at once must not see SYNs dropped.
    if (!ec) acceptor.listen(4096, ec);
    if (ec) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
    return acceptor.local_endpoint().port();
}

void Server::run() {
    // Every connection is a file descriptor: use all the process may have.
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    impl_->pool = std::make_unique<WorkerPool>(impl_->limits.threads, impl_->limits.queue);
    impl_->accept();
    impl_->io.run();
}

void Server::stop() {
    asio::post(impl_->io, [impl = impl_.get()] {
        error_code ignored;
        impl->acceptor.close(ignored);
        impl->io.stop();
    });
}

// ---- Request / Response ----

bool Request::has_header(std::string_view name) const { return find_header(headers, name) != nullptr; }
std::string Request::get_header_value(std::string_view name) const {
    auto found = find_header(headers, name);
    return found ? *found : std::string();
}
bool Request::has_param(std::string_view name) const {
    return std::any_of(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
}
std::string Request::get_param_value(std::string_view name) const {
    for (const auto& [key, value] : params) {
        if (key == name) return value;
    }
    return {};
}

void Response::set_header(std::string name, std::string value) {
    for (auto& [key, existing] : headers) {
        if (iequals(key, name)) {
            existing = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}
bool Response::has_header(std::string_view name) const { return find_header(headers, name) != nullptr; }
std::string Response::get_header_value(std::string_view name) const {
    auto found = find_header(headers, name);
    return found ? *found : std::string();
}
void Response::set_content(std::string content, std::string content_type) {
    body = std::move(content);
    set_header("Content-Type", std::move(content_type));
}

// ---- helpers ----

bool percent_decode(std::string_view text, bool plus_is_space, std::string& out) {
    out.clear();
    out.reserve(text.size());
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return false;
            int high = hex(text[i + 1]), low = hex(text[i + 2]);
            if (high < 0 || low < 0) return false;
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return true;
}

bool gunzip(std::string_view input, std::size_t limit, std::string& out, bool& too_large) {
    too_large = false;
    out.clear();
    z_stream stream{};
    // 32 + 15: gzip or zlib, detected from the header.
    if (inflateInit2(&stream, 32 + 15) != Z_OK) return false;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    char chunk[16384];
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) break;
        std::size_t produced = sizeof chunk - stream.avail_out;
        if (out.size() + produced > limit) {
            too_large = true;
            break;
        }
        out.append(chunk, produced);
        if (status == Z_OK && produced == 0 && stream.avail_in == 0) break;  // truncated input
    }
    inflateEnd(&stream);
    return status == Z_STREAM_END && !too_large;
}

bool unbrotli(std::string_view input, std::size_t limit, std::string& out, bool& too_large) {
    too_large = false;
    out.clear();
    BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    if (!state) return false;
    auto next_in = reinterpret_cast<const uint8_t*>(input.data());
    std::size_t avail_in = input.size();
    uint8_t chunk[16384];
    BrotliDecoderResult result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
    while (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
        uint8_t* next_out = chunk;
        std::size_t avail_out = sizeof chunk;
        result = BrotliDecoderDecompressStream(state, &avail_in, &next_in, &avail_out, &next_out, nullptr);
        std::size_t produced = sizeof chunk - avail_out;
        if (out.size() + produced > limit) {
            too_large = true;
            break;
        }
        out.append(reinterpret_cast<const char*>(chunk), produced);
    }
    BrotliDecoderDestroyInstance(state);
    return result == BROTLI_DECODER_RESULT_SUCCESS && !too_large;
}

std::string gzip(std::string_view input) {
    z_stream stream{};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&stream, static_cast<uLong>(input.size())) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

std::string brotli(std::string_view input) {
    std::size_t size = BrotliEncoderMaxCompressedSize(input.size());
    if (size == 0) size = input.size() + 1024;
    std::string out(size, '\0');
    // Quality 5: most of brotli's gain at a small fraction of quality 11's time (every answer is compressed anew).
    if (!BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, input.size(),
                               reinterpret_cast<const uint8_t*>(input.data()), &size,
                               reinterpret_cast<uint8_t*>(out.data()))) {
        return {};  // cannot happen with MaxCompressedSize; the caller falls back to gzip
    }
    out.resize(size);
    return out;
}

}  // namespace liaoxiu::server::http
