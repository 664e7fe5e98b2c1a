/*
 * parley-train — trains the language layer's models and measures them.
 *
 * Design note
 * -----------
 * `make models CORPORA=/path` runs `parley-train models CORPORA OUTDIR`:
 *   1. tagger on the treebanks of ud_corpora (joint UPOS+XPOS classes):
 *      UD English EWT train (the openly licensed genres of UD English GUM
 *      train too when PARLEY_UD_COPIES counts them: measured, not adopted);
 *   2. five-fold jack-knifing of the tagger over those sentences (each
 *      once), so the parser and the NER tagger train on predicted tags like
 *      those they will see;
 *   3. parser on the same sentences (gold trees, jack-knifed tags);
 *   4. NER on Universal NER EWT train + PolNeAR train CoreNLP silver
 *      entities (converted by corenlp2iob.py, last month held out); the
 *      named entities of UD English GUM's CC BY genres (gum2iob.py) are
 *      read when PARLEY_NER_COPIES counts them (measured, not adopted);
 *   5. the sentence-boundary model (sent.bin) on EWT train rendered as raw
 *      text by UD's conllu_to_text.pl ($CORPORA/ewt/train.txt) and the GUM
 *      train documents of the openly licensed genres
 *      (tools/train/gum_select.py, rendered the same way): the rules split
 *      it, and an averaged perceptron learns, at every pair of neighbouring
 *      tokens, whether a gold sentence ends there
 *      (`parley-train sent CORPORA OUTDIR` alone; PARLEY_SENT_GUM=0 leaves
 *      GUM out, measured only).
 * Deterministic: fixed seeds, fixed shuffles, no threads.  Corpora are read
 * from CORPORA; nothing is fetched.
 *
 * Exact tables: every tagger the trainer runs (the fold taggers, the
 * tagger that tags the NER corpora) scores from its file's table alone
 * (pc_model_exact), not from the compact copy the run time builds for
 * speed, whose shorter fingerprints clash now and then and change a few
 * tags.  The committed files were trained so; with the compact copy the
 * same corpora gave another parser.bin (15.3 MB, not 14.2) and ner.bin.
 *
 * The other commands measure: `eval-ud` tags and parses a CoNLL-U file on
 * its gold tokens and writes CoNLL-U for the UD scorer (and tokens/s);
 * `eval-ner` scores entity spans against an .iob2 file.
 */
#include "lang/conllu.h"
#include "lang/internal.h"
#include "lexlists.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FOLDS 5

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of this thread: speed on one core even on a busy machine. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "%s: read failed\n", path);
		exit(1);
	}
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void load_corpus(const char *path, cu_corpus *c)
{
	size_t len;
	char *data = slurp(path, &len), *err = NULL;
	if (cu_parse(data, len, c, &err) != 0) {
		fprintf(stderr, "%s: %s\n", path, err ? err : "parse error");
		exit(1);
	}
	free(data);
}

static lx_sent *new_sent(const cu_sent *cs)
{
	size_t n = cs->n < LN_MAX_SENT_TOKENS ? cs->n : LN_MAX_SENT_TOKENS;
	lx_sent *s = calloc(1, LX_SENT_SIZE(n));
	if (!s)
		exit(1);
	s->n = (int)n;
	for (size_t i = 0; i < n; i++) {
		s->t[i].s = cs->tok[i].col[1];
		s->t[i].len = (uint32_t)strlen(cs->tok[i].col[1]);
		lx_word_features(&s->t[i]);
	}
	return s;
}

/* CoNLL-U sentences as gold training sentences. */
static lx_gold *gold_from(const cu_corpus *c)
{
	lx_gold *g = calloc(c->n + 1, sizeof *g);
	if (!g)
		exit(1);
	for (size_t k = 0; k < c->n; k++) {
		lx_sent *s = new_sent(&c->sent[k]);
		g[k].s = s;
		g[k].upos = calloc((size_t)s->n + 1, sizeof(char *));
		g[k].xpos = calloc((size_t)s->n + 1, sizeof(char *));
		g[k].deprel = calloc((size_t)s->n + 1, sizeof(char *));
		for (int i = 0; i < s->n; i++) {
			const cu_token *t = &c->sent[k].tok[i];
			g[k].upos[i] = t->col[3];
			g[k].xpos[i] = t->col[4];
			g[k].deprel[i] = t->col[7];
			int h = atoi(t->col[6]);
			s->t[i].head = (int16_t)(h >= 0 && h <= s->n ? h : 0);
		}
	}
	return g;
}

/* The treebanks the tagger and the parser train on, under CORPORA, and how
 * many times each is counted; a corpus counted 0 times is not read.
 * PARLEY_UD_COPIES="2,1" overrides the counts, for measuring mixtures.  The
 * committed files are EWT's alone: EWT twice + GUM once (with
 * PARLEY_DEP_PRUNE=0.02 to stay within 30 MB) gains on EWT dev and test, but
 * its parser's trees lower the extraction figures under
 * tests/thresholds.json (service/models/README.md, "UD English GUM"), so
 * GUM counts 0 here.
 * GUM: the documents tools/train/gum_select.py keeps (the one list of the
 * genres, which also feeds the sentence model), the genres whose texts are openly
 * licensed (CC BY or public domain, per the "Details" of GUM's LICENSE.txt):
 * Wikinews news, interviews and bios, Wikivoyage, OpenStax textbooks,
 * YouTube CC vlogs, political speeches and the Santa Barbara conversations;
 * never wikiHow or fiction (NC), nor the genres whose licence it does not
 * state (academic, court, essay, letter, podcast).
 * The first corpus must be EWT train: the NER tagger's UNER sentences are
 * EWT train's, sentence for sentence (use_jackknifed). */
static const struct ud_corpus {
	const char *path;
	size_t copies;
} ud_corpora[] = {
    {"ewt/en_ewt-ud-train.conllu", 1}, /* UD English EWT train */
    {"gum/gum-train-sel.conllu", 0},   /* its open genres (tools/train/gum_select.py) */
};
#define UD_NCORPORA (sizeof ud_corpora / sizeof ud_corpora[0])

/* GUM marks list items ("A.", "(b)") X/LS where EWT has NUM/LS: EWT's. */
static void ls_as_ewt(cu_corpus *c)
{
	for (size_t k = 0; k < c->n; k++)
		for (size_t i = 0; i < c->sent[k].n; i++) {
			const char **col = c->sent[k].tok[i].col;
			if (!strcmp(col[3], "X") && !strcmp(col[4], "LS"))
				col[3] = "NUM";
		}
}

