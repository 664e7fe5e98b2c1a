/*
 * actors — the curated side of the actor table: create, edit, merge, and
 * the list the extraction dictionary is built from.
 */
#ifndef PARLEY_DB_ACTORS_H
#define PARLEY_DB_ACTORS_H

#include "db/pool.h"

typedef struct db_actor_fields {
	const char *name;
	const char *kind;
	const char *title;
	const char *country;
	const char *cameo_code;
	const char *aliases; /* a PostgreSQL text[] literal, or NULL */
	int replace_aliases; /* PATCH: the aliases given are the whole set */
} db_actor_fields;

/* *id gets the new actor's id; DB_CONFLICT when that name exists. */
db_status db_actor_create(db_conn *c, const db_actor_fields *f, char id[24]);
/* Creates or updates by (kind, name): the import path. */
db_status db_actor_upsert(db_conn *c, const db_actor_fields *f, char id[24]);
db_status db_actor_update(db_conn *c, const char *id, const db_actor_fields *f);
db_status db_actor_merge(db_conn *c, const char *from, const char *into);

typedef void (*db_actor_fn)(void *ud, const char *name, const char *kind, const char *title,
                            const char *country, const char *cameo, const char *const *aliases,
                            size_t n_aliases);
/* Calls fn for every curated actor (the dictionary's database part). */
db_status db_curated_actors(db_conn *c, db_actor_fn fn, void *ud);

#endif
