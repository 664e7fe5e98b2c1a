/* lang models: the perceptron learns and round-trips, the loader refuses
 * damaged files with a clear message, the parser always builds a tree, and
 * the committed models tag, parse and find entities in sentences we wrote. */
#include "check_main.h"
#include "lang/internal.h"
#include "lexlists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MODELS PARLEY_SOURCE_DIR "/service/models"

/* ---- perceptron -------------------------------------------------------- */

/* Toy problem: the class is decided by which of three cue words is present,
 * the other features are noise. */
static size_t toy(unsigned i, uint64_t *f, unsigned *cls)
{
	static const char *cue[3] = {"red", "green", "blue"};
	*cls = i % 3;
	f[0] = pc_hash(cue[*cls], strlen(cue[*cls]));
	f[1] = pc_mix(7, (i * 2654435761u) % 13);
	f[2] = pc_mix(8, (i * 40503u) % 5);
	return 3;
}

static pc_model train_toy(void)
{
	pc_trainer *t = pc_trainer_new(3);
	ck_assert_ptr_nonnull(t);
	uint64_t f[3];
	for (int epoch = 0; epoch < 5; epoch++)
		for (unsigned i = 0; i < 300; i++) {
			unsigned cls;
			size_t nf = toy(i, f, &cls);
			float sc[3] = {0};
			pc_trainer_score(t, f, nf, sc);
			unsigned guess = 0;
			for (unsigned c = 1; c < 3; c++)
				if (sc[c] > sc[guess])
					guess = c;
			ck_assert_int_eq(pc_trainer_update(t, f, nf, cls, guess), 0);
		}
	pc_model m;
	ck_assert_int_eq(pc_trainer_compile(t, 0.0, &m), 0);
	pc_trainer_free(t);
	return m;
}

static unsigned predict(const pc_model *m, unsigned i)
{
	uint64_t f[3];
	unsigned cls;
	size_t nf = toy(i, f, &cls);
	int32_t sc[3] = {0};
	pc_score(m, f, nf, sc);
	unsigned best = 0;
	for (unsigned c = 1; c < 3; c++)
		if (sc[c] > sc[best])
			best = c;
	return best;
}

START_TEST(perceptron_learns_toy_problem)
{
	pc_model m = train_toy();
	for (unsigned i = 1000; i < 1100; i++)
		ck_assert_uint_eq(predict(&m, i), i % 3);
	pc_model_free(&m);
}
END_TEST

START_TEST(perceptron_round_trip)
{
	pc_model m = train_toy();
	blob_w b;
	blob_w_init(&b);
	ck_assert_int_eq(pc_model_write(&m, &b), 0);
	char path[] = "/tmp/parley-pc-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(blob_save(&b, LX_KIND_NER, path), 0);
	FILE *f = fopen(path, "rb");
	char img[1 << 16];
	size_t len = fread(img, 1, sizeof img, f);
	fclose(f);
	unlink(path);
	blob_r r;
	char *err = NULL;
	ck_assert_int_eq(blob_open(&r, img, len, LX_KIND_NER, "toy", &err), 0);
	pc_model back;
	ck_assert_int_eq(pc_model_read(&back, &r, &err), 0);
	ck_assert_uint_eq(back.nent, m.nent);
	for (unsigned i = 0; i < 300; i++)
		ck_assert_uint_eq(predict(&back, i), predict(&m, i));
	/* the wrong kind is refused */
	ck_assert_int_eq(blob_open(&r, img, len, LX_KIND_TAGGER, "toy", &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "wrong kind"));
	free(err);
	pc_model_free(&m);
	blob_w_free(&b);
}
END_TEST

/* The compact run-time table gives the very scores of the file's table:
 * rows of one, two, a few and many classes, and features never seen. */
