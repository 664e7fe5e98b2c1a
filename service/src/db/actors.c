/*
 * actors — see actors.h.
 */
#include "db/actors.h"

#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static db_status returning_id(db_conn *c, const char *name, const char *sql, int n,
                              const char *const *p, char id[24])
{
	db_status st;
	PGresult *r = db_exec(c, name, sql, n, p, &st);
	if (!r)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return DB_NOT_FOUND;
	}
	if (id)
		snprintf(id, 24, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return DB_OK;
}

#define ADD_ALIASES                                                                                \
	"INSERT INTO actor_aliases (actor_id, alias, norm_alias)"                                  \
	" SELECT a.id, al, parley_fold(al) FROM a, unnest(coalesce($6::text[], '{}')) al"          \
	" WHERE parley_fold(al) <> '' ON CONFLICT DO NOTHING"

db_status db_actor_create(db_conn *c, const db_actor_fields *f, char id[24])
{
	const char *p[] = {f->name, f->kind, f->title, f->country, f->cameo_code, f->aliases};
	return returning_id(
	    c, "actor_create",
	    "WITH a AS (INSERT INTO actors (name, norm_name, kind, title, country,"
	    " cameo_code, curated) VALUES ($1, parley_fold($1), $2, $3, upper($4), $5,"
	    " true) RETURNING id), x AS (" ADD_ALIASES ") SELECT id FROM a",
	    6, p, id);
}

db_status db_actor_upsert(db_conn *c, const db_actor_fields *f, char id[24])
{
	const char *p[] = {f->name, f->kind, f->title, f->country, f->cameo_code, f->aliases};
	return returning_id(
	    c, "actor_upsert",
	    "WITH a AS (INSERT INTO actors (name, norm_name, kind, title, country, cameo_code,"
	    " curated) VALUES ($1, parley_fold($1), $2, $3, upper($4), $5, true)"
	    " ON CONFLICT (kind, norm_name) DO UPDATE SET curated = true,"
	    " title = coalesce(excluded.title, actors.title),"
	    " country = coalesce(excluded.country, actors.country),"
	    " cameo_code = coalesce(excluded.cameo_code, actors.cameo_code) RETURNING id),"
	    " x AS (" ADD_ALIASES ") SELECT id FROM a",
	    6, p, id);
}

db_status db_actor_update(db_conn *c, const char *id, const db_actor_fields *f)
{
	const char *p[] = {id,
	                   f->name,
	                   f->title,
	                   f->country,
	                   f->cameo_code,
	                   f->aliases,
	                   f->replace_aliases ? "t" : "f"};
	return returning_id(
	    c, "actor_update",
	    /* FOR UPDATE first: a new name must wait for the documents that
	     * read the old one under FOR KEY SHARE (read_models.sql) */
	    "WITH l AS (SELECT id FROM actors WHERE id = $1::bigint FOR UPDATE),"
	    " a AS (UPDATE actors SET curated = true,"
	    "  name = coalesce($2, name),"
	    "  norm_name = CASE WHEN $2 IS NULL THEN norm_name ELSE parley_fold($2) END,"
	    "  title = coalesce($3, title), country = coalesce(upper($4), country),"
	    "  cameo_code = coalesce($5, cameo_code)"
	    "  WHERE id = (SELECT id FROM l) AND merged_into IS NULL RETURNING id),"
	    " d AS (DELETE FROM actor_aliases al USING a WHERE $7::boolean AND al.actor_id = a.id"
	    "  AND NOT al.norm_alias = ANY(ARRAY(SELECT parley_fold(x) FROM unnest($6::text[]) "
	    "x))),"
	    " x AS (INSERT INTO actor_aliases (actor_id, alias, norm_alias)"
	    "  SELECT a.id, al, parley_fold(al) FROM a, unnest(coalesce($6::text[], '{}')) al"
	    "  WHERE parley_fold(al) <> '' ON CONFLICT DO NOTHING)"
	    " SELECT id FROM a",
	    7, p, NULL);
}

db_status db_actor_merge(db_conn *c, const char *from, const char *into)
{
	const char *p[] = {from, into};
	db_status st;
	PGresult *r = db_exec(c, "actor_merge", "SELECT parley_merge_actor($1::bigint, $2::bigint)",
	                      2, p, &st);
	PQclear(r);
	return st;
}

db_status db_curated_actors(db_conn *c, db_actor_fn fn, void *ud)
{
	db_status st;
	PGresult *r = db_exec(c, "curated_actors",
	                      "SELECT a.name, a.kind, a.title, a.country, a.cameo_code,"
	                      " coalesce(array_agg(al.alias) FILTER (WHERE al.alias IS NOT NULL"
	                      " AND al.norm_alias <> a.norm_name), '{}')::text"
	                      " FROM actors a LEFT JOIN actor_aliases al ON al.actor_id = a.id"
	                      " WHERE a.curated AND a.merged_into IS NULL GROUP BY a.id",
	                      0, NULL, &st);
	if (!r)
		return st;
	for (int i = 0; i < PQntuples(r); i++) {
		/* A text[] literal: {a,"b c"} — parse the simple quoting PostgreSQL emits. */
		const char *lit = PQgetvalue(r, i, 5);
		char *copy = xstrdup(lit);
		const char *aliases[64];
		size_t n = 0;
		char *w = copy, *s = copy + 1;
		while (*s && *s != '}' && n < 64) {
			char *start = w;
			if (*s == '"') {
				for (s++; *s && *s != '"'; s++) {
					if (*s == '\\' && s[1])
						s++;
					*w++ = *s;
				}
				s++;
			} else {
				while (*s && *s != ',' && *s != '}')
					*w++ = *s++;
			}
			*w++ = '\0';
			aliases[n++] = start;
			if (*s == ',')
				s++;
		}
		const char *v[5];
		for (int k = 0; k < 5; k++)
			v[k] = PQgetisnull(r, i, k) ? NULL : PQgetvalue(r, i, k);
		fn(ud, v[0], v[1], v[2], v[3], v[4], aliases, n);
		free(copy);
	}
	PQclear(r);
	return DB_OK;
}