/* Overrides COPIES (one count per corpus of a table, set to their defaults) from the environment
 * variable NAME, "2,0,1": the counts given replace the first ones, the
 * others keep their default. */
static void copies_from_env(const char *name, size_t *copies, size_t n)
{
	const char *env = getenv(name);
	for (size_t c = 0; env && *env && c < n; c++) {
		copies[c] = strtoul(env, (char **)&env, 10);
		env += *env == ',';
	}
}

/* The treebanks above as gold sentences: G[0, *NU) once each (EWT train
 * first, for the jack-knifing), then the extra copies, G[*NU, *NALL), which
 * share the sentences of the first (the jack-knifed tags are written once).
 * CS keeps the corpora the sentences point into. */
static lx_gold *load_trees(const char *corpora, cu_corpus cs[UD_NCORPORA], size_t *nu, size_t *nall)
{
	char path[4096];
	size_t copies[UD_NCORPORA], total = 0, uniq = 0;
	for (size_t c = 0; c < UD_NCORPORA; c++)
		copies[c] = ud_corpora[c].copies;
	copies_from_env("PARLEY_UD_COPIES", copies, UD_NCORPORA);
	for (size_t c = 0; c < UD_NCORPORA; c++) {
		if (c == 0)
			copies[c] += !copies[c]; /* EWT train is always read */
		cs[c] = (cu_corpus){0};
		if (!copies[c])
			continue;
		snprintf(path, sizeof path, "%s/%s", corpora, ud_corpora[c].path);
		size_t len;
		char *data = slurp(path, &len), *err = NULL;
		if (cu_parse(data, len, &cs[c], &err) != 0) {
			fprintf(stderr, "%s: %s\n", path, err ? err : "parse error");
			exit(1);
		}
		free(data);
		if (c > 0)
			ls_as_ewt(&cs[c]);
		size_t ntok = 0;
		for (size_t k = 0; k < cs[c].n; k++)
			ntok += cs[c].sent[k].n;
		fprintf(stderr, "%s: %zu sentences, %zu words, x%zu\n", ud_corpora[c].path, cs[c].n,
		        ntok, copies[c]);
		uniq += cs[c].n;
		total += copies[c] * cs[c].n;
	}
	lx_gold *g = calloc(total + 1, sizeof *g);
	if (!g)
		exit(1);
	size_t m = 0;
	size_t first[UD_NCORPORA];
	for (size_t c = 0; c < UD_NCORPORA; c++) {
		first[c] = m;
		if (!cs[c].n)
			continue;
		lx_gold *one = gold_from(&cs[c]);
		memcpy(g + m, one, cs[c].n * sizeof *g);
		free(one);
		m += cs[c].n;
	}
	for (size_t c = 0; c < UD_NCORPORA; c++)
		for (size_t r = 1; r < copies[c]; r++) {
			memcpy(g + m, g + first[c], cs[c].n * sizeof *g);
			m += cs[c].n;
		}
	*nu = uniq;
	*nall = total;
	return g;
}

static void free_gold(lx_gold *g, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		free(g[k].s);
		free(g[k].upos);
		free(g[k].xpos);
		free(g[k].deprel);
	}
	free(g);
}

static void save(blob_w *b, uint32_t kind, const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (blob_save(b, kind, path) != 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(1);
	}
	fprintf(stderr, "wrote %s (%zu bytes)\n", path, b->len + 32);
}

static void open_tagger(lx_tagger *m, blob_w *b, uint32_t kind)
{
	/* a blob in memory, as if read from a file */
	char tmp[] = "/tmp/parley-train-XXXXXX";
	int fd = mkstemp(tmp);
	if (fd < 0)
		exit(1);
	close(fd);
	if (blob_save(b, kind, tmp) != 0)
		exit(1);
	size_t len;
	char *img = slurp(tmp, &len), *err = NULL;
	unlink(tmp);
	if (lx_tagger_open(m, img, len, &err) != 0) {
		fprintf(stderr, "tagger: %s\n", err);
		exit(1);
	}
	/* scores from the exact table: see "Exact tables" above */
	pc_model_exact(&m->pc);
	/* img stays alive with the model (freed at exit) */
}

/* prune: entries under this fraction of the largest weight are dropped
 * (parser: -0.2 LAS on dev at half the size; keeps all models <= 30 MB). */
static lx_train_opts tag_opts = {.epochs = 10, .seed = 1, .prune = 0.0, .verbose = 1};
static lx_train_opts dep_opts = {.epochs = 15, .seed = 2, .prune = 0.0125, .verbose = 1};
static lx_train_opts ner_opts = {.epochs = 8, .seed = 3, .prune = 0.0, .verbose = 1};

/* PARLEY_TAG_PRUNE, PARLEY_DEP_PRUNE: other pruning fractions, for measuring
 * (the committed files use the settings above). */
static void prune_from_env(void)
{
	if (getenv("PARLEY_TAG_PRUNE"))
		tag_opts.prune = atof(getenv("PARLEY_TAG_PRUNE"));
	if (getenv("PARLEY_DEP_PRUNE"))
		dep_opts.prune = atof(getenv("PARLEY_DEP_PRUNE"));
}

static int ner_label(const char *s)
{
	/* UNER / converted CoreNLP: B-PER I-ORG ...; OTH and anything else: O */
	if ((s[0] != 'B' && s[0] != 'I') || s[1] != '-')
		return 0;
	for (int t = 0; t < LN_ENT_COUNT; t++)
		if (!strcmp(s + 2, ln_ent_names[t]))
			return s[0] == 'B' ? LN_NER_B(t) : LN_NER_I(t);
	return 0;
}

/* NER sentences from an .iob2 corpus (FORM in column 2, label in 3). */
static size_t ner_sents(const cu_corpus *c, lx_sent **out, const lx_tagger *tg)
{
	for (size_t k = 0; k < c->n; k++) {
		lx_sent *s = new_sent(&c->sent[k]);
		for (int i = 0; i < s->n; i++)
			s->t[i].ner = (uint8_t)ner_label(c->sent[k].tok[i].col[2]);
		/* I- after O (inconsistent source): make it B- */
		for (int i = 0; i < s->n; i++) {
			uint8_t l = s->t[i].ner;
			if (l && !(l & 1) &&
			    (i == 0 || (s->t[i - 1].ner + 1) / 2 != (l + 1) / 2 ||
			     !s->t[i - 1].ner))
				s->t[i].ner = (uint8_t)(l - 1);
		}
		if (tg) {
			uint8_t keep[LN_MAX_SENT_TOKENS];
			for (int i = 0; i < s->n; i++)
				keep[i] = s->t[i].ner;
			lx_tag(tg, s);
			for (int i = 0; i < s->n; i++)
				s->t[i].ner = keep[i];
		}
		out[k] = s;
	}
	return c->n;
}