START_TEST(perceptron_compact_same_scores)
{
	enum { NC = 40 };
	pc_trainer *t = pc_trainer_new(NC);
	ck_assert_ptr_nonnull(t);
	uint64_t f[4];
	for (int epoch = 0; epoch < 4; epoch++)
		for (unsigned i = 0; i < 4000; i++) {
			unsigned cls = (i * 7u) % NC;
			f[0] = pc_mix(1, cls);                    /* one class or two */
			f[1] = pc_mix(2, 0);                      /* every class: dense */
			f[2] = pc_mix(3, cls / 8);                /* a few classes */
			f[3] = pc_mix(4, (i * 2654435761u) % 97); /* noise */
			float sc[NC] = {0};
			pc_trainer_score(t, f, 4, sc);
			unsigned guess = 0;
			for (unsigned c = 1; c < NC; c++)
				if (sc[c] > sc[guess])
					guess = c;
			ck_assert_int_eq(pc_trainer_update(t, f, 4, cls, guess), 0);
		}
	pc_model plain, fast;
	ck_assert_int_eq(pc_trainer_compile(t, 0.0, &plain), 0);
	ck_assert_int_eq(pc_trainer_compile(t, 0.0, &fast), 0);
	pc_trainer_free(t);
	ck_assert_int_eq(pc_model_compact(&fast), 0);
	ck_assert_ptr_nonnull(fast.bkt);
	uint64_t g[70];
	for (unsigned k = 0; k < 70; k++) /* more than one batch */
		g[k] = k < 40   ? pc_mix(1, k)
		       : k < 45 ? pc_mix(3, k - 40)
		       : k < 50 ? pc_mix(2, 0)
		                : pc_mix(9, k);
	for (size_t nf = 1; nf <= 70; nf++) {
		int32_t a[NC] = {0}, b[NC] = {0};
		pc_score(&plain, g, nf, a);
		pc_score(&fast, g, nf, b);
		ck_assert_mem_eq(a, b, sizeof a);
	}
	/* dropped again (what the trainer does), scoring reads the file's table */
	pc_model_exact(&fast);
	ck_assert_ptr_null(fast.bkt);
	ck_assert_ptr_null(fast.fast);
	for (size_t nf = 1; nf <= 70; nf += 23) {
		int32_t a[NC] = {0}, b[NC] = {0};
		pc_score(&plain, g, nf, a);
		pc_score(&fast, g, nf, b);
		ck_assert_mem_eq(a, b, sizeof a);
	}
	pc_model_free(&plain);
	pc_model_free(&fast);
}
END_TEST

/* ---- loader ------------------------------------------------------------ */

/* What the word lists give, as the trainer reads them. */
typedef struct list_check {
	const lx_lex_table *lt;
	size_t missing, titles;
	uint64_t given[4096]; /* distinct given names */
	size_t ngiven;
} list_check;

static void check_word(void *ctx, const char *w, size_t len, uint8_t bits)
{
	list_check *c = ctx;
	lx_tok t = {.s = w, .len = (uint32_t)len};
	lx_word_features(&t);
	size_t k = lx_find_key(c->lt->key, c->lt->n, t.lower);
	if (k == c->lt->n || (c->lt->bits[k] & bits) != bits) {
		fprintf(stderr, "ner.bin lacks '%.*s' with bits %#x\n", (int)len, w, bits);
		c->missing++;
	}
	if (bits & LX_LEX_PERSON_NOUN)
		c->titles++;
	if (!(bits & LX_LEX_GIVEN))
		return;
	for (size_t g = 0; g < c->ngiven; g++)
		if (c->given[g] == t.lower)
			return;
	ck_assert_uint_lt(c->ngiven, sizeof c->given / sizeof c->given[0]);
	c->given[c->ngiven++] = t.lower;
}

/* ner.bin was trained from the repository's own word lists as they are now:
 * every given name of service/data/names.tsv, and no other word, carries
 * LX_LEX_GIVEN in its lexicon, and the last word of every person title of
 * service/data/titles.tsv LX_LEX_PERSON_NOUN.  A list edited since means
 * make models no longer gives the committed file: retrain it
 * (make models-ner, service/models/README.md). */
