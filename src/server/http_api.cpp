#include "server/http_api.hpp"

#include "core/dates.hpp"
#include "core/identifiers.hpp"
#include "core/json.hpp"
#include "core/wire.hpp"
#include "server/api_error.hpp"
#include "server/audit.hpp"
#include "server/rate_limiter.hpp"
#include "server/request_decode.hpp"
#include "server/stats.hpp"
#include "server/review_service.hpp"
#include "server/approval_service.hpp"
#include "server/rules_service.hpp"
#include "server/notification_service.hpp"
#include "server/webhook_outbox.hpp"
#include "server/wish_service.hpp"

#include <chrono>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>

namespace liaoxiu::server {
namespace {

using http::Request;
using http::Response;

// Exactly "application/json" (the transport compresses JSON answers for clients that accept it).
constexpr const char* kJson = "application/json";

void send_json(Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(wire::dump(body), kJson);
}

void send_error(Response& res, const ApiError& error) { send_json(res, error.status(), error.body()); }

// "application/json", in any case, with parameters allowed (a charset must be UTF-8).
bool is_json_content_type(const std::string& value) {
    std::string text;
    for (char c : value) text.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    auto semicolon = text.find(';');
    std::string type = text.substr(0, semicolon);
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.erase(type.begin());
    if (type != "application/json") return false;
    auto charset = text.find("charset=", semicolon == std::string::npos ? text.size() : semicolon);
    if (charset == std::string::npos) return true;
    std::string name = text.substr(charset + 8);
    name = name.substr(0, name.find(';'));
    std::erase(name, '"');
    std::erase(name, ' ');
    return name == "utf-8" || name == "utf8";
}

struct Api {
    Services& services;
    const ServerOptions& options;
    RateLimiter signin_limiter;      // failed sign-ins per client address (successes are not counted)
    SigninThrottle signin_throttle;  // growing delays after failures per login
    RateLimiter write_limiter;
    std::set<std::string> cors_origins;
    StatsDirectoryCache stats_directories;

    Api(Services& services, const ServerOptions& options)
        : services(services),
          options(options),
          signin_limiter(options.signin_per_minute / 60.0, std::max(1.0, options.signin_per_minute / 2)),
          write_limiter(options.writes_per_second, std::max(1.0, options.writes_per_second * 2)),
          cors_origins(options.cors_origins.begin(), options.cors_origins.end()) {}

    // Every handler runs inside this: a refusal becomes its JSON answer; anything
    // unexpected a 500 without details (they go to the log, never to the client).
    template <class F>
    http::Server::Handler wrap(F body) {
        return [this, body](const Request& req, Response& res) {
            try {
                body(req, res);
            } catch (const ApiError& error) {
                send_error(res, error);
            } catch (const HashPoolBusy&) {
                res.set_header("Retry-After", "2");
                send_json(res, 503, error_json(make_error("busy", "登录人数过多，请稍后重试",
                                                          "too many sign-ins at once, please retry")));
            } catch (const SqlError& error) {
                std::cerr << "liaoxiu-server: " << req.method << ' ' << req.path << ": " << error.what() << "\n";
                send_json(res, 503, error_json(make_error("storage_unavailable", "数据库暂时不可用，请稍后重试",
                                                          "the database is unavailable, please retry")));
            } catch (const std::exception& error) {
                std::cerr << "liaoxiu-server: " << req.method << ' ' << req.path << ": " << error.what() << "\n";
                send_json(res, 500, wire::encode_error(wire::status_error(500)));
            }
        };
    }

    // "Bearer <token>"; the scheme is case-insensitive (RFC 9110), spaces after it are skipped.
    static std::optional<std::string> bearer_token(const Request& req) {
        std::string header = req.get_header_value("Authorization");
        const std::string scheme = "bearer";
        if (header.size() <= scheme.size() + 1) return std::nullopt;
        for (std::size_t i = 0; i < scheme.size(); ++i) {
            char c = header[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != scheme[i]) return std::nullopt;
        }
        std::size_t start = header.find_first_not_of(' ', scheme.size());
        if (start == scheme.size() || start == std::string::npos) return std::nullopt;
        return header.substr(start);
    }

