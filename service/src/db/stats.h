/*
 * stats — aggregates for dashboards: a timeline of counts per bucket, the
 * actor network of a period, and a summary.  Each is one SQL round trip
 * whose answer is the JSON document itself.
 */
#ifndef PARLEY_DB_STATS_H
#define PARLEY_DB_STATS_H

#include "db/collection.h"

/* series: the events or statements collection, filtered like a list;
 * bucket: "day", "week" or "month". */
db_status db_timeline(db_conn *c, const db_collection *series, const char *const *values,
                      const char *bucket, int split_by_type, char **json);

/* Events per place (country, and place name) under the events filters,
 * most reported first; undated events join as the filters let them. */
db_status db_places(db_conn *c, const char *const *values, char **json);

typedef struct db_period {
	const char *from, *to; /* YYYY-MM-DD or NULL: all time */
	const char *undated; /* "include" (undated records join a bounded period), "only" or NULL */
	/* "relevant": only what relevant articles report, "off_topic": only
	 * what off-topic ones alone report, NULL: both */
	const char *relevance;
} db_period;

db_status db_network(db_conn *c, db_period period, const char *actor, const char *min_weight,
                     const char *limit, char **json);
db_status db_summary(db_conn *c, db_period period, char **json);
/* The events two sides took part in (a: an actor; b: an actor or an ISO
 * alpha-3 country, meaning its actors), per bucket: counts by QuadClass
 * and the Goldstein mean, the cooperation-conflict curve of a dyad. */
db_status db_relations(db_conn *c, db_period period, const char *a, const char *b,
                       const char *bucket, char **json);
/* Appends the database-derived gauges in Prometheus text format. */
db_status db_metrics_gauges(db_conn *c, buf *out);

#endif