START_TEST(ner_lexicon_is_the_data_files)
{
	char *err = NULL, bad[512];
	ln_models *m = ln_models_load_dir(MODELS, &err);
	ck_assert_msg(m != NULL, "%s", err ? err : "");
	static list_check c;
	memset(&c, 0, sizeof c);
	c.lt = &m->ner.lex;
	ck_assert_int_eq(lexlists_read(PARLEY_SOURCE_DIR, check_word, &c, bad, sizeof bad), 0);
	ck_assert_uint_gt(c.titles, 20);
	ck_assert_msg(c.missing == 0,
	              "%zu words of names.tsv/titles.tsv not in ner.bin: retrain it", c.missing);
	size_t given = 0;
	for (size_t i = 0; i < c.lt->n; i++)
		given += (c.lt->bits[i] & LX_LEX_GIVEN) != 0;
	ck_assert_msg(given == c.ngiven,
	              "ner.bin has %zu given names, names.tsv %zu: retrain it (make models-ner)",
	              given, c.ngiven);
	ln_models_free(m);
}
END_TEST

static char *copy_models(void)
{
	char *dir = strdup("/tmp/parley-models-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char cmd[512];
	snprintf(cmd, sizeof cmd, "cp %s/*.bin %s/", MODELS, dir);
	ck_assert_int_eq(system(cmd), 0);
	return dir;
}

static void remove_dir(char *dir)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}

static void patch(const char *dir, const char *file, long off, unsigned char byte)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *f = fopen(path, "r+b");
	ck_assert_ptr_nonnull(f);
	if (off < 0)
		fseek(f, off, SEEK_END);
	else
		fseek(f, off, SEEK_SET);
	fputc(byte, f);
	fclose(f);
}

static void expect_error(const char *dir, const char *needle)
{
	char *err = NULL;
	ln_models *m = ln_models_load_dir(dir, &err);
	ck_assert_ptr_null(m);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, needle) != NULL, "error '%s' lacks '%s'", err, needle);
	free(err);
}

START_TEST(loader_accepts_committed_models)
{
	char *err = NULL;
	ln_models *m = ln_models_load_dir(MODELS, &err);
	ck_assert_msg(m != NULL, "%s", err ? err : "");
	size_t nx = 0, nd = 0;
	const char *const *xpos = ln_models_xpos(m, &nx), *const *dep = ln_models_deprel(m, &nd);
	ck_assert_uint_gt(nx, 10);
	ck_assert_uint_gt(nd, 10);
	int has_nn = 0, has_nsubj = 0;
	for (size_t i = 0; i < nx; i++)
		has_nn |= !strcmp(xpos[i], "NN");
	for (size_t i = 0; i < nd; i++)
		has_nsubj |= !strcmp(dep[i], "nsubj");
	ck_assert(has_nn && has_nsubj);
	/* the entity tagger carries its casing table, word lexicon and seen names */
	ck_assert_uint_gt(m->ner.cases.n, 1000);
	ck_assert_uint_gt(m->ner.lex.n, 10000);
	ck_assert_uint_gt(m->ner.seen.n, 1000);
	/* and the optional sentence-boundary model is there */
	ck_assert(m->has_sb);
	ck_assert_uint_ge(m->sb.bits, 8);
	ln_models_free(m);
}
END_TEST

START_TEST(loader_rejects_damage)
{
	char *dir = copy_models();
	patch(dir, "parser.bin", -3, 0x5a); /* a weight byte */
	expect_error(dir, "parser.bin");
	expect_error(dir, "checksum");
	remove_dir(dir);

	dir = copy_models();
	patch(dir, "tagger.bin", 8, 99); /* format version */
	expect_error(dir, "version");
	remove_dir(dir);

	dir = copy_models();
	patch(dir, "ner.bin", 0, 'X'); /* magic */
	expect_error(dir, "not a parley language model");
	remove_dir(dir);

	dir = copy_models();
	patch(dir, "ner.bin", 15, '1'); /* kind ner1: a model from before the lexicon */
	expect_error(dir, "wrong kind");
	remove_dir(dir);

	dir = copy_models();
	char path[512];
	snprintf(path, sizeof path, "%s/ner.bin", dir);
	ck_assert_int_eq(truncate(path, 1000), 0);
	expect_error(dir, "truncated");
	unlink(path);
	expect_error(dir, "ner.bin");
	remove_dir(dir);

	/* sent.bin is optional, but a damaged one is refused */
	dir = copy_models();
	patch(dir, "sent.bin", -3, 0x5a);
	expect_error(dir, "sent.bin");
	expect_error(dir, "checksum");
	snprintf(path, sizeof path, "%s/sent.bin", dir);
	unlink(path);
	char *err = NULL;
	ln_models *m = ln_models_load_dir(dir, &err);
	ck_assert_msg(m != NULL, "%s", err ? err : "");
	ck_assert(!m->has_sb);
	ln_models_free(m);
	remove_dir(dir);
}
END_TEST

