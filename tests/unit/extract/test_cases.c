/*
 * test_cases — the table-driven extraction tests.
 *
 * Each file in tests/unit/extract/cases/ holds cases like jq's .test files:
 *
 *   === a name
 *   published: 2025-08-27        (optional)
 *   fetched: 2025-12-01          (optional: the day it was fetched, which dates an
 *                                article that tells no date: fallback_publishes)
 *   stored: 2025-12-01           (optional: the day it was stored, which only gives a
 *                                yearless dateline its year)
 *   --- input
 *   the article text, any number of lines
 *   --- expect
 *   {"statements": [{"text": "...", "speaker": "Dmitry Peskov"}]}
 *
 * The input goes through px_clean_text then px_extract, as the pipeline and
 * `parley extract` do; the output gets "text" (cleaned) and "persons" (the
 * names of person actors) and "relevant" (relevance at or above the default
 * PARLEY_RELEVANCE_THRESHOLD, 0.40), and speaker/participant refs become names, so
 * expectations read as prose.  Matching is by subset: objects need only the
 * listed keys; an array's listed elements must each match a different
 * element, in any order; [] means empty; an array starting with "$exact"
 * must match element for element, in order, with nothing more.
 * One Check loop test per case, so each failure names its case.
 */
#include "extract/extract.h"
#include "lang/lang.h"

#include "case_files.h"

#include <check.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CASE_DIR "tests/unit/extract/cases"
#define MAX_CASES 1024

typedef struct test_case {
	case_file_case c;
	char published[32];
	char fallback[32];
	bool publishes;
} test_case;

static test_case cases[MAX_CASES];
static int n_cases;
static px_dict *dict;

static void load_cases(void)
{
	static case_file_case raw[MAX_CASES];
	n_cases = case_files_load(CASE_DIR, raw, MAX_CASES);
	for (int i = 0; i < n_cases; i++) {
		cases[i].c = raw[i];
		cases[i].published[0] = '\0';
		const char *pub = strstr(raw[i].header, "published: ");
		if (pub && (pub == raw[i].header || pub[-1] == '\n'))
			sscanf(pub + 11, "%31s", cases[i].published);
		cases[i].fallback[0] = '\0';
		const char *fb = strstr(raw[i].header, "fetched: ");
		cases[i].publishes = fb != NULL;
		if (!fb)
			fb = strstr(raw[i].header, "stored: ");
		if (fb && (fb == raw[i].header || fb[-1] == '\n'))
			sscanf(strchr(fb, ' ') + 1, "%31s", cases[i].fallback);
	}
}

/* ------------------------------------------------------------ output shaping */

static const char *actor_name(json_t *actors, const char *ref)
{
	size_t i;
	json_t *a;
	json_array_foreach(actors, i, a)
	{
		if (!strcmp(json_string_value(json_object_get(a, "ref")), ref))
			return json_string_value(json_object_get(a, "name"));
	}
	return ref;
}

static void refs_to_names(json_t *out)
{
	json_t *actors = json_object_get(out, "actors"), *s, *e, *p;
	size_t i, k;
	json_t *persons = json_array();
	json_array_foreach(actors, i, s)
	{
		if (!strcmp(json_string_value(json_object_get(s, "kind")), "person"))
			json_array_append(persons, json_object_get(s, "name"));
	}
	json_object_set_new(out, "persons", persons);
	json_array_foreach(json_object_get(out, "statements"), i, s)
	{
		json_t *sp = json_object_get(s, "speaker");
		if (json_is_string(sp))
			json_object_set_new(s, "speaker",
			                    json_string(actor_name(actors, json_string_value(sp))));
	}
	json_array_foreach(json_object_get(out, "events"), i, e)
	{
		json_array_foreach(json_object_get(e, "participants"), k, p)
		{
			const char *ref = json_string_value(json_object_get(p, "actor"));
			json_object_set_new(p, "actor", json_string(actor_name(actors, ref)));
		}
	}
}

/* ------------------------------------------------------------ subset matching */

static bool matches(json_t *want, json_t *got);