/* Five-fold jack-knifing: each fold of G tagged by a tagger trained on the
 * other four, so later models train on tags as good as they will get. */
static int jackknife(lx_gold *g, size_t n)
{
	lx_train_opts jk = tag_opts;
	jk.verbose = 0;
	for (int fold = 0; fold < FOLDS; fold++) {
		size_t lo = n * (size_t)fold / FOLDS, hi = n * (size_t)(fold + 1) / FOLDS, m = 0;
		lx_gold *part = calloc(n, sizeof *part);
		if (!part)
			return 1;
		for (size_t k = 0; k < n; k++)
			if (k < lo || k >= hi)
				part[m++] = g[k];
		blob_w fb;
		blob_w_init(&fb);
		if (lx_tagger_train(part, m, &jk, &fb) != 0)
			return 1;
		lx_tagger ft;
		open_tagger(&ft, &fb, LX_KIND_TAGGER);
		for (size_t k = lo; k < hi; k++)
			lx_tag(&ft, g[k].s);
		lx_tagger_free(&ft);
		blob_w_free(&fb);
		free(part);
	}
	return 0;
}

/* UNER EWT train is EWT train, sentence for sentence: give its sentences
 * the jack-knifed tags of JK (the tagger tags its own training data almost
 * perfectly, and the entity tagger would learn to trust tags it will not
 * get).  Sentences whose words differ keep the tagger's tags. */
static size_t use_jackknifed(lx_sent **ns, size_t nn, const lx_gold *jk, size_t njk)
{
	size_t used = 0;
	for (size_t k = 0; k < nn && k < njk; k++) {
		lx_sent *s = ns[k];
		const lx_sent *j = jk[k].s;
		int same = s->n == j->n;
		for (int i = 0; same && i < s->n; i++)
			same = s->t[i].form == j->t[i].form;
		if (!same)
			continue;
		for (int i = 0; i < s->n; i++) {
			s->t[i].tag = j->t[i].tag;
			s->t[i].ptag = j->t[i].ptag;
			s->t[i].upos = j->t[i].upos;
			s->t[i].xpos = j->t[i].xpos;
		}
		used++;
	}
	return used;
}

/* The casing table (see ner.c): for each lowercase word of the corpora's
 * running text, the share of its sentence-inner occurrences (after a word,
 * not after punctuation) that are capitalised, in fifths, and whether it was
 * seen five times or more.  Words seen once are left out. */
typedef struct case_obs {
	uint64_t key;
	uint32_t cap;
} case_obs;

static int cmp_obs(const void *a, const void *b)
{
	const case_obs *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key ? 1 : (int)x->cap - (int)y->cap;
}

static void add_case_obs(const cu_corpus *c, case_obs **obs, size_t *n, size_t *cap)
{
	for (size_t k = 0; k < c->n; k++) {
		lx_sent *s = new_sent(&c->sent[k]);
		for (int i = 1; i < s->n; i++) {
			if ((s->t[i].flags & LX_FLAG_NONALPHA) ||
			    (s->t[i - 1].flags & LX_FLAG_NONALPHA))
				continue;
			if (*n == *cap) {
				*cap = *cap ? 2 * *cap : 1 << 20;
				*obs = realloc(*obs, *cap * sizeof **obs);
				if (!*obs)
					exit(1);
			}
			(*obs)[(*n)++] =
			    (case_obs){s->t[i].lower, (s->t[i].flags & LX_FLAG_UPPER_INIT) != 0};
		}
		free(s);
	}
}

static void build_case_table(const cu_corpus *const *cs, size_t ncs, lx_case_table *ct)
{
	case_obs *obs = NULL;
	size_t n = 0, cap = 0, m = 0;
	for (size_t i = 0; i < ncs; i++)
		add_case_obs(cs[i], &obs, &n, &cap);
	qsort(obs, n, sizeof *obs, cmp_obs);
	uint64_t *key = malloc(sizeof *key * (n + 1));
	uint8_t *code = malloc(n + 1);
	if (!key || !code)
		exit(1);
	for (size_t i = 0; i < n;) {
		size_t j = i, up = 0;
		for (; j < n && obs[j].key == obs[i].key; j++)
			up += obs[j].cap;
		size_t tot = j - i;
		if (tot >= 2) {
			size_t fifth = up * 5 / tot;
			key[m] = obs[i].key;
			code[m++] = (uint8_t)(1 + (fifth > 4 ? 4 : fifth) + 5 * (tot >= 5));
		}
		i = j;
	}
	free(obs);
	*ct = (lx_case_table){m, key, code};
	fprintf(stderr, "NER: casing table of %zu words\n", m);
}

/* The word lexicon (see ner.c): open word lists, read at training time and
 * kept in the model as (lowercase hash, LX_LEX_* bits).  Files:
 *   service/data/names.tsv         given names (Parley's own list)
 *   service/data/titles.tsv        person titles: their last word ("sen.")
 *   WordNet 3.0 data.noun          (Debian wordnet-base; WordNet licence):
 *       capitalised lemmas of noun.person (18), noun.location (15) and
 *       noun.group (14) -- "Vladimir_Putin", "Buenos_Aires", "Hezbollah" --
 *       and the lowercase one-word noun.person lemmas ("senator");
 *   /usr/share/dict/american-english  (Debian wamerican, SCOWL): lowercase
 *       words and capitalised ones (proper nouns). */
#define LEX_WORDNET "/usr/share/wordnet/data.noun"
#define LEX_DICT "/usr/share/dict/american-english"

typedef struct lex_obs {
	uint64_t key;
	uint8_t bits;
} lex_obs;

typedef struct lex_acc {
	lex_obs *o;
	size_t n, cap;
} lex_acc;

static int cmp_lex(const void *a, const void *b)
{
	const lex_obs *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key;
}

static void lex_add(lex_acc *a, const char *w, size_t len, uint8_t bits)
{
	if (!len)
		return;
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 1 << 16;
		a->o = realloc(a->o, a->cap * sizeof *a->o);
		if (!a->o)
			exit(1);
	}
	lx_tok t = {.s = w, .len = (uint32_t)len};
	lx_word_features(&t);
	a->o[a->n++] = (lex_obs){t.lower, bits};
}

