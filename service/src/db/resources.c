/*
 * resources — the API's collections as data for db_list(): what each
 * selects, how it is ordered for keyset paging, and the SQL behind every
 * filter.  Each predicate is backed by an index (migrations/0001, 0012,
 * 0022); the JSON is the document kept ready (0022), not built per request.
 */
#include "db/collection.h"

#include "core/vocab.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const undated_choices[] = {"include", "only", NULL};
static const char *const quad_classes[] = {"1", "2", "3", "4", NULL};
static const char *const relevance_choices[] = {"relevant", "off_topic", "all", NULL};
/* ?relevance= (absent: relevant, unless article_id names one article; all:
 * no predicate at all — api/params.c decides both).  A record is relevant
 * when a relevant (not off-topic) article reports it. */
#define RELEVANCE_HELP                                                                             \
	"relevant (the default): what articles on international affairs and politics report; "     \
	"off_topic: only what off-topic articles (sport, celebrity, local crime …) alone "       \
	"report; all: both. The default does not apply with article_id"
/* Events and statements: the flag their read model keeps (migrations/0028),
 * on the row every select of theirs names `rm` — the document, or for an
 * actor's events and a word's statements the actor_events and
 * statement_terms row, whose page index has the flag after its key. */
#define RELEVANCE_SQL "rm.relevant = ($%1$d = 'relevant')"
static const char *const article_statuses[] = {"pending", "fetching", "extracted", "failed", NULL};

static const db_filter event_filters[] = {
    {"actor", PARAM_ACTOR,
     "e.id IN (SELECT p.event_id FROM event_participants p"
     " WHERE p.actor_id = ANY(parley_actor_ids($%1$d)))",
     NULL, "actor id or name (or alias) taking part", NULL, NULL, NULL},
    {"type", PARAM_TEXT, "e.type = lower($%1$d)", NULL,
     "event type (meet, visit, threaten …), CAMEO code, or CAMEO root of one or two digits"
     " (04: meetings, visits, calls, talks)",
     "e.cameo_code = $%1$d", NULL, "e.cameo_code LIKE $%1$d || '%%'"},
    {"from", PARAM_DATE, "e.sort_date >= $%1$d::date", NULL, "events on or after this date", NULL,
     "e.date IS NULL", NULL},
    {"to", PARAM_DATE, "e.sort_date <= $%1$d::date AND e.date IS NOT NULL", NULL,
     "events on or before this date", NULL, "e.date IS NULL", NULL},
    {"undated", PARAM_ENUM, "$%1$d = 'include' OR e.date IS NULL", undated_choices,
     "include: undated events pass the date bounds too; only: just the undated ones", NULL, NULL,
     NULL},
    {"location", PARAM_TEXT,
     "lower(e.location_name) = lower($%1$d) OR e.location_country = upper($%1$d)", NULL,
     "place name or ISO alpha-3 country", NULL, NULL, NULL},
    {"q", PARAM_SEARCH,
     "e.tsv @@ websearch_to_tsquery('english', $%1$d) OR e.id IN (SELECT m.event_id FROM"
     " event_mentions m WHERE to_tsvector('english', m.sentence)"
     " @@ websearch_to_tsquery('english', $%1$d))",
     NULL, "full-text search over title, type, place and the sentences that report the event", NULL,
     NULL, NULL},
    {"article_id", PARAM_ID,
     "e.id IN (SELECT m.event_id FROM event_mentions m WHERE m.article_id = $%1$d::bigint)", NULL,
     "events reported by this article", NULL, NULL, NULL},
    /* The same side B as /v1/stats/relations (stats.c): an actor, or an
     * ISO alpha-3 country standing for every actor of it, so the events
     * listed under a relations curve are the ones it counts. */
    {"with", PARAM_ACTOR,
     "e.id IN (SELECT p.event_id FROM event_participants p"
     " WHERE p.actor_id = ANY(parley_actor_ids($%1$d))"
     " OR p.actor_id IN (SELECT ac.id FROM actors ac WHERE $%1$d ~ '^[A-Za-z]{3}$'"
     " AND ac.country = upper($%1$d) AND ac.merged_into IS NULL))",
     NULL,
     "a second side taking part too (the events of a dyad): an actor, or an ISO alpha-3 "
     "country for every actor of it",
     NULL, NULL, NULL},
    {"quad_class", PARAM_ENUM, "(parley_cameo_scale(e.cameo_code)).quad_class = $%1$d::smallint",
     quad_classes,
     "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material "
     "conflict",
     NULL, NULL, NULL},
    {"status", PARAM_ENUM, "e.status = $%1$d", vocab_event_statuses, NULL, NULL, NULL, NULL},
    {"relevance", PARAM_ENUM, RELEVANCE_SQL, relevance_choices, RELEVANCE_HELP, NULL, NULL, NULL},
};

