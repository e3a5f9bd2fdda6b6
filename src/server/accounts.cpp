#include "server/accounts.hpp"

#include "core/dates.hpp"
#include "core/wire.hpp"
#include "server/api_error.hpp"
#include "server/audit.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace liaoxiu::server {
namespace {

Role role_of(const std::string& name) {
    auto role = parse_role(name);
    if (!role) throw std::runtime_error("an account with an unknown role: " + name);  // never stored so
    return *role;
}

wire::Account account_of(const store::Account& account) {
    return {account.id, account.login, role_of(account.role), account.name, account.unit, account.member_number};
}

}  // namespace

void run_transaction(Connection& db, Instant now, const WriteQueue::Job& job) {
    // The same bookkeeping as a one-job batch of the writer.
    WriteContext context(db, now);
    store::begin_write(db);
    try {
        job(context);
        auto touched = context.touched();
        if (!touched.empty()) {
            std::int64_t version = store::bump_catalogue_version(db);
            store::stamp_versions(db, touched, version);
        }
        store::commit(db);
    } catch (...) {
        store::rollback(db);
        throw;
    }
}

Actor actor_of(const Principal& principal) {
    return Actor{parse_role(principal.role).value_or(Role::worker), principal.account, principal.unit};
}

AccountService::AccountService(Backend& backend, PasswordCost cost, Instant token_lifetime, HashPool* hashing)
    : backend_(backend), cost_(cost), token_lifetime_(token_lifetime), hashing_(hashing),
      decoy_hash_(hash_password(random_hex(16), cost)) {}

nlohmann::json AccountService::describe(const store::Account& account) {
    return wire::encode_account(account_of(account));
}

nlohmann::json AccountService::describe(const Principal& principal) {
    return wire::encode_account(
        {principal.account, "", role_of(principal.role), principal.name, principal.unit, principal.member_number});
}

nlohmann::json AccountService::sign_in(const SignInRequest& request) {
    std::optional<store::Account> account;
    {
        auto db = backend_.readers.acquire();
        account = store::find_account_by_login(*db, request.login);
    }
    const std::string& hash = account ? account->password_hash : decoy_hash_;
    bool verified = hashing_ ? hashing_->run([&] { return verify_password(hash, request.password); })
                             : verify_password(hash, request.password);
    if (!account || !verified) {
        fail("bad_credentials", "账号或密码不正确", "wrong login or password");
    }
    std::string token = new_token();
    std::string stored_hash = token_hash(token);
    Instant expires = 0;
    backend_.writer.run([&](WriteContext& context) {
        expires = context.now + token_lifetime_;
        store::insert_session(context.db, stored_hash, account->id, expires);
    });
    return wire::encode_sign_in_answer({token, "Bearer", expires, account_of(*account)});
}

std::optional<Principal> AccountService::authenticate(const std::string& token) {
    std::string hash = token_hash(token);
    Instant now = backend_.clock();
    auto steady_now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(sessions_mutex_);
        auto found = sessions_.find(hash);
        if (found != sessions_.end()) {
            if (found->second.trusted_until > steady_now && found->second.expires > now) return found->second.principal;
            sessions_.erase(found);
        }
    }
    std::optional<store::SessionAccount> session;
    {
        auto db = backend_.readers.acquire();
        session = store::session_account(*db, hash, now);
    }
    if (!session) return std::nullopt;
    const store::Account& account = session->account;
    Principal principal{account.id, account.role, account.unit, account.name, account.member_number};
    std::lock_guard lock(sessions_mutex_);
    if (signed_out_.count(hash)) return principal;
    if (sessions_.size() >= kSessionCacheSize) sessions_.clear();
    sessions_[hash] = CachedSession{principal, session->expires,
                                    steady_now + std::chrono::seconds(kSessionCacheSeconds)};
    return principal;
}

void AccountService::sign_out(const std::string& token) {
    std::string hash = token_hash(token);
    auto steady_now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(sessions_mutex_);
        // Forget old tombstones: by now no request can still be holding what it read then.
        for (auto it = signed_out_.begin(); it != signed_out_.end();) {
            it = it->second < steady_now ? signed_out_.erase(it) : std::next(it);
        }
        signed_out_[hash] = steady_now + std::chrono::seconds(kSessionCacheSeconds);
        sessions_.erase(hash);
    }
    backend_.writer.run([&](WriteContext& context) { store::delete_session(context.db, hash); });
}

