// The endpoint's answers as the client keeps them. The shapes themselves are written
// once, in core/wire.hpp (the server encodes with the same functions); here they are
// only turned into the client's types (Session, MyTrip) and back for Storage, and the
// catalogue answers are read defensively (nothing here throws; garbage is "bad_answer").
#pragma once

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/text_stream.hpp"
#include "core/wire.hpp"
#include "sync/client.hpp"

#include <string_view>
#include <vector>

namespace liaoxiu::sync {

// An account as GET /me and the sign-in answer describe it, as the session keeps it
// (workers are known by their member number, everyone else by their login) — and back.
Session session_of(const wire::Account& account);
wire::Account account_of(const Session& session);

// A trip of GET /me/trips as "my trips" keep it — and back (for Storage).
MyTrip my_trip_of(const wire::TripPlace& trip);
wire::TripPlace trip_place_of(const MyTrip& trip);
std::vector<MyTrip> my_trips_of(const std::vector<wire::TripPlace>& trips);

// GET /catalogue: a snapshot is checked completely (ids, references); a delta only for
// its structure, since it names things the client already has.
// The body is read as it is parsed (a snapshot is never held as one tree).
Result<Catalogue> decode_catalogue_snapshot(TextSource& body);
Result<Catalogue> decode_catalogue_delta(TextSource& body);
Result<Catalogue> decode_catalogue_snapshot(std::string_view body);
Result<Catalogue> decode_catalogue_delta(std::string_view body);

}  // namespace liaoxiu::sync
