// `reviews` and `member_standing`: the service reviews' storage (review_service.hpp). One row
// per review with its three stars as columns, so the scores are SQL sums; the day and China
// month it was first written are columns too (the scores' range and their months), read
// through covering indexes.
#include "server/review_service.hpp"

#include "core/dates.hpp"

#include <stdexcept>

namespace liaoxiu::server::store {
namespace {

constexpr const char* kReviewsSchema = R"SQL(
CREATE TABLE IF NOT EXISTS reviews (
  id TEXT PRIMARY KEY, group_id TEXT NOT NULL, member TEXT NOT NULL, worker TEXT NOT NULL,
  etiquette INTEGER NOT NULL, process INTEGER NOT NULL, problem_handling INTEGER NOT NULL,
  comment TEXT NOT NULL, written BIGINT NOT NULL, edited BIGINT NOT NULL,
  written_day BIGINT NOT NULL, written_month BIGINT NOT NULL,
  hidden INTEGER NOT NULL DEFAULT 0, hidden_reason TEXT NOT NULL DEFAULT '',
  UNIQUE (group_id, member, worker));
CREATE INDEX IF NOT EXISTS reviews_by_member
  ON reviews (member, written, hidden, etiquette, process, problem_handling);
CREATE INDEX IF NOT EXISTS reviews_by_month
  ON reviews (member, written_month, written_day, etiquette, process, problem_handling);
CREATE INDEX IF NOT EXISTS reviews_by_worker ON reviews (worker);
CREATE TABLE IF NOT EXISTS member_standing (
  member TEXT PRIMARY KEY, standing TEXT NOT NULL, note TEXT NOT NULL, follow_up BIGINT,
  marked_at BIGINT NOT NULL, marked_by TEXT NOT NULL);
)SQL";

constexpr const char* kReviewColumns =
    "id, group_id, member, worker, etiquette, process, problem_handling, comment, written, edited, hidden, hidden_reason";

Review review_from(const SqlRow& row) {
    Review review;
    review.id = row.text(0);
    review.group = row.text(1);
    review.member = row.text(2);
    review.worker = row.text(3);
    review.scores.stars = {static_cast<int>(row.integer(4)), static_cast<int>(row.integer(5)),
                           static_cast<int>(row.integer(6))};
    review.comment = row.text(7);
    review.written = row.integer(8);
    review.edited = row.integer(9);
    review.hidden = row.integer(10) != 0;
    review.hidden_reason = row.text(11);
    return review;
}

std::vector<Review> reviews_from(const std::vector<SqlRow>& rows) {
    std::vector<Review> reviews;
    reviews.reserve(rows.size());
    for (const SqlRow& row : rows) reviews.push_back(review_from(row));
    return reviews;
}

std::int64_t month_of(Instant instant) {
    const CivilDate date = civil_from_day(day_of(instant));
    return static_cast<std::int64_t>(date.year) * 100 + date.month;
}

StandingMark standing_from(const SqlRow& row) {
    StandingMark mark;
    mark.member = row.text(0);
    auto standing = parse_standing(row.text(1));
    if (!standing) throw std::runtime_error("corrupt stored standing: " + row.text(1));
    mark.standing = *standing;
    mark.note = row.text(2);
    if (auto day = row.optional_integer(3)) mark.follow_up = static_cast<Day>(*day);
    mark.at = row.integer(4);
    mark.by = row.text(5);
    return mark;
}

constexpr const char* kStandingColumns = "member, standing, note, follow_up, marked_at, marked_by";

// The monthly statement and its parameters for `filter`.
ReviewStatement monthly_statement(const ReviewScoreFilter& filter) {
    ReviewStatement statement;
    statement.sql =
        "SELECT member, written_month, COUNT(*), SUM(etiquette), SUM(process), SUM(problem_handling) FROM reviews";
    std::string where;
    auto add = [&](const std::string& condition, SqlValue value) {
        statement.params.push_back(std::move(value));
        where += (where.empty() ? " WHERE " : " AND ") + condition + "$" + std::to_string(statement.params.size());
    };
    // Open ends as the widest days: the statement reads the month index in its order either way.
    if (filter.from || filter.to) {
        add("written_day >= ", std::int64_t{filter.from.value_or(-1000000000)});
        add("written_day <= ", std::int64_t{filter.to.value_or(1000000000)});
    }
    if (filter.member) add("member = ", *filter.member);
    statement.sql += where + " GROUP BY member, written_month ORDER BY member, written_month";
    return statement;
}

}  // namespace

void create_reviews_schema(Connection& db) { db.execute_script(kReviewsSchema); }