/* The sentence model regroups the rules' tokens: its sentences tile the
 * tokens, a blank line still ends one, a sentence is still cut at
 * LN_MAX_SENT_TOKENS, and plain prose splits as the rules split it. */
static void check_tiling(const ln_doc *d)
{
	size_t next = 0;
	for (size_t s = 0; s < d->nsent; s++) {
		ck_assert_uint_eq(d->sent[s].first, next);
		ck_assert_uint_gt(d->sent[s].count, 0);
		ck_assert_uint_le(d->sent[s].count, LN_MAX_SENT_TOKENS);
		next += d->sent[s].count;
	}
	ck_assert_uint_eq(next, d->ntok);
}

START_TEST(sentence_model_regroups)
{
	char *err = NULL;
	ln_models *m = ln_models_load_dir(MODELS, &err);
	ck_assert_msg(m != NULL, "%s", err ? err : "");
	const char *prose = "The talks began on Monday. Did they end? No! They go on.\n\n"
	                    "A new paragraph without a stop\n\nAnd another one.";
	ln_doc d;
	ln_doc_init(&d, prose, strlen(prose));
	ck_assert_int_eq(ln_doc_analyze(m, &d), 0);
	check_tiling(&d);
	ck_assert_uint_eq(d.nsent, 6);
	ln_doc_free(&d);
	/* 20,000 words and no stop: cut, in linear time */
	size_t n = 20000 * 5;
	char *big = malloc(n + 1);
	ck_assert_ptr_nonnull(big);
	for (size_t i = 0; i < n; i += 5)
		memcpy(big + i, "word ", 5);
	big[n] = 0;
	ln_doc_init(&d, big, n);
	ck_assert_int_eq(ln_doc_analyze(m, &d), 0);
	check_tiling(&d);
	ck_assert_uint_ge(d.nsent, 20000 / LN_MAX_SENT_TOKENS);
	ln_doc_free(&d);
	free(big);
	ln_models_free(m);
}
END_TEST

static void expect_check_error(const char *dir, const char *needle)
{
	char *err = NULL;
	ck_assert_int_eq(ln_models_check_dir(dir, &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, needle) != NULL, "error '%s' lacks '%s'", err, needle);
	free(err);
}

/* The start-time check reads headers only: it takes what the loader
 * takes, finds the same header damage, and leaves a flipped weight byte
 * (the checksum) to the loader. */
START_TEST(checker_reads_headers_only)
{
	char *err = NULL;
	ck_assert_int_eq(ln_models_check_dir(MODELS, &err), 0);
	ck_assert_ptr_null(err);

	char *dir = copy_models();
	patch(dir, "parser.bin", -3, 0x5a); /* a weight byte */
	ck_assert_int_eq(ln_models_check_dir(dir, NULL), 0);
	expect_error(dir, "checksum");
	patch(dir, "tagger.bin", 8, 99); /* format version */
	expect_check_error(dir, "tagger.bin");
	expect_check_error(dir, "version");
	remove_dir(dir);

	dir = copy_models();
	patch(dir, "ner.bin", 0, 'X'); /* magic */
	expect_check_error(dir, "not a parley language model");
	remove_dir(dir);

	dir = copy_models();
	patch(dir, "ner.bin", 15, '1'); /* kind */
	expect_check_error(dir, "wrong kind");
	remove_dir(dir);

	dir = copy_models();
	char path[512];
	snprintf(path, sizeof path, "%s/parser.bin", dir);
	ck_assert_int_eq(truncate(path, 1000), 0);
	expect_check_error(dir, "truncated");
	ck_assert_int_eq(truncate(path, 10), 0);
	expect_check_error(dir, "bad magic");
	unlink(path);
	expect_check_error(dir, "parser.bin");
	remove_dir(dir);

	/* sent.bin: optional, but checked when there */
	dir = copy_models();
	patch(dir, "sent.bin", 15, '2'); /* kind */
	expect_check_error(dir, "sent.bin");
	expect_check_error(dir, "wrong kind");
	snprintf(path, sizeof path, "%s/sent.bin", dir);
	unlink(path);
	ck_assert_int_eq(ln_models_check_dir(dir, NULL), 0);
	remove_dir(dir);

	expect_check_error("/nonexistent/dir", "tagger.bin");
}
END_TEST

