// The server side of the transport: the acceptor with its connection caps (in all and
// per client address), the worker pool's start, routing to the application's
// handlers, static files under the mount point, and Request/Response. A connection
// itself is served in http_session.cpp; content codings are in http_codings.cpp.
#include "server/http_internal.hpp"

#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace liaoxiu::server::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

namespace detail {

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

}  // namespace detail

namespace {

using detail::iequals;
using detail::lower;

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
        detail::start_session(*this, std::move(socket), std::move(address));
        accept();
    });
}

Response Server::Impl::handle(Request& req) const {
    Response res;
    // Content-Encoding of the body: decoded within the same limit.
    if (int refused = detail::decode_content_coding(req, limits.max_body)) return refusal(refused, false);
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
            detail::encode_content_coding(req, res);
            return res;
        }
        if (mount && method == "GET" && req.path.rfind("/api/", 0) != 0) {
            serve_file(req, res);
            detail::encode_content_coding(req, res);
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
    impl_->pool = std::make_unique<BoundedPool>(impl_->limits.threads, impl_->limits.queue,
                                               BoundedPool::OnStop::drop_queued);
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

}  // namespace liaoxiu::server::http
