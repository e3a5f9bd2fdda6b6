#include "core/search.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <utility>

#include "core/pinyin.hpp"

namespace liaoxiu {

namespace {

// A text is indexed under every reading of its polyphonic characters only while it is as
// short as a place or unit name (重庆, 六安市, 长兴县人民医院): that is where a place is read
// otherwise, and a route whose long title names one is found through its city or its
// stops' names. Longer texts (route titles) keep their first spelling, so the 10k
// catalogue's index stays within its memory budget (bench_core).
constexpr std::size_t kMaxPolyphonicCodepoints = 10;

std::vector<PinyinVariant> index_spellings(std::string_view text) {
    std::size_t codepoints = 0;
    for (std::size_t pos = 0; pos < text.size() && codepoints <= kMaxPolyphonicCodepoints; ++codepoints)
        pos += decode_utf8(text, pos).length;
    if (codepoints <= kMaxPolyphonicCodepoints) return spell_pinyin_all(text);
    std::vector<PinyinVariant> first;
    first.push_back({spell_pinyin(text), 0});
    first.front().new_starts = first.front().spelling.syllable_starts.size();
    return first;
}

constexpr char kTextSeparator = '\x1F';  // never in folded text: control characters become ' '
constexpr std::uint8_t kNoMatch = 0xFF;
constexpr std::uint64_t kPrimaryLast = 0xFFFFFF;  // 24-bit primary sort rank: "always last"

constexpr std::uint8_t level_of(MatchKind kind) { return static_cast<std::uint8_t>(kind); }

// The term as pinyin letters ("xi'an" → "xian"), or empty when it is not one.
std::string pinyin_term(std::string_view term) {
    std::string letters;
    for (std::size_t i = 0; i < term.size(); ++i) {
        const char c = term[i];
        if (c == '\'') continue;
        // ü and Ü (U+00FC, U+00DC) are spelled v, as the index spells them.
        if (c == '\xC3' && i + 1 < term.size() && (term[i + 1] == '\xBC' || term[i + 1] == '\x9C')) {
            letters.push_back('v');
            ++i;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return {};
        letters.push_back(c);
    }
    return letters;
}

// The other ways people type ü after l and n, spelled as the index spells it (v): "yu"
// (lyu 吕, nyu 女; "ly" at the end while typing), and "u" before e (lue 略, nue 虐: there
// is no syllable lue, and IMEs take it). Returns `letters` unchanged when it has none.
std::string umlaut_as_v(const std::string& letters) {
    std::string out;
    out.reserve(letters.size());
    for (std::size_t i = 0; i < letters.size(); ++i) {
        out.push_back(letters[i]);
        if (letters[i] != 'l' && letters[i] != 'n') continue;
        const std::string_view rest = std::string_view(letters).substr(i + 1);
        if (rest.substr(0, 2) == "yu") {
            out.push_back('v');
            i += 2;
        } else if (rest == "y") {
            out.push_back('v');
            i += 1;
        } else if (rest.substr(0, 2) == "ue") {
            out.push_back('v');
            i += 1;  // the e follows
        }
    }
    return out;
}

template <class Value>
std::vector<std::uint32_t> dense_ranks(const std::vector<Value>& values) {
    std::vector<Value> distinct = values;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    std::vector<std::uint32_t> ranks(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        ranks[i] = static_cast<std::uint32_t>(
            std::lower_bound(distinct.begin(), distinct.end(), values[i]) - distinct.begin());
    }
    return ranks;
}

template <class T>
std::size_t capacity_bytes(const std::vector<T>& v) {
    return v.capacity() * sizeof(T);
}

template <class Map>
std::size_t map_bytes(const Map& map) {
    // Node (key, value, hash, next pointer) plus bucket array; key text beyond the SSO buffer.
    std::size_t bytes = map.bucket_count() * sizeof(void*);
    for (const auto& [key, value] : map) {
        bytes += sizeof(key) + sizeof(value) + 2 * sizeof(void*);
        if (key.capacity() > 15) bytes += key.capacity() + 1;
    }
    return bytes;
}

}  // namespace

// Folds width and case, turns control characters into spaces and malformed bytes into U+FFFD.
std::string fold_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const DecodedCodepoint decoded = decode_utf8(text, pos);
        pos += decoded.length;
        char32_t c = fold_width_and_case(decoded.codepoint);
        if (c < 0x20 || c == 0x7F) c = U' ';
        append_utf8(out, c);
    }
    return out;
}