static bool array_matches(json_t *want, json_t *got)
{
	if (!json_is_array(got))
		return false;
	size_t nw = json_array_size(want), ng = json_array_size(got);
	if (nw == 0)
		return ng == 0;
	json_t *first = json_array_get(want, 0);
	if (json_is_string(first) && !strcmp(json_string_value(first), "$exact")) {
		if (ng != nw - 1)
			return false;
		for (size_t i = 1; i < nw; i++)
			if (!matches(json_array_get(want, i), json_array_get(got, i - 1)))
				return false;
		return true;
	}
	bool *used = calloc(ng + 1, sizeof *used);
	bool ok = true;
	for (size_t i = 0; i < nw && ok; i++) {
		ok = false;
		for (size_t j = 0; j < ng && !ok; j++)
			if (!used[j] && matches(json_array_get(want, i), json_array_get(got, j)))
				used[j] = ok = true;
	}
	free(used);
	return ok;
}

static bool matches(json_t *want, json_t *got)
{
	if (json_is_object(want)) {
		if (!json_is_object(got))
			return false;
		const char *key;
		json_t *v;
		json_object_foreach(want, key, v)
		{
			json_t *g = json_object_get(got, key);
			if (!g && !json_is_null(v))
				return false;
			if (g && !matches(v, g))
				return false;
		}
		return true;
	}
	if (json_is_array(want))
		return array_matches(want, got);
	return json_equal(want, got);
}

START_TEST(test_case_runs)
{
	const case_file_case *c = &cases[_i].c;
	const char *published = cases[_i].published;
	json_error_t jerr;
	json_t *want = json_loads(c->expect, 0, &jerr);
	ck_assert_msg(want, "%s: bad expectation JSON: %s", c->name, jerr.text);
	size_t clean_len;
	char *clean = px_clean_text(dict, c->input, strlen(c->input), &clean_len);
	const char *fallback = cases[_i].fallback;
	px_input in = {clean,
	               clean_len,
	               NULL,
	               published[0] ? published : NULL,
	               fallback[0] ? fallback : NULL,
	               cases[_i].publishes};
	px_result *r = px_extract(dict, &in);
	json_t *got = px_result_to_json(r);
	json_object_set_new(got, "relevant", json_boolean(px_result_relevance(r) >= 0.40));
	json_object_set_new(got, "text", json_stringn(clean, clean_len));
	refs_to_names(got);
	bool ok = matches(want, got);
	char *shown = ok ? NULL : json_dumps(got, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	ck_assert_msg(ok, "%s\nexpected subset: %s\ngot: %s", c->name, c->expect, shown);
	free(shown);
	json_decref(got);
	json_decref(want);
	px_result_free(r);
	free(clean);
}
END_TEST

START_TEST(test_enough_cases)
{
	ck_assert_int_ge(n_cases, 120);
}
END_TEST

/* The models through the lazy loader, as `parley serve` hands them over:
 * fetched by the first extraction that parses, not when set. */
static const ln_models *loaded;
static int loader_calls;

static const ln_models *count_loads(void)
{
	loader_calls++;
	return loaded;
}

int main(void)
{
	char *err = NULL;
	dict = px_dict_load_dir("service/data", &err);
	if (!dict) {
		fprintf(stderr, "cannot load dictionary: %s\n", err ? err : "?");
		return 1;
	}
	/* the committed models: extraction reads the parse */
	ln_models *models = ln_models_load_dir("service/models", &err);
	if (!models) {
		fprintf(stderr, "cannot load language models: %s\n", err ? err : "?");
		return 1;
	}
	loaded = models;
	px_dict_set_models_loader(dict, count_loads);
	if (loader_calls != 0) {
		fprintf(stderr, "the models were fetched before any extraction\n");
		return 1;
	}
	load_cases();
	Suite *s = suite_create("extract_cases");
	TCase *tc = tcase_create("cases");
	tcase_add_test(tc, test_enough_cases);
	tcase_add_loop_test(tc, test_case_runs, 0, n_cases);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (loader_calls == 0) {
		fprintf(stderr, "extraction never fetched the models through the loader\n");
		failed++;
	}
	for (int i = 0; i < n_cases; i++)
		case_files_free(&cases[i].c, 1);
	px_dict_free(dict);
	ln_models_free(models);
	return failed ? 1 : 0;
}
