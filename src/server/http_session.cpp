// One connection, on the I/O thread: wait for a request without holding a buffer,
// read its header and body within the size limits and timeouts, hand the complete
// request to the worker pool, write the answer, and either wait for the next request
// or linger briefly and close. Nothing here blocks, so a slow or silent client costs
// a socket and a few hundred bytes, never a thread.
#include "server/http_internal.hpp"

#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

namespace liaoxiu::server::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

namespace {

using detail::iequals;
using detail::split_list;

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
        bool taken = server_.pool->try_submit([self, request, head] {
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

void detail::start_session(Server::Impl& server, tcp::socket socket, std::string address) {
    std::make_shared<Session>(server, std::move(socket), std::move(address))->start();
}

}  // namespace liaoxiu::server::http