// Splits the query into folded terms. Whitespace, control characters and malformed
// UTF-8 separate terms.
std::vector<std::string> query_terms(std::string_view text) {
    std::vector<std::string> terms;
    std::string current;
    for (std::size_t pos = 0; pos < text.size();) {
        const DecodedCodepoint decoded = decode_utf8(text, pos);
        pos += decoded.length;
        const char32_t c = fold_width_and_case(decoded.codepoint);
        if (c <= 0x20 || c == 0x7F || c == kReplacementCharacter) {
            if (!current.empty()) terms.push_back(std::move(current));
            current.clear();
            continue;
        }
        append_utf8(current, c);
    }
    if (!current.empty()) terms.push_back(std::move(current));
    return terms;
}

std::string_view SearchIndex::TextForms::text_from(const MatchStart& start) const {
    return std::string_view(buffer).substr(start.pos, starts[start.text + 1] - 1 - start.pos);
}

void SearchIndex::TextForms::sort_match_starts() {
    std::sort(match_starts.begin(), match_starts.end(), [this](const MatchStart& a, const MatchStart& b) {
        if (const int c = text_from(a).compare(text_from(b)); c != 0) return c < 0;
        return a.pos < b.pos;
    });
}

// Calls visit(start) for every match start whose text begins with `term`.
template <class Visit>
void SearchIndex::TextForms::for_each_occurrence(std::string_view term, Visit visit) const {
    auto head = [&](const MatchStart& start) { return text_from(start).substr(0, term.size()); };
    const auto first = std::lower_bound(match_starts.begin(), match_starts.end(), term,
                                        [&](const MatchStart& start, std::string_view t) { return head(start) < t; });
    const auto last = std::upper_bound(first, match_starts.end(), term,
                                       [&](std::string_view t, const MatchStart& start) { return t < head(start); });
    for (auto it = first; it != last; ++it) visit(*it);
}

void SearchIndex::add_text_forms(std::string_view text) {
    const auto text_number = static_cast<std::uint32_t>(literal_.starts.size());

    const auto literal_base = static_cast<std::uint32_t>(literal_.buffer.size());
    literal_.starts.push_back(literal_base);
    const std::string folded = fold_text(text);
    literal_.buffer += folded;
    literal_.buffer.push_back(kTextSeparator);
    for (std::uint32_t i = 0; i < folded.size(); ++i) {
        const auto byte = static_cast<unsigned char>(folded[i]);
        if ((byte & 0xC0) != 0x80) literal_.match_starts.push_back({literal_base + i, text_number});
    }

    // Every reading of the text (重庆: "zhongqing", then "chongqing"), each followed by the
    // separator, in the text's one region: a match start's text then runs to the first
    // separator, the first spelling is the one titles sort by.
    const std::vector<PinyinVariant> spellings = index_spellings(text);
    const auto pinyin_base = static_cast<std::uint32_t>(pinyin_.buffer.size());
    pinyin_.starts.push_back(pinyin_base);
    const auto initials_base = static_cast<std::uint32_t>(initials_.buffer.size());
    initials_.starts.push_back(initials_base);
    for (std::size_t k = 0; k < spellings.size(); ++k) {
        const PinyinSpelling& spelling = spellings[k].spelling;
        // Only the starts that begin a text the first spelling lacks (pinyin.hpp: new_starts).
        const std::size_t new_starts = std::min(spellings[k].new_starts, spelling.syllable_starts.size());
        const auto spelling_base = static_cast<std::uint32_t>(pinyin_.buffer.size());
        pinyin_.buffer += spelling.full;
        pinyin_.buffer.push_back(kTextSeparator);
        for (std::size_t i = 0; i < new_starts; ++i)
            pinyin_.match_starts.push_back({spelling_base + spelling.syllable_starts[i], text_number});

        bool new_initials = true;  // 长兴 "zx", "cx"; 了 "l" once though read le and liao
        for (std::size_t j = 0; j < k && new_initials; ++j) new_initials = spellings[j].spelling.initials != spelling.initials;
        if (!new_initials) continue;
        const auto spelling_initials = static_cast<std::uint32_t>(initials_.buffer.size());
        initials_.buffer += spelling.initials;
        initials_.buffer.push_back(kTextSeparator);
        for (std::uint32_t i = 0; i < new_starts; ++i) {
            initials_.match_starts.push_back({spelling_initials + i, text_number});
        }
    }
}