nlohmann::json AccountService::create_account(const Principal& by, const AccountRequest& request) {
    // decode_account_request admitted only the three role names.
    const Role role = parse_role(request.role).value_or(Role::worker);
    if (auto forbidden = create_account_forbidden(actor_of(by), role, request.unit)) fail(*forbidden);
    store::Account account;
    account.id = request.id ? *request.id : (request.role == "worker" ? "w-" : "a-") + random_hex(6);
    account.login = request.login;
    account.role = request.role;
    account.name = request.name;
    account.unit = request.role == "secretariat" ? Id{} : request.unit;
    account.member_number = request.member_number;
    account.password_hash = hashing_ ? hashing_->run_text([&] { return hash_password(request.password, cost_); })
                                     : hash_password(request.password, cost_);
    backend_.writer.run([&](WriteContext& context) {
        if (!account.unit.empty() && !store::exists(context.db, store::Kind::unit, account.unit)) {
            fail("unknown_reference", "单位不存在：" + account.unit, "unknown unit " + account.unit, "unit");
        }
        if (store::account_exists(context.db, account.id, account.login)) {
            fail("account_exists", "账号已存在", "an account with this id or login exists", "login");
        }
        store::insert_account(context.db, account, context.now);
        // describe() has no password or hash; audit() would drop them anyway.
        audit(context, by, "account.create", "account", account.id, wire::audit_change(nullptr, describe(account)));
    });
    return describe(account);
}

nlohmann::json AccountService::unit_workers(const Principal& by, const Id& unit) {
    if (auto forbidden = unit_workers_forbidden(actor_of(by), unit)) fail(*forbidden);
    auto db = backend_.readers.acquire();
    if (!store::load_unit(*db, unit)) fail("not_found", "单位不存在：" + unit, "no unit " + unit);
    std::vector<wire::Account> workers;
    for (const auto& account : store::unit_accounts(*db, unit, "worker")) workers.push_back(account_of(account));
    return wire::encode_unit_workers(unit, workers);
}

void create_demo_accounts(WriteContext& context, const Catalogue& catalogue, const std::string& password_hash) {
    auto add = [&](const std::string& id, const std::string& login, const std::string& role, const std::string& name,
                   const Id& unit, const std::string& member_number) {
        if (store::account_exists(context.db, id, login)) return;
        store::insert_account(context.db, store::Account{id, login, role, name, unit, member_number, password_hash},
                              context.now);
    };
    auto number_of = [](const Unit& unit, int i) {
        return unit.id + (i < 10 ? "-0" : "-") + std::to_string(i);  // <unit>-01 … -09, -10, …
    };
    add("a-admin", "admin", "secretariat", "联盟秘书处", "", "");
    for (const auto& unit : catalogue.units) {
        add("o-" + unit.id, unit.id + "-union", "organizer", unit.name + "工会", unit.id, "");
        for (int i = 1; i <= 3; ++i) {
            add("w-" + unit.id + "-" + std::to_string(i), number_of(unit, i), "worker",
                unit.name + "职工" + std::to_string(i), unit.id, number_of(unit, i));
        }
    }
    // The workers the demo's places name, numbered per unit after the three above.
    std::map<Id, std::vector<Id>> named;  // unit → its place-holding workers, by first appearance
    for (const auto& group : catalogue.groups) {
        for (const auto& place : group.places) {
            auto& workers = named[place.unit.str()];
            if (std::find(workers.begin(), workers.end(), place.worker.str()) == workers.end())
                workers.push_back(place.worker.str());
        }
    }
    for (const auto& unit : catalogue.units) {
        auto found = named.find(unit.id);
        if (found == named.end()) continue;
        int i = 3;
        for (const auto& worker : found->second) {
            ++i;
            add(worker, number_of(unit, i), "worker", unit.name + "职工" + std::to_string(i), unit.id,
                number_of(unit, i));
        }
    }
}

}  // namespace liaoxiu::server
