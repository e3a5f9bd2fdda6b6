#include "sync/catalogue_merge.hpp"

#include <type_traits>
#include <unordered_map>

namespace liaoxiu::sync {
namespace {

// Routes and policies: what the secretariat may unpublish.
template <class T>
constexpr bool kPublishable = requires(const T& t) {
    requires std::is_same_v<std::remove_cvref_t<decltype(t.status)>, PublishStatus>;
};

template <class T>
std::size_t upsert(std::vector<T>& into, std::vector<T>&& changes) {
    if (changes.empty()) return 0;
    std::unordered_map<Id, std::size_t> index;
    index.reserve(into.size());
    for (std::size_t i = 0; i < into.size(); ++i) index.emplace(into[i].id, i);
    std::size_t changed = 0;
    for (auto& item : changes) {
        auto found = index.find(item.id);
        bool unpublished = false;
        if constexpr (kPublishable<T>) unpublished = item.status != PublishStatus::published;
        if (unpublished) {
            // Unpublished: it leaves the catalogue (removed by the caller, keeping the others' order).
            if constexpr (kPublishable<T>) {
                if (found != index.end() && into[found->second].status == PublishStatus::published) {
                    into[found->second].status = PublishStatus::draft;
                    ++changed;
                }
            }
        } else if (found == index.end()) {
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

template <class T>
std::size_t drop_drafts(std::vector<T>& items) {
    return std::erase_if(items, [](const T& item) { return item.status != PublishStatus::published; });
}

template <class T>
std::size_t upsert_published(std::vector<T>& into, std::vector<T>&& changes) {
    const std::size_t changed = upsert(into, std::move(changes));
    drop_drafts(into);
    return changed;
}

}  // namespace

std::size_t drop_unpublished(Catalogue& catalogue) {
    return drop_drafts(catalogue.routes) + drop_drafts(catalogue.policies);
}

std::size_t merge_delta(Catalogue& into, Catalogue&& delta) {
    std::size_t changed = 0;
    changed += upsert(into.alliances, std::move(delta.alliances));
    changed += upsert(into.members, std::move(delta.members));
    changed += upsert(into.units, std::move(delta.units));
    changed += upsert_published(into.policies, std::move(delta.policies));
    changed += upsert_published(into.routes, std::move(delta.routes));
    changed += upsert(into.groups, std::move(delta.groups));
    if (delta.version > into.version) into.version = delta.version;
    return changed;
}

}  // namespace liaoxiu::sync
