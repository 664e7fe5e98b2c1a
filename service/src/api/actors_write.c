/*
 * actors_write — the actor dictionary as a product feature:
 *   POST  /v1/actors               create a curated actor
 *   PATCH /v1/actors/{id}          edit name, title, country, CAMEO code, aliases
 *   POST  /v1/actors/{id}/merge    fold this duplicate into {"into": id}
 * Every change rebuilds the extraction dictionary, so the next article
 * already knows the actor by all its names.
 */
#include "api/api.h"

#include "core/vocab.h"
#include "db/actors.h"
#include "ingest/dictionary.h"

#include <stdlib.h>
#include <string.h>

static int text_field(json_t *doc, const char *name, size_t max, const char **out,
                      http_response *res)
{
	json_t *v = json_object_get(doc, name);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > max ||
	    memchr(json_string_value(v), '\0', json_string_length(v))) {
		api_invalid_field(res, name, "must be a non-empty string of reasonable length");
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

/* aliases → a PostgreSQL text[] literal in lit. */
static int alias_field(json_t *doc, const char *name, buf *lit, int *present, http_response *res)
{
	json_t *v = json_object_get(doc, name);
	*present = v != NULL;
	if (!v)
		return 0;
	if (!json_is_array(v) || json_array_size(v) > 100) {
		api_invalid_field(res, name, "must be an array of at most 100 strings");
		return -1;
	}
	buf_putc(lit, '{');
	size_t i;
	json_t *e;
	json_array_foreach(v, i, e)
	{
		if (!json_is_string(e) || json_string_length(e) == 0 ||
		    json_string_length(e) > 200 ||
		    memchr(json_string_value(e), '\0', json_string_length(e))) {
			api_invalid_field(res, name, "must hold non-empty strings");
			return -1;
		}
		if (i)
			buf_putc(lit, ',');
		buf_putc(lit, '"');
		for (const char *s = json_string_value(e); *s; s++) {
			if (*s == '"' || *s == '\\')
				buf_putc(lit, '\\');
			buf_putc(lit, *s);
		}
		buf_putc(lit, '"');
	}
	buf_putc(lit, '}');
	return 0;
}

static int read_fields(json_t *doc, db_actor_fields *f, buf *aliases, http_response *res)
{
	static const char *const allowed[] = {"name",       "kind",    "title", "country",
	                                      "cameo_code", "aliases", NULL};
	memset(f, 0, sizeof *f);
	int has_aliases;
	if (api_only_fields(doc, allowed, res) || text_field(doc, "name", 200, &f->name, res) ||
	    text_field(doc, "kind", 20, &f->kind, res) ||
	    text_field(doc, "title", 200, &f->title, res) ||
	    text_field(doc, "country", 3, &f->country, res) ||
	    text_field(doc, "cameo_code", 20, &f->cameo_code, res) ||
	    alias_field(doc, "aliases", aliases, &has_aliases, res))
		return -1;
	if (f->kind) {
		if (vocab_index(vocab_actor_kinds, f->kind) < 0) {
			buf why;
			buf_init(&why);
			vocab_must_be(&why, vocab_actor_kinds);
			api_invalid_field(res, "kind", why.data);
			buf_free(&why);
			return -1;
		}
	}
	if (f->country && strlen(f->country) != 3) {
		api_invalid_field(res, "country", "must be an ISO 3166 alpha-3 code");
		return -1;
	}
	f->aliases = has_aliases ? aliases->data : NULL;
	f->replace_aliases = has_aliases;
	return 0;
}

/* Swaps in a dictionary rebuilt from the files and the curated actors. */
static void reload_dictionary(app *a, db_conn *c)
{
	char *err = NULL;
	px_dict *d = dictionary_build(a->cfg->dict_dir, c, &err);
	free(err);
	if (!d)
		return;
	pthread_rwlock_wrlock(&a->dict_lock);
	px_dict *old = a->dict;
	a->dict = d;
	pthread_rwlock_unlock(&a->dict_lock);
	px_dict_free(old);
}

static void answer_actor(app *a, db_conn *c, const char *id, int status, http_response *res)
{
	char *json;
	db_status st = db_item_json(c, DB_ITEM_ACTOR, id, &json);
	if (st != DB_OK) {
		api_db_error(res, st, "no actor with this id");
		return;
	}
	api_json(res, status, json, strlen(json));
	free(json);
	char location[64];
	snprintf(location, sizeof location, "/v1/actors/%s", id);
	http_set_header(res, "Location", location);
}

/* Shared prologue of the writes: auth, no query, a JSON object body. */
/* POST (id NULL: create) and PATCH (edit actor id) share everything but
 * the required fields and the statement run. */
static void write_actor(app *a, const http_request *req, http_response *res, const char *id)
{
	if (id && !api_valid_id(id)) {
		api_error(res, 404, "not_found", "no actor with this id", NULL);
		return;
	}
	json_t *doc = api_write_body(a, req, res);
	if (!doc)
		return;
	db_actor_fields f;
	buf aliases;
	buf_init(&aliases);
	if (read_fields(doc, &f, &aliases, res)) {
		/* answered */
	} else if (!id && (!f.name || !f.kind)) {
		api_invalid_field(res, f.name ? "kind" : "name", "is required");
	} else if (id && f.kind) {
		api_invalid_field(res, "kind",
		                  "cannot be changed; create the actor anew and merge");
	} else {
		db_conn *c = api_db(a, res);
		if (c) {
			char created[24];
			db_status st =
			    id ? db_actor_update(c, id, &f) : db_actor_create(c, &f, created);
			if (st == DB_OK) {
				reload_dictionary(a, c);
				answer_actor(a, c, id ? id : created, id ? 200 : 201, res);
			} else if (st == DB_CONFLICT) {
				api_error(res, 409, "conflict",
				          "an actor of this kind and name exists; PATCH it", NULL);
			} else {
				api_db_error(res, st, "no actor with this id");
			}
			db_release(a->pool, c);
		}
	}
	buf_free(&aliases);
	json_decref(doc);
}

void h_actors_post(void *ctx, const http_request *req, http_response *res)
{
	write_actor(ctx, req, res, NULL);
}

void h_actors_patch(void *ctx, const http_request *req, http_response *res)
{
	write_actor(ctx, req, res, req->path_params[0]);
}

void h_actors_merge(void *ctx, const http_request *req, http_response *res)
{
	app *a = ctx;
	const char *id = req->path_params[0];
	if (!api_valid_id(id)) {
		api_error(res, 404, "not_found", "no actor with this id", NULL);
		return;
	}
	json_t *doc = api_write_body(a, req, res);
	if (!doc)
		return;
	static const char *const allowed[] = {"into", NULL};
	json_t *into = json_object_get(doc, "into");
	char target[24];
	if (api_only_fields(doc, allowed, res)) {
		json_decref(doc);
		return;
	}
	if (!json_is_integer(into) || json_integer_value(into) < 1) {
		api_invalid_field(res, "into", "must be the id of the actor to keep");
		json_decref(doc);
		return;
	}
	snprintf(target, sizeof target, "%lld", (long long)json_integer_value(into));
	json_decref(doc);
	if (!strcmp(target, id)) {
		api_invalid_field(res, "into", "must differ from the actor being merged");
		return;
	}
	db_conn *c = api_db(a, res);
	if (!c)
		return;
	db_status st = db_actor_merge(c, id, target);
	if (st != DB_OK) {
		api_db_error(res, st, "both actors must exist and not be merged already");
	} else {
		reload_dictionary(a, c);
		answer_actor(a, c, target, 200, res);
	}
	db_release(a->pool, c);
}