// The forms' buffers are sized exactly before they are filled (a first pass spells every
// text): grown or trimmed, a buffer is briefly held twice, and in the browser the heap
// never gives back its high-water mark.
void SearchIndex::make_text_forms(const std::vector<std::string_view>& texts) {
    std::size_t literal_bytes = 0, codepoints = 0, pinyin_bytes = 0, initials_bytes = 0, syllables = 0;
    for (std::string_view text : texts) {
        literal_bytes += fold_text(text).size() + 1;
        for (std::size_t pos = 0; pos < text.size(); ++codepoints) pos += decode_utf8(text, pos).length;
        for (const PinyinVariant& variant : index_spellings(text)) {
            pinyin_bytes += variant.spelling.full.size() + 1;
            initials_bytes += variant.spelling.initials.size() + 1;  // at most: equal ones are stored once
            syllables += std::min(variant.new_starts, variant.spelling.syllable_starts.size());
        }
    }
    for (TextForms* forms : {&literal_, &pinyin_, &initials_}) forms->starts.reserve(texts.size() + 1);
    literal_.buffer.reserve(literal_bytes);
    literal_.match_starts.reserve(codepoints);  // one per codepoint of the folded text, as many as the text's
    pinyin_.buffer.reserve(pinyin_bytes);
    pinyin_.match_starts.reserve(syllables);
    initials_.buffer.reserve(initials_bytes);
    initials_.match_starts.reserve(syllables);
    for (std::string_view text : texts) add_text_forms(text);
    for (TextForms* forms : {&literal_, &pinyin_, &initials_}) {
        forms->starts.push_back(static_cast<std::uint32_t>(forms->buffer.size()));
        forms->sort_match_starts();
    }
}

