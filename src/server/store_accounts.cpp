// The store's accounts, sessions, stored answers (idempotency) and settings: the tables the
// catalogue and the group trips never touch. Declared in store.hpp with the rest.
#include "server/store.hpp"

#include "core/identifiers.hpp"

namespace liaoxiu::server::store {

namespace {

constexpr const char* kAccountColumns = "id, login, role, name, unit, member_number, password_hash";

Account account_from(const SqlRow& row) {
    return Account{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6)};
}

}  // namespace

// ---- accounts and sessions -------------------------------------------------------

std::optional<Account> find_account_by_login(Connection& db, const std::string& login) {
    // Logins are unique without regard to ASCII case; the exact spelling first (two
    // accounts stored before that rule may differ only in case).
    auto rows = db.query(std::string("SELECT ") + kAccountColumns +
                             " FROM accounts WHERE login = $1 OR lower(login) = $2 ORDER BY (login = $1) DESC LIMIT 1",
                         {login, login_key(login)});
    if (rows.empty()) return std::nullopt;
    return account_from(rows.front());
}

std::optional<Account> find_account(Connection& db, const Id& id) {
    auto rows = db.query(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return account_from(rows.front());
}

bool account_exists(Connection& db, const Id& id, const std::string& login) {
    return !db.query("SELECT 1 FROM accounts WHERE id = $1 OR login = $2 OR lower(login) = $3",
                     {id, login, login_key(login)})
                .empty();
}

void insert_account(Connection& db, const Account& account, Instant now) {
    db.execute(
        "INSERT INTO accounts (id, login, role, name, unit, member_number, password_hash, created) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {account.id, account.login, account.role, account.name, account.unit, account.member_number,
         account.password_hash, now});
}

std::int64_t count_accounts(Connection& db) {
    return db.query("SELECT COUNT(*) FROM accounts").front().integer(0);
}

std::vector<Account> group_accounts(Connection& db, const Id& group) {
    std::string sql = std::string("SELECT ") + kAccountColumns +
                      " FROM accounts WHERE id IN (SELECT p.worker FROM places p WHERE p.group_id = $1) ORDER BY id";
    std::vector<Account> accounts;
    for (const auto& row : db.query(sql, {group})) accounts.push_back(account_from(row));
    return accounts;
}

std::vector<Account> unit_accounts(Connection& db, const Id& unit, const std::string& role) {
    std::string sql = std::string("SELECT ") + kAccountColumns +
                      " FROM accounts WHERE unit = $1 AND role = $2 ORDER BY name, id";
    std::vector<Account> accounts;
    for (const auto& row : db.query(sql, {unit, role})) accounts.push_back(account_from(row));
    return accounts;
}

void insert_session(Connection& db, const std::string& token_hash, const Id& account, Instant expires) {
    db.execute("INSERT INTO sessions (token_hash, account, expires) VALUES ($1, $2, $3)",
               {token_hash, account, expires});
}

std::optional<SessionAccount> session_account(Connection& db, const std::string& token_hash, Instant now) {
    auto rows = db.query(
        "SELECT a.id, a.login, a.role, a.name, a.unit, a.member_number, a.password_hash, s.expires FROM sessions s "
        "JOIN accounts a ON a.id = s.account WHERE s.token_hash = $1 AND s.expires > $2",
        {token_hash, now});
    if (rows.empty()) return std::nullopt;
    return SessionAccount{account_from(rows.front()), rows.front().integer(7)};
}

void delete_session(Connection& db, const std::string& token_hash) {
    db.execute("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
}

void delete_expired_sessions(Connection& db, Instant now) {
    db.execute("DELETE FROM sessions WHERE expires <= $1", {now});
}

// ---- idempotency -------------------------------------------------------------------

std::optional<StoredAnswer> find_answer(Connection& db, const Id& account, const std::string& key) {
    auto rows = db.query("SELECT request, status, body FROM idempotency WHERE account = $1 AND idem_key = $2",
                         {account, key});
    if (rows.empty()) return std::nullopt;
    return StoredAnswer{rows.front().text(0), static_cast<int>(rows.front().integer(1)), rows.front().text(2)};
}

void save_answer(Connection& db, const Id& account, const std::string& key, const StoredAnswer& answer,
                 Instant now) {
    db.execute(
        "INSERT INTO idempotency (account, idem_key, request, status, body, created) VALUES ($1, $2, $3, $4, $5, $6)",
        {account, key, answer.request, std::int64_t{answer.status}, answer.body, now});
}

// ---- settings ---------------------------------------------------------------------

std::optional<std::string> meta_get(Connection& db, const std::string& key) {
    auto rows = db.query("SELECT value FROM meta WHERE key = $1", {key});
    if (rows.empty()) return std::nullopt;
    return rows.front().text(0);
}

void meta_set(Connection& db, const std::string& key, const std::string& value) {
    db.execute("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
               {key, value});
}

}  // namespace liaoxiu::server::store
