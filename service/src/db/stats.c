/*
 * stats — see stats.h.  The timeline reuses the collections' filter SQL
 * (db_where), so a chart and the list beside it always agree.  Network and
 * summary default to the 90 days up to the newest dated event when no
 * period is given, so they never scan all history by accident.
 */
#include "db/stats.h"

#include <stdio.h>
#include <string.h>

db_status db_timeline(db_conn *c, const db_collection *series, const char *const *values,
                      const char *bucket, int split_by_type, char **json)
{
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
	buf_printf(
	    &sql,
	    "SELECT json_build_object('series', '%s', 'bucket', $1::text, 'data',"
	    " coalesce(json_agg(json_build_object('bucket', to_char(b, 'YYYY-MM-DD'),"
	    " 'count', total%s) ORDER BY b), '[]'))"
	    " FROM (SELECT b, sum(k)::bigint AS total, json_object_agg(t, k) AS by_type"
	    " FROM (SELECT date_trunc($1::text, %s.date)::date AS b, %s AS t, count(*) AS k"
	    " FROM %s %s%s AND %s.date IS NOT NULL GROUP BY 1, 2) per_type GROUP BY b) per_bucket",
	    series->name, split_by_type ? ", 'by_type', by_type" : "", alias, type,
	    is_events ? "events" : "statements", alias, where.data, alias);
	buf_printf(&name, "timeline_%s_%x_%d", series->name, mask, split_by_type);
	db_status st = db_one_text(c, name.data, sql.data, n, params, json);
	buf_free(&where);
	buf_free(&sql);
	buf_free(&name);
	return st;
}

/* $1 from, $2 to: an explicit period, else 90 days up to the newest event. */
#define PERIOD_CTE                                                                                 \
	"WITH bounds AS (SELECT coalesce($2::date, (SELECT max(sort_date) FROM events"             \
	" WHERE status = 'occurred' AND date IS NOT NULL), current_date) AS hi),"                  \
	" period AS (SELECT coalesce($1::date, hi - 90) AS lo, hi FROM bounds),"                   \
	" ev AS (SELECT e.id FROM events e, period"                                                \
	" WHERE e.sort_date BETWEEN period.lo AND period.hi AND e.date IS NOT NULL)"

db_status db_network(db_conn *c, db_period period, const char *actor, const char *min_weight,
                     const char *limit, char **json)
{
	const char *p[] = {period.from, period.to, actor, min_weight, limit};
	return db_one_text(
	    c, "network",
	    PERIOD_CTE
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
	    "  HAVING sum(w) >= $4::int AND ($3::text IS NULL"
	    "     OR s = ANY(parley_actor_ids($3)) OR t = ANY(parley_actor_ids($3)))"
	    "  ORDER BY 3 DESC, 1, 2 LIMIT $5::int)"
	    " SELECT json_build_object("
	    "  'from', (SELECT lo FROM period), 'to', (SELECT hi FROM period),"
	    "  'nodes', (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name,"
	    "            'kind', a.kind, 'count', a.event_count + a.statement_count) ORDER BY "
	    "a.id), '[]')"
	    "            FROM actors a WHERE a.id IN (SELECT s FROM edges UNION SELECT t FROM "
	    "edges)),"
	    "  'edges', (SELECT coalesce(json_agg(json_build_object('source', s, 'target', t,"
	    "            'weight', w) ORDER BY w DESC, s, t), '[]') FROM edges))",
	    5, p, json);
}

db_status db_summary(db_conn *c, db_period period, char **json)
{
	const char *p[] = {period.from, period.to};
	return db_one_text(
	    c, "summary",
	    PERIOD_CTE
	    " SELECT json_build_object("
	    "  'from', (SELECT lo FROM period), 'to', (SELECT hi FROM period),"
	    "  'totals', json_build_object("
	    "    'articles', (SELECT count(*) FROM articles),"
	    "    'events', (SELECT count(*) FROM ev),"
	    "    'actors', (SELECT count(*) FROM actors WHERE merged_into IS NULL),"
	    "    'statements', (SELECT count(*) FROM statements st, period"
	    "                    WHERE st.sort_date BETWEEN period.lo AND period.hi),"
	    "    'sources', (SELECT count(*) FROM sources)),"
	    "  'last_ingestion', (SELECT max(fetched_at) FROM articles WHERE status = 'extracted'),"
	    "  'top_actors', (SELECT coalesce(json_agg(x ORDER BY x.count DESC, x.id), '[]') FROM ("
	    "     SELECT a.id, a.name, a.kind, count(*) AS count FROM event_participants p"
	    "       JOIN actors a ON a.id = p.actor_id WHERE p.event_id IN (SELECT id FROM ev)"
	    "      GROUP BY a.id ORDER BY 4 DESC, a.id LIMIT 10) x),"
	    "  'top_event_types', (SELECT coalesce(json_agg(y ORDER BY y.count DESC, y.type), "
	    "'[]') FROM ("
	    "     SELECT e.type, count(*) AS count FROM events e WHERE e.id IN (SELECT id FROM ev)"
	    "      GROUP BY 1 ORDER BY 2 DESC LIMIT 10) y))",
	    2, p, json);
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