SearchIndex::SearchIndex(const Catalogue& catalogue) {
    const std::size_t route_count = catalogue.routes.size();
    routes_.resize(route_count);

    std::unordered_map<std::string_view, const Member*> members;
    for (const Member& member : catalogue.members) members.emplace(member.id, &member);

    // Every distinct text gets a number here (the views point into `catalogue`); its forms
    // are made afterwards, when all texts are known (make_text_forms).
    std::unordered_map<std::string_view, std::uint32_t> text_ids;
    std::vector<std::string_view> texts;
    auto intern_text = [&](const std::string& text) {
        const auto [it, inserted] = text_ids.emplace(text, static_cast<std::uint32_t>(texts.size()));
        if (inserted) texts.push_back(text);
        return it->second;
    };
    auto intern_name = [](std::unordered_map<std::string, std::uint32_t>& ids, const std::string& name) {
        return ids.emplace(name, static_cast<std::uint32_t>(ids.size())).first->second;
    };

    std::vector<std::pair<std::uint32_t, std::uint32_t>> text_route_pairs;  // (text, route)
    std::size_t pair_count = 0;
    for (const Route& route : catalogue.routes) {
        pair_count += 1 + route.themes.size() + route.cities.size();
        for (const ItineraryDay& day : route.itinerary) pair_count += day.stops.size();
    }
    text_route_pairs.reserve(pair_count);
    std::vector<std::uint32_t> title_texts(route_count);
    std::vector<Fen> prices(route_count);
    std::vector<std::int32_t> days(route_count);
    route_theme_starts_.reserve(route_count + 1);
    route_city_starts_.reserve(route_count + 1);
    route_by_id_.reserve(route_count);

    for (std::size_t r = 0; r < route_count; ++r) {
        const Route& route = catalogue.routes[r];
        const auto route_number = static_cast<std::uint32_t>(r);
        RouteFacts& facts = routes_[r];
        facts.price_after_subsidy = std::max<Fen>(0, route.price - route.subsidy);
        facts.days = route.days;
        const auto known = std::find(alliance_ids_.begin(), alliance_ids_.end(), route.alliance);
        facts.alliance = static_cast<std::uint16_t>(known - alliance_ids_.begin());
        if (known == alliance_ids_.end()) alliance_ids_.push_back(route.alliance);
        for (Season season : route.seasons) facts.seasons |= std::uint8_t(1u << static_cast<unsigned>(season));
        prices[r] = facts.price_after_subsidy;
        days[r] = facts.days;
        route_by_id_.emplace(route.id, route_number);

        title_texts[r] = intern_text(route.title);
        text_route_pairs.emplace_back(title_texts[r], route_number);

        route_theme_starts_.push_back(static_cast<std::uint32_t>(route_themes_.size()));
        for (const std::string& theme : route.themes) {
            route_themes_.push_back(intern_name(theme_ids_, theme));
            text_route_pairs.emplace_back(intern_text(theme), route_number);
        }
        route_city_starts_.push_back(static_cast<std::uint32_t>(route_cities_.size()));
        for (const std::string& city : route.cities) {
            route_cities_.push_back(intern_name(city_ids_, city));
            text_route_pairs.emplace_back(intern_text(city), route_number);
        }
        for (const ItineraryDay& day : route.itinerary) {
            for (const Stop& stop : day.stops) {
                const auto member = members.find(stop.member);
                if (member == members.end()) continue;
                facts.categories |= std::uint8_t(1u << static_cast<unsigned>(member->second->category));
                text_route_pairs.emplace_back(intern_text(member->second->name), route_number);
            }
        }
    }
    route_theme_starts_.push_back(static_cast<std::uint32_t>(route_themes_.size()));
    route_city_starts_.push_back(static_cast<std::uint32_t>(route_cities_.size()));

    // Postings: text → routes, without duplicates (a member visited twice, a city equal to a theme).
    // Made, and their scaffolding freed, before the text forms: the index's peak is then lower.
    std::sort(text_route_pairs.begin(), text_route_pairs.end());
    text_route_pairs.erase(std::unique(text_route_pairs.begin(), text_route_pairs.end()), text_route_pairs.end());
    text_route_starts_.assign(texts.size() + 1, 0);
    text_routes_.reserve(text_route_pairs.size());
    for (const auto& [text, route] : text_route_pairs) {
        ++text_route_starts_[text + 1];
        text_routes_.push_back(route);
    }
    for (std::size_t t = 0; t < texts.size(); ++t) text_route_starts_[t + 1] += text_route_starts_[t];
    std::vector<std::pair<std::uint32_t, std::uint32_t>>().swap(text_route_pairs);
    std::unordered_map<std::string_view, std::uint32_t>().swap(text_ids);

    make_text_forms(texts);

    // Title order: by the title's pinyin, then its codepoints, then catalogue order.
    route_by_title_order_.resize(route_count);
    for (std::size_t r = 0; r < route_count; ++r) route_by_title_order_[r] = static_cast<std::uint32_t>(r);
    auto pinyin_of_text = [&](std::uint32_t text) {  // its first spelling
        const std::string_view all = std::string_view(pinyin_.buffer).substr(
            pinyin_.starts[text], pinyin_.starts[text + 1] - 1 - pinyin_.starts[text]);
        return all.substr(0, all.find(kTextSeparator));
    };
    auto literal_of_text = [&](std::uint32_t text) {
        return std::string_view(literal_.buffer).substr(literal_.starts[text],
                                                        literal_.starts[text + 1] - 1 - literal_.starts[text]);
    };
    std::sort(route_by_title_order_.begin(), route_by_title_order_.end(), [&](std::uint32_t a, std::uint32_t b) {
        const std::uint32_t ta = title_texts[a], tb = title_texts[b];
        if (ta != tb) {
            if (const int c = pinyin_of_text(ta).compare(pinyin_of_text(tb)); c != 0) return c < 0;
            if (const int c = literal_of_text(ta).compare(literal_of_text(tb)); c != 0) return c < 0;
        }
        return a < b;
    });
    for (std::size_t i = 0; i < route_count; ++i) routes_[route_by_title_order_[i]].title_order = static_cast<std::uint32_t>(i);

    const std::vector<std::uint32_t> price_ranks = dense_ranks(prices);
    const std::vector<std::uint32_t> days_ranks = dense_ranks(days);
    for (std::size_t r = 0; r < route_count; ++r) {
        routes_[r].price_rank = price_ranks[r];
        routes_[r].days_rank = days_ranks[r];
    }

    // Every search begins with one letter, and one letter matches nearly every route: it
    // was the slowest query by far (1 ms of a frame in the browser at 10k routes). Its
    // levels are made once here, 26 bytes a route.
    letter_levels_.resize(26 * route_count);
    std::vector<std::uint8_t> best_by_text(text_route_starts_.size() - 1, kNoMatch);
    for (char letter = 'a'; letter <= 'z'; ++letter)
        route_levels_of_term(std::string(1, letter), best_by_text,
                             letter_levels_.data() + static_cast<std::size_t>(letter - 'a') * route_count);

    refresh_groups(catalogue.groups);
}

