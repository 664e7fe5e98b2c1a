/*
 * migrate — see migrate.h.  Checksums are computed by the database itself
 * (sha256 of the file text), which keeps a hashing library out of the binary;
 * `sha256sum FILE` gives the same hex for the historical list.
 */
#include "db/migrate.h"

#include "core/buf.h"
#include "core/file.h"
#include "core/log.h"

#include <ctype.h>
#include <dirent.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Any 64-bit constant distinct from the application's other locks. */
#define MIGRATE_LOCK "7255461020421191"

static int fail(char **err, const char *fmt, const char *a, const char *b)
{
	buf e;
	buf_init(&e);
	buf_printf(&e, fmt, a, b);
	while (e.len && (e.data[e.len - 1] == '\n' || e.data[e.len - 1] == ' '))
		e.data[--e.len] = '\0';
	*err = buf_detach(&e);
	return -1;
}

static int is_migration_name(const char *n)
{
	size_t len = strlen(n);
	if (len < 10 || strcmp(n + len - 4, ".sql"))
		return 0;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)n[i]))
			return 0;
	return n[4] == '_';
}

static int is_sql_name(const char *n)
{
	size_t len = strlen(n);
	return len > 4 && n[0] != '.' && !strcmp(n + len - 4, ".sql");
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run(PGconn *pg, const char *sql, int n, const char *const *params, PGresult **out,
               char **err)
{
	PGresult *r = n ? PQexecParams(pg, sql, n, NULL, params, NULL, NULL, 0) : PQexec(pg, sql);
	ExecStatusType s = PQresultStatus(r);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		fail(err, "migration failed: %s%s", PQresultErrorMessage(r), "");
		PQclear(r);
		return -1;
	}
	if (out)
		*out = r;
	else
		PQclear(r);
	return 0;
}

/* The text of dir/name, or NULL with *err. */
static char *read_in(const char *dir, const char *name, char **err)
{
	buf path;
	buf_init(&path);
	buf_printf(&path, "%s/%s", dir, name);
	char *sql = file_read(path.data, FILE_NO_LIMIT, NULL, NULL);
	if (!sql)
		fail(err, "cannot read %s%s", path.data, "");
	buf_free(&path);
	return sql;
}

/* Is "name sum" a line of DIR/historical-checksums.txt (a committed text
 * of a numbered migration edited before they were append-only)? */
static int historical(const char *dir, const char *name, const char *sum)
{
	buf path;
	buf_init(&path);
	buf_printf(&path, "%s/historical-checksums.txt", dir);
	char *text = file_read(path.data, 1u << 20, NULL, NULL);
	buf_free(&path);
	if (!text)
		return 0;
	int found = 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line && !found;
	     line = strtok_r(NULL, "\n", &save)) {
		char n[256], h[80];
		if (line[0] != '#' && sscanf(line, "%255s %79s", n, h) == 2)
			found = !strcmp(n, name) && !strcmp(h, sum);
	}
	free(text);
	return found;
}

/* One migration's transaction: prelude (may be NULL), the file's sql, the
 * statement recording it (params rec), commit; rolled back on any error,
 * which names label.  Returns 0 or -1 with *err. */
static int apply_tx(PGconn *pg, const char *prelude, const char *sql, const char *label,
                    const char *record, int n, const char *const *rec, char **err)
{
	int rc = run(pg, "BEGIN", 0, NULL, NULL, err);
	if (!rc && prelude)
		rc = run(pg, prelude, 0, NULL, NULL, err);
	if (!rc && (rc = run(pg, sql, 0, NULL, NULL, err))) {
		char *inner = *err;
		fail(err, "%s: %s", label, inner);
		free(inner);
	}
	if (!rc)
		rc = run(pg, record, n, rec, NULL, err);
	if (!rc)
		rc = run(pg, "COMMIT", 0, NULL, NULL, err);
	else
		PQclear(PQexec(pg, "ROLLBACK"));
	return rc;
}

static int apply_one(PGconn *pg, const char *dir, const char *name, char **err)
{
	char *sql = read_in(dir, name, err);
	if (!sql)
		return -1;
	char version[5] = {0};
	memcpy(version, name, 4);
	const char *p[] = {version, sql, name};
	PGresult *r = NULL;
	int rc = run(pg,
	             "SELECT encode(sha256(convert_to($2, 'UTF8')), 'hex'), "
	             "(SELECT checksum FROM schema_migrations WHERE version = $1::int)",
	             2, p, &r, err);
	if (rc) {
		free(sql);
		return -1;
	}
	char *sum = xstrdup(PQgetvalue(r, 0, 0));
	int recorded = !PQgetisnull(r, 0, 1);
	int same = recorded && !strcmp(sum, PQgetvalue(r, 0, 1));
	/* Both texts known: the database has an earlier text of a file that
	 * is now at a later known text, not an edit nobody recorded. */
	if (recorded && !same && historical(dir, name, PQgetvalue(r, 0, 1)) &&
	    historical(dir, name, sum)) {
		log_info("migration recorded at an earlier text of its file", "name", name, NULL);
		same = 1;
	}
	PQclear(r);
	if (recorded) {
		free(sql);
		free(sum);
		if (!same)
			return fail(err,
			            "migration %s was changed after it was applied; "
			            "add a new migration instead of editing %s",
			            name, name);
		return 0;
	}
	const char *ins[] = {version, sum, name};
	rc = apply_tx(pg, NULL, sql, name,
	              "INSERT INTO schema_migrations (version, checksum, name) "
	              "VALUES ($1::int, $2, $3)",
	              3, ins, err);
	if (!rc)
		log_info("migration applied", "name", name, NULL);
	free(sql);
	free(sum);
	return rc ? -1 : 1;
}