static void lex_add_cb(void *ctx, const char *w, size_t len, uint8_t bits)
{
	lex_add(ctx, w, len, bits);
}

static FILE *lex_open(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(
		    stderr,
		    "%s: %s (run from the repository; Debian word lists: scripts/deps.sh models)\n",
		    path, strerror(errno));
		exit(1);
	}
	return f;
}

/* One WordNet lemma ("Vladimir_Putin") of lexicographer file LEXFILE. */
static void lex_wordnet_lemma(lex_acc *a, const char *lemma, int lexfile)
{
	int upper = lemma[0] >= 'A' && lemma[0] <= 'Z';
	if (!upper) {
		if (lexfile == 18 && !strchr(lemma, '_'))
			lex_add(a, lemma, strlen(lemma), LX_LEX_PERSON_NOUN);
		return;
	}
	const char *part[16];
	size_t plen[16], np = 0;
	for (const char *p = lemma; *p && np < 16;) {
		const char *e = strchr(p, '_');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		part[np] = p;
		plen[np++] = l;
		p += l + (e != NULL);
	}
	for (size_t i = 0; i < np; i++) {
		if (part[i][0] < 'A' || part[i][0] > 'Z')
			continue; /* "of", "de" */
		uint8_t bits = lexfile == 15   ? LX_LEX_LOC
		               : lexfile == 14 ? LX_LEX_ORG
		               : i + 1 == np   ? LX_LEX_PER_LAST
		               : i == 0        ? LX_LEX_PER_FIRST
		                               : 0;
		if (bits)
			lex_add(a, part[i], plen[i], bits);
	}
}

static void build_lex_table(lx_lex_table *lt)
{
	lex_acc a = {0};
	char line[8192], bad[4096];
	if (lexlists_read(".", lex_add_cb, &a, bad, sizeof bad) != 0) {
		fprintf(stderr, "%s: %s (run from the repository)\n", bad, strerror(errno));
		exit(1);
	}
	FILE *f = lex_open(LEX_WORDNET);
	while (fgets(line, sizeof line, f)) {
		/* offset lexfile ss_type w_cnt(hex) word lex_id word lex_id ... */
		char *save = NULL, *tok[4];
		if (line[0] == ' ')
			continue; /* licence header */
		int k = 0;
		for (char *t = strtok_r(line, " ", &save); t && k < 4;
		     t = strtok_r(NULL, " ", &save))
			tok[k++] = t;
		if (k < 4)
			continue;
		int lexfile = atoi(tok[1]);
		long nw = strtol(tok[3], NULL, 16);
		for (long i = 0; i < nw; i++) {
			char *w = strtok_r(NULL, " ", &save);
			if (!w || !strtok_r(NULL, " ", &save))
				break;
			if (lexfile == 14 || lexfile == 15 || lexfile == 18)
				lex_wordnet_lemma(&a, w, lexfile);
		}
	}
	fclose(f);
	f = lex_open(LEX_DICT);
	while (fgets(line, sizeof line, f)) {
		size_t l = strcspn(line, "\r\n");
		if (!l || memchr(line, '\'', l))
			continue;
		int upper = line[0] >= 'A' && line[0] <= 'Z';
		lex_add(&a, line, l, upper ? LX_LEX_PROPER : LX_LEX_WORD);
	}
	fclose(f);
	qsort(a.o, a.n, sizeof *a.o, cmp_lex);
	uint64_t *key = malloc(sizeof *key * (a.n + 1));
	uint8_t *bits = malloc(a.n + 1);
	if (!key || !bits)
		exit(1);
	size_t m = 0;
	for (size_t i = 0; i < a.n; i++) {
		if (m && key[m - 1] == a.o[i].key)
			bits[m - 1] |= a.o[i].bits;
		else
			key[m] = a.o[i].key, bits[m++] = a.o[i].bits;
	}
	free(a.o);
	*lt = (lx_lex_table){m, key, bits};
	fprintf(stderr, "NER: word lexicon of %zu words\n", m);
}

/* The entity tagger's training corpora, under CORPORA, and how many times
 * each is counted (gold labels weigh more than silver; measured on UNER dev
 * and a held-out PolNeAR month, see service/models/README.md).  JK: the
 * sentences are EWT train's, which take the jack-knifed tags; the others
 * are tagged by the tagger, which never saw them (for GUM's gold sentences
 * that is what jack-knifing gives EWT's: tags as good as at run time).  A
 * corpus counted 0 times is not read: the committed file uses UNER EWT and
 * PolNeAR; PUD and the social corpora were measured (PARLEY_NER_COPIES, the
 * README's "third round") and not adopted, as they made a seed article's
 * newspaper a person; GUM's open genres were measured in the fifth round
 * (PARLEY_NER_COPIES=2,0,1,0,0,1). */
static const struct ner_corpus {
	const char *path;
	size_t copies;
	int jk;
} ner_corpora[] = {
    {"uner/en_ewt-ud-train.iob2", 2, 1}, /* Universal NER EWT train: gold */
    {"uner/en_pud-ud-test.iob2", 0, 0},  /* Universal NER PUD: gold, news/wiki */
    {"polnear-ner/train.iob2", 1, 0},    /* PolNeAR train months: CoreNLP silver */
    {"social-ner/btc.iob2", 0, 0},       /* Broad Twitter Corpus (social2iob.py) */
    {"social-ner/wnut17.iob2", 0, 0},    /* WNUT 2017 (social2iob.py) */
    {"gum-ner/train.iob2", 0, 0},        /* GUM, open genres (gum2iob.py): gold */
};
#define NER_NCORPORA (sizeof ner_corpora / sizeof ner_corpora[0])
#define NER_POLNEAR 2 /* the PolNeAR row */

/* NER on the corpora above, with the tags of TAGGER (jack-knifed tags JK
 * for the EWT sentences).  PARLEY_NER_COPIES="2,2,1,1,1" overrides the
 * counts (for measuring mixtures; the committed file uses the table). */
