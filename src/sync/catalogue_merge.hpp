// Applies a catalogue delta (GET /catalogue?since=V) to the catalogue the client has:
// every entity in the delta replaces the one with the same id or is added. The
// endpoint never deletes (members exit, groups are cancelled), so nothing is removed.
#pragma once

#include "core/model.hpp"

namespace liaoxiu::sync {

// Returns how many entities changed or were added. `into.version` becomes delta.version.
std::size_t merge_delta(Catalogue& into, Catalogue&& delta);

}  // namespace liaoxiu::sync
