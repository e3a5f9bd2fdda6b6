// Benchmark of liaoxiu-server over HTTP (prints a table; never a test):
//  - joins per second and latency p50/p99 at 1, 16 and 64 concurrent clients, on SQLite
//    and on PostgreSQL with one and two server processes (every answered join durable);
//  - catalogue snapshot and delta sizes (raw and gzip) for the demo and the 10k catalogues.
// PostgreSQL runs are skipped when tools/pg-test-cluster.sh cannot start a cluster.
// Baseline in the same run: SQLite with group commit off (--writer-batch 1: one commit,
// one fsync per join). CPU columns: cores used by the server process(es) and by this
// benchmark's own client threads (same 2 cores), to show who the machine's time went to;
// CPU µs/join is both together per join (PostgreSQL's own processes are not counted):
// what an otherwise idle 2-core machine can sustain is about 2,000,000 / that figure.
// `bench_server sqlite` runs the SQLite rows only; `bench_server joins` the join rows only (SQLite and
// PostgreSQL with its pgbench ceiling), without the catalogue sizes and connections.
// The ceiling (issue 19): pgbench on the same throwaway cluster, in the same run, with the
// transaction shape of a join (a conditional counter update on one of 400 group rows plus one
// insert; synchronous_commit=on) at 1/16/64 clients, and the same with one update of a single
// shared counter row added. Each PostgreSQL join row prints its ratio to the ceiling at its
// client count. Skipped, and said so, when pgbench is missing (Debian's postgresql-client).
// Connections (issue 13): health p99 and joins/s at 64 clients with and without 10,000
// idle keep-alive connections open, the server's memory per idle connection, and sign-in
// throughput at the default (interactive) password cost with the hashing pool's peak
// memory. `bench_server connections` runs that part only.
#include "raw_client.hpp"
#include "server_harness.hpp"

#include "core/dates.hpp"
#include "core/generate.hpp"
#include "core/json.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include <sys/resource.h>
#include <unistd.h>

using namespace liaoxiu;
using namespace liaoxiu::testing;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kDateSlots = 40;      // a worker joins one group per slot; slots never overlap
constexpr int kGroupsPerSlot = 10;  // spreads the load over 400 group rows
constexpr double kSecondsPerRun = 3.0;

struct Fixture {
    std::vector<std::vector<std::string>> groups;  // [slot][i]
    std::vector<Session> workers;
};

