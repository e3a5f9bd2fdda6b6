// liaoxiu-server: the JSON HTTP endpoint (serve) and its catalogue tools
// (import, export, add-account). See docs/api.md.
#include "core/catalogue_dates.hpp"
#include "core/json.hpp"
#include "core/rules.hpp"
#include "server/accounts.hpp"
#include "server/api_error.hpp"
#include "server/approval_service.hpp"
#include "server/catalogue_service.hpp"
#include "server/group_service.hpp"
#include "server/http_api.hpp"
#include "server/options.hpp"
#include "server/review_service.hpp"
#include "server/rules_service.hpp"
#include "server/scheduler.hpp"
#include "server/webhook_sender.hpp"
#include "server/wish_service.hpp"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#ifndef LIAOXIU_SOURCE_DIR
#define LIAOXIU_SOURCE_DIR "."
#endif

using namespace liaoxiu;
using namespace liaoxiu::server;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Decodes and validates a catalogue file; prints every problem and returns nullopt if it is refused.
// A catalogue file, checked by the core's rules; a demo's dates moved to `now`.
std::optional<Catalogue> load_catalogue_file(const std::string& path, Instant now) {
    auto parsed = parse_catalogue(read_file(path));
    if (!parsed) {
        std::cerr << path << ": " << error_json(parsed.error()).dump() << "\n";
        return std::nullopt;
    }
    rebase_dates(parsed.value(), now);
    auto problems = validate_catalogue(parsed.value());
    for (const auto& problem : problems) std::cerr << path << ": " << error_json(problem).dump() << "\n";
    if (has_errors(problems)) return std::nullopt;
    return std::move(parsed).value();
}

std::unique_ptr<Connection> open_with_schema(const std::string& url) {
    auto db = open_connection(url);
    store::create_schema(*db);
    return db;
}

int command_import(const CommandLine& line) {
    auto catalogue = load_catalogue_file(line.file, system_clock_now());
    if (!catalogue) {
        std::cerr << "import refused: nothing was written\n";
        return 2;
    }
    auto db = open_with_schema(line.options.db);
    run_transaction(*db, system_clock_now(), [&](WriteContext& context) { apply_catalogue(context, *catalogue); });
    std::cout << "imported " << catalogue->members.size() << " members, " << catalogue->routes.size() << " routes, "
              << catalogue->policies.size() << " policies, " << catalogue->units.size() << " units, "
              << catalogue->groups.size() << " group trips; catalogue version " << store::catalogue_version(*db)
              << "\n";
    return 0;
}

int command_export(const CommandLine& line) {
    auto db = open_with_schema(line.options.db);
    std::int64_t version = 0;
    store::begin_read(*db);
    std::string text = assemble_catalogue(*db, std::nullopt, true, version);
    store::commit(*db);
    // Re-indented for people and diffs.
    text = nlohmann::json::parse(text).dump(2) + "\n";
    if (line.file.empty()) {
        std::cout << text;
    } else {
        std::ofstream(line.file, std::ios::binary) << text;
    }
    return 0;
}

int command_add_account(const CommandLine& line) {
    std::string password;
    std::getline(std::cin, password);
    nlohmann::json request = {{"role", line.role}, {"login", line.login}, {"name", line.name},
                              {"password", password}};
    if (!line.unit.empty()) request["unit"] = line.unit;
    if (!line.member_number.empty()) request["member_number"] = line.member_number;
    if (!line.id.empty()) request["id"] = line.id;
    auto decoded = decode_account_request(request);
    if (!decoded) {
        std::cerr << error_json(decoded.error()).dump() << "\n";
        return 2;
    }
    const AccountRequest& account = decoded.value();
    auto db = open_with_schema(line.options.db);
    store::Account stored{account.id.value_or((account.role == "worker" ? "w-" : "a-") + random_hex(6)),
                          account.login,
                          account.role,
                          account.name,
                          account.role == "secretariat" ? Id{} : account.unit,
                          account.member_number,
                          hash_password(account.password, line.options.password_cost)};
    run_transaction(*db, system_clock_now(), [&](WriteContext& context) {
        if (!stored.unit.empty() && !store::exists(context.db, store::Kind::unit, stored.unit)) {
            fail("unknown_reference", "单位不存在", "unknown unit " + stored.unit, "unit");
        }
        if (store::account_exists(context.db, stored.id, stored.login)) {
            fail("account_exists", "账号已存在", "an account with this id or login exists", "login");
        }
        store::insert_account(context.db, stored, context.now);
    });
    std::cout << AccountService::describe(stored).dump() << "\n";
    return 0;
}

std::string find_demo_file(const ServerOptions& options) {
    if (!options.demo_file.empty()) return options.demo_file;
    for (std::string candidate : {std::string("assets/demo/catalogue.json"),
                                  std::string(LIAOXIU_SOURCE_DIR) + "/assets/demo/catalogue.json"}) {
        if (std::filesystem::exists(candidate)) return candidate;
    }
    throw std::runtime_error("--demo: assets/demo/catalogue.json not found (use --demo-file PATH)");
}

