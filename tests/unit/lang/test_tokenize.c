/*
 * test_tokenize — the table-driven tokeniser and sentence-splitter tests,
 * plus the layer's promises on hostile input.
 *
 * Each file in tests/unit/lang/cases/ holds cases:
 *
 *   === a name
 *   --- input
 *   the text, any number of lines (a blank line is a paragraph break)
 *   --- expect
 *   one line per sentence, tokens separated by spaces; a word split into
 *   clitics is written with '|' between its pieces: did|n't
 *
 * The test tokenises the input and writes the result the same way, so a
 * failure prints both side by side.  One Check loop test per case.
 */
#include "lang/lang.h"

#include "check_main.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CASE_DIR "tests/unit/lang/cases"
#define MAX_CASES 512

typedef struct test_case {
	char name[256];
	char *input, *expect;
} test_case;

static test_case cases[MAX_CASES];
static int n_cases;

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	size_t got = fread(s, 1, (size_t)n, f);
	s[got] = '\0';
	fclose(f);
	return s;
}

static char *dup_range(const char *a, const char *b)
{
	while (b > a && b[-1] == '\n')
		b--;
	char *s = malloc((size_t)(b - a) + 1);
	memcpy(s, a, (size_t)(b - a));
	s[b - a] = '\0';
	return s;
}

