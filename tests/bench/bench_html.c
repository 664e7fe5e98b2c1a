/*
 * bench_html — article extraction speed (MB/s, pages/s) over folders of
 * saved pages, and a batch mode that prints every page's extraction as one
 * JSON line for scripts/htmlbench_offline.py (one process for 181 pages
 * instead of 181 `parley page` runs, and it links even while other layers
 * of the tree are mid-edit).
 *
 *   bench_html [--rounds N] DIR...     speed over every *.html in DIRs
 *   bench_html --emit DIR              {"file","title",...,"text"} per line
 */
#include "core/buf.h"
#include "parse/charset.h"
#include "parse/html.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct page {
	char *name;
	char *data;
	size_t len;
} page;

typedef struct pages {
	page *v;
	size_t n, cap;
} pages;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	buf b;
	buf_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const page *)a)->name, ((const page *)b)->name);
}

static void load_dir(const char *dir, pages *ps)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "bench_html: no folder %s (skipped)\n", dir);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t nl = strlen(e->d_name);
		if (nl < 5 || strcmp(e->d_name + nl - 5, ".html"))
			continue;
		buf path;
		buf_init(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		size_t len = 0;
		char *raw = slurp(path.data, &len);
		buf_free(&path);
		if (!raw)
			continue;
		if (ps->n == ps->cap)
			ps->v =
			    xrealloc(ps->v, (ps->cap = ps->cap ? ps->cap * 2 : 64) * sizeof *ps->v);
		ps->v[ps->n++] = (page){xstrdup(e->d_name), raw, len};
	}
	closedir(d);
	qsort(ps->v, ps->n, sizeof *ps->v, by_name);
}

static void set_str(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, v ? json_string(v) : json_null());
}

static int emit(const pages *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		char *err = NULL;
		size_t ulen = 0;
		char *u = charset_to_utf8(ps->v[i].data, ps->v[i].len, NULL, &ulen, &err);
		html_article a = {0};
		int rc = u ? html_article_extract(u, ulen, NULL, &a, &err) : -1;
		json_t *o = json_object();
		set_str(o, "file", ps->v[i].name);
		set_str(o, "error", rc ? err : NULL);
		set_str(o, "title", a.title);
		set_str(o, "author", a.author);
		set_str(o, "published_at", a.published_at);
		set_str(o, "site_name", a.site_name);
		set_str(o, "canonical_url", a.canonical_url);
		set_str(o, "text", a.text ? a.text : "");
		char *line = json_dumps(o, JSON_COMPACT);
		puts(line);
		free(line);
		json_decref(o);
		free(err);
		free(u);
		if (!rc)
			html_article_free(&a);
	}
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void speed(const char *label, const pages *ps, int rounds)
{
	if (!ps->n)
		return;
	size_t bytes = 0, text = 0;
	double t0 = now();
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < ps->n; i++) {
			html_article a;
			char *err = NULL;
			if (html_article_extract(ps->v[i].data, ps->v[i].len, NULL, &a, &err)) {
				free(err);
				continue;
			}
			bytes += ps->v[i].len;
			text += strlen(a.text);
			html_article_free(&a);
		}
	double dt = now() - t0;
	printf("%-28s %5zu pages x %d: %8.1f MB/s  %8.1f pages/s  (%.1f KB text/page)\n", label,
	       ps->n, rounds, (double)bytes / 1e6 / dt, (double)(ps->n * (size_t)rounds) / dt,
	       (double)text / 1e3 / (double)(ps->n * (size_t)rounds));
}

static void pages_free(pages *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->v[i].name);
		free(ps->v[i].data);
	}
	free(ps->v);
	*ps = (pages){0};
}

int main(int argc, char **argv)
{
	int rounds = 3;
	if (argc == 3 && !strcmp(argv[1], "--emit")) {
		pages ps = {0};
		load_dir(argv[2], &ps);
		int rc = emit(&ps);
		pages_free(&ps);
		return rc;
	}
	int i = 1;
	if (argc > 2 && !strcmp(argv[1], "--rounds")) {
		rounds = atoi(argv[2]);
		i = 3;
	}
	if (i >= argc) {
		fprintf(stderr,
		        "usage: bench_html [--rounds N] DIR... | --emit DIR\n"
		        "  e.g. bench_html ../shared/htmlbench/pages tests/fixtures/pages\n");
		return 2;
	}
	for (; i < argc; i++) {
		pages ps = {0};
		load_dir(argv[i], &ps);
		speed(argv[i], &ps, rounds < 1 ? 1 : rounds);
		pages_free(&ps);
	}
	return 0;
}
