/*
 * migrate — see migrate.h.  Checksums are computed by the database itself
 * (sha256 of the file text), which keeps a hashing library out of the binary.
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

static int apply_one(PGconn *pg, const char *dir, const char *name, char **err)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	char *sql = file_read(path, FILE_NO_LIMIT, NULL, NULL);
	if (!sql) {
		fail(err, "cannot read %s%s", path, "");
		return -1;
	}
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
	rc = run(pg, "BEGIN", 0, NULL, NULL, err);
	if (!rc && (rc = run(pg, sql, 0, NULL, NULL, err))) {
		char *inner = *err;
		fail(err, "%s: %s", name, inner);
		free(inner);
	}
	if (!rc)
		rc = run(pg,
		         "INSERT INTO schema_migrations (version, checksum, name) "
		         "VALUES ($1::int, $2, $3)",
		         3, ins, NULL, err);
	if (!rc)
		rc = run(pg, "COMMIT", 0, NULL, NULL, err);
	else
		PQclear(PQexec(pg, "ROLLBACK"));
	if (!rc)
		log_info("migration applied", "name", name, NULL);
	free(sql);
	free(sum);
	return rc ? -1 : 1;
}

int db_migrate(const char *conninfo, const char *dir, char **err)
{
	DIR *d = opendir(dir);
	if (!d)
		return fail(err, "cannot open migrations directory %s%s", dir, "");
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (!is_migration_name(e->d_name))
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);

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
	               0, NULL, NULL, err)) {
		applied = -1;
	} else {
		for (size_t i = 0; i < n && applied >= 0; i++) {
			int rc = apply_one(pg, dir, names[i], err);
			applied = rc < 0 ? -1 : applied + rc;
		}
		PQclear(PQexec(pg, "SELECT pg_advisory_unlock(" MIGRATE_LOCK ")"));
	}
	PQfinish(pg);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return applied;
}