/* ---- annotation -------------------------------------------------------- */

/* Our own stand-in tokenizer for tests: words, and punctuation split off. */
static void toy_doc(ln_doc *d, const char *text)
{
	memset(d, 0, sizeof *d);
	d->text = text;
	d->len = strlen(text);
	d->tok = calloc(d->len + 1, sizeof *d->tok);
	d->sent = calloc(1, sizeof *d->sent);
	for (size_t i = 0; i < d->len;) {
		if (text[i] == ' ') {
			i++;
			continue;
		}
		size_t j = i;
		if (strchr(".,;:!?\"", text[i]))
			j++;
		else
			while (j < d->len && text[j] != ' ' && !strchr(".,;:!?\"", text[j]))
				j++;
		d->tok[d->ntok++] = (ln_token){.start = (uint32_t)i, .end = (uint32_t)j};
		i = j;
	}
	d->sent[0] = (ln_sentence){
	    .first = 0, .count = (uint32_t)d->ntok, .start = 0, .end = (uint32_t)d->len};
	d->nsent = 1;
}

static void toy_free(ln_doc *d)
{
	free(d->tok);
	free(d->sent);
}

static int find_tok(const ln_doc *d, const char *w)
{
	for (size_t i = 0; i < d->ntok; i++)
		if (d->tok[i].end - d->tok[i].start == strlen(w) &&
		    !memcmp(d->text + d->tok[i].start, w, strlen(w)))
			return (int)i;
	ck_abort_msg("no token %s", w);
	return -1;
}

static const char *deprel(const ln_models *m, const ln_token *t)
{
	size_t n;
	const char *const *names = ln_models_deprel(m, &n);
	return t->deprel < n ? names[t->deprel] : "?";
}

static void check_tree(const ln_doc *d, uint32_t first, uint32_t count)
{
	int roots = 0;
	for (uint32_t i = 0; i < count; i++) {
		int h = d->tok[first + i].head;
		ck_assert_int_ge(h, 0);
		ck_assert_int_le(h, (int)count);
		ck_assert_int_ne(h, (int)i + 1);
		roots += h == 0;
		/* following heads reaches the root within count steps */
		int a = (int)i + 1, steps = 0;
		while (a != 0 && steps++ <= (int)count)
			a = d->tok[first + (uint32_t)a - 1].head;
		ck_assert_int_eq(a, 0);
	}
	ck_assert_int_eq(roots, 1);
}

static const struct {
	const char *text, *word, *upos, *ner;
} tag_cases[] = {
    {"The minister met his counterpart in Paris on Monday.", "met", "VERB", "O"},
    {"The minister met his counterpart in Paris on Monday.", "Paris", "PROPN", "B-LOC"},
    {"The minister met his counterpart in Paris on Monday.", "minister", "NOUN", "O"},
    {"The minister met his counterpart in Paris on Monday.", "his", "PRON", "O"},
    {"Angela Merkel told reporters in Berlin that the talks had failed.", "Angela", "PROPN",
     "B-PER"},
    {"Angela Merkel told reporters in Berlin that the talks had failed.", "Merkel", "PROPN",
     "I-PER"},
    {"Angela Merkel told reporters in Berlin that the talks had failed.", "Berlin", "PROPN",
     "B-LOC"},
    {"Angela Merkel told reporters in Berlin that the talks had failed.", "had", "AUX", "O"},
    {"The United Nations said it would send food to Yemen.", "Nations", "PROPN", "I-ORG"},
    {"The United Nations said it would send food to Yemen.", "Yemen", "PROPN", "B-LOC"},
    /* titles stay outside the name, and the whole name is one span (UPOS not checked:
     * NULL) */
    {"Russian President Vladimir Putin met the envoy in Moscow on Tuesday.", "President", NULL,
     "O"},
    {"Russian President Vladimir Putin met the envoy in Moscow on Tuesday.", "Vladimir", NULL,
     "B-PER"},
    {"Russian President Vladimir Putin met the envoy in Moscow on Tuesday.", "Putin", NULL,
     "I-PER"},
    {"Senator Ben Sasse said the bill would not pass.", "Senator", NULL, "O"},
    {"Senator Ben Sasse said the bill would not pass.", "Sasse", NULL, "I-PER"},
    {"The spokeswoman, Maria Zakharova, rejected the claim.", "Zakharova", NULL, "I-PER"},
};

