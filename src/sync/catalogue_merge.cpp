#include "sync/catalogue_merge.hpp"

#include <unordered_map>

namespace liaoxiu::sync {
namespace {

template <class T>
std::size_t upsert(std::vector<T>& into, std::vector<T>&& changes) {
    if (changes.empty()) return 0;
    std::unordered_map<Id, std::size_t> index;
    index.reserve(into.size());
    for (std::size_t i = 0; i < into.size(); ++i) index.emplace(into[i].id, i);
    std::size_t changed = 0;
    for (auto& item : changes) {
        auto found = index.find(item.id);
        if (found == index.end()) {
            index.emplace(item.id, into.size());
            into.push_back(std::move(item));
            ++changed;
        } else if (!(into[found->second] == item)) {
            into[found->second] = std::move(item);
            ++changed;
        }
    }
    return changed;
}

}  // namespace

std::size_t merge_delta(Catalogue& into, Catalogue&& delta) {
    std::size_t changed = 0;
    changed += upsert(into.alliances, std::move(delta.alliances));
    changed += upsert(into.members, std::move(delta.members));
    changed += upsert(into.units, std::move(delta.units));
    changed += upsert(into.policies, std::move(delta.policies));
    changed += upsert(into.routes, std::move(delta.routes));
    changed += upsert(into.groups, std::move(delta.groups));
    if (delta.version > into.version) into.version = delta.version;
    return changed;
}

}  // namespace liaoxiu::sync