    std::optional<Principal> viewer(const Request& req) {
        auto token = bearer_token(req);
        if (!token) return std::nullopt;
        auto principal = services.accounts.authenticate(*token);
        if (!principal) fail("unauthorized", "登录已失效，请重新登录", "the session is invalid or expired");
        return principal;
    }

    Principal signed_in(const Request& req) {
        auto principal = viewer(req);
        if (!principal) fail("unauthorized", "请先登录", "sign in first");
        return *principal;
    }

    // A write: signed in and within the client's rate. Who may do what is the service's to
    // decide, with the core's rules and their reasons (core/permissions.hpp).
    Principal writer(const Request& req) {
        Principal principal = signed_in(req);
        if (!write_limiter.allow("account:" + principal.account)) {
            fail("rate_limited", "操作过于频繁，请稍后再试", "too many requests, slow down");
        }
        return principal;
    }

    // A write refused at once, before its body is read, when the core's rule refuses the
    // principal's role whatever the body says.
    using RoleCheck = std::optional<DomainError> (*)(const Actor&);
    Principal writer(const Request& req, RoleCheck may) {
        Principal principal = writer(req);
        if (auto forbidden = may(actor_of(principal))) fail(*forbidden);
        return principal;
    }

    // A write only the alliance's secretariat makes (members, routes, policies).
    Principal secretariat_writer(const Request& req) {
        Principal principal = writer(req);
        if (!principal.is_secretariat()) {
            fail("forbidden", "只有联盟秘书处可以管理成员单位、线路和政策",
                 "only the alliance's secretariat manages members, routes and policies");
        }
        return principal;
    }

    // A read only the secretariat makes (drafts of routes and policies).
    Principal secretariat_reader(const Request& req) {
        Principal principal = signed_in(req);
        if (!principal.is_secretariat()) {
            fail("forbidden", "只有联盟秘书处可以查看线路和政策草稿",
                 "only the alliance's secretariat sees route and policy drafts");
        }
        return principal;
    }

    // ?status=draft|published; absent: both.
    static std::optional<PublishStatus> status_param(const Request& req) {
        auto text = param(req, "status");
        if (!text) return std::nullopt;
        auto status = parse_publish_status(*text);
        if (!status) fail("bad_value", "未知的发布状态 " + *text, "unknown status " + *text, "status");
        return status;
    }

    // The body as JSON: a body that is there must say it is JSON (415 otherwise).
    static nlohmann::json body_of(const Request& req, bool optional) {
        if (!req.body.empty() && !is_json_content_type(req.get_header_value("Content-Type"))) {
            fail("unsupported_media_type", "请求体必须是 JSON（Content-Type: application/json）",
                 "the request body must be sent as Content-Type: application/json");
        }
        auto parsed = parse_body(req.body, optional);
        if (!parsed) fail(parsed.error());
        return std::move(parsed).value();
    }

    template <class T>
    static T unwrap(Result<T> result) {
        if (!result) fail(result.error());
        return std::move(result).value();
    }

    static std::optional<std::string> param(const Request& req, const char* name) {
        if (!req.has_param(name)) return std::nullopt;
        return req.get_param_value(name);
    }

    static std::int64_t integer_param(const Request& req, const char* name, std::int64_t fallback,
                                      std::int64_t min, std::int64_t max) {
        auto text = param(req, name);
        if (!text) return fallback;
        try {
            std::size_t used = 0;
            long long value = std::stoll(*text, &used);
            if (used == text->size() && value >= min && value <= max) return value;
        } catch (const std::exception&) {
        }
        fail("bad_value", std::string("查询参数 ") + name + " 无效", std::string("bad query parameter ") + name,
             name);
    }

