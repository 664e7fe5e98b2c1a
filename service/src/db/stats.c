/*
 * stats — see stats.h.  The timeline reuses the collections' filter SQL
 * (db_where), so a chart and the list beside it always agree, and counts
 * beside it the undated records the same filters match (a chart cannot
 * place them, a reader must still know they exist).  Network and summary
 * cover all time, undated records included, unless a period is given;
 * with a period, undated records count only with undated=include.  There
 * is no hidden default window.
 */
#include "db/stats.h"

#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

db_status db_timeline(db_conn *c, const db_collection *series, const char *const *values,
                      const char *bucket, int split_by_type, char **json)
{
	assert(series->from);
	int is_events = series == &db_events;
	const char *alias = is_events ? "e" : "s";
	const char *type = is_events ? "e.type" : "s.kind";
	const char *params[DB_MAX_FILTERS + 2];
	int n = 0;
	params[n++] = bucket;
	buf where, sql, name;
	buf_init(&where);
	buf_init(&sql);
	buf_init(&name);
	unsigned mask = db_where(series, values, &where, params, &n);
	/* The undated records these filters match, dates aside. */
	const char *undated_values[DB_MAX_FILTERS];
	for (int i = 0; i < series->n_filters; i++) {
		const char *fname = series->filters[i].name;
		bool date_bound = series->filters[i].or_undated || !strcmp(fname, "undated");
		undated_values[i] = date_bound ? NULL : values[i];
	}
	buf undated_where;
	buf_init(&undated_where);
	unsigned undated_mask = db_where(series, undated_values, &undated_where, params, &n);
	buf_printf(
	    &sql,
	    "SELECT json_build_object('series', '%s', 'bucket', $1::text,"
	    " 'undated', (SELECT count(*) FROM %s%s AND %s.date IS NULL), 'data',"
	    " coalesce(json_agg(json_build_object('bucket', to_char(b, 'YYYY-MM-DD'),"
	    " 'count', total%s) ORDER BY b), '[]'))"
	    " FROM (SELECT b, sum(k)::bigint AS total, json_object_agg(t, k) AS by_type"
	    " FROM (SELECT date_trunc($1::text, %s.date)::date AS b, %s AS t, count(*) AS k"
	    " FROM %s%s AND %s.date IS NOT NULL GROUP BY 1, 2) per_type GROUP BY b) per_bucket",
	    series->name, series->from, undated_where.data, alias,
	    split_by_type ? ", 'by_type', by_type" : "", alias, type, series->from, where.data,
	    alias);
	buf_printf(&name, "timeline_%s_%x_%x_%d", series->name, mask, undated_mask, split_by_type);
	buf_free(&undated_where);
	db_status st = db_one_text(c, name.data, sql.data, n, params, json);
	buf_free(&where);
	buf_free(&sql);
	buf_free(&name);
	return st;
}

db_status db_places(db_conn *c, const char *const *values, char **json)
{
	const char *params[DB_MAX_FILTERS];
	int n = 0;
	buf where, sql, name;
	buf_init(&where);
	buf_init(&sql);
	buf_init(&name);
	unsigned mask = db_where(&db_events, values, &where, params, &n);
	buf_printf(
	    &sql,
	    "SELECT json_build_object('data', coalesce(json_agg(json_build_object("
	    "'country', country, 'name', name, 'count', k) ORDER BY k DESC, country, name),"
	    " '[]'), 'unplaced', (SELECT count(*) FROM %s%s AND e.location_country IS NULL"
	    " AND e.location_name IS NULL))"
	    " FROM (SELECT e.location_country AS country, e.location_name AS name, count(*) AS k"
	    " FROM %s%s AND (e.location_country IS NOT NULL OR e.location_name IS NOT NULL)"
	    " GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1000) per_place",
	    db_events.from, where.data, db_events.from, where.data);
	buf_printf(&name, "places_%x", mask);
	db_status st = db_one_text(c, name.data, sql.data, n, params, json);
	buf_free(&where);
	buf_free(&sql);
	buf_free(&name);
	return st;
}

/* $1 from, $2 to, $3 undated, R relevance ("relevant", "off_topic" or
 * NULL for all: which articles' records count): the events and statements of the period
 * (all time when neither bound is given); undated records join all-time
 * views, a bounded period only with undated=include, and undated=only
 * keeps just them. */