static int train_ner(const char *corpora, const char *outdir, const lx_tagger *tagger,
                     const lx_gold *jk, size_t njk)
{
	char path[4096];
	cu_corpus cs[NER_NCORPORA];
	size_t copies[NER_NCORPORA], total = 0;
	for (size_t c = 0; c < NER_NCORPORA; c++)
		copies[c] = ner_corpora[c].copies;
	copies_from_env("PARLEY_NER_COPIES", copies, NER_NCORPORA);
	for (size_t c = 0; c < NER_NCORPORA; c++) {
		cs[c] = (cu_corpus){0};
		snprintf(path, sizeof path, "%s/%s", corpora, ner_corpora[c].path);
		if (copies[c] || c == NER_POLNEAR) /* its text also feeds the casing table */
			load_corpus(path, &cs[c]);
		total += copies[c] * cs[c].n;
	}
	lx_sent **ns = calloc(total + 1, sizeof *ns);
	uint8_t *newdoc = calloc(total + 1, 1);
	if (!ns || !newdoc)
		return 1;
	size_t nn = 0;
	for (size_t c = 0; c < NER_NCORPORA; c++) {
		size_t used = 0;
		for (size_t r = 0; r < copies[c]; r++) {
			for (size_t k = 0; k < cs[c].n; k++)
				newdoc[nn + k] = cs[c].sent[k].newdoc || !k;
			ner_sents(&cs[c], ns + nn, tagger);
			if (ner_corpora[c].jk)
				used = use_jackknifed(ns + nn, cs[c].n, jk, njk);
			nn += cs[c].n;
		}
		fprintf(stderr, "NER: %s: %zu sentences x%zu%s", ner_corpora[c].path, cs[c].n,
		        copies[c], ner_corpora[c].jk ? "" : "\n");
		if (ner_corpora[c].jk)
			fprintf(stderr, ", jack-knifed tags for %zu\n", used);
	}
	const cu_corpus *pol = &cs[NER_POLNEAR];
	cu_corpus ewt;
	snprintf(path, sizeof path, "%s/ewt/en_ewt-ud-train.conllu", corpora);
	load_corpus(path, &ewt);
	lx_case_table ct;
	build_case_table((const cu_corpus *const[]){&ewt, pol}, 2, &ct);
	cu_free(&ewt);
	blob_w nb;
	blob_w_init(&nb);
	lx_lex_table lt;
	build_lex_table(&lt);
	lx_train_opts no = ner_opts; /* PARLEY_NER_EPOCHS, _PRUNE: for measuring */
	if (getenv("PARLEY_NER_EPOCHS"))
		no.epochs = atoi(getenv("PARLEY_NER_EPOCHS"));
	if (getenv("PARLEY_NER_PRUNE"))
		no.prune = atof(getenv("PARLEY_NER_PRUNE"));
	if (getenv("PARLEY_NER_SEED")) /* other shuffles: the noise of one retraining */
		no.seed = (unsigned)atoi(getenv("PARLEY_NER_SEED"));
	if (lx_ner_train(ns, newdoc, nn, &ct, &lt, &no, &nb) != 0)
		return 1;
	save(&nb, LX_KIND_NER, outdir, "ner.bin");
	blob_w_free(&nb);
	for (size_t k = 0; k < nn; k++)
		free(ns[k]);
	free(ns);
	free(newdoc);
	free((void *)ct.key);
	free((void *)ct.code);
	free((void *)lt.key);
	free((void *)lt.bits);
	for (size_t c = 0; c < NER_NCORPORA; c++)
		cu_free(&cs[c]);
	return 0;
}

static int cmd_sent(const char *corpora, const char *outdir);

static int cmd_models(const char *corpora, const char *outdir, int parser_only)
{
	cu_corpus train[UD_NCORPORA];
	double t0 = now();
	size_t n, nall;
	lx_gold *g = load_trees(corpora, train, &n, &nall);

	/* 1. tagger on everything */
	blob_w tb;
	blob_w_init(&tb);
	if (lx_tagger_train(g, nall, &tag_opts, &tb) != 0)
		return 1;
	save(&tb, LX_KIND_TAGGER, outdir, "tagger.bin");
	lx_tagger tagger;
	open_tagger(&tagger, &tb, LX_KIND_TAGGER);
	blob_w_free(&tb);
	fprintf(stderr, "tagger: %.1fs\n", now() - t0);

	/* 2. jack-knifed tags for the parser (and the NER tagger) */
	if (jackknife(g, n) != 0)
		return 1;
	fprintf(stderr, "jack-knifing: %.1fs\n", now() - t0);

	/* 3. parser */
	blob_w pb;
	blob_w_init(&pb);
	if (lx_parser_train(g, nall, &dep_opts, &pb) != 0)
		return 1;
	save(&pb, LX_KIND_PARSER, outdir, "parser.bin");
	blob_w_free(&pb);
	fprintf(stderr, "parser: %.1fs\n", now() - t0);
	if (parser_only)
		return 0;

	/* 4. NER */
	if (train_ner(corpora, outdir, &tagger, g, n) != 0)
		return 1;
	/* 5. sentence boundaries */
	if (cmd_sent(corpora, outdir) != 0)
		return 1;
	fprintf(stderr, "all models: %.1fs\n", now() - t0);
	free_gold(g, n); /* the copies share the first n */
	for (size_t c = 0; c < UD_NCORPORA; c++)
		cu_free(&train[c]);
	lx_tagger_free(&tagger);
	return 0;
}

static ln_models *load_models(const char *dir)
{
	char *err = NULL;
	double t0 = now();
	ln_models *m = ln_models_load_dir(dir, &err);
	if (!m) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
	fprintf(stderr, "models loaded in %.1f ms\n", (now() - t0) * 1e3);
	return m;
}

/* Tag and parse the gold tokens of a CoNLL-U file; write the same file with
 * UPOS, XPOS, HEAD and DEPREL replaced. */
