/*
 * bench_extract — throughput of px_clean_text + px_extract + px_result_json
 * (what the worker runs per article), in
 * MB/s and articles/s on one core.
 *
 *   bench_extract [--files-only] [FILE...]
 *
 * The corpus is every test-case input under tests/unit/extract/cases (run
 * from the repo root) plus any files named on the command line; with
 * --files-only just the files (whole articles: the small cases measure
 * per-call overhead more than text throughput).  It is run repeatedly
 * until about two seconds of CPU time have passed (CPU, not wall-clock
 * time: a busy shared machine does not skew the figure).
 */
#include "extract/extract.h"
#include "lang/lang.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct corpus {
	char **text;
	size_t *len;
	size_t n, cap, bytes;
} corpus;

static void add_text(corpus *c, const char *s, size_t n)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->text = realloc(c->text, c->cap * sizeof *c->text);
		c->len = realloc(c->len, c->cap * sizeof *c->len);
	}
	c->text[c->n] = malloc(n + 1);
	memcpy(c->text[c->n], s, n);
	c->text[c->n][n] = '\0';
	c->len[c->n++] = n;
	c->bytes += n;
}

static char *read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)len + 1);
	*n = fread(s, 1, (size_t)len, f);
	s[*n] = '\0';
	fclose(f);
	return s;
}

/* Every "--- input" section of a case file is one text. */
static void add_case_inputs(corpus *c, const char *text)
{
	const char *p = text;
	while ((p = strstr(p, "--- input\n"))) {
		p += 10;
		const char *end = strstr(p, "\n--- expect");
		if (!end)
			break;
		add_text(c, p, (size_t)(end - p));
		p = end;
	}
}

static void load_cases(corpus *c, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".txt"))
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		size_t len;
		char *s = read_file(path, &len);
		if (s)
			add_case_inputs(c, s);
		free(s);
	}
	closedir(d);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: the machine may be shared */
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void run_once(const px_dict *d, const char *text, size_t len)
{
	size_t clean_len;
	char *clean = px_clean_text(d, text, len, &clean_len);
	px_input in = {clean, clean_len, NULL, "2025-08-27", NULL, false};
	px_result *r = px_extract(d, &in);
	free(px_result_json(r, NULL));
	px_result_free(r);
	free(clean);
}

int main(int argc, char **argv)
{
	char *err = NULL;
	px_dict *d = px_dict_load_dir(PARLEY_SOURCE_DIR "/service/data", &err);
	if (!d) {
		fprintf(stderr, "bench_extract: %s\n", err ? err : "no dictionary");
		return 1;
	}
	/* extraction includes the language layer: the committed models */
	ln_models *models = ln_models_load_dir(PARLEY_SOURCE_DIR "/service/models", &err);
	if (!models) {
		fprintf(stderr, "bench_extract: %s\n", err ? err : "no models");
		return 1;
	}
	px_dict_set_models(d, models);
	corpus c = {0};
	int first = 1;
	if (argc > 1 && !strcmp(argv[1], "--files-only"))
		first = 2;
	else
		load_cases(&c, "tests/unit/extract/cases");
	size_t case_texts = c.n;
	for (int i = first; i < argc; i++) {
		size_t len;
		char *s = read_file(argv[i], &len);
		if (!s) {
			fprintf(stderr, "bench_extract: cannot read %s\n", argv[i]);
			return 2;
		}
		add_text(&c, s, len);
		free(s);
	}
	if (!c.n) {
		fprintf(stderr, "bench_extract: empty corpus (run from the repo root)\n");
		return 2;
	}
	/* BENCH_ROUNDS=N runs exactly N rounds: for instruction counts under
	 * callgrind, steadier than wall time on a shared machine. */
	const char *fixed = getenv("BENCH_ROUNDS");
	size_t want = fixed ? strtoul(fixed, NULL, 10) : 0;
	double start = now(), elapsed;
	size_t rounds = 0;
	do {
		for (size_t i = 0; i < c.n; i++)
			run_once(d, c.text[i], c.len[i]);
		rounds++;
		elapsed = now() - start;
	} while (want ? rounds < want : elapsed < 2.0);
	double mb = (double)c.bytes * (double)rounds / 1e6;
	printf("corpus: %zu texts (%zu test cases, %d files), %zu bytes\n", c.n, case_texts,
	       argc - first, c.bytes);
	printf("rounds: %zu in %.2f s\n", rounds, elapsed);
	printf("throughput: %.2f MB/s, %.0f articles/s\n", mb / elapsed,
	       (double)(c.n * rounds) / elapsed);
	for (size_t i = 0; i < c.n; i++)
		free(c.text[i]);
	free(c.text);
	free(c.len);
	px_dict_free(d);
	ln_models_free(models);
	return 0;
}
