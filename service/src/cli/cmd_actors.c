/*
 * actors — `parley actors import FILE` reads a PETRARCH/Phoenix actor
 * dictionary into the curated actors (created or updated by name, aliases
 * added); `parley reextract` then applies them to stored articles.
 */
#include "cli/commands.h"
#include "cli/runtime.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/log.h"
#include "db/actors.h"
#include "extract/extract.h"
#include "extract/petrarch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char usage_actors[] =
    "usage: parley actors import FILE [--kind person|organization|country|group] [FLAGS]\n\n"
    "Reads an actor dictionary in the PETRARCH/Phoenix format (NAME_ [CODE],\n"
    "+ALIAS_ lines, dated [CODE from-to] lines, # comments) into the curated\n"
    "actors: each is created or updated by name, its aliases added, its current\n"
    "CAMEO code and country kept.  Run `parley reextract` afterwards to apply\n"
    "the new names to articles already stored.\n";

typedef struct import_state {
	db_conn *c;
	const char *kind;
	int stored, failed;
} import_state;

static void store_one(void *ud, const petrarch_actor *a)
{
	import_state *st = ud;
	buf lit;
	buf_init(&lit);
	buf_putc(&lit, '{');
	for (size_t i = 0; i < a->n_aliases; i++) {
		buf_puts(&lit, i ? ",\"" : "\"");
		for (const char *s = a->aliases[i]; *s; s++) {
			if (*s == '"' || *s == '\\')
				buf_putc(&lit, '\\');
			buf_putc(&lit, *s);
		}
		buf_putc(&lit, '"');
	}
	buf_putc(&lit, '}');
	db_actor_fields f = {.name = a->name,
	                     .kind = st->kind ? st->kind : a->kind,
	                     .country = a->country,
	                     .cameo_code = a->cameo,
	                     .aliases = lit.data};
	char id[24];
	if (db_actor_upsert(st->c, &f, id) == DB_OK)
		st->stored++;
	else
		st->failed++;
	buf_free(&lit);
}

int cmd_actors(int argc, char **argv)
{
	runtime rt;
	char **rest;
	int n_rest;
	int rc = runtime_configure(&rt, argc, argv, usage_actors, &rest, &n_rest);
	if (rc)
		return rc;
	const char *kind = NULL, *file = NULL;
	for (int i = 0; i < n_rest; i++) {
		if (!strcmp(rest[i], "--kind") && i + 1 < n_rest)
			kind = rest[++i];
		else if (!strncmp(rest[i], "--kind=", 7))
			kind = rest[i] + 7;
		else if (i == 1 && !strcmp(rest[0], "import"))
			file = rest[i];
		else if (i > 0 || strcmp(rest[i], "import"))
			file = NULL, i = n_rest;
	}
	if (n_rest < 2 || strcmp(rest[0], "import") || !file) {
		fputs(usage_actors, stderr);
		free(rest);
		runtime_close(&rt);
		return 2;
	}
	size_t len;
	char *data = file_read(file, FILE_NO_LIMIT, &len, NULL);
	if (!data) {
		fprintf(stderr, "parley actors: cannot read %s\n", file);
		free(rest);
		runtime_close(&rt);
		return 1;
	}
	rc = 1;
	if (runtime_open_db(&rt, !rt.cfg.skip_migrate) == 0) {
		db_pool *pool = db_pool_new(rt.conninfo, 1);
		db_conn *c = db_acquire(pool, 5000);
		if (c && db_begin(c) == DB_OK) {
			import_state st = {c, kind, 0, 0};
			char today[8], *err = NULL;
			time_t now = time(NULL);
			strftime(today, sizeof today, "%y%m%d", gmtime(&now));
			px_dict *words = px_dict_load_dir(rt.cfg.dict_dir, &err);
			int n = words
			            ? petrarch_parse(words, data, len, today, store_one, &st, &err)
			            : -1;
			px_dict_free(words);
			if (n < 0 || st.failed) {
				fprintf(stderr, "parley actors: %s: %s\n", file,
				        err ? err : "some actors were refused by the database");
				db_rollback(c);
			} else if (db_commit(c) == DB_OK) {
				printf("imported %d actors from %s\n", st.stored, file);
				rc = 0;
			}
			free(err);
		}
		if (c)
			db_release(pool, c);
		db_pool_free(pool);
	}
	free(data);
	free(rest);
	runtime_close(&rt);
	return rc;
}