static int cmd_eval_ud(const char *dir, const char *gold, const char *out)
{
	ln_models *m = load_models(dir);
	cu_corpus c;
	load_corpus(gold, &c);
	lx_sent **ss = calloc(c.n + 1, sizeof *ss);
	for (size_t k = 0; k < c.n; k++)
		ss[k] = new_sent(&c.sent[k]);
	/* speed: the whole layer (features + tag + parse + NER), several passes */
	size_t ntok = 0;
	double best = 1e9;
	lx_sent *w = malloc(LX_SENT_SIZE(LN_MAX_SENT_TOKENS));
	for (int rep = 0; rep < 3; rep++) {
		double t0 = cpu_now();
		ntok = 0;
		for (size_t k = 0; k < c.n; k++) {
			w->n = ss[k]->n;
			memcpy(w->t, ss[k]->t, sizeof(lx_tok) * (size_t)w->n);
			lx_annotate_sent(m, w, NULL);
			ntok += (size_t)w->n;
		}
		double dt = cpu_now() - t0;
		if (dt < best)
			best = dt;
	}
	free(w);
	size_t right = 0, xright = 0;
	for (size_t k = 0; k < c.n; k++) {
		lx_annotate_sent(m, ss[k], NULL);
		for (int i = 0; i < ss[k]->n; i++) {
			right += !strcmp(ln_upos_names[ss[k]->t[i].upos], c.sent[k].tok[i].col[3]);
			xright +=
			    !strcmp(m->tagger.xpos[ss[k]->t[i].xpos], c.sent[k].tok[i].col[4]);
		}
	}
	fprintf(stderr, "%zu tokens: UPOS %.2f%%  XPOS %.2f%%  (gold tokens)\n", ntok,
	        100.0 * right / ntok, 100.0 * xright / ntok);
	fprintf(stderr, "speed: %.0f tokens/s (tag+parse+NER, one core CPU time, best of 3)\n",
	        ntok / best);
	/* rewrite the gold file */
	size_t len;
	char *data = slurp(gold, &len);
	FILE *f = fopen(out, "w");
	if (!f)
		return 1;
	size_t sent = 0, tok = 0;
	int in_sent = 0;
	for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
		/* strtok drops blank lines: a comment after words starts a new sentence */
		if (line[0] == '#') {
			if (in_sent) {
				fputc('\n', f);
				sent++;
				tok = 0;
				in_sent = 0;
			}
			fprintf(f, "%s\n", line);
			continue;
		}
		char *col[10] = {0};
		char *q = line;
		int k = 0;
		for (; k < 10 && q; k++) {
			col[k] = q;
			q = strchr(q, '\t');
			if (q)
				*q++ = '\0';
		}
		in_sent = 1;
		if (strchr(col[0], '-') || strchr(col[0], '.') || sent >= c.n ||
		    (int)tok >= ss[sent]->n) {
			for (int j = 0; j < k; j++)
				fprintf(f, "%s%s", j ? "\t" : "", col[j]);
			fputc('\n', f);
			continue;
		}
		const lx_tok *t = &ss[sent]->t[tok++];
		fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t_\t%s\n", col[0], col[1], col[2],
		        ln_upos_names[t->upos], m->tagger.xpos[t->xpos], col[5], t->head,
		        m->parser.label[t->deprel], col[9]);
	}
	if (in_sent)
		fputc('\n', f);
	fclose(f);
	free(data);
	for (size_t k = 0; k < c.n; k++)
		free(ss[k]);
	free(ss);
	cu_free(&c);
	ln_models_free(m);
	return 0;
}

typedef struct span {
	int first, last, type;
} span;

static int spans(const uint8_t *lab, int n, span *out)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (!lab[i])
			continue;
		int type = (lab[i] - 1) / 2, j = i;
		while (j + 1 < n && lab[j + 1] == LN_NER_I(type))
			j++;
		out[k++] = (span){i, j, type};
		i = j;
	}
	return k;
}

/* Entity spans against an .iob2 file: exact-match P/R/F1 per type. */

/* ---- the sentence-boundary model (sent.bin) ---------------------------- */

#define SB_BITS 20
#define SB_EPOCHS 6

/* Sentence ends of a CoNLL-U file as counts of non-space bytes of the
 * surface forms (multiword tokens once, empty nodes skipped): the same
 * positions in the raw rendering of the file, whatever its spaces. */
