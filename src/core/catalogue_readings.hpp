// The pinyin readings a catalogue document carries (docs/api.md, "readings").
//
// Every catalogue document (a snapshot, a delta, the export, the static
// dist/catalogue.<hash>.json) carries "readings": the readings of every character in the
// text of its alliances, members, routes and units (the records whose names, titles,
// themes and cities a client spells in pinyin; not policies, not groups), in
// core/pinyin.hpp's readings_text form, "庆qing重zhong chong". The web build links no
// pinyin table: decoding a catalogue (decode / decode_catalogue / parse_catalogue) learns
// these readings (learn_pinyin_readings), and its search spells with them.
//
// Written once: to_json(Catalogue) and write_catalogue (core/json.hpp) add it from the
// model; the server, which holds the records as JSON text, collects the same characters
// from that text with a ReadingsCollector; tools/pinyin/catalogue_readings.py adds it to
// the static demo catalogue (a unit test holds the file to this definition).
#pragma once

#include <string>

namespace liaoxiu {

struct Catalogue;
class ReadingsCollector;

// The characters of the catalogue's alliances, members, routes and units (their JSON text).
void add_catalogue_text(ReadingsCollector& collector, const Catalogue& catalogue);
// Their readings, as the document's "readings" (empty when none has a reading).
std::string catalogue_readings(const Catalogue& catalogue);

}  // namespace liaoxiu
