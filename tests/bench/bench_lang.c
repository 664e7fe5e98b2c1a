/*
 * bench_lang — the language layer's speed, and its lemma accuracy.
 *
 *   bench_lang [FILE|DIR...]        tokens/s of ln_doc_analyze (split +
 *                                   tokenise + lemmas, and tag + parse +
 *                                   entities when the models load) on one
 *                                   core; default corpus: the PolNeAR train
 *                                   articles in ../shared, else service/demo
 *   bench_lang --lemmas GOLD.conllu lemma accuracy of ln_lemmatize_word on
 *                                   gold words with their gold UPOS and XPOS
 *
 * Models come from PARLEY_MODELS_DIR, else the source tree's service/models;
 * without them only the rules run (the figure says which).  Texts are run
 * repeatedly until two seconds of CPU time have passed (CPU, not wall-clock
 * time, so a busy shared machine does not skew the figure).  Built by hand (cmake
 * --build build --target bench_lang); not part of `make bench`.
 */
#include "lang/lang.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct corpus {
	char **text;
	size_t *len;
	size_t n, cap, bytes;
} corpus;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	size_t got = s ? fread(s, 1, (size_t)n, f) : 0;
	fclose(f);
	if (!s)
		return NULL;
	s[got] = '\0';
	*len = got;
	return s;
}

static void add_file(corpus *c, const char *path)
{
	size_t len;
	char *s = slurp(path, &len);
	if (!s)
		return;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->text = realloc(c->text, c->cap * sizeof *c->text);
		c->len = realloc(c->len, c->cap * sizeof *c->len);
	}
	c->text[c->n] = s;
	c->len[c->n++] = len;
	c->bytes += len;
}

static void add_path(corpus *c, const char *path)
{
	struct stat st;
	if (stat(path, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		add_file(c, path);
		return;
	}
	struct dirent **names;
	int n = scandir(path, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			char p[4096];
			snprintf(p, sizeof p, "%s/%s", path, names[i]->d_name);
			add_path(c, p);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: the machine may be shared */
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bench(int argc, char **argv)
{
	corpus c = {0};
	for (int i = 1; i < argc; i++)
		add_path(&c, argv[i]);
	if (argc < 2) {
		add_path(&c, PARLEY_SOURCE_DIR "/../shared/eval/polnear-train/articles");
		if (!c.n)
			add_path(&c, PARLEY_SOURCE_DIR "/service/demo");
	}
	if (!c.n) {
		fprintf(stderr, "bench_lang: no texts\n");
		return 1;
	}
	char *err = NULL;
	const char *dir = getenv("PARLEY_MODELS_DIR");
	double t0 = now();
	ln_models *m = ln_models_load_dir(dir ? dir : PARLEY_SOURCE_DIR "/service/models", &err);
	double load = now() - t0;
	if (m)
		printf("models loaded in %.0f ms\n", load * 1000);
	else
		printf("no models (%s): rules only (split, tokenise, lemmas)\n", err ? err : "?");
	free(err);
	size_t tokens = 0, sents = 0, rounds = 0;
	t0 = now();
	double el;
	do {
		for (size_t i = 0; i < c.n; i++) {
			ln_doc d;
			ln_doc_init(&d, c.text[i], c.len[i]);
			if (ln_doc_analyze(m, &d)) {
				fprintf(stderr, "bench_lang: out of memory\n");
				return 1;
			}
			tokens += d.ntok;
			sents += d.nsent;
			ln_doc_free(&d);
		}
		rounds++;
		el = now() - t0;
	} while (el < 2.0);
	printf("%zu texts, %.1f MB, %zu rounds: %.0f tokens/s, %.0f sentences/s, %.1f MB/s\n", c.n,
	       (double)c.bytes / 1e6, rounds, (double)tokens / el, (double)sents / el,
	       (double)c.bytes * (double)rounds / el / 1e6);
	ln_models_free(m);
	for (size_t i = 0; i < c.n; i++)
		free(c.text[i]);
	free(c.text);
	free(c.len);
	return 0;
}

/* Lemma accuracy on the words (not multiword tokens) of a CoNLL-U file. */
static int lemmas(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 1;
	}
	char line[8192];
	size_t total = 0, right = 0, vtotal = 0, vright = 0;
	while (fgets(line, sizeof line, f)) {
		char *col[10];
		int n = 0;
		char *p = line;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		while (n < 10) {
			col[n++] = p;
			char *t = strchr(p, '\t');
			if (!t)
				break;
			*t = '\0';
			p = t + 1;
		}
		if (n < 10 || strchr(col[0], '-') || strchr(col[0], '.'))
			continue;
		int upos = ln_upos_from_name(col[3]);
		char out[256];
		ln_lemmatize_word(col[1], strlen(col[1]), upos < 0 ? 0 : upos, col[4], out,
		                  sizeof out);
		int ok = !strcmp(out, col[2]);
		total++;
		right += ok;
		if (upos == LN_UPOS_VERB || upos == LN_UPOS_AUX) {
			vtotal++;
			vright += ok;
		}
		if (!ok && getenv("BENCH_LANG_SHOW"))
			printf("%s\t%s\t%s\tgold %s\tgot %s\n", col[1], col[3], col[4], col[2],
			       out);
	}
	fclose(f);
	printf("lemma accuracy (gold UPOS+XPOS): %.2f%% of %zu words; verbs and auxiliaries %.2f%% "
	       "of %zu\n",
	       100.0 * (double)right / (double)(total ? total : 1), total,
	       100.0 * (double)vright / (double)(vtotal ? vtotal : 1), vtotal);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--lemmas"))
		return lemmas(argv[2]);
	return bench(argc, argv);
}