static size_t *gold_sentence_ends(const char *path, size_t *count)
{
	size_t len;
	char *t = slurp(path, &len);
	size_t cap = 1024, n = 0, pos = 0, skip_to = 0;
	size_t *e = malloc(cap * sizeof *e);
	int open = 0;
	for (char *line = t; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (!*line || *line == '\r') {
			if (open) {
				if (n == cap)
					e = realloc(e, (cap *= 2) * sizeof *e);
				e[n++] = pos;
			}
			open = 0;
			skip_to = 0;
		} else if (*line >= '0' && *line <= '9') {
			char *tab = strchr(line, '\t');
			char *form = tab ? tab + 1 : NULL;
			char *fe = form ? strchr(form, '\t') : NULL;
			size_t id_a = strtoul(line, NULL, 10);
			const char *dash = memchr(line, '-', tab ? (size_t)(tab - line) : 0);
			const char *dot = memchr(line, '.', tab ? (size_t)(tab - line) : 0);
			int take = 0;
			if (dash) {
				skip_to = strtoul(dash + 1, NULL, 10);
				take = 1;
			} else if (!dot && id_a > skip_to) {
				take = 1;
			}
			if (take && form && fe) {
				for (char *c = form; c < fe; c++)
					pos += *c != ' ';
				open = 1;
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	if (open)
		e[n++] = pos;
	free(t);
	*count = n;
	return e;
}

/* Labels of the boundaries after each token of d (1: a gold sentence ends
 * there; 0: not; 2: the token's end is not a gold position reachable). */
static uint8_t *sb_labels(const ln_doc *d, const size_t *ends, size_t nends)
{
	uint8_t *y = calloc(d->ntok ? d->ntok : 1, 1);
	size_t pos = 0, at = 0, e = 0;
	for (size_t i = 0; i < d->ntok; i++) {
		for (; at < d->tok[i].end; at++)
			pos += !(d->text[at] == ' ' || d->text[at] == '\n' || d->text[at] == '\t' ||
			         d->text[at] == '\r');
		while (e < nends && ends[e] < pos)
			e++;
		y[i] = e < nends && ends[e] == pos;
	}
	return y;
}

typedef struct sb_doc {
	char *text;
	ln_doc d;
	lx_sb_ctx c;
	uint8_t *y;
} sb_doc;

static void sb_doc_load(sb_doc *s, const char *txt, const char *conllu)
{
	size_t len, ne;
	s->text = slurp(txt, &len);
	ln_doc_init(&s->d, s->text, len);
	if (ln_doc_tokenize(&s->d) || lx_sb_prepare(&s->d, &s->c)) {
		fprintf(stderr, "%s: tokenising failed\n", txt);
		exit(1);
	}
	size_t *ends = gold_sentence_ends(conllu, &ne);
	s->y = sb_labels(&s->d, ends, ne);
	size_t pos = 0;
	for (size_t i = 0; i < s->d.ntok; i++)
		pos += s->y[i];
	printf("  %s: %zu tokens, %zu gold sentences, %zu of their ends at a token's end\n", txt,
	       s->d.ntok, ne, pos);
	free(ends);
}

static void sb_doc_free(sb_doc *s)
{
	lx_sb_ctx_free(&s->c);
	ln_doc_free(&s->d);
	free(s->y);
	free(s->text);
}

/* Boundary precision/recall of the model (w) against the gold, and of the
 * rules alone. */
static void sb_eval(const sb_doc *s, const int16_t *w, uint64_t mask, const char *what)
{
	size_t tp = 0, fp = 0, fn = 0, rtp = 0, rfp = 0, rfn = 0;
	uint64_t h[LX_SB_MAX_FEATS];
	for (size_t i = 0; i + 1 < s->d.ntok; i++) {
		if (s->d.tok[i + 1].flags & LN_TOK_PARA_START)
			continue;
		size_t nf = lx_sb_features(&s->d, &s->c, i, h);
		int32_t sc = 0;
		for (size_t f = 0; f < nf; f++)
			sc += w[h[f] & mask];
		int p = sc > 0, g = s->y[i] == 1, r = s->c.rule_end[i];
		tp += p && g, fp += p && !g, fn += !p && g;
		rtp += r && g, rfp += r && !g, rfn += !r && g;
	}
	printf("  %s, boundaries inside paragraphs: model %zu right, %zu extra, %zu missed; "
	       "rules %zu, %zu, %zu\n",
	       what, tp, fp, fn, rtp, rfp, rfn);
}

static int cmd_sent(const char *corpora, const char *outdir)
{
	char txt[4096], cu[4096];
	sb_doc tr[2], dv;
	size_t ntr = 1;
	double t0 = now();
	snprintf(txt, sizeof txt, "%s/ewt/train.txt", corpora);
	snprintf(cu, sizeof cu, "%s/ewt/en_ewt-ud-train.conllu", corpora);
	sb_doc_load(&tr[0], txt, cu);
	const char *gum = getenv("PARLEY_SENT_GUM"); /* 0: EWT alone (measured) */
	if (!gum || *gum != '0') {
		snprintf(txt, sizeof txt, "%s/gum/gum-train-sel.txt", corpora);
		snprintf(cu, sizeof cu, "%s/gum/gum-train-sel.conllu", corpora);
		sb_doc_load(&tr[ntr++], txt, cu);
	}
	snprintf(txt, sizeof txt, "%s/ewt/dev.txt", corpora); /* measured, never trained on */
	snprintf(cu, sizeof cu, "%s/ewt/en_ewt-ud-dev.conllu", corpora);
	int has_dev = access(txt, R_OK) == 0 && access(cu, R_OK) == 0;
	if (has_dev)
		sb_doc_load(&dv, txt, cu);
	size_t size = (size_t)1 << SB_BITS;
	uint64_t mask = size - 1;
	double *w = calloc(size, sizeof *w), *u = calloc(size, sizeof *u);
	int16_t *avg = calloc(size, sizeof *avg);
	size_t all = 0, m = 0;
	for (size_t t = 0; t < ntr; t++)
		all += tr[t].d.ntok;
	size_t *order = malloc((all ? all : 1) * sizeof *order);
	for (size_t t = 0; t < ntr; t++)
		for (size_t i = 0; i + 1 < tr[t].d.ntok; i++)
			if (!(tr[t].d.tok[i + 1].flags & LN_TOK_PARA_START) && tr[t].y[i] != 2)
				order[m++] = i * 2 + t; /* token and document */
	uint64_t rng = 0x2545f4914f6cdd1dULL, h[LX_SB_MAX_FEATS];
	double c = 1;
	int epochs = getenv("PARLEY_SENT_EPOCHS") ? atoi(getenv("PARLEY_SENT_EPOCHS")) : SB_EPOCHS;
	for (int ep = 0; ep < epochs; ep++) {
		for (size_t k = m; k > 1; k--) { /* fixed shuffle */
			rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
			size_t r = (size_t)(rng % k), tmp = order[k - 1];
			order[k - 1] = order[r], order[r] = tmp;
		}
		size_t wrong = 0;
		for (size_t k = 0; k < m; k++, c++) {
			size_t i = order[k] / 2;
			const sb_doc *sd = &tr[order[k] % 2];
			size_t nf = lx_sb_features(&sd->d, &sd->c, i, h);
			double sc = 0;
			for (size_t f = 0; f < nf; f++)
				sc += w[h[f] & mask];
			int g = sd->y[i] == 1;
			if ((sc > 0) != g) {
				double dlt = g ? 1 : -1;
				for (size_t f = 0; f < nf; f++) {
					w[h[f] & mask] += dlt;
					u[h[f] & mask] += c * dlt;
				}
				wrong++;
			}
		}
		double big = 0; /* int16 weights: the largest averaged weight is 32767 */
		for (size_t f = 0; f < size; f++) {
			double a = w[f] - u[f] / c;
			big = a > big ? a : -a > big ? -a : big;
		}
		for (size_t f = 0; f < size; f++)
			avg[f] = (int16_t)lround((w[f] - u[f] / c) * 32767.0 / (big > 0 ? big : 1));
		printf("  epoch %d: %zu of %zu boundaries wrong while training\n", ep + 1, wrong,
		       m);
		if (has_dev)
			sb_eval(&dv, avg, mask, "dev");
	}
	blob_w b;
	blob_w_init(&b);
	blob_put_u32(&b, SB_BITS);
	blob_put_array(&b, avg, size * sizeof *avg);
	char path[4096];
	snprintf(path, sizeof path, "%s/sent.bin", outdir);
	int rc = blob_save(&b, LX_KIND_SENT, path);
	blob_w_free(&b);
	printf("sentence model: %s (%.1f s)\n", path, now() - t0);
	free(w), free(u), free(avg), free(order);
	for (size_t t = 0; t < ntr; t++)
		sb_doc_free(&tr[t]);
	if (has_dev)
		sb_doc_free(&dv);
	return rc;
}

static int cmd_eval_ner(const char *dir, const char *file)
{
	ln_models *m = load_models(dir);
	cu_corpus c;
	load_corpus(file, &c);
	long tp[LN_ENT_COUNT] = {0}, np[LN_ENT_COUNT] = {0}, ng[LN_ENT_COUNT] = {0};
	span gs[LN_MAX_SENT_TOKENS], ps[LN_MAX_SENT_TOKENS];
	uint8_t gl[LN_MAX_SENT_TOKENS], pl[LN_MAX_SENT_TOKENS];
	lx_sent *one[1];
	lx_ner_hist *h = malloc(sizeof *h);
	if (!h)
		return 1;
	lx_ner_hist_clear(h);
	const char *dump = getenv("PARLEY_NER_DUMP");
	int all_out = dump && !strcmp(dump, "all");
	for (size_t k = 0; k < c.n; k++) {
		if (c.sent[k].newdoc)
			lx_ner_hist_clear(h);
		ner_sents(&(cu_corpus){.sent = &c.sent[k], .n = 1}, one, NULL);
		lx_sent *s = one[0];
		for (int i = 0; i < s->n; i++)
			gl[i] = s->t[i].ner;
		lx_annotate_sent(m, s, h);
		for (int i = 0; i < s->n; i++)
			pl[i] = s->t[i].ner;
		int a = spans(gl, s->n, gs), b = spans(pl, s->n, ps);
		if (all_out) { /* PARLEY_NER_DUMP=all: every token, FORM GOLD PREDICTED */
			for (int i = 0; i < s->n; i++)
				printf("%.*s\t%d\t%d\n", (int)s->t[i].len, s->t[i].s, gl[i], pl[i]);
			printf("\n");
		} else if (getenv("PARLEY_NER_DUMP") && memcmp(gl, pl, (size_t)s->n)) {
			for (int i = 0; i < s->n; i++)
				printf("%s%.*s%s", i ? " " : "# ", (int)s->t[i].len, s->t[i].s,
				       gl[i] != pl[i] ? "*" : "");
			printf("\n");
			for (int i = 0; i < s->n; i++)
				if (gl[i] || pl[i])
					printf("  %.*s\t%d\t%d\n", (int)s->t[i].len, s->t[i].s,
					       gl[i], pl[i]);
		}
		for (int i = 0; i < a; i++)
			ng[gs[i].type]++;
		for (int j = 0; j < b; j++) {
			np[ps[j].type]++;
			for (int i = 0; i < a; i++)
				if (gs[i].first == ps[j].first && gs[i].last == ps[j].last &&
				    gs[i].type == ps[j].type)
					tp[ps[j].type]++;
		}
		free(s);
	}
	long T = 0, P = 0, G = 0;
	for (int t = 0; t < LN_ENT_COUNT; t++) {
		double p = np[t] ? (double)tp[t] / np[t] : 0, r = ng[t] ? (double)tp[t] / ng[t] : 0;
		printf("%-5s gold %5ld predicted %5ld  P %.2f R %.2f F1 %.2f\n", ln_ent_names[t],
		       ng[t], np[t], 100 * p, 100 * r, p + r > 0 ? 200 * p * r / (p + r) : 0);
		T += tp[t];
		P += np[t];
		G += ng[t];
	}
	double p = P ? (double)T / P : 0, r = G ? (double)T / G : 0;
	printf("ALL   gold %5ld predicted %5ld  P %.2f R %.2f F1 %.2f\n", G, P, 100 * p, 100 * r,
	       p + r > 0 ? 200 * p * r / (p + r) : 0);
	free(h);
	cu_free(&c);
	ln_models_free(m);
	return 0;
}

/* Tagger alone: train on TRAIN, UPOS/XPOS accuracy on EVAL (gold tokens). */
static int cmd_tagger_eval(const char *trainf, const char *evalf)
{
	cu_corpus tr, ev;
	load_corpus(trainf, &tr);
	load_corpus(evalf, &ev);
	lx_gold *g = gold_from(&tr), *e = gold_from(&ev);
	blob_w b;
	blob_w_init(&b);
	if (lx_tagger_train(g, tr.n, &tag_opts, &b) != 0)
		return 1;
	lx_tagger m;
	open_tagger(&m, &b, LX_KIND_TAGGER);
	size_t right = 0, xright = 0, n = 0;
	for (size_t k = 0; k < ev.n; k++) {
		lx_tag(&m, e[k].s);
		for (int i = 0; i < e[k].s->n; i++, n++) {
			right += !strcmp(ln_upos_names[e[k].s->t[i].upos], e[k].upos[i]);
			xright += !strcmp(m.xpos[e[k].s->t[i].xpos], e[k].xpos[i]);
		}
	}
	printf("UPOS %.2f%%  XPOS %.2f%%  (%zu tokens, %zu bytes)\n", 100.0 * right / n,
	       100.0 * xright / n, n, b.len);
	return 0;
}

int main(int argc, char **argv)
{
	prune_from_env();
	if (argc == 4 && !strcmp(argv[1], "tagger-eval"))
		return cmd_tagger_eval(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "models"))
		return cmd_models(argv[2], argv[3], 0);
	if (argc == 4 && !strcmp(argv[1], "parser")) /* tagger (rewritten) + parser only */
		return cmd_models(argv[2], argv[3], 1);
	if (argc == 4 && !strcmp(argv[1], "ner")) { /* NER only, tags of MODELDIR's tagger */
		char path[4096], *err = NULL;
		size_t tlen;
		snprintf(path, sizeof path, "%s/tagger.bin", argv[3]);
		char *timg = slurp(path, &tlen);
		lx_tagger tagger;
		if (lx_tagger_open(&tagger, timg, tlen, &err) != 0) {
			fprintf(stderr, "%s: %s\n", path, err);
			return 1;
		}
		pc_model_exact(&tagger.pc);
		cu_corpus train[UD_NCORPORA];
		size_t n, nall;
		lx_gold *g = load_trees(argv[2], train, &n, &nall);
		int rc = jackknife(g, n) || train_ner(argv[2], argv[3], &tagger, g, n);
		free_gold(g, n);
		for (size_t c = 0; c < UD_NCORPORA; c++)
			cu_free(&train[c]);
		lx_tagger_free(&tagger);
		free(timg);
		return rc;
	}
	if (argc == 4 && !strcmp(argv[1], "sent")) /* sentence-boundary model only */
		return cmd_sent(argv[2], argv[3]);
	if (argc == 5 && !strcmp(argv[1], "eval-ud"))
		return cmd_eval_ud(argv[2], argv[3], argv[4]);
	if (argc == 4 && !strcmp(argv[1], "eval-ner"))
		return cmd_eval_ner(argv[2], argv[3]);
	fprintf(stderr, "usage: parley-train models CORPORA OUTDIR\n"
	                "       parley-train eval-ud MODELDIR GOLD.conllu OUT.conllu\n"
	                "       parley-train ner CORPORA MODELDIR  (NER only)\n"
	                "       parley-train sent CORPORA MODELDIR  (sentence boundaries only)\n"
	                "       parley-train eval-ner MODELDIR GOLD.iob2\n");
	return 2;
}