static const char *ner_name(uint8_t l, char *buf)
{
	if (!l)
		return "O";
	sprintf(buf, "%c-%s", l & 1 ? 'B' : 'I', ln_ent_names[(l - 1) / 2]);
	return buf;
}

START_TEST(annotate_sentences_we_wrote)
{
	char *err = NULL;
	ln_models *m = ln_models_load_dir(MODELS, &err);
	ck_assert_msg(m != NULL, "%s", err ? err : "");
	ln_doc d;
	toy_doc(&d, tag_cases[_i].text);
	ck_assert_int_eq(ln_annotate(m, &d), 0);
	check_tree(&d, 0, (uint32_t)d.ntok);
	const ln_token *t = &d.tok[find_tok(&d, tag_cases[_i].word)];
	char buf[16];
	if (tag_cases[_i].upos)
		ck_assert_str_eq(ln_upos_names[t->upos], tag_cases[_i].upos);
	ck_assert_str_eq(ner_name(t->ner, buf), tag_cases[_i].ner);
	toy_free(&d);
	ln_models_free(m);
}
END_TEST

/* Document memory: a surname met first after a given name is still a person
 * when it comes alone in a later sentence of the same document, though the
 * same sentence alone is not tagged. */
static void two_sentences(ln_doc *d, const char *text)
{
	toy_doc(d, text);
	uint32_t cut = (uint32_t)find_tok(d, ".") + 1;
	ln_sentence *s = realloc(d->sent, 2 * sizeof *s);
	ck_assert_ptr_nonnull(s);
	d->sent = s;
	s[1] = (ln_sentence){.first = cut,
	                     .count = (uint32_t)d->ntok - cut,
	                     .start = d->tok[cut].start,
	                     .end = (uint32_t)d->len};
	s[0].count = cut;
	s[0].end = d->tok[cut - 1].end;
	d->nsent = 2;
}

START_TEST(entities_remembered_across_sentences)
{
	ln_models *m = ln_models_load_dir(MODELS, NULL);
	ck_assert_ptr_nonnull(m);
	ln_doc d;
	char buf[16];
	two_sentences(&d, "Yesterday Anna Schlafly spoke in Gdansk . Schlafly wants a new port .");
	ck_assert_int_eq(ln_annotate(m, &d), 0);
	ck_assert_str_eq(ner_name(d.tok[find_tok(&d, "Anna")].ner, buf), "B-PER");
	ck_assert_str_eq(ner_name(d.tok[d.sent[1].first].ner, buf), "B-PER");
	toy_free(&d);
	toy_doc(&d, "Schlafly wants a new port .");
	ck_assert_int_eq(ln_annotate(m, &d), 0);
	ck_assert_str_eq(ner_name(d.tok[0].ner, buf), "O");
	toy_free(&d);
	ln_models_free(m);
}
END_TEST

START_TEST(parse_relations)
{
	ln_models *m = ln_models_load_dir(MODELS, NULL);
	ck_assert_ptr_nonnull(m);
	ln_doc d;
	toy_doc(&d, "The minister met his counterpart in Paris on Monday.");
	ck_assert_int_eq(ln_annotate(m, &d), 0);
	int met = find_tok(&d, "met"), minister = find_tok(&d, "minister"),
	    counterpart = find_tok(&d, "counterpart");
	ck_assert_int_eq(d.tok[met].head, 0);
	ck_assert_str_eq(deprel(m, &d.tok[met]), "root");
	ck_assert_int_eq(d.tok[minister].head, met + 1);
	ck_assert_str_eq(deprel(m, &d.tok[minister]), "nsubj");
	ck_assert_int_eq(d.tok[counterpart].head, met + 1);
	ck_assert_str_eq(deprel(m, &d.tok[counterpart]), "obj");
	toy_free(&d);
	ln_models_free(m);
}
END_TEST