std::optional<Review> load_review(Connection& db, const Id& id) {
    auto rows = db.query(std::string("SELECT ") + kReviewColumns + " FROM reviews WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return review_from(rows.front());
}

std::optional<Review> find_review(Connection& db, const Id& group, const Id& member, const Id& worker) {
    auto rows = db.query(std::string("SELECT ") + kReviewColumns +
                             " FROM reviews WHERE group_id = $1 AND member = $2 AND worker = $3",
                         {group, member, worker});
    if (rows.empty()) return std::nullopt;
    return review_from(rows.front());
}

void save_review(Connection& db, const Review& r) {
    db.execute(
        "INSERT INTO reviews (id, group_id, member, worker, etiquette, process, problem_handling, comment, written, "
        "edited, written_day, written_month, hidden, hidden_reason) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO UPDATE SET "
        "etiquette = excluded.etiquette, process = excluded.process, problem_handling = excluded.problem_handling, "
        "comment = excluded.comment, edited = excluded.edited, hidden = excluded.hidden, "
        "hidden_reason = excluded.hidden_reason",
        {r.id, r.group, r.member, r.worker, std::int64_t{r.scores.stars[0]}, std::int64_t{r.scores.stars[1]},
         std::int64_t{r.scores.stars[2]}, r.comment, std::int64_t{r.written}, std::int64_t{r.edited},
         std::int64_t{day_of(r.written)}, month_of(r.written), std::int64_t{r.hidden ? 1 : 0}, r.hidden_reason});
}

std::vector<Review> worker_reviews(Connection& db, const Id& worker) {
    return reviews_from(db.query(
        std::string("SELECT ") + kReviewColumns + " FROM reviews WHERE worker = $1 ORDER BY written DESC, id", {worker}));
}

MemberScore member_score(Connection& db, const Id& member) {
    auto rows = db.query(
        "SELECT COUNT(*), SUM(etiquette), SUM(process), SUM(problem_handling) FROM reviews WHERE member = $1", {member});
    MemberScore score;
    score.member = member;
    if (rows.empty()) return score;
    score.count = static_cast<int>(rows.front().integer(0));
    for (std::size_t i = 0; i < score.star_sums.size(); ++i)
        score.star_sums[i] = rows.front().optional_integer(i + 1).value_or(0);
    return score;
}

std::vector<Review> member_comments(Connection& db, const Id& member, int limit, int offset) {
    return reviews_from(db.query(std::string("SELECT ") + kReviewColumns +
                                     " FROM reviews WHERE member = $1 AND hidden = 0 AND comment <> '' "
                                     "ORDER BY written DESC, id DESC LIMIT $2 OFFSET $3",
                                 {member, std::int64_t{limit}, std::int64_t{offset}}));
}

int count_member_comments(Connection& db, const Id& member) {
    auto rows = db.query("SELECT COUNT(*) FROM reviews WHERE member = $1 AND hidden = 0 AND comment <> ''", {member});
    return rows.empty() ? 0 : static_cast<int>(rows.front().integer(0));
}

std::vector<MonthlyScore> monthly_scores(Connection& db, const ReviewScoreFilter& filter) {
    const ReviewStatement statement = monthly_statement(filter);
    std::vector<MonthlyScore> scores;
    for (const SqlRow& row : db.query(statement.sql, statement.params)) {
        MonthlyScore item;
        item.member = row.text(0);
        item.month = static_cast<int>(row.integer(1));
        item.score.member = item.member;
        item.score.count = static_cast<int>(row.integer(2));
        for (std::size_t i = 0; i < item.score.star_sums.size(); ++i) item.score.star_sums[i] = row.integer(i + 3);
        scores.push_back(std::move(item));
    }
    return scores;
}

std::optional<StandingMark> load_standing(Connection& db, const Id& member) {
    auto rows = db.query(std::string("SELECT ") + kStandingColumns + " FROM member_standing WHERE member = $1", {member});
    if (rows.empty()) return std::nullopt;
    return standing_from(rows.front());
}

std::vector<StandingMark> load_standings(Connection& db) {
    std::vector<StandingMark> marks;
    for (const SqlRow& row : db.query(std::string("SELECT ") + kStandingColumns + " FROM member_standing ORDER BY member"))
        marks.push_back(standing_from(row));
    return marks;
}

void save_standing(Connection& db, const StandingMark& mark) {
    if (mark.standing == MemberStanding::none) {
        db.execute("DELETE FROM member_standing WHERE member = $1", {mark.member});
        return;
    }
    SqlParams params{mark.member, std::string(standing_name(mark.standing)), mark.note, std::monostate{},
                     std::int64_t{mark.at}, mark.by};
    if (mark.follow_up) params[3] = std::int64_t{*mark.follow_up};
    db.execute(
        "INSERT INTO member_standing (member, standing, note, follow_up, marked_at, marked_by) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (member) DO UPDATE SET standing = excluded.standing, "
        "note = excluded.note, follow_up = excluded.follow_up, marked_at = excluded.marked_at, "
        "marked_by = excluded.marked_by",
        params);
}

std::vector<ReviewStatement> review_statements(const ReviewScoreFilter& filter, const Id& member) {
    return {
        monthly_statement(filter),
        {"SELECT COUNT(*), SUM(etiquette), SUM(process), SUM(problem_handling) FROM reviews WHERE member = $1", {member}},
        {std::string("SELECT ") + kReviewColumns +
             " FROM reviews WHERE member = $1 AND hidden = 0 AND comment <> '' "
             "ORDER BY written DESC, id DESC LIMIT $2 OFFSET $3",
         {member, std::int64_t{20}, std::int64_t{0}}},
        {"SELECT COUNT(*) FROM reviews WHERE member = $1 AND hidden = 0 AND comment <> ''", {member}},
    };
}

}  // namespace liaoxiu::server::store