/* The records of relevant articles (R 'relevant'), of off-topic ones alone
 * ('off_topic'), or all (NULL), as in every list (db/resources.c). */
// clang-format off
#define REL_EVENT(R)                                                                               \
	" (" R "::text IS NULL OR EXISTS (SELECT 1 FROM event_mentions m"                          \
	" JOIN articles ar ON ar.id = m.article_id WHERE m.event_id = e.id AND NOT ar.off_topic)"  \
	" = (" R "::text = 'relevant')) "
#define REL_STATEMENT(R)                                                                           \
	" (" R "::text IS NULL OR EXISTS (SELECT 1 FROM articles ar"                               \
	" WHERE ar.id = s.article_id AND NOT ar.off_topic) = (" R "::text = 'relevant')) "
#define PERIOD_CTE_WITH(R)                                                                         \
	"WITH period AS (SELECT $1::date AS lo, $2::date AS hi, coalesce($3::text = 'only', "      \
	"false)"                                                                                   \
	" AS only, ($1::date IS NULL AND $2::date IS NULL) OR $3::text IS NOT NULL AS undated),"   \
	" ev AS (SELECT e.id FROM events e, period WHERE" REL_EVENT(R)                             \
	"AND CASE WHEN e.date IS NULL THEN period.undated"                                         \
	" ELSE NOT period.only AND e.sort_date >= coalesce(period.lo, '-infinity')"                \
	" AND e.sort_date <= coalesce(period.hi, 'infinity') END),"                                \
	" st AS (SELECT s.id, s.speaker_id FROM statements s, period WHERE" REL_STATEMENT(R)       \
	"AND CASE WHEN s.date IS NULL THEN period.undated"                                         \
	" ELSE NOT period.only AND s.sort_date >= coalesce(period.lo, '-infinity')"                \
	" AND s.sort_date <= coalesce(period.hi, 'infinity') END)"
/* with the relevance as $4 (summary) or $7 (network, relations) */
#define PERIOD_CTE_R4 PERIOD_CTE_WITH("$4")
#define PERIOD_CTE_R7 PERIOD_CTE_WITH("$7")
#define REL_EVENT_R4 REL_EVENT("$4")
#define REL_STATEMENT_R4 REL_STATEMENT("$4")
// clang-format on
#define PERIOD_CTE_R7 PERIOD_CTE_WITH("$7")

db_status db_network(db_conn *c, db_period period, const char *actor, const char *min_weight,
                     const char *limit, char **json)
{
	const char *p[] = {period.from, period.to, period.undated,  actor,
	                   min_weight,  limit,     period.relevance};
	return db_one_text(
	    c, "network",
	    PERIOD_CTE_R7
	    ","
	    " pairs AS ("
	    "  SELECT least(a.actor_id, b.actor_id) AS s, greatest(a.actor_id, b.actor_id) AS t,"
	    "         count(DISTINCT a.event_id) AS w"
	    "    FROM event_participants a JOIN event_participants b"
	    "      ON b.event_id = a.event_id AND b.actor_id > a.actor_id"
	    "   WHERE a.event_id IN (SELECT id FROM ev) GROUP BY 1, 2"
	    "  UNION ALL"
	    "  SELECT least(st.speaker_id, p.actor_id), greatest(st.speaker_id, p.actor_id), "
	    "count(*)"
	    "    FROM statements st JOIN event_participants p"
	    "      ON p.event_id = st.event_id AND p.actor_id <> st.speaker_id"
	    "   WHERE st.event_id IN (SELECT id FROM ev) GROUP BY 1, 2),"
	    " edges AS ("
	    "  SELECT s, t, sum(w)::bigint AS w FROM pairs GROUP BY 1, 2"
	    "  HAVING sum(w) >= $5::int AND ($4::text IS NULL"
	    "     OR s = ANY(parley_actor_ids($4)) OR t = ANY(parley_actor_ids($4)))"
	    "  ORDER BY 3 DESC, 1, 2 LIMIT $6::int)"
	    " SELECT json_build_object("
	    "  'from', (SELECT lo FROM period), 'to', (SELECT hi FROM period),"
	    "  'nodes', (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name,"
	    "            'kind', a.kind, 'count', a.event_count + a.statement_count,"
	    "            'degree', d.degree, 'weighted_degree', d.weighted) ORDER BY a.id), '[]')"
	    "            FROM (SELECT x AS id, count(*) AS degree, sum(w)::bigint AS weighted"
	    "                    FROM (SELECT s AS x, w FROM edges UNION ALL SELECT t, w FROM "
	    "edges) ends"
	    "                   GROUP BY x) d JOIN actors a ON a.id = d.id),"
	    "  'edges', (SELECT coalesce(json_agg(json_build_object('source', s, 'target', t,"
	    "            'weight', w) ORDER BY w DESC, s, t), '[]') FROM edges))",
	    7, p, json);
}