/* The documents kept by migrations/repeatable/read_models.sql, joined as
 * `rm` (one probe a row gives the document and its relevance); the
 * reference function builds one only if it were missing. */
#define EVENT_FROM "events e LEFT JOIN event_docs rm ON rm.id = e.id"
#define EVENT_SELECT                                                                               \
	"SELECT e.id, e.sort_date::text, coalesce(rm.doc, parley_event_json(e)) FROM " EVENT_FROM
#define STATEMENT_FROM "statements s LEFT JOIN statement_docs rm ON rm.id = s.id"
#define STATEMENT_SELECT                                                                           \
	"SELECT s.id, s.sort_date::text, coalesce(rm.doc, parley_statement_json(s)) "              \
	"FROM " STATEMENT_FROM
#define ACTOR_DOC                                                                                  \
	"coalesce((SELECT d.doc FROM actor_docs d WHERE d.id = a.id), parley_actor_json(a))"

/* The actor(s) a driver's parameter names, as scalar subqueries: each an
 * initPlan run once when the query starts.  Called directly, the STABLE
 * functions were run by the planner to estimate the index range once the
 * value was bound (a custom plan), so the estimates followed the actor:
 * most actors are quiet, their custom plans looked far cheaper than the
 * generic plan (an average actor), and PostgreSQL re-planned the
 * two-branch query on every execution (0.6-1.2 ms warm, 5-8 ms the first
 * time in a session, for a page that runs in 0.1-0.3 ms).  Behind a
 * subquery every actor is estimated as an average one, custom plans cost
 * what the generic one does, and the generic plan (the same index range)
 * is kept after five executions.  The cast keeps ANY(…) an array
 * operand, not ANY (subquery). */
#define ACTOR_ONE "(SELECT parley_actor_one($%1$d))"
#define ACTOR_IDS "(SELECT parley_actor_ids($%1$d))::bigint[]"

/* An actor's events: a range of actor_events (actor_id, sort_date DESC,
 * event_id DESC), whatever the actor's number of events.  The events row
 * is joined only for the other filters (a LEFT JOIN on its key that
 * nothing reads is left out by the planner: every event exists, by the
 * foreign key), so the page is an index-only scan and a document probe a
 * row. */