Fixture prepare_load(httplib::Client& http, int port, const Session& admin, const Catalogue& catalogue,
                     int workers) {
    Fixture fixture;
    Session organizer = create_and_sign_in(http, admin, "organizer", "bench-org", catalogue.units[0].id);
    Instant now = static_cast<Instant>(std::time(nullptr));
    for (int slot = 0; slot < kDateSlots; ++slot) {
        fixture.groups.emplace_back();
        for (int i = 0; i < kGroupsPerSlot; ++i) {
            fixture.groups.back().push_back(open_group(http, organizer, catalogue.routes[0].id, 10, 500,
                                                       now + 20 * 86400, 30 + slot * 10));
        }
    }
    // Accounts are made by many clients at once (the writer batches them).
    fixture.workers.resize(static_cast<std::size_t>(workers));
    std::atomic<int> next{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 32; ++t) {
        threads.emplace_back([&] {
            httplib::Client client("127.0.0.1", port);
            client.set_tcp_nodelay(true);
            for (int i; (i = next++) < workers;) {
                fixture.workers[static_cast<std::size_t>(i)] =
                    create_and_sign_in(client, admin, "worker", "bench-w" + std::to_string(i),
                                       catalogue.units[static_cast<std::size_t>(i) % catalogue.units.size()].id);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    return fixture;
}

struct RunResult {
    double joins_per_second = 0;
    double p50_ms = 0;
    double p99_ms = 0;
    int errors = 0;
    double server_cores = 0;  // CPU seconds per second of the server processes
    double client_cores = 0;  // ... of this program (the client threads)
};

double process_cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    // Fields 3.. after the name; utime and stime are fields 14 and 15.
    for (int index = 3; index <= 15 && fields >> field; ++index) {
        if (index >= 14) ticks += std::stod(field);
    }
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double own_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// `clients` threads post joins for kSecondsPerRun; worker w joins slot s's group (w % kGroupsPerSlot).
RunResult run_joins(const std::vector<int>& ports, const std::vector<pid_t>& pids, const Fixture& fixture,
                    std::atomic<std::size_t>& next_job, int clients) {
    auto server_cpu = [&] {
        double total = 0;
        for (pid_t pid : pids) total += process_cpu_seconds(pid);
        return total;
    };
    double server_before = server_cpu();
    double client_before = own_cpu_seconds();
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(clients));
    std::atomic<int> errors{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    auto start = Clock::now();
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", ports[static_cast<std::size_t>(c) % ports.size()]);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);
            while (!stop) {
                std::size_t job = next_job++;
                std::size_t worker = job / kDateSlots;
                std::size_t slot = job % kDateSlots;
                if (worker >= fixture.workers.size()) {
                    errors++;
                    return;
                }
                const std::string& group = fixture.groups[slot][worker % kGroupsPerSlot];
                auto begin = Clock::now();
                auto res = client.Post("/api/v1/groups/" + group + "/join", fixture.workers[worker].headers(), "{}",
                                       "application/json");
                double ms = std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
                if (!res || res->status != 200) {
                    errors++;
                    continue;
                }
                latencies[static_cast<std::size_t>(c)].push_back(ms);
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(kSecondsPerRun));
    stop = true;
    for (auto& thread : threads) thread.join();
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    double server_used = server_cpu() - server_before;
    double client_used = own_cpu_seconds() - client_before;
    std::vector<double> all;
    for (auto& list : latencies) all.insert(all.end(), list.begin(), list.end());
    std::sort(all.begin(), all.end());
    RunResult result;
    result.errors = errors;
    result.server_cores = server_used / elapsed;
    result.client_cores = client_used / elapsed;
    if (all.empty()) return result;
    result.joins_per_second = static_cast<double>(all.size()) / elapsed;
    result.p50_ms = all[all.size() / 2];
    result.p99_ms = all[std::min(all.size() - 1, all.size() * 99 / 100)];
    return result;
}

std::vector<std::string> bench_options() {
    // 32 clients make the accounts at once: room for all of them in the hashing queue.
    return {"--password-cost", "min", "--signin-rate", "0", "--write-rate", "0", "--quiet", "--threads", "160",
            "--hash-queue", "64"};
}

using Ceiling = std::map<int, double>;  // clients -> pgbench transactions/s (the join's shape)

std::string ratio_text(const Ceiling* ceiling, int clients, double joins_per_second) {
    if (!ceiling) return "";
    auto found = ceiling->find(clients);
    if (found == ceiling->end() || found->second <= 0) return "";
    char text[32];
    std::snprintf(text, sizeof text, "%.0f %%", 100.0 * joins_per_second / found->second);
    return text;
}

void bench_joins(const std::string& label, const std::string& url, int processes, const std::filesystem::path& dir,
                 std::vector<int> client_counts = {1, 16, 64}, std::vector<std::string> extra = {},
                 const Ceiling* ceiling = nullptr) {
    prepare_database(url, dir);
    auto options = bench_options();
    options.insert(options.end(), extra.begin(), extra.end());
    std::vector<std::unique_ptr<ServerProcess>> servers;
    for (int p = 0; p < processes; ++p) servers.push_back(std::make_unique<ServerProcess>(serve_args(url, options)));
    auto http = servers[0]->client();
    Session admin = sign_in(*http, "admin", "admin-password");
    // Enough workers for ~10,000 joins/s over all runs.
    Fixture fixture = prepare_load(*http, servers[0]->port(), admin, test_catalogue(), 2500);
    std::vector<int> ports;
    std::vector<pid_t> pids;
    for (auto& server : servers) {
        ports.push_back(server->port());
        pids.push_back(server->pid());
    }
    std::atomic<std::size_t> next_job{0};
    for (int clients : client_counts) {
        RunResult r = run_joins(ports, pids, fixture, next_job, clients);
        double cpu_per_join = r.joins_per_second > 0 ? (r.server_cores + r.client_cores) / r.joins_per_second * 1e6 : 0;
        std::printf("| %-30s | %3d | %9.0f | %7.2f | %7.2f | %6d | %6.2f | %6.2f | %6.0f | %7s |\n", label.c_str(),
                    clients, r.joins_per_second, r.p50_ms, r.p99_ms, r.errors, r.server_cores, r.client_cores,
                    cpu_per_join, ratio_text(ceiling, clients, r.joins_per_second).c_str());
        std::fflush(stdout);
    }
}

// ---- the pgbench ceiling -----------------------------------------------------------------

constexpr const char* kPsql = "/usr/lib/postgresql/15/bin/psql";

std::string pgbench_program() {
    for (const char* path : {"/usr/lib/postgresql/15/bin/pgbench", "/usr/bin/pgbench"}) {
        if (::access(path, X_OK) == 0) return path;
    }
    return "";
}

// Runs `command`, returns what it printed (stdout and stderr).
std::string output_of(const std::string& command) {
    std::string text;
    if (FILE* pipe = ::popen((command + " 2>&1").c_str(), "r")) {
        char buffer[4096];
        std::size_t n;
        while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
        ::pclose(pipe);
    }
    return text;
}

struct PgbenchResult {
    double tps = 0;
    double p50_ms = 0;
    double p99_ms = 0;
    long failed = 0;
};

// One pgbench run of `script` at `clients` for kSecondsPerRun; latencies from its per-transaction log.
PgbenchResult run_pgbench(const std::string& program, const std::string& url, const std::filesystem::path& script,
                          int clients, const std::filesystem::path& log_dir) {
    std::filesystem::remove_all(log_dir);
    std::filesystem::create_directories(log_dir);
    const int threads = std::min(clients, 2);
    std::string command = program + " -n -M prepared -c " + std::to_string(clients) + " -j " +
                          std::to_string(threads) + " -T " + std::to_string(static_cast<int>(kSecondsPerRun)) +
                          " -f " + script.string() + " -l --log-prefix=" + (log_dir / "tx").string() + " '" + url + "'";
    std::string printed = output_of(command);
    PgbenchResult result;
    auto tps_at = printed.find("tps = ");
    if (tps_at != std::string::npos) result.tps = std::atof(printed.c_str() + tps_at + 6);
    auto failed_at = printed.find("number of failed transactions: ");
    if (failed_at != std::string::npos) result.failed = std::atol(printed.c_str() + failed_at + 31);
    std::vector<double> latencies;
    for (const auto& entry : std::filesystem::directory_iterator(log_dir)) {
        std::ifstream in(entry.path());
        long client = 0, number = 0, micros = 0;
        std::string rest;
        // client_id transaction_no time script_no time_epoch time_us: `time` is the latency in µs.
        while (in >> client >> number >> micros && std::getline(in, rest)) latencies.push_back(micros / 1000.0);
    }
    if (result.tps == 0) std::fprintf(stderr, "pgbench said:\n%s\n", printed.c_str());
    std::sort(latencies.begin(), latencies.end());
    if (!latencies.empty()) {
        result.p50_ms = latencies[latencies.size() / 2];
        result.p99_ms = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
    }
    return result;
}

// pgbench on `base`'s cluster (database `ceiling`) with a join's transaction shape, then with one
// shared counter row added; prints a row per client count and returns the plain shape's rates.
Ceiling bench_ceiling(const std::string& base, const std::filesystem::path& dir) {
    Ceiling ceiling;
    std::string program = pgbench_program();
    if (program.empty()) {
        std::printf("| pgbench ceiling                | skipped: pgbench not installed (Debian postgresql-client) |\n");
        return ceiling;
    }
    std::system((std::string(kPsql) + " -q '" + base + "' -c 'CREATE DATABASE ceiling'").c_str());
    std::string url = base.substr(0, base.rfind('/') + 1) + "ceiling";
    // 400 group rows with room for every join (the update always changes its row), the places
    // as a table with a primary key and an index by worker, and one shared counter row.
    auto setup = dir / "ceiling.sql";
    std::ofstream(setup) << "CREATE TABLE ceiling_groups (id INTEGER PRIMARY KEY, taken BIGINT NOT NULL, "
                            "capacity BIGINT NOT NULL, doc TEXT NOT NULL);\n"
                            "INSERT INTO ceiling_groups SELECT g, 0, 1000000000, repeat('x', 300) "
                            "FROM generate_series(1, 400) g;\n"
                            "CREATE TABLE ceiling_places (id BIGSERIAL PRIMARY KEY, group_id INTEGER NOT NULL, "
                            "worker TEXT NOT NULL, state TEXT NOT NULL);\n"
                            "CREATE INDEX ceiling_places_by_worker ON ceiling_places (worker);\n"
                            "CREATE TABLE ceiling_counter (name TEXT PRIMARY KEY, value BIGINT NOT NULL);\n"
                            "INSERT INTO ceiling_counter VALUES ('catalogue', 0);\n";
    std::system((std::string(kPsql) + " -q '" + url + "' -f " + setup.string() + " > /dev/null").c_str());
    const std::string join_shape =
        "\\set g random(1, 400)\n"
        "BEGIN;\n"
        "UPDATE ceiling_groups SET taken = taken + 1 WHERE id = :g AND taken < capacity;\n"
        "INSERT INTO ceiling_places (group_id, worker, state) VALUES (:g, 'w' || :client_id, 'confirmed');\n";
    auto plain = dir / "join-shape.pgbench";
    auto counter = dir / "join-shape-counter.pgbench";
    std::ofstream(plain) << join_shape << "END;\n";
    std::ofstream(counter) << join_shape << "UPDATE ceiling_counter SET value = value + 1 WHERE name = 'catalogue';\n"
                           << "END;\n";
    for (const auto& [label, script] : {std::pair{"pgbench ceiling (join shape)", plain},
                                        std::pair{"pgbench + shared counter row", counter}}) {
        for (int clients : {1, 16, 64}) {
            PgbenchResult r = run_pgbench(program, url, script, clients, dir / "pgbench-log");
            if (script == plain) ceiling[clients] = r.tps;
            std::printf("| %-30s | %3d | %9.0f | %7.2f | %7.2f | %6ld | %6s | %6s | %6s | %7s |\n", label, clients, r.tps,
                        r.p50_ms, r.p99_ms, r.failed, "", "", "", script == plain ? "100 %" : "");
            std::fflush(stdout);
        }
    }
    return ceiling;
}

std::string gzip_size(httplib::Client& client, const std::string& path) {
    client.set_decompress(false);
    auto res = client.Get(path, {{"Accept-Encoding", "gzip"}});
    client.set_decompress(true);
    return res ? std::to_string(res->body.size()) : "-";
}

void bench_catalogue(const std::string& label, const Catalogue& catalogue, const std::filesystem::path& dir) {
    std::string url = "sqlite:" + (dir / (label + ".db")).string();
    auto file = dir / (label + ".json");
    std::ofstream(file) << nlohmann::json(catalogue).dump();
    auto start = Clock::now();
    if (run_cli({"import", file.string(), "--db", url}) != 0) {
        std::printf("| %-8s | import failed |\n", label.c_str());
        return;
    }
    double import_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    run_cli({"add-account", "--db", url, "--role", "secretariat", "--login", "admin", "--name", "a", "--password-cost",
             "min"},
            "admin-password\n");
    ServerProcess server(serve_args(url, bench_options()));
    auto http = server.client();
    Session admin = sign_in(*http, "admin", "admin-password");
    auto snapshot = http->Get("/api/v1/catalogue");
    std::int64_t version = parse(snapshot->body)["version"];
    Route route = catalogue.routes.at(0);
    route.title += "（修订）";
    http->Put("/api/v1/routes/" + route.id, admin.headers(), nlohmann::json(route).dump(), "application/json");
    std::string delta_path = "/api/v1/catalogue?since=" + std::to_string(version);
    auto delta = http->Get(delta_path);
    start = Clock::now();
    http->Get("/api/v1/catalogue?nocache=1");
    std::printf("| %-8s | %6zu | %6zu | %11zu | %9s | %9zu | %7s | %6.1f s |\n", label.c_str(), catalogue.routes.size(),
                catalogue.groups.size(), snapshot->body.size(), gzip_size(*http, "/api/v1/catalogue").c_str(),
                delta->body.size(), gzip_size(*http, delta_path).c_str(), import_seconds);
    std::fflush(stdout);
}

// Health checks from one client while the joins run: their latencies in ms.
std::vector<double> probe_health(int port, std::atomic<bool>& stop) {
    std::vector<double> latencies;
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    while (!stop) {
        auto begin = Clock::now();
        auto res = client.Get("/api/v1/health");
        if (res && res->status == 200) {
            latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::sort(latencies.begin(), latencies.end());
    return latencies;
}

void bench_connections(const std::filesystem::path& dir) {
    raise_open_files_limit();
    std::string url = "sqlite:" + (dir / "connections.db").string();
    prepare_database(url, dir);
    ServerProcess server(serve_args(url, bench_options()));
    auto http = server.client();
    Session admin = sign_in(*http, "admin", "admin-password");
    Fixture fixture = prepare_load(*http, server.port(), admin, test_catalogue(), 2000);
    std::atomic<std::size_t> next_job{0};
    std::printf("\n## 10,000 idle keep-alive connections (SQLite, 64 clients joining, one client probing health)\n\n");
    std::printf("| idle connections | joins/s | join p99 ms | health p50 ms | health p99 ms | errors | server RSS kB |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    auto run = [&](int idle) {
        std::atomic<bool> stop{false};
        std::vector<double> health;
        std::thread probe([&] { health = probe_health(server.port(), stop); });
        RunResult r = run_joins({server.port()}, {server.pid()}, fixture, next_job, 64);
        stop = true;
        probe.join();
        double p50 = health.empty() ? 0 : health[health.size() / 2];
        double p99 = health.empty() ? 0 : health[std::min(health.size() - 1, health.size() * 99 / 100)];
        std::printf("| %16d | %7.0f | %11.2f | %13.2f | %13.2f | %6d | %12ld |\n", idle, r.joins_per_second, r.p99_ms,
                    p50, p99, r.errors, proc_status(server.pid(), "VmRSS"));
        std::fflush(stdout);
    };
    run(0);
    long rss_before = proc_status(server.pid(), "VmRSS");
    std::vector<int> idle;
    for (int i = 0; i < 10000; ++i) {
        // Each one makes a request first (a kept-alive connection, as a phone leaves it), then goes quiet.
        int fd = connect_from(server.port(), "127.0.1." + std::to_string(1 + i / 400));
        if (fd < 0) break;
        send_all(fd, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
        read_answer(fd, 10000);
        idle.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    long rss_after = proc_status(server.pid(), "VmRSS");
    run(static_cast<int>(idle.size()));
    std::printf("\nServer memory per idle keep-alive connection: %.2f kB (RSS %ld -> %ld kB for %zu connections)\n",
                static_cast<double>(rss_after - rss_before) / static_cast<double>(std::max<std::size_t>(1, idle.size())),
                rss_before, rss_after, idle.size());
    for (int fd : idle) ::close(fd);
}

void bench_sign_in(const std::filesystem::path& dir) {
    std::string url = "sqlite:" + (dir / "signin.db").string();
    prepare_database(url, dir);
    // The default cost and hashing pool (2 threads); no rate limits (one client address).
    ServerProcess server(serve_args(url, {"--quiet", "--signin-rate", "0", "--write-rate", "0"}));
    auto http = server.client();
    Session admin = sign_in(*http, "admin", "admin-password");
    nlohmann::json account = {{"role", "worker"}, {"login", "bench-signin"}, {"name", "x"},
                              {"unit", test_catalogue().units[0].id}, {"password", "bench-password"}};
    http->Post("/api/v1/accounts", admin.headers(), account.dump(), "application/json");
    long peak_before = proc_status(server.pid(), "VmHWM");
    std::atomic<int> ok{0}, busy{0}, other{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    auto start = Clock::now();
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            httplib::Client client("127.0.0.1", server.port());
            client.set_read_timeout(60, 0);
            while (!stop) {
                auto res = client.Post("/api/v1/sessions", R"({"login":"bench-signin","password":"bench-password"})",
                                       "application/json");
                if (res && res->status == 201) ++ok;
                else if (res && res->status == 503) {
                    ++busy;
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                } else ++other;
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::seconds(5));
    stop = true;
    for (auto& thread : threads) thread.join();
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    long peak_after = proc_status(server.pid(), "VmHWM");
    std::printf("\n## Sign-in at the default password cost (argon2id interactive: 64 MiB each; 2 hashing threads)\n\n");
    std::printf("8 clients for %.1f s: %.1f sign-ins/s, %d told 503 busy, %d other; server peak memory %ld -> %ld kB\n",
                elapsed, ok / elapsed, busy.load(), other.load(), peak_before, peak_after);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    bool sqlite_only = argc > 1 && std::string(argv[1]) == "sqlite";
    bool connections_only = argc > 1 && std::string(argv[1]) == "connections";
    bool joins_only = argc > 1 && std::string(argv[1]) == "joins";
    TempDir dir;
    if (connections_only) {
        bench_connections(dir.path());
        bench_sign_in(dir.path());
        return 0;
    }
    std::printf("## Joins over HTTP (each answered join committed: SQLite WAL synchronous=FULL / PostgreSQL)\n\n");
    std::printf("| database                       | clients | joins/s | p50 ms | p99 ms | errors | server CPU | client CPU | CPU µs/join | of ceiling |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|\n");
    bench_joins("SQLite, commit per join (base)", "sqlite:" + (dir.path() / "base.db").string(), 1, dir.path(), {64},
                {"--writer-batch", "1"});
    bench_joins("SQLite, 1 process", "sqlite:" + (dir.path() / "joins.db").string(), 1, dir.path());
    if (sqlite_only) return 0;

    auto pg_dir = std::filesystem::temp_directory_path() / ("liaoxiu-pg-bench-" + std::to_string(getpid()));
    std::string script = LIAOXIU_PG_SCRIPT;
    int started = std::system((script + " start " + pg_dir.string() + " > /dev/null").c_str());
    if (started == 0) {
        std::ifstream in(pg_dir / "url");
        std::string base;
        std::getline(in, base);
        Ceiling ceiling = bench_ceiling(base, dir.path());
        for (int processes : {1, 2}) {
            std::string db = "bench" + std::to_string(processes);
            std::system((std::string(kPsql) + " -q '" + base + "' -c 'CREATE DATABASE " + db + "'").c_str());
            std::string url = base.substr(0, base.rfind('/') + 1) + db;
            // LIAOXIU_BENCH_PG_WRITERS=N: the servers run with --writers N (else the default).
            std::vector<std::string> extra;
            std::string label = "PostgreSQL, " + std::to_string(processes) + " process" + (processes > 1 ? "es" : "");
            if (const char* writers = std::getenv("LIAOXIU_BENCH_PG_WRITERS")) {
                extra = {"--writers", writers};
                label += ", " + std::string(writers) + " writers";
            }
            bench_joins(label, url, processes, dir.path(), {1, 16, 64}, extra, ceiling.empty() ? nullptr : &ceiling);
        }
        std::system((script + " stop " + pg_dir.string()).c_str());
    } else {
        std::printf("| PostgreSQL             | skipped: no cluster (tools/pg-test-cluster.sh) |\n");
    }
    if (joins_only) return 0;

    std::printf("\n## Catalogue sizes (bytes)\n\n");
    std::printf("| catalogue | routes | groups | snapshot | gzip | delta (1 route) | gzip | import |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    std::ifstream demo_file(std::string(LIAOXIU_SOURCE_DIR) + "/assets/demo/catalogue.json");
    if (demo_file) {
        std::string text((std::istreambuf_iterator<char>(demo_file)), std::istreambuf_iterator<char>());
        auto demo = parse_catalogue(text);
        if (demo) bench_catalogue("demo", demo.value(), dir.path());
    }
    bench_catalogue("10k", generate_catalogue(ScaleSpec{}, 1), dir.path());

    bench_connections(dir.path());
    bench_sign_in(dir.path());
    return 0;
}