void SearchIndex::refresh_groups(const std::vector<GroupTrip>& groups) {
    soonest_departure_.assign(routes_.size(), std::nullopt);
    for (const GroupTrip& group : groups) {
        if (group.state != GroupState::open && group.state != GroupState::formed) continue;
        const auto route = route_by_id_.find(group.route);
        if (route == route_by_id_.end()) continue;
        std::optional<Day>& soonest = soonest_departure_[route->second];
        if (!soonest || group.departure < *soonest) soonest = group.departure;
    }
    std::vector<Day> departures;
    for (const auto& day : soonest_departure_) if (day) departures.push_back(*day);
    std::sort(departures.begin(), departures.end());
    departures.erase(std::unique(departures.begin(), departures.end()), departures.end());
    departure_rank_.assign(routes_.size(), static_cast<std::uint32_t>(kPrimaryLast));
    for (std::size_t r = 0; r < routes_.size(); ++r) {
        if (!soonest_departure_[r]) continue;
        departure_rank_[r] = static_cast<std::uint32_t>(
            std::lower_bound(departures.begin(), departures.end(), *soonest_departure_[r]) - departures.begin());
    }
}

bool SearchIndex::has_open_groups(std::size_t route) const {
    return route < soonest_departure_.size() && soonest_departure_[route].has_value();
}

std::optional<Day> SearchIndex::soonest_departure(std::size_t route) const {
    if (route >= soonest_departure_.size()) return std::nullopt;
    return soonest_departure_[route];
}

void SearchIndex::match_term(const std::string& term, std::vector<std::uint8_t>& best_by_text,
                             std::vector<std::uint32_t>& matched) const {
    auto improve = [&](std::uint32_t text, MatchKind kind) {
        std::uint8_t& best = best_by_text[text];
        if (best == kNoMatch) matched.push_back(text);
        best = std::min(best, level_of(kind));
    };

    literal_.for_each_occurrence(term, [&](const MatchStart& start) {
        const std::uint32_t text_start = literal_.starts[start.text];
        const std::uint32_t text_length = literal_.starts[start.text + 1] - 1 - text_start;
        if (start.pos != text_start) improve(start.text, MatchKind::substring);
        else improve(start.text, term.size() == text_length ? MatchKind::exact : MatchKind::prefix);
    });

    const std::string letters = pinyin_term(term);
    if (letters.empty()) return;
    pinyin_.for_each_occurrence(letters, [&](const MatchStart& start) { improve(start.text, MatchKind::pinyin); });
    if (const std::string v = umlaut_as_v(letters); v != letters)
        pinyin_.for_each_occurrence(v, [&](const MatchStart& start) { improve(start.text, MatchKind::pinyin); });
    initials_.for_each_occurrence(letters, [&](const MatchStart& start) { improve(start.text, MatchKind::initials); });
}

