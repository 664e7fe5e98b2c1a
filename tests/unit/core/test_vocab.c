/* vocab: the shared vocabularies are spelled once in C; the two places that
 * must spell them again — the newest CHECK constraint of migrations/ and
 * every enum of api-spec/openapi.yaml that lists them — say the same. */
#include "check_main.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/vocab.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *const *list;
	const char *marker; /* a word only this vocabulary has */
} vocabs[] = {
    {vocab_actor_kinds, "organization"},
    {vocab_event_statuses, "occurred"},
    {vocab_statement_kinds, "indirect"},
};

/* Words of a list "a, 'b', c" up to `end`, quotes and spaces dropped,
 * joined by '|' into out. */
static void words_of(const char *s, const char *end, buf *out)
{
	buf_reset(out);
	while (s < end) {
		while (s < end && strchr(" '\",\n", *s))
			s++;
		const char *w = s;
		while (s < end && !strchr(" '\",\n", *s))
			s++;
		if (s > w)
			buf_printf(out, "%s%.*s", out->len ? "|" : "", (int)(s - w), w);
	}
}

static void joined(const char *const *list, buf *out)
{
	buf_reset(out);
	for (int i = 0; list[i]; i++)
		buf_printf(out, "%s%s", i ? "|" : "", list[i]);
}

/* Whether the '|'-joined sets a and b hold the same words. */
static int same_set(const char *a, const char *b)
{
	int n_a = 1, n_b = 1;
	for (const char *p = a; *p; p++)
		n_a += *p == '|';
	for (const char *p = b; *p; p++)
		n_b += *p == '|';
	if (n_a != n_b)
		return 0;
	for (const char *w = a; *w;) {
		size_t n = strcspn(w, "|");
		int found = 0;
		for (const char *v = b; *v && !found;) {
			size_t m = strcspn(v, "|");
			found = m == n && !strncmp(v, w, n);
			v += m + (v[m] == '|');
		}
		if (!found)
			return 0;
		w += n + (w[n] == '|');
	}
	return 1;
}

START_TEST(openapi_enums_match)
{
	size_t len;
	char *spec = file_read("api-spec/openapi.yaml", FILE_NO_LIMIT, &len, NULL);
	ck_assert_ptr_nonnull(spec);
	buf want, got;
	buf_init(&want);
	buf_init(&got);
	joined(vocabs[_i].list, &want);
	int seen = 0;
	for (const char *e = spec; (e = strstr(e, "enum: [")) != NULL; e++) {
		const char *a = e + 7, *z = strchr(a, ']');
		ck_assert_ptr_nonnull(z);
		words_of(a, z, &got);
		char probe[64];
		snprintf(probe, sizeof probe, "|%s|", vocabs[_i].marker);
		buf in;
		buf_init(&in);
		buf_printf(&in, "|%s|", got.data);
		if (strstr(in.data, probe)) {
			ck_assert_msg(!strcmp(got.data, want.data),
			              "openapi.yaml enum [%s], vocab.c [%s]", got.data, want.data);
			seen++;
		}
		buf_free(&in);
	}
	ck_assert_msg(seen > 0, "openapi.yaml lists no enum with '%s'", vocabs[_i].marker);
	buf_free(&want);
	buf_free(&got);
	free(spec);
}
END_TEST

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* The newest numbered migration with a CHECK (... IN (...)) naming the
 * marker decides what the database accepts. */
START_TEST(newest_check_constraint_matches)
{
	struct dirent **names;
	int n = scandir("migrations", &names, NULL, by_name);
	ck_assert_int_gt(n, 0);
	buf want, got, last;
	buf_init(&want);
	buf_init(&got);
	buf_init(&last);
	joined(vocabs[_i].list, &want);
	char quoted[64];
	snprintf(quoted, sizeof quoted, "'%s'", vocabs[_i].marker);
	for (int k = 0; k < n; k++) {
		const char *f = names[k]->d_name;
		size_t fl = strlen(f);
		if (fl > 4 && !strcmp(f + fl - 4, ".sql") && f[0] >= '0' && f[0] <= '9') {
			char path[512];
			snprintf(path, sizeof path, "migrations/%s", f);
			size_t len;
			char *sql = file_read(path, FILE_NO_LIMIT, &len, NULL);
			ck_assert_ptr_nonnull(sql);
			for (const char *c = sql; (c = strstr(c, "CHECK (")) != NULL; c++) {
				const char *in = strstr(c, " IN (");
				const char *nl = strchr(c, '\n');
				if (!in || (nl && in > nl))
					continue;
				const char *z = strchr(in, ')');
				ck_assert_ptr_nonnull(z);
				buf list;
				buf_init(&list);
				buf_append(&list, in + 5, (size_t)(z - in - 5));
				if (strstr(list.data, quoted)) {
					words_of(in + 5, z, &got);
					buf_reset(&last);
					buf_printf(&last, "%s: %s", f, got.data);
				}
				buf_free(&list);
			}
			free(sql);
		}
		free(names[k]);
	}
	free(names);
	ck_assert_msg(last.len, "no migration checks a list with %s", quoted);
	const char *set = strchr(last.data, ' ') + 1;
	ck_assert_msg(same_set(set, want.data), "newest CHECK (%s) differs from vocab.c [%s]",
	              last.data, want.data);
	buf_free(&want);
	buf_free(&got);
	buf_free(&last);
}
END_TEST

START_TEST(must_be_lists_the_words)
{
	buf b;
	buf_init(&b);
	vocab_must_be(&b, vocab_actor_kinds);
	ck_assert_str_eq(b.data, "must be person, organization, country or group");
	buf_reset(&b);
	vocab_must_be(&b, vocab_statement_kinds);
	ck_assert_str_eq(b.data, "must be direct or indirect");
	ck_assert_int_eq(vocab_index(vocab_event_statuses, "denied"), STATUS_DENIED);
	ck_assert_int_eq(vocab_index(vocab_event_statuses, "happened"), -1);
	ck_assert_int_eq(vocab_index(vocab_event_statuses, NULL), -1);
	buf_free(&b);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("vocab");
	TCase *tc = tcase_create("vocab");
	int n = (int)(sizeof vocabs / sizeof *vocabs);
	tcase_add_loop_test(tc, openapi_enums_match, 0, n);
	tcase_add_loop_test(tc, newest_check_constraint_matches, 0, n);
	tcase_add_test(tc, must_be_lists_the_words);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