    static bool etag_matches(const Request& req, const std::string& etag) {
        std::string header = req.get_header_value("If-None-Match");
        if (header.empty()) return false;
        if (header == "*") return true;
        // A list of tags; weak comparison (W/ prefixes ignored on both sides).
        auto strip = [](std::string tag) {
            auto begin = tag.find_first_not_of(" \t");
            auto end = tag.find_last_not_of(" \t");
            tag = begin == std::string::npos ? "" : tag.substr(begin, end - begin + 1);
            if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
            return tag;
        };
        std::string wanted = strip(etag);
        std::size_t start = 0;
        while (start <= header.size()) {
            auto comma = header.find(',', start);
            std::string tag = header.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (strip(tag) == wanted) return true;
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        return false;
    }

    void install(http::Server& server);
};

void Api::install(http::Server& server) {
    auto& accounts = services.accounts;
    auto& catalogue = services.catalogue;
    auto& groups = services.groups;

    server.Get("/api/v1/health", wrap([this](const Request&, Response& res) {
        std::int64_t version = services.catalogue.version();
        Instant now = services.backend.clock();
        send_json(res, 200,
                  {{"status", "ok"},
                   {"database", services.backend.dialect == Dialect::sqlite ? "sqlite" : "postgresql"},
                   {"catalogue_version", version},
                   {"time", format_instant(now)}});
    }));

    // ---- accounts and sessions ----
    server.Post("/api/v1/sessions", wrap([this, &accounts](const Request& req, Response& res) {
        // The address's allowance counts failed sign-ins only (charged below).
        if (!signin_limiter.has_allowance("addr:" + req.remote_addr)) {
            res.set_header("Retry-After", std::to_string(signin_limiter.retry_after_seconds()));
            fail("rate_limited", "登录尝试过于频繁，请稍后再试", "too many sign-in attempts, try again later");
        }
        auto request = unwrap(decode_sign_in(body_of(req, false)));
        std::string login = login_key(request.login);
        if (int wait = signin_throttle.wait_seconds(login, req.remote_addr)) {
            res.set_header("Retry-After", std::to_string(wait));
            fail("rate_limited", "该账号登录失败次数过多，请稍后再试",
                 "too many failed sign-ins for this login, try again later");
        }
        try {
            send_json(res, 201, accounts.sign_in(request));
        } catch (const ApiError& error) {
            if (error.status() == 401) {
                signin_throttle.failed(login, req.remote_addr);
                signin_limiter.charge("addr:" + req.remote_addr);
            }
            throw;
        }
        signin_throttle.succeeded(login, req.remote_addr);
    }));
    server.Delete("/api/v1/sessions/current", wrap([this, &accounts](const Request& req, Response& res) {
        signed_in(req);
        accounts.sign_out(*bearer_token(req));
        res.status = 204;
    }));
    server.Get("/api/v1/me", wrap([this](const Request& req, Response& res) {
        send_json(res, 200, AccountService::describe(signed_in(req)));
    }));
    server.Post("/api/v1/accounts", wrap([this, &accounts](const Request& req, Response& res) {
        Principal by = writer(req, [](const Actor& a) { return create_account_forbidden(a, Role::worker, a.unit); });
        auto request = unwrap(decode_account_request(body_of(req, false)));
        send_json(res, 201, accounts.create_account(by, request));
    }));

    // ---- catalogue ----
    server.Get("/api/v1/catalogue", wrap([this, &catalogue](const Request& req, Response& res) {
        std::shared_ptr<const CatalogueDocument> document;
        if (req.has_param("since")) {
            std::int64_t since = integer_param(req, "since", 0, 0, INT64_MAX);
            std::int64_t current = catalogue.version();
            if (etag_matches(req, CatalogueService::delta_etag(since, current))) {
                res.set_header("ETag", CatalogueService::delta_etag(since, current));
                res.status = 304;
                return;
            }
            document = catalogue.delta(since);
        } else {
            std::int64_t current = catalogue.version();
            if (etag_matches(req, CatalogueService::snapshot_etag(current))) {
                res.set_header("ETag", CatalogueService::snapshot_etag(current));
                res.status = 304;
                return;
            }
            document = catalogue.snapshot();
        }
        res.set_header("ETag", document->etag);
        res.set_header("Cache-Control", "no-cache");
        res.status = 200;
        res.set_content(document->body, kJson);
    }));

    // ---- group trips ----
    server.Get("/api/v1/groups", wrap([this, &groups](const Request& req, Response& res) {
        auto who = viewer(req);
        store::GroupFilter filter;
        filter.route = param(req, "route");
        filter.state = param(req, "state");
        if (filter.state && !parse_group_state(*filter.state)) {
            fail("bad_value", "未知的拼团状态", "unknown group state", "state");
        }
        filter.unit = param(req, "unit");
        filter.limit = static_cast<int>(integer_param(req, "limit", 100, 1, 1000));
        filter.offset = static_cast<int>(integer_param(req, "offset", 0, 0, 1000000000));
        send_json(res, 200, groups.list(filter, who ? &*who : nullptr));
    }));
    server.Get(R"(/api/v1/groups/([^/]+))", wrap([this, &groups](const Request& req, Response& res) {
        auto who = viewer(req);
        send_json(res, 200, groups.detail(req.matches[1], who ? &*who : nullptr));
    }));
    server.Post("/api/v1/groups", wrap([this, &groups](const Request& req, Response& res) {
        Principal by = writer(req, [](const Actor& a) { return open_group_forbidden(a, a.unit); });
        auto draft = unwrap(decode_group_request(body_of(req, false), by.unit, "g-" + random_hex(8)));
        send_json(res, 201, groups.create(by, draft));
    }));
    server.Post(R"(/api/v1/groups/([^/]+)/cancel)",
                wrap([this, &groups](const Request& req, Response& res) {
                    Principal by = writer(req, [](const Actor& a) { return cancel_forbidden(a, nullptr); });
                    auto request = unwrap(decode_cancel_request(body_of(req, false)));
                    send_json(res, 200, groups.cancel(by, req.matches[1], request.reason));
                }));
    server.Post(R"(/api/v1/groups/([^/]+)/join)",
                wrap([this, &groups](const Request& req, Response& res) {
                    Principal by = writer(req);
                    auto request = unwrap(decode_join_request(body_of(req, true)));
                    std::optional<std::string> key;
                    if (req.has_header("Idempotency-Key")) {
                        key = req.get_header_value("Idempotency-Key");
                        if (key->empty() || key->size() > 200) {
                            fail("bad_value", "Idempotency-Key 无效（1–200 个字符）",
                                 "Idempotency-Key must have 1 to 200 characters");
                        }
                    }
                    StoredResponse answer = groups.join(by, req.matches[1], key, request.worker);
                    if (answer.replayed) res.set_header("Idempotent-Replayed", "true");
                    res.status = answer.status;
                    res.set_content(answer.body, kJson);
                }));
    server.Post(R"(/api/v1/groups/([^/]+)/withdraw)",
                wrap([this, &groups](const Request& req, Response& res) {
                    Principal by = writer(req);
                    auto request = unwrap(decode_withdraw_request(body_of(req, true)));
                    send_json(res, 200, groups.withdraw(by, req.matches[1], request.worker, request.reason));
                }));
    server.Post(R"(/api/v1/groups/([^/]+)/accept)",
                wrap([this, &groups](const Request& req, Response& res) {
                    Principal by = writer(req, accept_offer_forbidden);
                    unwrap(decode_empty_request(body_of(req, true)));
                    send_json(res, 200, groups.accept_offer(by, req.matches[1]));
                }));
    server.Get("/api/v1/me/trips", wrap([this, &groups](const Request& req, Response& res) {
        send_json(res, 200, groups.my_trips(signed_in(req)));
    }));

    // ---- the unit union's desk (organizers) ----
    server.Get(R"(/api/v1/groups/([^/]+)/roster)", wrap([this, &groups](const Request& req, Response& res) {
        send_json(res, 200, groups.roster(signed_in(req), req.matches[1]));
    }));
    server.Get(R"(/api/v1/units/([^/]+)/workers)", wrap([this, &accounts](const Request& req, Response& res) {
        send_json(res, 200, accounts.unit_workers(signed_in(req), req.matches[1]));
    }));

    // ---- secretariat ----
    server.Post("/api/v1/members", wrap([this, &catalogue](const Request& req, Response& res) {
        Principal by = secretariat_writer(req);
        auto member = unwrap(decode_member_request(body_of(req, false)));
        send_json(res, 201, catalogue.admit_member(by, member));
    }));
    auto member_status = [this, &catalogue](MemberStatus status) {
        return wrap([this, &catalogue, status](const Request& req, Response& res) {
            Principal by = secretariat_writer(req);
            auto change = unwrap(decode_status_change(body_of(req, true)));
            // A suspension or removal says why (workers see it on the routes it stops; the audit trail keeps it).
            if (status != MemberStatus::active && !reason_given(change.reason)) {
                fail("reason_required", "暂停或移除成员单位须说明原因", "suspending or removing a member needs a reason",
                     "reason");
            }
            send_json(res, 200, catalogue.set_member_status(by, req.matches[1], status, change.reason));
        });
    };
    server.Post(R"(/api/v1/members/([^/]+)/suspend)", member_status(MemberStatus::suspended));
    server.Post(R"(/api/v1/members/([^/]+)/reinstate)", member_status(MemberStatus::active));
    server.Post(R"(/api/v1/members/([^/]+)/remove)", member_status(MemberStatus::exited));
    server.Put(R"(/api/v1/members/([^/]+))", wrap([this, &catalogue](const Request& req, Response& res) {
        Principal by = secretariat_writer(req);
        auto member = unwrap(decode_member_request(body_of(req, false)));
        send_json(res, 200, catalogue.update_member(by, req.matches[1], member));
    }));
    // ---- routes and policies: drafts and publishing (secretariat only) ----
    // A new route or policy is a draft unless its body says "status":"published".
    server.Post("/api/v1/routes", wrap([this, &catalogue](const Request& req, Response& res) {
        Principal by = secretariat_writer(req);
        const nlohmann::json body = body_of(req, false);
        auto route = unwrap(decode_route_request(body));
        if (!body.contains("status")) route.status = PublishStatus::draft;
        send_json(res, 201, catalogue.create_route(by, route));
    }));
    server.Put(R"(/api/v1/routes/([^/]+))", wrap([this, &catalogue](const Request& req, Response& res) {
        Principal by = secretariat_writer(req);
        auto route = unwrap(decode_route_request(body_of(req, false)));
        send_json(res, 200, catalogue.update_route(by, req.matches[1], route));
    }));
    // A draft only (store::delete_route_draft), recorded in the audit trail in its transaction.
    server.Delete(R"(/api/v1/routes/([^/]+))", wrap([this](const Request& req, Response& res) {
        Principal by = secretariat_writer(req);
        unwrap(decode_empty_request(body_of(req, true)));
        const Id id = req.matches[1];
        services.backend.writer.run([&](WriteContext& context) {
            const store::DraftDeletion done = store::delete_route_draft(context.db, id);
            using Outcome = store::DraftDeletion::Outcome;
            if (done.outcome == Outcome::unknown) fail("not_found", "线路不存在：" + id, "no route " + id);
            if (done.outcome == Outcome::published)
                fail("route_published", "线路已发布，请先撤回发布再删除", "the route is published: unpublish it first");
            if (done.outcome == Outcome::in_use) {
                const std::string groups = std::to_string(done.groups), policies = std::to_string(done.policies.size());
                fail("route_in_use", "有 " + groups + " 个拼团、" + policies + " 篇政策使用这条线路，不能删除",
                     groups + " group trips and " + policies + " policies name this route: it cannot be deleted");
            }
            context.touch(store::Kind::route, id);
            audit(context, by, "route.delete", "route", id, wire::audit_change(done.route, nullptr));
        });
        res.status = 204;
    }));
    server.Get("/api/v1/routes", wrap([this, &catalogue](const Request& req, Response& res) {
        secretariat_reader(req);
        send_json(res, 200, catalogue.routes(status_param(req)));
    }));
    auto route_status = [this, &catalogue](PublishStatus status) {
        return wrap([this, &catalogue, status](const Request& req, Response& res) {
            Principal by = secretariat_writer(req);
            unwrap(decode_empty_request(body_of(req, true)));
            send_json(res, 200, catalogue.set_route_status(by, req.matches[1], status));
        });
    };
    server.Post(R"(/api/v1/routes/([^/]+)/publish)", route_status(PublishStatus::published));
    server.Post(R"(/api/v1/routes/([^/]+)/unpublish)", route_status(PublishStatus::draft));
    server.Post("/api/v1/policies", wrap([this, &catalogue](const Request& req, Response& res) {
        Principal by = secretariat_writer(req);
        Day today = day_of(services.backend.clock());
        const nlohmann::json body = body_of(req, false);
        auto policy = unwrap(decode_policy_request(body, "p-" + random_hex(6), today));
        if (!body.contains("status")) policy.status = PublishStatus::draft;
        send_json(res, 201, catalogue.create_policy(by, policy));
    }));

    server.Put(R"(/api/v1/policies/([^/]+))", wrap([this, &catalogue](const Request& req, Response& res) {
        Principal by = secretariat_writer(req);
        Day today = day_of(services.backend.clock());
        auto policy = unwrap(decode_policy_request(body_of(req, false), req.matches[1], today));
        send_json(res, 200, catalogue.update_policy(by, req.matches[1], policy));
    }));
    server.Get("/api/v1/policies", wrap([this, &catalogue](const Request& req, Response& res) {
        secretariat_reader(req);
        send_json(res, 200, catalogue.policies(status_param(req)));
    }));
    auto policy_status = [this, &catalogue](PublishStatus status) {
        return wrap([this, &catalogue, status](const Request& req, Response& res) {
            Principal by = secretariat_writer(req);
            unwrap(decode_empty_request(body_of(req, true)));
            send_json(res, 200, catalogue.set_policy_status(by, req.matches[1], status));
        });
    };
    server.Post(R"(/api/v1/policies/([^/]+)/publish)", policy_status(PublishStatus::published));
    server.Post(R"(/api/v1/policies/([^/]+)/unpublish)", policy_status(PublishStatus::draft));

    // ---- audit trail (the secretariat reads it; nobody edits it) ----
    server.Get("/api/v1/audit", wrap([this](const Request& req, Response& res) {
        if (auto forbidden = read_audit_forbidden(actor_of(signed_in(req)).role)) fail(*forbidden);
        AuditQueryText text{param(req, "actor"), param(req, "action"), param(req, "entity"), param(req, "from"),
                            param(req, "to"),    param(req, "limit"),  param(req, "offset")};
        send_json(res, 200, read_audit(services.backend, unwrap(parse_audit_query(text))));
    }));

    // ---- statistics (the secretariat; a unit's union for its own unit) ----
    server.Get("/api/v1/stats", wrap([this](const Request& req, Response& res) {
        Principal by = signed_in(req);
        if (auto forbidden = read_stats_forbidden(actor_of(by).role)) fail(*forbidden);
        StatsQueryText text{param(req, "view"),     param(req, "by"),   param(req, "from"),  param(req, "to"),
                            param(req, "alliance"), param(req, "city"), param(req, "unit"),  param(req, "route"),
                            param(req, "category"), param(req, "small_below")};
        send_json(res, 200, read_stats(services.backend, stats_directories, by, unwrap(parse_stats_query(text))));
    }));

    // ---- service reviews (服务评价): workers rate after their trip; the member page is public ----
    server.Get("/api/v1/me/reviews", wrap([this](const Request& req, Response& res) {
        send_json(res, 200, my_reviews(services.backend, signed_in(req)));
    }));
    server.Put(R"(/api/v1/groups/([^/]+)/reviews/([^/]+))", wrap([this](const Request& req, Response& res) {
        Principal by = writer(req);
        auto request = unwrap(decode_review_request(body_of(req, false)));
        ReviewWrite written = put_review(services.backend, by, req.matches[1], req.matches[2], request);
        send_json(res, written.status, written.body);
    }));
    server.Get(R"(/api/v1/members/([^/]+)/reviews)", wrap([this](const Request& req, Response& res) {
        const int limit = static_cast<int>(integer_param(req, "limit", 20, 1, 100));
        const int offset = static_cast<int>(integer_param(req, "offset", 0, 0, 1000000000));
        send_json(res, 200, member_reviews(services.backend, req.matches[1], limit, offset));
    }));
    server.Get("/api/v1/reviews/scores", wrap([this](const Request& req, Response& res) {
        Principal by = signed_in(req);
        if (auto forbidden = review_scores_forbidden(by)) fail(*forbidden);
        store::ReviewScoreFilter filter;
        auto day_param = [&](const char* name) -> std::optional<Day> {
            auto text = param(req, name);
            if (!text) return std::nullopt;
            auto day = parse_day(*text);
            if (!day) fail("bad_value", std::string(name) + " 须为 YYYY-MM-DD", std::string(name) + " must be YYYY-MM-DD", name);
            return day;
        };
        filter.from = day_param("from");
        filter.to = day_param("to");
        filter.member = param(req, "member");
        send_json(res, 200, review_scores(services.backend, filter, param(req, "alliance")));
    }));
    server.Post(R"(/api/v1/members/([^/]+)/standing)", wrap([this](const Request& req, Response& res) {
        Principal by = writer(req);
        if (auto forbidden = review_scores_forbidden(by)) fail(*forbidden);
        auto request = unwrap(decode_standing_request(body_of(req, false)));
        send_json(res, 200, set_standing(services.backend, by, req.matches[1], request));
    }));
    server.Post(R"(/api/v1/reviews/([^/]+)/hide)", wrap([this](const Request& req, Response& res) {
        Principal by = writer(req);
        if (auto forbidden = review_scores_forbidden(by)) fail(*forbidden);
        auto request = unwrap(decode_cancel_request(body_of(req, false)));
        send_json(res, 200, hide_review_comment(services.backend, by, req.matches[1], request.reason));
    }));

    // ---- union rules (工会规则): allowances, who pays, visibility (rules_service.hpp) ----
    for (const auto& entry : {std::pair{std::string("/api/v1/alliances/"), RulesScope::alliance},
                              std::pair{std::string("/api/v1/units/"), RulesScope::unit}}) {
        const std::string path = entry.first + "([^/]+)/rules";
        const RulesScope scope = entry.second;
        server.Get(path, wrap([this, scope](const Request& req, Response& res) {
            send_json(res, 200, get_rules(services.backend, signed_in(req), scope, req.matches[1]));
        }));
        server.Put(path, wrap([this, scope](const Request& req, Response& res) {
            Principal by = writer(req);
            send_json(res, 200, put_rules(services.backend, by, scope, req.matches[1], body_of(req, false)));
        }));
    }
    server.Get("/api/v1/me/allowance", wrap([this](const Request& req, Response& res) {
        Principal by = signed_in(req);
        std::optional<int> year;
        if (param(req, "year")) year = static_cast<int>(integer_param(req, "year", 0, 1970, 9999));
        send_json(res, 200, my_allowance(services.backend, by, year, param(req, "route")));
    }));
    // ---- 消息 (notifications): what group changes told the caller (a worker, or their unit's union) ----
    server.Get("/api/v1/me/notifications", wrap([this](const Request& req, Response& res) {
        Principal by = signed_in(req);
        NotificationQuery query;
        if (req.has_param("before")) query.before = integer_param(req, "before", 0, 1, INT64_MAX);
        query.limit = static_cast<int>(integer_param(req, "limit", 50, 1, 100));
        send_json(res, 200, my_notifications(services.backend, by, query));
    }));
    server.Post("/api/v1/me/notifications/read", wrap([this](const Request& req, Response& res) {
        Principal by = writer(req);
        send_json(res, 200, mark_notifications_read(services.backend, by, body_of(req, false)));
    }));

    // ---- the webhook's delivery log (the secretariat): webhook_outbox.hpp ----
    server.Get("/api/v1/webhook-deliveries", wrap([this](const Request& req, Response& res) {
        Principal by = signed_in(req);
        WebhookLogQuery query;
        query.state = param(req, "state");
        if (req.has_param("before")) query.before = integer_param(req, "before", 0, 1, INT64_MAX);
        query.limit = static_cast<int>(integer_param(req, "limit", 50, 1, 100));
        send_json(res, 200, webhook_deliveries(services.backend, by, query));
    }));

    // ---- 想去 (wishes): a worker on a route with no group for them; their union counts them ----
    server.Post(R"(/api/v1/routes/([^/]+)/wish)", wrap([this](const Request& req, Response& res) {
        Principal by = writer(req);
        unwrap(decode_empty_request(body_of(req, true)));
        WishWrite written = put_wish(services.backend, by, req.matches[1]);
        send_json(res, written.status, written.body);
    }));
    server.Delete(R"(/api/v1/routes/([^/]+)/wish)", wrap([this](const Request& req, Response& res) {
        Principal by = writer(req);
        unwrap(decode_empty_request(body_of(req, true)));
        send_json(res, 200, delete_wish(services.backend, by, req.matches[1]));
    }));
    server.Get("/api/v1/me/wishes", wrap([this](const Request& req, Response& res) {
        send_json(res, 200, my_wishes(services.backend, signed_in(req)));
    }));
    server.Get(R"(/api/v1/units/([^/]+)/wishes)", wrap([this](const Request& req, Response& res) {
        send_json(res, 200, unit_wishes(services.backend, signed_in(req), req.matches[1]));
    }));
    server.Post(R"(/api/v1/groups/([^/]+)/open-to-all)", wrap([this](const Request& req, Response& res) {
        Principal by = writer(req);
        unwrap(decode_empty_request(body_of(req, true)));
        send_json(res, 200, open_group_to_all(services.backend, by, req.matches[1]));
    }));

    // ---- approval by the worker's own union (审批): approval_service.hpp ----
    server.Get(R"(/api/v1/units/([^/]+)/approvals)", wrap([this](const Request& req, Response& res) {
        send_json(res, 200, approval_queue(services.backend, signed_in(req), req.matches[1]));
    }));
    server.Post(R"(/api/v1/groups/([^/]+)/places/([^/]+)/approve)", wrap([this](const Request& req, Response& res) {
        Principal by = writer(req);
        unwrap(decode_empty_request(body_of(req, true)));
        send_json(res, 200, approve_place(services.backend, by, req.matches[1], req.matches[2]));
    }));
    server.Post(R"(/api/v1/groups/([^/]+)/places/([^/]+)/decline)", wrap([this](const Request& req, Response& res) {
        Principal by = writer(req);
        auto request = unwrap(decode_decline_request(body_of(req, false)));
        send_json(res, 200, decline_place(services.backend, by, req.matches[1], req.matches[2], request.reason));
    }));
}

}  // namespace

void install_api(http::Server& server, Services& services, const ServerOptions& options) {
    auto api = std::make_shared<Api>(services, options);
    api->install(server);

    // CORS: only listed origins get the headers; a preflight from anyone else is refused.
    server.set_pre_routing_handler([api](const Request& req, Response& res) {
        std::string origin = req.get_header_value("Origin");
        bool allowed = !origin.empty() && (api->cors_origins.count(origin) || api->cors_origins.count("*"));
        if (allowed) {
            res.set_header("Access-Control-Allow-Origin", origin);
            res.set_header("Vary", "Origin");
            res.set_header("Access-Control-Expose-Headers", "ETag, Retry-After, Idempotent-Replayed");
        }
        if (req.method != "OPTIONS") return false;
        if (!allowed) {
            send_json(res, 403, error_json(make_error("cors_forbidden", "不允许该来源的跨域请求",
                                                      "cross-origin requests from this origin are not allowed")));
        } else {
            res.status = 204;
            res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
            res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, If-None-Match");
            res.set_header("Access-Control-Max-Age", "600");
        }
        return true;
    });

    // Answers the transport makes on its own (no route, limits, unreadable request) get our JSON form.
    server.set_error_body([](Response& res) { send_json(res, res.status, wire::encode_error(wire::status_error(res.status))); });

    if (options.log_requests) {
        // Method, path (no query string), status and time only: never headers or bodies.
        server.set_logger([](const Request& req, const Response& res) {
            static std::mutex log_mutex;
            std::lock_guard lock(log_mutex);
            // A path is the client's text: control characters are shown as '?' so one line stays one line.
            std::string path = req.path.empty() ? "-" : req.path;
            for (char& c : path) {
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
            }
            std::clog << (req.method.empty() ? "-" : req.method) << ' ' << path << ' ' << res.status << '\n';
        });
    }
    if (options.web) server.set_mount_point(*options.web);
}

http::Limits http_limits(const ServerOptions& options) {
    http::Limits limits;
    limits.max_body = options.max_body_bytes;
    limits.max_header_bytes = options.max_header_bytes;
    limits.idle_timeout = std::chrono::seconds(options.idle_timeout_seconds);
    limits.header_timeout = std::chrono::seconds(options.header_timeout_seconds);
    limits.body_timeout = std::chrono::seconds(options.body_timeout_seconds);
    limits.write_timeout = std::chrono::seconds(options.body_timeout_seconds);
    limits.max_connections = options.max_connections;
    limits.max_connections_per_address = options.max_connections_per_address;
    limits.threads = options.threads;
    limits.queue = options.queue;
    limits.trusted_proxies = options.trusted_proxies;
    return limits;
}

}  // namespace liaoxiu::server