void SearchIndex::route_levels_of_term(const std::string& term, std::vector<std::uint8_t>& best_by_text,
                                       std::uint8_t* levels) const {
    std::vector<std::uint32_t> matched_texts;
    match_term(term, best_by_text, matched_texts);
    std::fill(levels, levels + routes_.size(), kNoMatch);
    for (std::uint32_t text : matched_texts) {
        const std::uint8_t text_level = best_by_text[text];
        for (std::uint32_t i = text_route_starts_[text]; i < text_route_starts_[text + 1]; ++i) {
            std::uint8_t& level = levels[text_routes_[i]];
            level = std::min(level, text_level);
        }
        best_by_text[text] = kNoMatch;  // ready for the next term
    }
}

namespace {

// Whether passes_filters can refuse any route (it is asked per route only then). Keep in step
// with it: a filter it checks and this misses would be ignored.
bool has_filters(const SearchQuery& query, std::optional<std::uint32_t> theme, std::optional<std::uint32_t> city) {
    return query.season || query.member_category || query.min_days || query.max_days || query.min_price ||
           query.max_price || query.only_with_open_groups || theme || city;
}

}  // namespace

bool SearchIndex::passes_filters(std::size_t route, const SearchQuery& query,
                                 std::optional<std::uint32_t> theme, std::optional<std::uint32_t> city) const {
    const RouteFacts& facts = routes_[route];
    if (query.season && !(facts.seasons & (1u << static_cast<unsigned>(*query.season)))) return false;
    if (query.member_category && !(facts.categories & (1u << static_cast<unsigned>(*query.member_category))))
        return false;
    if (query.min_days && facts.days < *query.min_days) return false;
    if (query.max_days && facts.days > *query.max_days) return false;
    if (query.min_price && facts.price_after_subsidy < *query.min_price) return false;
    if (query.max_price && facts.price_after_subsidy > *query.max_price) return false;
    if (query.only_with_open_groups && !soonest_departure_[route]) return false;
    auto lists = [](const std::vector<std::uint32_t>& starts, const std::vector<std::uint32_t>& ids,
                    std::size_t r, std::uint32_t wanted) {
        return std::find(ids.begin() + starts[r], ids.begin() + starts[r + 1], wanted) != ids.begin() + starts[r + 1];
    };
    if (theme && !lists(route_theme_starts_, route_themes_, route, *theme)) return false;
    if (city && !lists(route_city_starts_, route_cities_, route, *city)) return false;
    return true;
}

std::vector<SearchHit> SearchIndex::search(const SearchQuery& query) const {
    std::optional<std::uint32_t> theme, city;
    if (query.theme) {
        const auto it = theme_ids_.find(*query.theme);
        if (it == theme_ids_.end()) return {};
        theme = it->second;
    }
    if (query.city) {
        const auto it = city_ids_.find(*query.city);
        if (it == city_ids_.end()) return {};
        city = it->second;
    }

    // Each route's match: the worst over the terms of its best over its texts.
    const std::vector<std::string> terms = query_terms(query.text);
    std::vector<std::uint8_t> route_level(routes_.size(), terms.empty() ? level_of(MatchKind::no_text) : 0);
    std::vector<std::uint8_t> best_by_text;
    std::vector<std::uint8_t> term_level;
    for (const std::string& term : terms) {
        const std::uint8_t* levels = nullptr;
        if (term.size() == 1 && term[0] >= 'a' && term[0] <= 'z') {
            levels = letter_levels_.data() + static_cast<std::size_t>(term[0] - 'a') * routes_.size();
        } else {
            if (best_by_text.empty()) {
                best_by_text.assign(text_route_starts_.size() - 1, kNoMatch);
                term_level.resize(routes_.size());
            }
            route_levels_of_term(term, best_by_text, term_level.data());
            levels = term_level.data();
        }
        for (std::size_t r = 0; r < routes_.size(); ++r) route_level[r] = std::max(route_level[r], levels[r]);
    }

    const bool filtered = has_filters(query, theme, city);
    std::vector<SearchHit> hits;
    if (query.sort == SortKey::relevance) {
        // Already in title order: a stable counting sort by match kind is the whole sort.
        std::size_t at_level[level_of(MatchKind::no_text) + 2] = {};
        for (std::uint32_t route : route_by_title_order_) {
            std::uint8_t& level = route_level[route];
            if (level != kNoMatch && filtered && !passes_filters(route, query, theme, city)) level = kNoMatch;
            if (level != kNoMatch) ++at_level[level + 1];
        }
        for (std::size_t level = 1; level < std::size(at_level); ++level) at_level[level] += at_level[level - 1];
        hits.resize(at_level[std::size(at_level) - 1]);
        for (std::uint32_t route : route_by_title_order_) {
            const std::uint8_t level = route_level[route];
            if (level != kNoMatch) hits[at_level[level]++] = {route, static_cast<MatchKind>(level)};
        }
        put_alliance_first(hits, query);
        return hits;
    }

    // One 64-bit key per hit: primary rank (24 bits) | match level (8) | title order (32).
    std::vector<std::uint64_t> keys;
    for (std::size_t r = 0; r < routes_.size(); ++r) {
        if (route_level[r] == kNoMatch || (filtered && !passes_filters(r, query, theme, city))) continue;
        const RouteFacts& facts = routes_[r];
        std::uint64_t primary = 0;
        switch (query.sort) {
            case SortKey::relevance: break;
            case SortKey::price: primary = facts.price_rank; break;
            case SortKey::days: primary = facts.days_rank; break;
            case SortKey::departure: primary = departure_rank_[r]; break;
        }
        if (query.descending && primary != kPrimaryLast) primary = kPrimaryLast - 1 - primary;
        keys.push_back(primary << 40 | std::uint64_t{route_level[r]} << 32 | facts.title_order);
    }
    std::sort(keys.begin(), keys.end());

    hits.reserve(keys.size());
    for (std::uint64_t key : keys) {
        hits.push_back({route_by_title_order_[key & 0xFFFFFFFFu], static_cast<MatchKind>((key >> 32) & 0xFF)});
    }
    put_alliance_first(hits, query);
    return hits;
}