db_status db_summary(db_conn *c, db_period period, char **json)
{
	const char *p[] = {period.from, period.to, period.undated, period.relevance};
	/* Every total covers the same period: articles by publication day,
	 * actors that took part or spoke in it; sources are configuration. */
	return db_one_text(
	    c, "summary",
	    PERIOD_CTE_R4
	    ", ar AS (SELECT a.id FROM articles a, period"
	    "   WHERE ($4::text IS NULL OR a.off_topic = ($4::text = 'off_topic')) AND CASE WHEN "
	    "a.published_at IS NULL THEN period.undated"
	    "   ELSE NOT period.only AND a.published_at >= coalesce(period.lo, '-infinity')"
	    "   AND a.published_at < coalesce(period.hi + 1, 'infinity') END)"
	    " SELECT json_build_object("
	    "  'from', (SELECT lo FROM period), 'to', (SELECT hi FROM period),"
	    "  'undated_included', (SELECT undated FROM period),"
	    "  'totals', json_build_object("
	    "    'articles', (SELECT count(*) FROM ar),"
	    "    'events', (SELECT count(*) FROM ev),"
	    "    'actors', (SELECT count(*) FROM (SELECT p.actor_id FROM event_participants p"
	    "                 WHERE p.event_id IN (SELECT id FROM ev)"
	    "                 UNION SELECT speaker_id FROM st WHERE speaker_id IS NOT NULL) x),"
	    "    'statements', (SELECT count(*) FROM st),"
	    "    'sources', (SELECT count(*) FROM sources)),"
	    "  'undated', json_build_object("
	    "    'articles', (SELECT count(*) FROM articles a WHERE published_at IS NULL"
	    "                 AND ($4::text IS NULL OR a.off_topic = ($4::text = 'off_topic'))),"
	    "    'events', (SELECT count(*) FROM events e WHERE date IS NULL AND" REL_EVENT_R4 "),"
	    "    'statements', (SELECT count(*) FROM statements s WHERE date IS NULL "
	    "AND" REL_STATEMENT_R4 ")),"
	    "  'last_ingestion', (SELECT max(fetched_at) FROM articles WHERE status = 'extracted'),"
	    "  'top_actors', (SELECT coalesce(json_agg(x ORDER BY x.count DESC, x.id), '[]') FROM ("
	    "     SELECT a.id, a.name, a.kind, count(*) AS count FROM event_participants p"
	    "       JOIN actors a ON a.id = p.actor_id WHERE p.event_id IN (SELECT id FROM ev)"
	    "      GROUP BY a.id ORDER BY 4 DESC, a.id LIMIT 10) x),"
	    "  'top_event_types', (SELECT coalesce(json_agg(y ORDER BY y.count DESC, y.type), "
	    "'[]') FROM ("
	    "     SELECT e.type, count(*) AS count FROM events e WHERE e.id IN (SELECT id FROM ev)"
	    "      GROUP BY 1 ORDER BY 2 DESC LIMIT 10) y))",
	    4, p, json);
}

