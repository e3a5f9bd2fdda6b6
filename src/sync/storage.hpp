// Where the client keeps what must survive a reload: the last catalogue, the session
// and the outbox. A small key-value interface: the browser's localStorage on the web,
// a directory of files natively, memory in tests and kiosks. Writes may fail (quota,
// private browsing): put() then returns false and the engine carries on in memory.
#pragma once

#include "core/text_stream.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace liaoxiu::sync {

class Storage {
public:
    virtual ~Storage() = default;
    virtual std::optional<std::string> get(const std::string& key) = 0;
    virtual bool put(const std::string& key, const std::string& value) = 0;
    virtual void remove(const std::string& key) = 0;

    // A value produced in pieces by `write` (false from it: nothing is stored). By default the
    // pieces are gathered into one string; a storage may take them as they come.
    virtual bool put_streamed(const std::string& key, const std::function<bool(TextSink&)>& write) {
        StringSink value;
        return write(value) && put(key, value.text);
    }
};

// Keeps everything in memory: tests, and a fallback when no storage is available.
class MemoryStorage : public Storage {
public:
    std::optional<std::string> get(const std::string& key) override {
        auto found = values_.find(key);
        if (found == values_.end()) return std::nullopt;
        return found->second;
    }
    bool put(const std::string& key, const std::string& value) override {
        values_[key] = value;
        return true;
    }
    void remove(const std::string& key) override { values_.erase(key); }
    const std::map<std::string, std::string>& values() const { return values_; }

private:
    std::map<std::string, std::string> values_;
};

}  // namespace liaoxiu::sync
