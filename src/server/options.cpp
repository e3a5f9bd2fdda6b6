#include "server/options.hpp"

#include "server/webhook_sender.hpp"

#include <algorithm>
#include <stdexcept>

namespace liaoxiu::server {

const char* usage() {
    return "usage:\n"
           "  liaoxiu-server serve --addr HOST:PORT --db sqlite:PATH|postgresql://... [--web DIST_DIR] [--demo]\n"
           "                 [--demo-file PATH] [--cors-origin ORIGIN]... [--threads N] [--password-cost interactive|min]\n"
           "                 [--signin-rate PER_MINUTE] [--write-rate PER_SECOND] [--token-ttl SECONDS]\n"
           "                 [--max-body BYTES] [--max-header-bytes BYTES] [--quiet]\n"
           "                 [--queue N] [--hash-threads N] [--hash-queue N] [--idle-timeout S] [--header-timeout S]\n"
           "                 [--body-timeout S] [--max-connections N] [--max-connections-per-address N]\n"
           "                 [--trusted-proxy ADDRESS]...\n"
           "                 [--writer-batch N] [--test-clock-file FILE] [--writers N]\n"
           "                 [--webhook-url http(s)://HOST[:PORT]/PATH --webhook-secret-file PATH\n"
           "                  [--webhook-timeout-ms MS] [--webhook-backoff-ms MS] [--webhook-backoff-max-ms MS]\n"
           "                  [--webhook-max-attempts N]]\n"
           "      --webhook-url: POST every notification there, signed (HMAC-SHA256) with the secret in the file\n"
           "      (at least 16 bytes; never on the command line); retried with backoff (default 30000 ms, doubled,\n"
           "      up to 3600000 ms) until --webhook-max-attempts (default 10); timeouts 5000 ms.\n"
           "  liaoxiu-server import FILE --db URL      (validated, applied all-or-nothing)\n"
           "  liaoxiu-server export --db URL [--out FILE]\n"
           "  liaoxiu-server add-account --db URL --role worker|organizer|secretariat --login L --name N\n"
           "                 [--unit U] [--member-number M] [--id ID] [--password-cost ...]  (password on stdin)\n";
}

namespace {

double parse_number(const std::string& flag, const std::string& text) {
    try {
        std::size_t used = 0;
        double value = std::stod(text, &used);
        if (used != text.size() || value < 0) throw std::invalid_argument(text);
        return value;
    } catch (const std::exception&) {
        throw std::invalid_argument(flag + " needs a non-negative number, got \"" + text + "\"");
    }
}

// A whole number in [min, max] (milliseconds, attempts).
long whole_number(const std::string& flag, const std::string& text, long min, long max = 1L << 40) {
    const double value = parse_number(flag, text);
    if (value < static_cast<double>(min) || value > static_cast<double>(max) ||
        value != static_cast<double>(static_cast<long>(value))) {
        throw std::invalid_argument(flag + " needs a whole number from " + std::to_string(min) + " to " +
                                    std::to_string(max));
    }
    return static_cast<long>(value);
}

void parse_address(const std::string& text, ServerOptions& options) {
    auto colon = text.rfind(':');
    if (colon == std::string::npos) throw std::invalid_argument("--addr needs HOST:PORT, got \"" + text + "\"");
    options.host = text.substr(0, colon);
    double port = parse_number("--addr port", text.substr(colon + 1));
    if (port > 65535 || port != static_cast<int>(port)) throw std::invalid_argument("bad port in --addr");
    options.port = static_cast<int>(port);
}

}  // namespace

CommandLine parse_command_line(int argc, char** argv) {
    CommandLine line;
    if (argc < 2) throw std::invalid_argument("no command given");
    line.command = argv[1];
    if (line.command == "help" || line.command == "--help" || line.command == "-h") {
        line.command = "help";
        return line;
    }
    if (line.command != "serve" && line.command != "import" && line.command != "export" &&
        line.command != "add-account") {
        throw std::invalid_argument("unknown command \"" + line.command + "\"");
    }
    ServerOptions& options = line.options;
    for (int i = 2; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--addr") parse_address(value(), options);
        else if (arg == "--db") options.db = value();
        else if (arg == "--web") options.web = value();
        else if (arg == "--demo") options.demo = true;
        else if (arg == "--demo-file") options.demo_file = value();
        else if (arg == "--cors-origin") options.cors_origins.push_back(value());
        else if (arg == "--threads") options.threads = static_cast<int>(parse_number(arg, value()));
        else if (arg == "--password-cost") {
            std::string cost = value();
            if (cost == "interactive") options.password_cost = PasswordCost::interactive();
            else if (cost == "min") options.password_cost = PasswordCost::minimum();
            else throw std::invalid_argument("--password-cost is interactive or min");
        } else if (arg == "--signin-rate") options.signin_per_minute = parse_number(arg, value());
        else if (arg == "--write-rate") options.writes_per_second = parse_number(arg, value());
        else if (arg == "--token-ttl") options.token_lifetime_seconds = static_cast<long>(parse_number(arg, value()));
        else if (arg == "--max-body") options.max_body_bytes = static_cast<std::size_t>(parse_number(arg, value()));
        else if (arg == "--max-header-bytes") options.max_header_bytes = static_cast<std::size_t>(parse_number(arg, value()));
        else if (arg == "--queue") options.queue = static_cast<std::size_t>(parse_number(arg, value()));
        else if (arg == "--hash-threads") options.hash_threads = static_cast<int>(parse_number(arg, value()));
        else if (arg == "--hash-queue") options.hash_queue = static_cast<std::size_t>(parse_number(arg, value()));
        else if (arg == "--idle-timeout") options.idle_timeout_seconds = static_cast<long>(parse_number(arg, value()));
        else if (arg == "--header-timeout") options.header_timeout_seconds = static_cast<long>(parse_number(arg, value()));
        else if (arg == "--body-timeout") options.body_timeout_seconds = static_cast<long>(parse_number(arg, value()));
        else if (arg == "--max-connections") options.max_connections = static_cast<std::size_t>(parse_number(arg, value()));
        else if (arg == "--max-connections-per-address") {
            options.max_connections_per_address = static_cast<std::size_t>(parse_number(arg, value()));
        } else if (arg == "--trusted-proxy") options.trusted_proxies.push_back(value());
        else if (arg == "--quiet") options.log_requests = false;
        else if (arg == "--writer-batch") {
            double batch = parse_number(arg, value());
            if (batch < 1 || batch != static_cast<double>(static_cast<std::size_t>(batch))) {
                throw std::invalid_argument("--writer-batch needs a whole number >= 1");
            }
            options.writer_batch = static_cast<std::size_t>(batch);
        } else if (arg == "--test-clock-file") options.test_clock_file = value();
        else if (arg == "--writers") {
            double writers = parse_number(arg, value());
            if (writers < 1 || writers > 64 || writers != static_cast<double>(static_cast<std::size_t>(writers))) {
                throw std::invalid_argument("--writers needs a whole number from 1 to 64");
            }
            options.writers = static_cast<std::size_t>(writers);
        }
        else if (arg == "--webhook-url") options.webhook_url = value();
        else if (arg == "--webhook-secret-file") options.webhook_secret_file = value();
        else if (arg == "--webhook-timeout-ms") options.webhook_timeout_ms = whole_number(arg, value(), 1);
        else if (arg == "--webhook-backoff-ms") options.webhook_backoff_ms = whole_number(arg, value(), 1);
        else if (arg == "--webhook-backoff-max-ms") options.webhook_backoff_max_ms = whole_number(arg, value(), 1);
        else if (arg == "--webhook-max-attempts") {
            options.webhook_max_attempts = static_cast<int>(whole_number(arg, value(), 1, 1000));
        }
        else if (arg == "--out") line.file = value();
        else if (arg == "--role") line.role = value();
        else if (arg == "--login") line.login = value();
        else if (arg == "--name") line.name = value();
        else if (arg == "--unit") line.unit = value();
        else if (arg == "--member-number") line.member_number = value();
        else if (arg == "--id") line.id = value();
        else if (line.command == "import" && line.file.empty() && arg.rfind("--", 0) != 0) line.file = arg;
        else throw std::invalid_argument("unknown option \"" + arg + "\"");
    }
    if (options.threads < 4) throw std::invalid_argument("--threads needs at least 4");
    if (options.hash_threads < 1) throw std::invalid_argument("--hash-threads needs at least 1");
    // Sign-ins wait for their hash on a worker thread: they may hold at most half the workers.
    std::size_t half = static_cast<std::size_t>(options.threads / 2);
    std::size_t hashing = static_cast<std::size_t>(options.hash_threads);
    options.hash_queue = std::min(options.hash_queue, half > hashing ? half - hashing : std::size_t{1});
    if (options.max_header_bytes < 1024) throw std::invalid_argument("--max-header-bytes needs at least 1024");
    if (options.idle_timeout_seconds < 1 || options.header_timeout_seconds < 1 || options.body_timeout_seconds < 1) {
        throw std::invalid_argument("timeouts need at least 1 second");
    }
    if (!options.webhook_url.empty()) {
        if (!parse_webhook_url(options.webhook_url)) {
            throw std::invalid_argument("--webhook-url needs an http:// or https:// URL with a host");
        }
        if (options.webhook_secret_file.empty()) {
            throw std::invalid_argument("--webhook-url needs --webhook-secret-file PATH: the notifications are signed "
                                        "with the secret in that file (never given on the command line)");
        }
    } else if (!options.webhook_secret_file.empty()) {
        throw std::invalid_argument("--webhook-secret-file is for --webhook-url, which is not given");
    }
    options.webhook_backoff_max_ms = std::max(options.webhook_backoff_max_ms, options.webhook_backoff_ms);
    if (line.command == "import" && line.file.empty()) throw std::invalid_argument("import needs a FILE");
    return line;
}

}  // namespace liaoxiu::server