db_status db_relations(db_conn *c, db_period period, const char *a, const char *b,
                       const char *bucket, char **json)
{
	const char *p[] = {period.from, period.to, period.undated, a, b, bucket, period.relevance};
	return db_one_text(
	    c, "relations",
	    PERIOD_CTE_R7
	    ", side_a AS (SELECT unnest(parley_actor_ids($4)) AS id),"
	    " side_b AS (SELECT unnest(parley_actor_ids($5)) AS id"
	    "   UNION SELECT ac.id FROM actors ac WHERE $5 ~ '^[A-Za-z]{3}$'"
	    "     AND ac.country = upper($5) AND ac.merged_into IS NULL),"
	    " dyad AS (SELECT e.id, e.date, cs.quad_class, cs.goldstein FROM events e"
	    "   LEFT JOIN LATERAL parley_cameo_scale(e.cameo_code) cs ON true"
	    "  WHERE e.id IN (SELECT id FROM ev)"
	    "    AND e.id IN (SELECT pa.event_id FROM event_participants pa"
	    "                  WHERE pa.actor_id IN (SELECT id FROM side_a))"
	    "    AND e.id IN (SELECT pb.event_id FROM event_participants pb"
	    "                  WHERE pb.actor_id IN (SELECT id FROM side_b)"
	    "                    AND pb.actor_id NOT IN (SELECT id FROM side_a))),"
	    " per AS (SELECT date_trunc($6::text, date)::date AS b, count(*) AS n,"
	    "   round(avg(goldstein), 2) AS mean,"
	    "   count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = "
	    "2) AS q2,"
	    "   count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = "
	    "4) AS q4"
	    "   FROM dyad WHERE date IS NOT NULL GROUP BY 1)"
	    " SELECT json_build_object("
	    "  'from', (SELECT lo FROM period), 'to', (SELECT hi FROM period), 'bucket', $6::text,"
	    "  'a', (SELECT coalesce(json_agg(json_build_object('id', ac.id, 'name', ac.name)"
	    "        ORDER BY ac.id), '[]') FROM actors ac WHERE ac.id IN (SELECT id FROM side_a)),"
	    "  'b', (SELECT coalesce(json_agg(json_build_object('id', ac.id, 'name', ac.name)"
	    "        ORDER BY ac.id), '[]') FROM actors ac WHERE ac.id IN (SELECT id FROM side_b)),"
	    "  'events', (SELECT count(*) FROM dyad),"
	    "  'goldstein_mean', (SELECT round(avg(goldstein), 2) FROM dyad),"
	    "  'undated', (SELECT count(*) FROM dyad WHERE date IS NULL),"
	    "  'data', (SELECT coalesce(json_agg(json_build_object('bucket', to_char(b, "
	    "'YYYY-MM-DD'),"
	    "     'events', n, 'goldstein_mean', mean, 'quad_class', json_build_object("
	    "     'verbal_cooperation', q1, 'material_cooperation', q2, 'verbal_conflict', q3,"
	    "     'material_conflict', q4)) ORDER BY b), '[]') FROM per))",
	    7, p, json);
}

db_status db_metrics_gauges(db_conn *c, buf *out)
{
	db_status st;
	PGresult *r = db_exec(
	    c, "metrics_gauges",
	    "SELECT concat("
	    " '# TYPE parley_queue_depth gauge', E'\\n',"
	    " 'parley_queue_depth{kind=\"articles\"} ',"
	    "   (SELECT count(*) FROM articles WHERE status IN ('pending', 'fetching')), E'\\n',"
	    " 'parley_queue_depth{kind=\"sources_due\"} ',"
	    "   (SELECT count(*) FROM sources WHERE enabled AND next_fetch_at <= now()), E'\\n',"
	    " '# TYPE parley_source_failures gauge', E'\\n',"
	    " (SELECT string_agg(format('parley_source_failures{source_id=\"%s\"} %s', id, "
	    "failures),"
	    "   E'\\n' ORDER BY id) || E'\\n' FROM sources),"
	    " '# TYPE parley_source_last_status gauge', E'\\n',"
	    " (SELECT string_agg(format('parley_source_last_status{source_id=\"%s\"} %s', id,"
	    "   coalesce(last_status, 0)), E'\\n' ORDER BY id) || E'\\n' FROM sources),"
	    " '# TYPE parley_articles gauge', E'\\n',"
	    " (SELECT string_agg(format('parley_articles{status=\"%s\"} %s', status, n), E'\\n')"
	    "   || E'\\n' FROM (SELECT status, count(*) n FROM articles GROUP BY 1) x),"
	    " '# TYPE parley_extracted gauge', E'\\n',"
	    " 'parley_extracted{kind=\"statements\"} ', (SELECT count(*) FROM statements), E'\\n',"
	    " 'parley_extracted{kind=\"events\"} ', (SELECT count(*) FROM events), E'\\n',"
	    " 'parley_extracted{kind=\"event_mentions\"} ', (SELECT count(*) FROM event_mentions), "
	    "E'\\n',"
	    " 'parley_extracted{kind=\"actors\"} ', (SELECT count(*) FROM actors), E'\\n')",
	    0, NULL, &st);
	if (!r)
		return st;
	buf_append(out, PQgetvalue(r, 0, 0), (size_t)PQgetlength(r, 0, 0));
	PQclear(r);
	return DB_OK;
}
