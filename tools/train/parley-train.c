/*
 * parley-train — trains the language layer's models and measures them.
 *
 * Design note
 * -----------
 * `make models CORPORA=/path` runs `parley-train models CORPORA OUTDIR`:
 *   1. tagger on UD English EWT train (joint UPOS+XPOS classes);
 *   2. five-fold jack-knifing of the tagger over EWT train, so the parser
 *      and the NER tagger train on predicted tags like those they will see;
 *   3. parser on EWT train (gold trees, jack-knifed tags);
 *   4. NER on Universal NER EWT train + PolNeAR train CoreNLP silver
 *      entities (converted by corenlp2iob.py, last month held out); the
 *      named entities of UD English GUM's CC BY genres (gum2iob.py) are
 *      read when PARLEY_NER_COPIES counts them.
 * Deterministic: fixed seeds, fixed shuffles, no threads.  Corpora are read
 * from CORPORA; nothing is fetched.
 *
 * The other commands measure: `eval-ud` tags and parses a CoNLL-U file on
 * its gold tokens and writes CoNLL-U for the UD scorer (and tokens/s);
 * `eval-ner` scores entity spans against an .iob2 file.
 */
#include "lang/conllu.h"
#include "lang/internal.h"

#include <errno.h>
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
	/* img stays alive with the model (freed at exit) */
}

/* prune: entries under this fraction of the largest weight are dropped
 * (parser: -0.2 LAS on dev at half the size; keeps all models <= 30 MB). */
static lx_train_opts tag_opts = {.epochs = 10, .seed = 1, .prune = 0.0, .verbose = 1};
static lx_train_opts dep_opts = {.epochs = 15, .seed = 2, .prune = 0.0125, .verbose = 1};
static lx_train_opts ner_opts = {.epochs = 8, .seed = 3, .prune = 0.0, .verbose = 1};

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
#define LEX_NAMES "service/data/names.tsv"
#define LEX_TITLES "service/data/titles.tsv"
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
	char line[8192];
	FILE *f = lex_open(LEX_NAMES);
	while (fgets(line, sizeof line, f))
		if (line[0] != '#' && line[0] != '\n')
			lex_add(&a, line, strcspn(line, "\t\r\n"), LX_LEX_GIVEN | LX_LEX_PER_FIRST);
	fclose(f);
	/* titles.tsv: the last word of a person's title ("senator", "sen.") */
	f = lex_open(LEX_TITLES);
	while (fgets(line, sizeof line, f)) {
		size_t l = strcspn(line, "\t\r\n");
		if (line[0] == '#' || !l || !strstr(line + l, "\tperson"))
			continue;
		line[l] = '\0';
		const char *last = strrchr(line, ' ');
		last = last ? last + 1 : line;
		lex_add(&a, last, strlen(last), LX_LEX_PERSON_NOUN);
	}
	fclose(f);
	f = lex_open(LEX_WORDNET);
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
	const char *env = getenv("PARLEY_NER_COPIES");
	for (size_t c = 0; c < NER_NCORPORA; c++) {
		copies[c] = ner_corpora[c].copies;
		if (env && *env) {
			copies[c] = strtoul(env, (char **)&env, 10);
			env += *env == ',';
		}
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

static int cmd_models(const char *corpora, const char *outdir, int parser_only)
{
	char path[4096];
	cu_corpus train;
	double t0 = now();
	snprintf(path, sizeof path, "%s/ewt/en_ewt-ud-train.conllu", corpora);
	load_corpus(path, &train);
	lx_gold *g = gold_from(&train);
	size_t n = train.n;
	fprintf(stderr, "EWT train: %zu sentences\n", n);

	/* 1. tagger on everything */
	blob_w tb;
	blob_w_init(&tb);
	if (lx_tagger_train(g, n, &tag_opts, &tb) != 0)
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
	if (lx_parser_train(g, n, &dep_opts, &pb) != 0)
		return 1;
	save(&pb, LX_KIND_PARSER, outdir, "parser.bin");
	blob_w_free(&pb);
	fprintf(stderr, "parser: %.1fs\n", now() - t0);
	if (parser_only)
		return 0;

	/* 4. NER */
	if (train_ner(corpora, outdir, &tagger, g, n) != 0)
		return 1;
	fprintf(stderr, "all models: %.1fs\n", now() - t0);
	free_gold(g, n);
	cu_free(&train);
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
		cu_corpus train;
		snprintf(path, sizeof path, "%s/ewt/en_ewt-ud-train.conllu", argv[2]);
		load_corpus(path, &train);
		lx_gold *g = gold_from(&train);
		int rc = jackknife(g, train.n) || train_ner(argv[2], argv[3], &tagger, g, train.n);
		free_gold(g, train.n);
		cu_free(&train);
		lx_tagger_free(&tagger);
		free(timg);
		return rc;
	}
	if (argc == 5 && !strcmp(argv[1], "eval-ud"))
		return cmd_eval_ud(argv[2], argv[3], argv[4]);
	if (argc == 4 && !strcmp(argv[1], "eval-ner"))
		return cmd_eval_ner(argv[2], argv[3]);
	fprintf(stderr, "usage: parley-train models CORPORA OUTDIR\n"
	                "       parley-train eval-ud MODELDIR GOLD.conllu OUT.conllu\n"
	                "       parley-train ner CORPORA MODELDIR  (NER only)\n"
	                "       parley-train eval-ner MODELDIR GOLD.iob2\n");
	return 2;
}
