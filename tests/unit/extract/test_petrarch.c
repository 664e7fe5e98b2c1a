/* petrarch: the PETRARCH/Phoenix actor-dictionary reader. */
#include "check_main.h"
#include "extract/extract.h"
#include "extract/petrarch.h"

#include <stdio.h>
#include <string.h>

typedef struct seen {
	char names[8][64], codes[8][16], countries[8][8], kinds[8][16], aliases[8][128];
	int n;
} seen;

static void collect(void *ud, const petrarch_actor *a)
{
	seen *s = ud;
	snprintf(s->names[s->n], 64, "%s", a->name);
	snprintf(s->codes[s->n], 16, "%s", a->cameo ? a->cameo : "");
	snprintf(s->countries[s->n], 8, "%s", a->country ? a->country : "");
	snprintf(s->kinds[s->n], 16, "%s", a->kind);
	for (size_t i = 0; i < a->n_aliases; i++) {
		strncat(s->aliases[s->n], a->aliases[i], 127 - strlen(s->aliases[s->n]));
		strncat(s->aliases[s->n], "|", 127 - strlen(s->aliases[s->n]));
	}
	s->n++;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	static char data[8192];
	*len = fread(data, 1, sizeof data, f);
	fclose(f);
	return data;
}

START_TEST(reads_sample)
{
	size_t len;
	char *data = slurp("tests/unit/extract/petrarch/sample.txt", &len);
	seen s;
	memset(&s, 0, sizeof s);
	char *err = NULL;
	px_dict *words = px_dict_load_dir("service/data", &err);
	ck_assert_msg(words, "%s", err ? err : "?");
	ck_assert_int_eq(petrarch_parse(words, data, len, "251123", collect, &s, &err), 4);
	ck_assert_str_eq(s.names[0], "Kaja Kallas");
	ck_assert_str_eq(s.codes[0], "IGOEU"); /* the code current in 2025 */
	ck_assert_str_eq(s.kinds[0], "person");
	ck_assert_str_eq(s.countries[0], ""); /* an IGO code names no country */
	ck_assert_str_eq(s.aliases[0], "High Representative Kallas|Kallas|");
	ck_assert_str_eq(s.names[1], "Hakan Fidan");
	ck_assert_str_eq(s.codes[1], "TURGOV");
	ck_assert_str_eq(s.countries[1], "TUR");
	ck_assert_str_eq(s.kinds[1], "person");
	ck_assert_str_eq(s.names[2], "North Atlantic Treaty Organization");
	ck_assert_str_eq(s.kinds[2], "organization");
	ck_assert_str_eq(s.countries[2], "");
	ck_assert_str_eq(s.aliases[2], "Nato|");
	ck_assert_str_eq(s.names[3], "Estonia");
	ck_assert_str_eq(s.kinds[3], "country");
	ck_assert_str_eq(s.countries[3], "EST");
	px_dict_free(words);
}
END_TEST

START_TEST(dated_codes)
{
	const char *d = "HAKAN_FIDAN_\n[TURGOV >230603]\n[TURSPY <230603]\n";
	seen s;
	memset(&s, 0, sizeof s);
	char *err = NULL;
	ck_assert_int_eq(petrarch_parse(NULL, d, strlen(d), "220101", collect, &s, &err), 1);
	ck_assert_str_eq(s.codes[0], "TURSPY");
}
END_TEST

START_TEST(rejects_orphans)
{
	const char *bad[] = {"+ALIAS_WITHOUT_ACTOR_\n", "[USAGOV]\n", "NAME_ [UNCLOSED\n"};
	for (size_t i = 0; i < 3; i++) {
		seen s;
		memset(&s, 0, sizeof s);
		char *err = NULL;
		ck_assert_int_eq(
		    petrarch_parse(NULL, bad[i], strlen(bad[i]), "251123", collect, &s, &err), -1);
		ck_assert_ptr_nonnull(strstr(err, "line 1"));
		free(err);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("petrarch");
	TCase *tc = tcase_create("petrarch");
	tcase_add_test(tc, reads_sample);
	tcase_add_test(tc, dated_codes);
	tcase_add_test(tc, rejects_orphans);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