void SearchIndex::put_alliance_first(std::vector<SearchHit>& hits, const SearchQuery& query) const {
    if (!query.first_alliance) return;
    const auto known = std::find(alliance_ids_.begin(), alliance_ids_.end(), *query.first_alliance);
    if (known == alliance_ids_.end()) return;
    const auto first = static_cast<std::uint16_t>(known - alliance_ids_.begin());
    std::stable_partition(hits.begin(), hits.end(), [&](const SearchHit& hit) { return routes_[hit.route].alliance == first; });
}

const Alliance* leading_alliance(const Catalogue& catalogue, std::string_view chosen, std::string_view unit) {
    auto alliance = [&](std::string_view id) -> const Alliance* {
        if (id.empty()) return nullptr;
        for (const Alliance& a : catalogue.alliances)
            if (a.id == id) return &a;
        return nullptr;
    };
    if (const Alliance* a = alliance(chosen)) return a;
    for (const Unit& u : catalogue.units) {
        if (u.id != unit || unit.empty()) continue;
        if (const Alliance* a = alliance(u.alliance)) return a;
    }
    return catalogue.alliances.empty() ? nullptr : &catalogue.alliances.front();
}

std::size_t SearchIndex::memory_bytes() const {
    std::size_t bytes = sizeof(*this);
    bytes += capacity_bytes(routes_) + capacity_bytes(route_by_title_order_);
    for (const TextForms* forms : {&literal_, &pinyin_, &initials_}) {
        bytes += forms->buffer.capacity() + capacity_bytes(forms->starts) + capacity_bytes(forms->match_starts);
    }
    bytes += capacity_bytes(text_route_starts_) + capacity_bytes(text_routes_);
    bytes += capacity_bytes(route_theme_starts_) + capacity_bytes(route_themes_);
    bytes += capacity_bytes(route_city_starts_) + capacity_bytes(route_cities_);
    bytes += map_bytes(theme_ids_) + map_bytes(city_ids_) + map_bytes(route_by_id_);
    bytes += capacity_bytes(soonest_departure_) + capacity_bytes(departure_rank_);
    bytes += capacity_bytes(letter_levels_);
    for (const Id& id : alliance_ids_) bytes += sizeof(Id) + (id.capacity() > 15 ? id.capacity() : 0);
    return bytes;
}

}  // namespace liaoxiu