// First start with --demo: the demo catalogue and the demo accounts, once.
// Its dates are moved to the server's clock at that moment (see rebase_dates).
void load_demo_once(Connection& db, const ServerOptions& options, Instant now) {
    if (store::meta_get(db, "demo_loaded")) return;
    std::string path = find_demo_file(options);
    auto catalogue = load_catalogue_file(path, now);
    if (!catalogue) throw std::runtime_error("the demo catalogue " + path + " is invalid");
    // One hash for all demo accounts: they share a password that is published anyway.
    std::string hash = hash_password(kDemoPassword, options.password_cost);
    // The demo's past (trips, places, reviews: review_service.hpp); its workers get accounts
    // numbered after the catalogue's own.
    const DemoHistory history = generate_history(*catalogue, now);
    Catalogue with_history = *catalogue;
    with_history.groups.insert(with_history.groups.end(), history.groups.begin(), history.groups.end());
    run_transaction(db, now, [&](WriteContext& context) {
        apply_catalogue(context, *catalogue);
        apply_demo_history(context, history, *catalogue, hash);
        create_demo_accounts(context, with_history, hash);
        apply_demo_rules(context, *catalogue);  // rules_service.hpp: the union rules in action
        apply_demo_wishes(context, *catalogue);  // wish_service.hpp: 想去 on a route with no group
        apply_demo_approval(context);           // approval_service.hpp: one unit's union approves
        store::meta_set(context.db, "demo_loaded", path);
    });
    std::clog << "liaoxiu-server: loaded the demo catalogue from " << path << "\n";
}

// The --test-clock-file clock: system time plus the offset in seconds the file holds
// (0 while it is missing or unreadable).
std::function<Instant()> offset_clock(const std::string& path) {
    return [path] {
        std::ifstream in(path);
        long long offset = 0;
        if (!(in >> offset)) offset = 0;
        return system_clock_now() + static_cast<Instant>(offset);
    };
}

WebhookSettings webhook_settings(const ServerOptions& options) {
    WebhookSettings settings;
    settings.url = options.webhook_url;
    settings.secret = read_webhook_secret(options.webhook_secret_file);
    settings.timeout = std::chrono::milliseconds(options.webhook_timeout_ms);
    settings.backoff_base = std::chrono::milliseconds(options.webhook_backoff_ms);
    settings.backoff_cap = std::chrono::milliseconds(options.webhook_backoff_max_ms);
    settings.max_attempts = options.webhook_max_attempts;
    return settings;
}

int command_serve(const CommandLine& line) {
    const ServerOptions& options = line.options;
    // SIGINT/SIGTERM stop the server cleanly (a waiting thread, not a signal handler);
    // blocked before any thread starts, so every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::function<Instant()> clock = system_clock_now;
    if (!options.test_clock_file.empty()) clock = offset_clock(options.test_clock_file);
    // Read before anything starts: a missing or short secret refuses the start.
    std::optional<WebhookSettings> webhook;
    if (!options.webhook_url.empty()) webhook = webhook_settings(options);
    {
        auto db = open_with_schema(options.db);
        if (options.demo) load_demo_once(*db, options, clock());
    }
    Backend backend(options.db, clock, options.writer_batch, options.writers);
    HashPool hashing(options.hash_threads, options.hash_queue);
    AccountService accounts(backend, options.password_cost, options.token_lifetime_seconds, &hashing);
    CatalogueService catalogue(backend);
    GroupService groups(backend);
    // Declared before the scheduler, so the scheduler (whose commits notify it) stops first.
    std::unique_ptr<WebhookSender> webhook_sender;
    if (webhook) {
        backend.writer.set_webhook_outbox(true);
        webhook_sender = std::make_unique<WebhookSender>(options.db, *webhook);
    }
    Scheduler scheduler(backend, groups);
    backend.writer.set_after_commit([&scheduler, &webhook_sender] {
        scheduler.notify();
        if (webhook_sender) webhook_sender->notify();
    });
    Services services{backend, accounts, catalogue, groups};

    http::Server server(http_limits(options));
    install_api(server, services, options);

    std::thread stopper([&] {
        int received = 0;
        sigwait(&signals, &received);
        server.stop();
    });
    stopper.detach();

    int port = server.bind(options.host, options.port);
    std::cout << "liaoxiu-server listening on http://" << options.host << ":" << port << std::endl;
    server.run();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CommandLine line;
    try {
        line = parse_command_line(argc, argv);
    } catch (const std::invalid_argument& error) {
        std::cerr << "liaoxiu-server: " << error.what() << "\n" << usage();
        return 64;
    }
    try {
        init_crypto();
        if (line.command == "help") {
            std::cout << usage();
            return 0;
        }
        if (line.command == "import") return command_import(line);
        if (line.command == "export") return command_export(line);
        if (line.command == "add-account") return command_add_account(line);
        return command_serve(line);
    } catch (const ApiError& error) {
        std::cerr << "liaoxiu-server: " << error.body().dump() << "\n";
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "liaoxiu-server: " << error.what() << "\n";
        return 1;
    }
}