static const db_driver events_drivers[] = {
    {
        "actor",
        "SELECT rm.event_id, rm.sort_date::text, coalesce((SELECT d.doc FROM event_docs d"
        " WHERE d.id = rm.event_id), (SELECT parley_event_json(x) FROM events x WHERE x.id ="
        " rm.event_id)) FROM actor_events rm LEFT JOIN events e ON e.id = rm.event_id",
        "rm.actor_id = " ACTOR_ONE,
        "rm.sort_date",
        "rm.event_id",
        "cardinality(" ACTOR_IDS ") > 1 AND e.id IN (SELECT ae.event_id FROM "
        "actor_events ae"
        " WHERE ae.actor_id = ANY(" ACTOR_IDS "))",
    },
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const db_collection db_events = {
    "events",      EVENT_SELECT,     NULL,           "e.sort_date", "e.id", 1,
    event_filters, N(event_filters), events_drivers, EVENT_FROM,
};

static const db_filter actor_filters[] = {
    {"q", PARAM_TEXT,
     "a.norm_name %% parley_fold($%1$d) OR a.norm_name LIKE '%%' || parley_fold($%1$d) || '%%'"
     " OR a.id IN (SELECT al.actor_id FROM actor_aliases al"
     " WHERE al.norm_alias %% parley_fold($%1$d))",
     NULL, "name or alias, fuzzy", NULL, NULL, NULL},
    {"kind", PARAM_ENUM, "a.kind = $%1$d", vocab_actor_kinds, NULL /* the error lists them */, NULL,
     NULL, NULL},
    {"country", PARAM_TEXT, "a.country = upper($%1$d)", NULL, "ISO alpha-3 country code", NULL,
     NULL, NULL},
    {"article_id", PARAM_ID,
     "a.id IN (SELECT aa.actor_id FROM article_actors aa WHERE aa.article_id = $%1$d::bigint)",
     NULL, "actors named in this article", NULL, NULL, NULL},
    /* an actor no article names (added to the dictionary by hand) is relevant */
    {"relevance", PARAM_ENUM,
     "(NOT EXISTS (SELECT 1 FROM article_actors aa WHERE aa.actor_id = a.id)"
     " OR EXISTS (SELECT 1 FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id"
     " WHERE aa.actor_id = a.id AND NOT ar.off_topic)) = ($%1$d = 'relevant')",
     relevance_choices, RELEVANCE_HELP, NULL, NULL, NULL},
};

const db_collection db_actors = {
    "actors",
    "SELECT a.id, '', " ACTOR_DOC " FROM actors a",
    "a.merged_into IS NULL",
    NULL,
    "a.id",
    0,
    actor_filters,
    N(actor_filters),
    NULL,
    NULL,
};

static const db_filter statement_filters[] = {
    {"speaker", PARAM_ACTOR, "s.speaker_id = ANY(parley_actor_ids($%1$d))", NULL,
     "speaker id or name", NULL, NULL, NULL},
    {"q", PARAM_SEARCH, "s.tsv @@ websearch_to_tsquery('english', $%1$d)", NULL,
     "full-text search over what was said", NULL, NULL, NULL},
    {"from", PARAM_DATE, "s.sort_date >= $%1$d::date", NULL, "said on or after this date", NULL,
     "s.date IS NULL", NULL},
    {"to", PARAM_DATE, "s.sort_date <= $%1$d::date AND s.date IS NOT NULL", NULL,
     "said on or before this date", NULL, "s.date IS NULL", NULL},
    {"undated", PARAM_ENUM, "$%1$d = 'include' OR s.date IS NULL", undated_choices,
     "include: undated statements pass the date bounds too; only: just the undated ones", NULL,
     NULL, NULL},
    {"kind", PARAM_ENUM, "s.kind = $%1$d", vocab_statement_kinds, NULL, NULL, NULL, NULL},
    {"event_id", PARAM_ID, "s.event_id = $%1$d::bigint", NULL, "statements about this event", NULL,
     NULL, NULL},
    {"article_id", PARAM_ID, "s.article_id = $%1$d::bigint", NULL, "statements in this article",
     NULL, NULL, NULL},
    {"relevance", PARAM_ENUM, RELEVANCE_SQL, relevance_choices, RELEVANCE_HELP, NULL, NULL, NULL},
};

/* A speaker's statements: a range of statements_speaker.  A one-word
 * search: a range of statement_terms (term, sort_date, statement_id),
 * joined to statements only for the other filters, as events by actor. */
static const db_driver statements_drivers[] = {
    {"speaker", STATEMENT_SELECT, "s.speaker_id = " ACTOR_ONE, "s.sort_date", "s.id",
     "cardinality(" ACTOR_IDS ") > 1 AND s.speaker_id = ANY(" ACTOR_IDS ")"},
    {"q",
     "SELECT rm.statement_id, rm.sort_date::text, coalesce((SELECT d.doc FROM statement_docs d"
     " WHERE d.id = rm.statement_id), (SELECT parley_statement_json(x) FROM statements x"
     " WHERE x.id = rm.statement_id)) FROM statement_terms rm"
     " LEFT JOIN statements s ON s.id = rm.statement_id",
     "rm.term = parley_single_lexeme(websearch_to_tsquery('english', $%1$d))", "rm.sort_date",
     "rm.statement_id",
     "parley_single_lexeme(websearch_to_tsquery('english', $%1$d)) IS NULL"
     " AND s.tsv @@ websearch_to_tsquery('english', $%1$d)"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const db_collection db_statements = {
    "statements",
    STATEMENT_SELECT,
    NULL,
    "s.sort_date",
    "s.id",
    1,
    statement_filters,
    N(statement_filters),
    statements_drivers,
    STATEMENT_FROM,
};

static const db_filter article_filters[] = {
    {"status", PARAM_ENUM, "a.status = $%1$d", article_statuses,
     "pending, fetching, extracted or failed", NULL, NULL, NULL},
    {"source_id", PARAM_ID, "a.source_id = $%1$d::bigint", NULL, "articles from this source", NULL,
     NULL, NULL},
    {"q", PARAM_SEARCH, "a.tsv @@ websearch_to_tsquery('english', $%1$d)", NULL,
     "full-text search over title and text", NULL, NULL, NULL},
    {"from", PARAM_DATE, "a.published_at >= $%1$d::date", NULL, "published on or after this date",
     NULL, NULL, NULL},
    {"to", PARAM_DATE, "a.published_at < $%1$d::date + 1", NULL, "published on or before this date",
     NULL, NULL, NULL},
    {"relevance", PARAM_ENUM, "a.off_topic = ($%1$d = 'off_topic')", relevance_choices,
     "relevant (the default): articles on international affairs and politics; off_topic: the "
     "others (sport, celebrity, local crime …); all: both",
     NULL, NULL, NULL},
};

const db_collection db_articles = {
    "articles",
    "SELECT a.id, '', parley_article_json(a) FROM articles a",
    NULL,
    NULL,
    "a.id",
    1,
    article_filters,
    N(article_filters),
    NULL,
    NULL,
};