/* The names in dir that keep() accepts, sorted; -1 when dir cannot be read. */
static int list_sql(const char *dir, int (*keep)(const char *), char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	for (struct dirent *e; (e = readdir(d));) {
		if (!keep(e->d_name))
			continue;
		*names = xrealloc(*names, (*n + 1) * sizeof **names);
		(*names)[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(*names, *n, sizeof **names, by_name);
	return 0;
}

/* Applies repeatable/<name> when its checksum differs from the recorded
 * one, or always when FORCE (a numbered migration ran in this pass and may
 * have replaced one of its functions with the text it was committed with:
 * 0020 and 0021 define functions that repeatable/api_json.sql now owns).
 * Function bodies are checked when called, not when created, so the files
 * need no order among themselves.  Returns 1 applied, 0 unchanged, -1 with
 * *err. */
static int apply_repeatable(PGconn *pg, const char *rdir, const char *name, int force, char **err)
{
	char *sql = read_in(rdir, name, err);
	if (!sql)
		return -1;
	const char *p[] = {name, sql};
	PGresult *r = NULL;
	if (run(pg,
	        "SELECT encode(sha256(convert_to($2, 'UTF8')), 'hex'), "
	        "(SELECT checksum FROM schema_repeatables WHERE name = $1)",
	        2, p, &r, err)) {
		free(sql);
		return -1;
	}
	char *sum = xstrdup(PQgetvalue(r, 0, 0));
	int same = !force && !PQgetisnull(r, 0, 1) && !strcmp(sum, PQgetvalue(r, 0, 1));
	PQclear(r);
	int rc = 0;
	if (!same) {
		const char *rec[] = {name, sum};
		buf label;
		buf_init(&label);
		buf_printf(&label, "repeatable/%s", name);
		rc = apply_tx(pg, "SET LOCAL check_function_bodies = off", sql, label.data,
		              "INSERT INTO schema_repeatables (name, checksum) VALUES ($1, $2) "
		              "ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, "
		              "applied_at = now()",
		              2, rec, err);
		buf_free(&label);
		if (!rc)
			log_info("repeatable migration applied", "name", name, NULL);
	}
	free(sql);
	free(sum);
	return rc ? -1 : !same;
}

/* The read models (repeatable/read_models.sql) are rebuilt when the
 * definitions they were built with changed: a function of api_json.sql
 * may change without read_models.sql being applied again.  A cheap check
 * when nothing changed; a schema without them (an old release) is left as
 * it is.  Returns 0, or -1 with *err. */
static int sync_read_models(PGconn *pg, char **err)
{
	PGresult *r = NULL;
	if (run(pg,
	        "SELECT CASE WHEN to_regprocedure('parley_read_models_sync()') IS NULL THEN "
	        "'absent'"
	        " END",
	        0, NULL, &r, err))
		return -1;
	int absent = !PQgetisnull(r, 0, 0);
	PQclear(r);
	if (absent)
		return 0;
	if (run(pg, "SELECT parley_read_models_sync()", 0, NULL, &r, err))
		return -1;
	if (!strcmp(PQgetvalue(r, 0, 0), "t"))
		log_info("read models rebuilt", NULL);
	PQclear(r);
	return 0;
}

int db_migrate(const char *conninfo, const char *dir, char **err)
{
	char **names = NULL, **rnames = NULL;
	size_t n = 0, rn = 0;
	if (list_sql(dir, is_migration_name, &names, &n))
		return fail(err, "cannot open migrations directory %s%s", dir, "");
	buf rpath;
	buf_init(&rpath);
	buf_printf(&rpath, "%s/repeatable", dir);
	const char *rdir = rpath.data;
	list_sql(rdir, is_sql_name, &rnames, &rn); /* optional */

	PGconn *pg = PQconnectdb(conninfo);
	int applied = 0;
	if (PQstatus(pg) != CONNECTION_OK) {
		fail(err, "cannot connect to the database: %s%s", PQerrorMessage(pg), "");
		applied = -1;
	} else if (run(pg, "SET client_min_messages = warning", 0, NULL, NULL, err) ||
	           run(pg, "SELECT pg_advisory_lock(" MIGRATE_LOCK ")", 0, NULL, NULL, err) ||
	           run(pg,
	               "CREATE TABLE IF NOT EXISTS schema_migrations ("
	               " version integer PRIMARY KEY, checksum text NOT NULL, name text,"
	               " applied_at timestamptz NOT NULL DEFAULT now())",
	               0, NULL, NULL, err) ||
	           run(pg,
	               "CREATE TABLE IF NOT EXISTS schema_repeatables ("
	               " name text PRIMARY KEY, checksum text NOT NULL,"
	               " applied_at timestamptz NOT NULL DEFAULT now())",
	               0, NULL, NULL, err)) {
		applied = -1;
	} else {
		for (size_t i = 0; i < n && applied >= 0; i++) {
			int rc = apply_one(pg, dir, names[i], err);
			applied = rc < 0 ? -1 : applied + rc;
		}
		int numbered = applied; /* > 0: re-apply every repeatable file */
		for (size_t i = 0; i < rn && applied >= 0; i++) {
			int rc = apply_repeatable(pg, rdir, rnames[i], numbered > 0, err);
			applied = rc < 0 ? -1 : applied + rc;
		}
		if (applied >= 0 && sync_read_models(pg, err))
			applied = -1;
		PQclear(PQexec(pg, "SELECT pg_advisory_unlock(" MIGRATE_LOCK ")"));
	}
	PQfinish(pg);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	for (size_t i = 0; i < rn; i++)
		free(rnames[i]);
	free(rnames);
	buf_free(&rpath);
	return applied;
}
