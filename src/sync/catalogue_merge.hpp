// Applies a catalogue delta (GET /catalogue?since=V) to the catalogue the client has:
// every entity in the delta replaces the one with the same id or is added. The
// endpoint never deletes (members exit, groups are cancelled); the one thing that leaves
// a worker's catalogue is a route or policy the secretariat unpublished: it arrives with
// "status":"draft" and is dropped (drafts never stay in a worker's catalogue).
#pragma once

#include "core/model.hpp"

namespace liaoxiu::sync {

// Returns how many entities changed or were added. `into.version` becomes delta.version.
std::size_t merge_delta(Catalogue& into, Catalogue&& delta);

// Removes every draft route and policy (a snapshot never carries one; if it did, it would not
// be shown). Returns how many were removed.
std::size_t drop_unpublished(Catalogue& catalogue);

}  // namespace liaoxiu::sync