START_TEST(parser_always_builds_a_tree)
{
	ln_models *m = ln_models_load_dir(MODELS, NULL);
	ck_assert_ptr_nonnull(m);
	static const char *vocab[] = {"the",
	                              "of",
	                              ",",
	                              ".",
	                              "said",
	                              "Paris",
	                              "(",
	                              ")",
	                              "and",
	                              "!!",
	                              "x",
	                              "1999",
	                              "'s",
	                              "not",
	                              "Minister",
	                              "who",
	                              "to",
	                              "be",
	                              "\xc3\xa9t\xc3\xa9",
	                              "--"};
	unsigned seed = 12345;
	for (int round = 0; round < 60; round++) {
		seed = seed * 1103515245u + 12345u;
		size_t n = 1 + (seed >> 8) % (round < 50 ? 60 : 1200);
		char *text = malloc(n * 12 + 1);
		size_t len = 0;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			len += (size_t)sprintf(text + len, "%s ", vocab[(seed >> 8) % 20]);
		}
		ln_doc d;
		memset(&d, 0, sizeof d);
		d.text = text;
		d.len = len;
		d.tok = calloc(n, sizeof *d.tok);
		d.sent = calloc(1, sizeof *d.sent);
		size_t at = 0;
		for (size_t i = 0; i < n; i++) {
			size_t e = at;
			while (text[e] != ' ')
				e++;
			d.tok[i] = (ln_token){.start = (uint32_t)at, .end = (uint32_t)e};
			at = e + 1;
		}
		d.ntok = n;
		d.sent[0] = (ln_sentence){.first = 0, .count = (uint32_t)n};
		d.nsent = 1;
		ck_assert_int_eq(ln_annotate(m, &d), 0);
		/* long sentences are parsed in pieces, each piece one tree */
		for (uint32_t off = 0; off < n; off += LN_MAX_SENT_TOKENS) {
			uint32_t cnt =
			    (uint32_t)(n - off < LN_MAX_SENT_TOKENS ? n - off : LN_MAX_SENT_TOKENS);
			for (uint32_t i = 0; i < cnt; i++)
				if (d.tok[off + i].head)
					d.tok[off + i].head =
					    (int16_t)(d.tok[off + i].head - (int)off);
			check_tree(&d, off, cnt);
		}
		for (size_t i = 0; i < n; i++)
			ck_assert_uint_lt(d.tok[i].ner, LN_NER_LABELS);
		toy_free(&d);
		free(text);
	}
	ln_models_free(m);
}
END_TEST

START_TEST(no_models_no_annotation)
{
	ln_doc d;
	toy_doc(&d, "Nothing to see.");
	ck_assert_int_eq(ln_annotate(NULL, &d), 0);
	ck_assert_int_eq(d.tok[0].upos, LN_UPOS_X);
	toy_free(&d);
	char *err = NULL;
	ck_assert_ptr_null(ln_models_load_dir("/nonexistent/dir", &err));
	ck_assert_ptr_nonnull(strstr(err, "tagger.bin"));
	free(err);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("lang_models");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, perceptron_learns_toy_problem);
	tcase_add_test(tc, perceptron_round_trip);
	tcase_add_test(tc, perceptron_compact_same_scores);
	tcase_add_test(tc, loader_accepts_committed_models);
	tcase_add_test(tc, ner_lexicon_is_the_data_files);
	tcase_add_test(tc, loader_rejects_damage);
	tcase_add_test(tc, checker_reads_headers_only);
	tcase_add_test(tc, sentence_model_regroups);
	tcase_add_loop_test(tc, annotate_sentences_we_wrote, 0,
	                    sizeof tag_cases / sizeof tag_cases[0]);
	tcase_add_test(tc, parse_relations);
	tcase_add_test(tc, entities_remembered_across_sentences);
	tcase_add_test(tc, parser_always_builds_a_tree);
	tcase_add_test(tc, no_models_no_annotation);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
