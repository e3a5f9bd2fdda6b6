#include "server/sql.hpp"

#include <charconv>

namespace liaoxiu::server {

const std::string& SqlRow::text(std::size_t i) const {
    static const std::string empty;
    const auto& cell = cells_.at(i);
    return cell ? *cell : empty;
}

std::int64_t SqlRow::integer(std::size_t i) const {
    const std::string& value = text(i);
    std::int64_t result = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
    if (error != std::errc() || end != value.data() + value.size()) {
        throw SqlError("not an integer in column " + std::to_string(i) + ": " + value, false);
    }
    return result;
}

std::optional<std::int64_t> SqlRow::optional_integer(std::size_t i) const {
    if (is_null(i)) return std::nullopt;
    return integer(i);
}

Dialect dialect_of(const std::string& url) {
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return Dialect::postgresql;
    return Dialect::sqlite;
}

std::unique_ptr<Connection> open_connection(const std::string& url) {
    if (dialect_of(url) == Dialect::postgresql) return open_postgres(url);
    std::string path = url;
    if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite://PATH
    return open_sqlite(path);
}

ConnectionPool::Lease::~Lease() {
    if (pool_ && connection_) pool_->give_back(std::move(connection_));
}

ConnectionPool::Lease ConnectionPool::acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(connection));
        }
    }
    return Lease(*this, open_connection(url_));
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
    if (!connection->healthy()) return;
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
}

}  // namespace liaoxiu::server
