/*
 * sources — manage the polled sources from the shell:
 *   parley sources add URL [--interval S] [--kind feed|page]
 *   parley sources list
 *   parley sources rm ID
 * Same rules and same JSON as /v1/sources (source_spec, parley_source_json).
 */
#include "cli/commands.h"
#include "cli/runtime.h"
#include "db/sources.h"
#include "ingest/source_spec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char usage_sources[] =
    "usage: parley sources add URL [--interval SECONDS] [--kind feed|page]\n"
    "       parley sources list\n"
    "       parley sources rm ID\n\n"
    "Adds, lists or removes the feeds and pages the worker polls.  The interval\n"
    "is 60..604800 seconds (default 900); the kind is sniffed on the first fetch\n"
    "when not given.  Removing a source keeps its articles.\n";

static int usage_error(const char *msg)
{
	fprintf(stderr, "parley sources: %s\n\n%s", msg, usage_sources);
	return 2;
}

/* Parses `add`'s arguments into a checked spec; 2 on a usage error. */
static int parse_add(char **args, int n, int allow_local, source_spec *spec)
{
	const char *url = NULL, *kind = NULL;
	long interval = -1;
	for (int i = 0; i < n; i++) {
		if (!strcmp(args[i], "--interval") || !strcmp(args[i], "--kind")) {
			if (i + 1 >= n)
				return usage_error("a flag lacks its value");
			if (args[i][2] == 'k') {
				kind = args[++i];
				continue;
			}
			char *end;
			errno = 0;
			interval = strtol(args[++i], &end, 10);
			if (errno || *end || interval < 0)
				return usage_error("--interval takes a number of seconds");
		} else if (args[i][0] == '-') {
			return usage_error("unknown flag");
		} else if (url) {
			return usage_error("add takes one URL");
		} else {
			url = args[i];
		}
	}
	const char *field, *why;
	if (source_spec_check(url, kind, interval, allow_local, spec, &field, &why)) {
		fprintf(stderr, "parley sources: %s %s\n", field, why);
		return 2;
	}
	return 0;
}

static int run(db_conn *c, char **args, int n, int allow_local)
{
	const char *verb = args[0];
	char *json = NULL;
	db_status st;
	if (!strcmp(verb, "add")) {
		source_spec spec;
		int rc = parse_add(args + 1, n - 1, allow_local, &spec);
		if (rc)
			return rc;
		db_source_new s = {spec.url, spec.kind, spec.interval_s, 1};
		int created = 0;
		st = db_source_create(c, &s, &json, &created);
		source_spec_free(&spec);
		if (st == DB_OK)
			printf("%s\n", json);
		if (st == DB_OK && !created)
			fprintf(stderr, "parley sources: already known\n");
	} else if (!strcmp(verb, "list") && n == 1) {
		db_page page;
		const char *values[DB_MAX_FILTERS] = {0};
		char after[24] = "";
		do { /* every page, not just the first */
			st = db_list(c, &db_sources, values, after[0] ? "" : NULL,
			             after[0] ? after : NULL, 500, &page);
			if (st == DB_OK && page.n)
				printf("%s\n", page.items.data);
			snprintf(after, sizeof after, "%s", page.last_id);
			int more = st == DB_OK && page.more;
			db_page_free(&page);
			if (!more)
				break;
		} while (1);
	} else if (!strcmp(verb, "rm") && n == 2) {
		char *end;
		if (strtoll(args[1], &end, 10) <= 0 || *end)
			return usage_error("rm takes a source id");
		st = db_source_delete(c, args[1]);
		if (st == DB_NOT_FOUND) {
			fprintf(stderr, "parley sources: no source %s\n", args[1]);
			return 1;
		}
	} else {
		return usage_error("expected add, list or rm");
	}
	free(json);
	if (st != DB_OK) {
		fprintf(stderr, "parley sources: database error: %s\n", db_last_error(c));
		return 1;
	}
	return 0;
}

int cmd_sources(int argc, char **argv)
{
	runtime rt;
	char **rest = NULL;
	int n_rest = 0;
	int rc = runtime_configure(&rt, argc, argv, usage_sources, &rest, &n_rest);
	if (rc)
		return rc;
	if (!n_rest) {
		rc = usage_error("expected add, list or rm");
	} else if (runtime_open_db(&rt, !rt.cfg.skip_migrate)) {
		rc = 1;
	} else {
		db_pool *pool = db_pool_new(rt.conninfo, 1);
		db_conn *c = db_acquire(pool, 10000);
		if (c) {
			rc = run(c, rest, n_rest, rt.cfg.allow_local_fetch);
			db_release(pool, c);
		} else {
			fprintf(stderr, "parley sources: the database is unavailable\n");
			rc = 1;
		}
		db_pool_free(pool);
	}
	free(rest);
	runtime_close(&rt);
	return rc;
}
