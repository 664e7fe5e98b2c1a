/*
 * reextract — runs extraction again over every stored article, with the
 * current dictionary (shipped files plus curated actors).  Each article's
 * earlier records are replaced, never duplicated.
 */
#include "cli/commands.h"
#include "cli/runtime.h"
#include "core/log.h"
#include "db/articles.h"
#include "ingest/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char usage_reextract[] =
    "usage: parley reextract [FLAGS]\n\n"
    "Extracts again from every stored article's text with the current\n"
    "dictionary (after `parley actors import`, or edits through the API), and\n"
    "replaces what each article contributed.  Progress goes to stderr.\n";

/* A batch is read whole before it is processed: the connection that read
 * it is the one that writes the results. */
typedef struct row {
	char *id, *text, *title, *published_at;
} row;

typedef struct rows {
	row *v;
	size_t n;
} rows;

static void collect(void *ud, const db_stored_article *a)
{
	rows *r = ud;
	r->v = realloc(r->v, (r->n + 1) * sizeof *r->v);
	r->v[r->n++] = (row){strdup(a->id), strdup(a->text), a->title ? strdup(a->title) : NULL,
	                     a->published_at ? strdup(a->published_at) : NULL};
}

int cmd_reextract(int argc, char **argv)
{
	runtime rt;
	int rc = runtime_configure(&rt, argc, argv, usage_reextract, NULL, NULL);
	if (rc)
		return rc;
	px_dict *dict = runtime_open(&rt);
	if (!dict)
		return 1;
	db_pool *pool = db_pool_new(rt.conninfo, 1);
	db_conn *c = db_acquire(pool, 5000);
	int done = 0, failed = 0;
	time_t start = time(NULL);
	char after[24] = "0", last[24];
	while (c) {
		rows batch_rows = {0};
		if (db_articles_with_text(c, after, 200, collect, &batch_rows, last) != DB_OK) {
			failed++;
			break;
		}
		for (size_t i = 0; i < batch_rows.n; i++) {
			row *r = &batch_rows.v[i];
			char *counts = NULL;
			if (pipeline_reextract(c, dict, r->id, r->text, r->title, r->published_at,
			                       &counts) == DB_OK)
				done++;
			else
				failed++;
			free(counts);
			free(r->id), free(r->text), free(r->title), free(r->published_at);
		}
		free(batch_rows.v);
		if (!last[0])
			break;
		snprintf(after, sizeof after, "%s", last);
		fprintf(stderr, "\rreextracted %d articles, %d failed, %.0f/s", done, failed,
		        done / (double)(time(NULL) - start + 1));
	}
	fprintf(stderr, "\n");
	printf("reextracted %d articles, %d failed\n", done, failed);
	if (c)
		db_release(pool, c);
	db_pool_free(pool);
	px_dict_free(dict);
	runtime_close(&rt);
	return c && failed == 0 ? 0 : 1;
}