static void parse_file(const char *file, char *text)
{
	char *p = text;
	while ((p = strstr(p, "=== ")) && n_cases < MAX_CASES) {
		if (p != text && p[-1] != '\n') {
			p += 4;
			continue;
		}
		test_case *c = &cases[n_cases];
		char *eol = strchr(p, '\n');
		if (!eol)
			break;
		snprintf(c->name, sizeof c->name, "%.64s: %.*s", file,
		         (int)(eol - p - 4 > 180 ? 180 : eol - p - 4), p + 4);
		char *in = strstr(eol, "\n--- input\n");
		char *ex = in ? strstr(in, "\n--- expect\n") : NULL;
		if (!in || !ex)
			break;
		c->input = dup_range(in + 11, ex + 1);
		char *next = strstr(ex + 12, "\n=== ");
		c->expect = dup_range(ex + 12, next ? next + 1 : ex + 12 + strlen(ex + 12));
		n_cases++;
		p = next ? next + 1 : ex + 12 + strlen(ex + 12);
	}
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void load_cases(void)
{
	struct dirent **names;
	int n = scandir(CASE_DIR, &names, NULL, by_name);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);
		if (len > 4 && !strcmp(names[i]->d_name + len - 4, ".txt")) {
			char path[512];
			snprintf(path, sizeof path, "%s/%s", CASE_DIR, names[i]->d_name);
			char *text = read_all(path);
			if (text)
				parse_file(names[i]->d_name, text);
			free(text);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

/* The document in the cases' notation (caller frees). */
static char *render(const ln_doc *d)
{
	size_t cap = d->len * 2 + d->ntok * 2 + 16, n = 0;
	char *out = malloc(cap);
	for (size_t s = 0; s < d->nsent; s++) {
		for (size_t k = 0; k < d->sent[s].count; k++) {
			const ln_token *t = &d->tok[d->sent[s].first + k];
			if (k)
				out[n++] = (t->flags & LN_TOK_CLITIC) ? '|' : ' ';
			memcpy(out + n, d->text + t->start, t->end - t->start);
			n += t->end - t->start;
		}
		out[n++] = '\n';
	}
	while (n && out[n - 1] == '\n')
		n--;
	out[n] = '\0';
	return out;
}

START_TEST(test_case_file)
{
	test_case *c = &cases[_i];
	ln_doc d;
	ln_doc_init(&d, c->input, strlen(c->input));
	ck_assert_int_eq(ln_doc_analyze(NULL, &d), 0);
	char *got = render(&d);
	if (strcmp(got, c->expect))
		ck_abort_msg("%s\n--- expected\n%s\n--- got\n%s", c->name, c->expect, got);
	free(got);
	ln_doc_free(&d);
}
END_TEST

START_TEST(test_cases_loaded)
{
	ck_assert_int_ge(n_cases, 20);
}
END_TEST

/* ------------------------------------------------------------ promises */

static void check_promises(const ln_doc *d)
{
	uint32_t prev = 0;
	for (size_t i = 0; i < d->ntok; i++) {
		ck_assert_uint_lt(d->tok[i].start, d->tok[i].end);
		ck_assert_uint_ge(d->tok[i].start, prev);
		ck_assert_uint_le(d->tok[i].end, d->len);
		prev = d->tok[i].end;
	}
	size_t next = 0;
	for (size_t s = 0; s < d->nsent; s++) {
		ck_assert_uint_eq(d->sent[s].first, next);
		ck_assert_uint_le(d->sent[s].count, LN_MAX_SENT_TOKENS);
		next += d->sent[s].count;
	}
	ck_assert_uint_eq(next, d->ntok);
}

START_TEST(test_offsets_and_flags)
{
	const char *text = "\xe2\x80\x9cWe don\xe2\x80\x99t,\xe2\x80\x9d she said.\n\nNext one.";
	ln_doc d;
	ln_doc_init(&d, text, strlen(text));
	ck_assert_int_eq(ln_doc_tokenize(&d), 0);
	check_promises(&d);
	ck_assert_uint_eq(d.nsent, 2);
	ck_assert_uint_eq(d.tok[0].start, 0); /* the opening curly quote */
	ck_assert_uint_eq(d.tok[0].end, 3);
	ck_assert(d.tok[0].flags & LN_TOK_PARA_START);
	ck_assert(!(d.tok[0].flags & LN_TOK_SPACE_AFTER));
	/* "do" + "n’t": the clitic piece is flagged and keeps its bytes */
	ck_assert_uint_eq(d.tok[3].start, 8);
	ck_assert_uint_eq(d.tok[3].end, 13);
	ck_assert(d.tok[3].flags & LN_TOK_CLITIC);
	size_t first2 = d.sent[1].first;
	ck_assert(d.tok[first2].flags & LN_TOK_PARA_START);
	ck_assert_uint_eq(d.sent[1].start, (uint32_t)(strstr(text, "Next") - text));
	ln_doc_free(&d);
}
END_TEST

START_TEST(test_long_sentence_is_cut)
{
	size_t words = 10000;
	char *text = malloc(words * 5 + 1);
	for (size_t i = 0; i < words; i++)
		memcpy(text + i * 5, "word ", 5);
	text[words * 5] = '\0';
	ln_doc d;
	ln_doc_init(&d, text, words * 5);
	ck_assert_int_eq(ln_doc_analyze(NULL, &d), 0);
	check_promises(&d);
	ck_assert_uint_eq(d.ntok, words);
	ck_assert_uint_eq(d.nsent, (words + LN_MAX_SENT_TOKENS - 1) / LN_MAX_SENT_TOKENS);
	ln_doc_free(&d);
	free(text);
}
END_TEST

/* A megabyte without a space, in shapes that tempt a tokeniser to rescan:
 * one long word, hyphen chains, URL characters, periods, digits. */
START_TEST(test_megabyte_line)
{
	static const char *const units[] = {"a", "a-", "a.", "1-", "x/", "'s", "?", "w.w"};
	size_t len = 1u << 20;
	char *text = malloc(len + 1);
	for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
		size_t k = strlen(units[u]);
		for (size_t i = 0; i < len; i++)
			text[i] = units[u][i % k];
		text[len] = '\0';
		ln_doc d;
		ln_doc_init(&d, text, len);
		ck_assert_int_eq(ln_doc_analyze(NULL, &d), 0);
		check_promises(&d);
		ck_assert_uint_gt(d.ntok, 0);
		ln_doc_free(&d);
	}
	free(text);
}
END_TEST

START_TEST(test_invalid_utf8_and_controls)
{
	const char text[] = "ab\xff\xfe cd\x01\x02 \xe2\x80 e\xc3\xa9t\xc3\xa9.\0zz";
	ln_doc d;
	ln_doc_init(&d, text, sizeof text - 1);
	ck_assert_int_eq(ln_doc_analyze(NULL, &d), 0);
	check_promises(&d);
	ck_assert_uint_gt(d.ntok, 3);
	ln_doc_free(&d);
	ln_doc_init(&d, "", 0);
	ck_assert_int_eq(ln_doc_analyze(NULL, &d), 0);
	ck_assert_uint_eq(d.ntok, 0);
	ck_assert_uint_eq(d.nsent, 0);
	ln_doc_free(&d);
}
END_TEST

START_TEST(test_entities_from_bio)
{
	const char *text = "Ben Sasse met NATO staff";
	ln_doc d;
	ln_doc_init(&d, text, strlen(text));
	ck_assert_int_eq(ln_doc_tokenize(&d), 0);
	d.tok[0].ner = LN_NER_B(LN_ENT_PER);
	d.tok[1].ner = LN_NER_I(LN_ENT_PER);
	d.tok[3].ner = LN_NER_I(LN_ENT_ORG); /* a stray I- opens a span */
	ck_assert_int_eq(ln_doc_entities(&d), 0);
	ck_assert_uint_eq(d.nent, 2);
	ck_assert_uint_eq(d.ent[0].type, LN_ENT_PER);
	ck_assert_uint_eq(d.ent[0].count, 2);
	ck_assert_uint_eq(d.ent[0].end, 9);
	ck_assert_uint_eq(d.ent[1].type, LN_ENT_ORG);
	ck_assert_uint_eq(d.ent[1].start, 14);
	ln_doc_free(&d);
}
END_TEST

static Suite *suite(void)
{
	load_cases();
	Suite *s = suite_create("lang_tokenize");
	TCase *tc = tcase_create("cases");
	tcase_add_loop_test(tc, test_case_file, 0, n_cases);
	suite_add_tcase(s, tc);
	TCase *tp = tcase_create("promises");
	tcase_set_timeout(tp, 60);
	tcase_add_test(tp, test_cases_loaded);
	tcase_add_test(tp, test_offsets_and_flags);
	tcase_add_test(tp, test_long_sentence_is_cut);
	tcase_add_test(tp, test_megabyte_line);
	tcase_add_test(tp, test_invalid_utf8_and_controls);
	tcase_add_test(tp, test_entities_from_bio);
	suite_add_tcase(s, tp);
	return s;
}

CHECK_MAIN(suite)
