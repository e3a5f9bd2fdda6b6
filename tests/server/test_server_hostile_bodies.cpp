// A hostile client (issue 13), the bodies: bounded after decoding in every transfer and
// content coding (a gzip or brotli bomb is cut off at the limit), and password hashing
// bounded by a small pool and a queue. (Connections: test_server_hostile_connections.cpp.)
#include "hostile_helpers.hpp"
#include "raw_client.hpp"
#include "test_world.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include <catch2/catch.hpp>

#include <thread>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

// `size` zero bytes, gzip-compressed in pieces (never all in memory).
std::string gzip_zeros(std::size_t size) {
    z_stream stream{};
    deflateInit2(&stream, 9, Z_DEFLATED, 16 + 15, 9, Z_DEFAULT_STRATEGY);
    std::string zeros(1 << 20, '\0');
    std::string out;
    char buffer[65536];
    std::size_t left = size;
    int flush = Z_NO_FLUSH;
    do {
        std::size_t piece = std::min(left, zeros.size());
        left -= piece;
        flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        stream.next_in = reinterpret_cast<Bytef*>(zeros.data());
        stream.avail_in = static_cast<uInt>(piece);
        do {
            stream.next_out = reinterpret_cast<Bytef*>(buffer);
            stream.avail_out = sizeof buffer;
            deflate(&stream, flush);
            out.append(buffer, sizeof buffer - stream.avail_out);
        } while (stream.avail_out == 0);
    } while (flush != Z_FINISH);
    deflateEnd(&stream);
    return out;
}

std::string brotli_zeros(std::size_t size) {
    BrotliEncoderState* state = BrotliEncoderCreateInstance(nullptr, nullptr, nullptr);
    BrotliEncoderSetParameter(state, BROTLI_PARAM_QUALITY, 1);
    std::string zeros(1 << 20, '\0');
    std::string out;
    std::size_t left = size;
    uint8_t buffer[65536];
    for (;;) {
        std::size_t piece = std::min(left, zeros.size());
        left -= piece;
        auto next_in = reinterpret_cast<const uint8_t*>(zeros.data());
        std::size_t avail_in = piece;
        BrotliEncoderOperation op = left == 0 ? BROTLI_OPERATION_FINISH : BROTLI_OPERATION_PROCESS;
        do {
            uint8_t* next_out = buffer;
            std::size_t avail_out = sizeof buffer;
            BrotliEncoderCompressStream(state, op, &avail_in, &next_in, &avail_out, &next_out, nullptr);
            out.append(reinterpret_cast<char*>(buffer), sizeof buffer - avail_out);
        } while (avail_in > 0 || BrotliEncoderHasMoreOutput(state));
        if (op == BROTLI_OPERATION_FINISH && BrotliEncoderIsFinished(state)) break;
    }
    BrotliEncoderDestroyInstance(state);
    return out;
}

}  // namespace

TEST_CASE("bodies are bounded after decoding in every transfer and content coding", "[hostile][bodies]") {
    World world({"--password-cost", "min", "--quiet", "--signin-rate", "0", "--write-rate", "0"});
    int port = world.server->port();
    pid_t pid = world.server->pid();
    auto http = client_for(port);
    long peak_before = proc_status(pid, "VmHWM");

    // A gzip body of ~300 KB that inflates to 300 MB: refused with 413 as soon as it passes 1 MiB.
    std::string bomb = gzip_zeros(300u << 20);
    INFO("gzip bomb " << bomb.size() << " bytes");
    auto start = Clock::now();
    auto gz = http->Post("/api/v1/sessions", {{"Content-Encoding", "gzip"}}, bomb, "application/json");
    REQUIRE(gz);
    CHECK(gz->status == 413);
    CHECK(error_of(gz)["code"] == "payload_too_large");
    CHECK(seconds_since(start) < 10);

    std::string br_bomb = brotli_zeros(300u << 20);
    auto br = http->Post("/api/v1/sessions", {{"Content-Encoding", "br"}}, br_bomb, "application/json");
    REQUIRE(br);
    CHECK(br->status == 413);

    // Coded bodies within the limit work: a gzip sign-in.
    std::string sign_in_json = R"({"login":"admin","password":"admin-password"})";
    std::string zipped;
    {
        z_stream stream{};
        deflateInit2(&stream, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY);
        zipped.resize(1024);
        stream.next_in = reinterpret_cast<Bytef*>(sign_in_json.data());
        stream.avail_in = static_cast<uInt>(sign_in_json.size());
        stream.next_out = reinterpret_cast<Bytef*>(zipped.data());
        stream.avail_out = static_cast<uInt>(zipped.size());
        deflate(&stream, Z_FINISH);
        zipped.resize(stream.total_out);
        deflateEnd(&stream);
    }
    auto gz_ok = http->Post("/api/v1/sessions", {{"Content-Encoding", "gzip"}}, zipped, "application/json");
    REQUIRE(gz_ok);
    CHECK(gz_ok->status == 201);
    auto corrupt = http->Post("/api/v1/sessions", {{"Content-Encoding", "gzip"}}, "not gzip at all", "application/json");
    REQUIRE(corrupt);
    CHECK(corrupt->status == 400);
    auto unknown = http->Post("/api/v1/sessions", {{"Content-Encoding", "compress"}}, sign_in_json, "application/json");
    REQUIRE(unknown);
    CHECK(unknown->status == 415);

    // A declared length above the limit: 413 at once, nothing read.
    int fd = connect_from(port);
    start = Clock::now();
    REQUIRE(send_all(fd, "POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         "Content-Length: 104857600\r\n\r\n"));
    std::string answer = read_answer(fd, 10000);
    CHECK(status_of(answer) == 413);
    CHECK(seconds_since(start) < 5);
    ::close(fd);

    // An anonymous chunked 200 MB body: 413 once it passes the limit, long before its end.
    fd = connect_from(port);
    REQUIRE(send_all(fd, "POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n"));
    std::string chunk = "10000\r\n" + std::string(0x10000, 'a') + "\r\n";
    std::size_t sent = 0;
    start = Clock::now();
    while (sent < (200u << 20) && !readable(fd, 0)) {
        if (!send_all(fd, chunk)) break;
        sent += 0x10000;
    }
    answer = read_answer(fd, 10000);
    INFO("sent " << sent << " bytes of chunks before the answer");
    CHECK(status_of(answer) == 413);
    CHECK(sent < (16u << 20));
    CHECK(seconds_since(start) < 10);
    ::close(fd);

    // Header bounds: more than 16 KiB of header, or more than 100 fields: 431.
    fd = connect_from(port);
    send_all(fd, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'b') + "\r\n\r\n");
    CHECK(status_of(read_answer(fd, 5000)) == 431);
    ::close(fd);
    fd = connect_from(port);
    std::string many = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 150; ++i) many += "X-F" + std::to_string(i) + ": 1\r\n";
    send_all(fd, many + "\r\n");
    CHECK(status_of(read_answer(fd, 5000)) == 431);
    ::close(fd);

    // The peak memory of the whole case: no body was ever held whole.
    long peak_after = proc_status(pid, "VmHWM");
    INFO("server peak memory " << peak_before << " -> " << peak_after << " kB");
    CHECK(peak_after - peak_before < 64 * 1024);
    std::printf("[bodies] gzip bomb %zu B -> 413; server peak memory %ld -> %ld kB\n", bomb.size(), peak_before,
                peak_after);
    CHECK(world.server->alive());
}

TEST_CASE("password hashing is bounded: a small pool and a queue with 503 beyond and memory within the stated figure",
          "[hostile][hashing]") {
    // The default (interactive, 64 MiB) cost; 2 hashing threads and 4 waiting places.
    World world({"--quiet", "--signin-rate", "0", "--write-rate", "0", "--hash-threads", "2", "--hash-queue", "4"});
    int port = world.server->port();
    pid_t pid = world.server->pid();
    long peak_before = proc_status(pid, "VmHWM");
    // 40 simultaneous sign-ins to unknown logins: each is verified against the decoy hash at the full cost.
    std::vector<int> statuses(40);
    std::vector<std::string> retry_after(40);
    std::latch go(40);
    std::vector<std::thread> threads;
    auto start = Clock::now();
    for (int i = 0; i < 40; ++i) {
        threads.emplace_back([&, i] {
            auto client = client_for(port);
            go.arrive_and_wait();
            auto res = client->Post("/api/v1/sessions",
                                    nlohmann::json{{"login", "nobody-" + std::to_string(i)}, {"password", "guess-guess"}}
                                        .dump(),
                                    "application/json");
            if (res) {
                statuses[static_cast<std::size_t>(i)] = res->status;
                retry_after[static_cast<std::size_t>(i)] = res->get_header_value("Retry-After");
            }
        });
    }
    for (auto& thread : threads) thread.join();
    double took = seconds_since(start);
    int unauthorized = 0, busy = 0;
    for (int i = 0; i < 40; ++i) {
        INFO("sign-in " << i << " answered " << statuses[static_cast<std::size_t>(i)]);
        CHECK((statuses[static_cast<std::size_t>(i)] == 401 || statuses[static_cast<std::size_t>(i)] == 503));
        if (statuses[static_cast<std::size_t>(i)] == 401) ++unauthorized;
        if (statuses[static_cast<std::size_t>(i)] == 503) {
            ++busy;
            CHECK(!retry_after[static_cast<std::size_t>(i)].empty());
        }
    }
    CHECK(unauthorized >= 2);
    CHECK(busy >= 1);
    long peak_after = proc_status(pid, "VmHWM");
    // At most 2 hashes at once: 2 × 64 MiB, plus slack for everything else.
    INFO("server peak memory " << peak_before << " -> " << peak_after << " kB");
    CHECK(peak_after - peak_before < (2 * 64 + 48) * 1024);
    std::printf("[hashing] 40 sign-ins at once: %d verified (401), %d told 503 + Retry-After, in %.1f s; "
                "server peak %ld -> %ld kB\n",
                unauthorized, busy, took, peak_before, peak_after);
    // And the server still signs people in afterwards.
    auto ok = world.http->Post("/api/v1/sessions", R"({"login":"admin","password":"admin-password"})",
                               "application/json");
    REQUIRE(ok);
    CHECK(ok->status == 201);
}
