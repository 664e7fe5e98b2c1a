/*
 * test_data_rows — the load-time checks of the rows issue 12 added:
 * relevance.tsv (weights, counts, signals), actors.tsv's title terms,
 * titles.tsv's kinds, quotewords.tsv's, words.tsv's (dates, parties) and
 * furniture.tsv's classes (and words.tsv's values), events.tsv's column 5
 * (";occasion", ";judgement") and its '@' rows.  A good row loads with its values; a bad one stops
 * the load with an error naming the file, the line and what is wrong; and the shipped files load.
 */
#include "extract/extract.h"
#include "extract/internal.h"

#include "check_main.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
	const char *file, *row;
	const char *error; /* NULL: loads; else a part of the message */
} rows[] = {
    {"relevance.tsv", "summit\tdiplomacy\t0.7\t2", NULL},
    {"relevance.tsv", "summit\tdiplomacy\t-0.7\t-", NULL},
    {"relevance.tsv", "@country\tsignal\t0.5\t4", NULL},
    {"relevance.tsv", "@bias\tsignal\t-1\t-", NULL},
    {"relevance.tsv", "summit\tdiplomacy\t7\t2", "weight must be a number from -5 to 5"},
    {"relevance.tsv", "summit\tdiplomacy\tmuch\t2", "weight must be a number from -5 to 5"},
    {"relevance.tsv", "summit\tdiplomacy\t-\t2", "weight must be a number from -5 to 5"},
    {"relevance.tsv", "summit\tdiplomacy\t0.5\t0", "most must be an integer from 1 to 20"},
    {"relevance.tsv", "summit\tdiplomacy\t0.5\t2x", "most must be an integer from 1 to 20"},
    {"relevance.tsv", "summit\t-\t0.5\t2", "a topic is required"},
    {"relevance.tsv", "@weather\tsignal\t0.5\t2", "unknown signal"},
    {"actors.tsv", "Ann Cole\tperson\tSenator\tUSA\t-\t-\t2019-01-03..", NULL},
    {"actors.tsv", "Ann Cole\tperson\tSenator\tUSA\t-\t-\t..2019-01-03", NULL},
    {"actors.tsv", "Ann Cole\tperson\tSenator\tUSA\t-\t-\t2001-01-03..2007-01-03;2013-01-03..",
     NULL},
    {"actors.tsv", "Ann Cole\tperson\tSenator\tUSA\t-\t-\t-", NULL},
    {"actors.tsv", "Ann Cole\tperson\tSenator\tUSA\t-\t-\t2019-01-03", "title terms"},
    {"actors.tsv", "Ann Cole\tperson\tSenator\tUSA\t-\t-\t2019-13-03..", "title terms"},
    {"actors.tsv", "Ann Cole\tperson\tSenator\tUSA\t-\t-\t2019-01-03..2001-01-03", "title terms"},
    {"actors.tsv", "Ann Cole\tperson\tSenator\tUSA\t-\t-\t2019-1-3..", "title terms"},
    {"actors.tsv", "Ann Cole\tperson\tSenator\tUSA\t-\t-\t..;..;..;..;..", "title terms"},
    {"titles.tsv", "senator\tsenator\tperson", NULL},
    {"titles.tsv", "former\tformer\tmodifier", NULL},
    {"titles.tsv", "mr.\tmr\thonorific", NULL},
    {"titles.tsv", "senator\tsenator\tperon", "person, office, modifier or honorific"},
    {"words.tsv", "august\tmonth\t8", NULL},
    {"words.tsv", "fortnight\tunit\t1", NULL},
    {"words.tsv", "since\tyear_prep", NULL},
    {"words.tsv", "august\tmonth\t13", "outside its class's range"},
    {"words.tsv", "august\tmonth", "value missing"},
    {"words.tsv", "august\tmonth\teight", "value missing"},
    {"words.tsv", "since\tyear_prep\t1", "takes no value"},
    {"words.tsv", "August\tmonth\t8", "lower case"},
    {"words.tsv", "mid year\tmonth_prep", "one token"},
    {"words.tsv", "august\tmonths\t8", "unknown class"},
    {"words.tsv", "august\tmonth\t8\naugust\tmonth\t8", "already in that class"},
    {"words.tsv", "explained\tclause_verb", NULL},
    {"words.tsv", "explained\tclause_verb\t1", "takes no value"},
    {"words.tsv", "following\tcue_adverbial", NULL},
    {"words.tsv", "Following\tcue_adverbial", "lower case"},
    {"words.tsv", "to\tinfinitive", NULL},
    {"words.tsv", "to\tinfinitives", "unknown class"},
    {"words.tsv", "that\tcomplementizer", NULL},
    {"words.tsv", "so that\tcomplementizer", "one token"},
    {"words.tsv", "who\trelative_pronoun\t1", NULL},
    {"words.tsv", "which\trelative_pronoun\t0", NULL},
    {"words.tsv", "who\trelative_pronoun\t2", "outside its class's range"},
    {"words.tsv", "who\trelative_pronoun", "value missing"},
    {"words.tsv", "she\tperson_pronoun", NULL},
    {"words.tsv", "she\tperson_pronoun\tf", "takes no value"},
    {"words.tsv", "counterpart\tname_filler", NULL},
    {"words.tsv", "counterpart\tname_filler\ncounterpart\tname_filler", "already in that class"},
    {"words.tsv", "and\tcoordinator", NULL},
    {"words.tsv", "and\tcoordinator\t1", "takes no value"},
    {"words.tsv", "the\tdefinite", NULL},
    {"words.tsv", "the\tdefinite\t0", "takes no value"},
    {"words.tsv", "by\tagent", NULL},
    {"words.tsv", "by\tagents", "unknown class"},
    {"words.tsv", "during\tagent_stop", NULL},
    {"words.tsv", "During\tagent_stop", "lower case"},
    {"words.tsv", "against\ttarget_prep", NULL},
    {"words.tsv", "in front of\ttarget_prep", "one token"},
    {"words.tsv", "whereas\tclause_break\t0", NULL},
    {"words.tsv", "as\tclause_break\t1", NULL},
    {"words.tsv", "but\tclause_break", "value missing"},
    {"words.tsv", "as\tclause_break\t-1", "outside its class's range"},
    {"words.tsv", "between\tsides", NULL},
    {"words.tsv", "between\tsides\t2", "takes no value"},
    {"words.tsv", "at\tvenue_prep", NULL},
    {"words.tsv", "at\tvenue", "unknown class"},
    {"words.tsv", "envoys\tdelegation", NULL},
    {"words.tsv", "Envoys\tdelegation", "lower case"},
    {"words.tsv", "this\tplace_determiner", NULL},
    {"words.tsv", "this\tplace_determiner\t1", "takes no value"},
    {"words.tsv", "01\tcameo_statement", NULL},
    {"words.tsv", "statement\tcameo_statement", "CAMEO codes of 2 to 4 digits"},
    {"words.tsv", "04\tcameo_meeting", NULL},
    {"words.tsv", "04\tcameo_meeting\t1", "takes no value"},
    {"words.tsv", "042\tcameo_one_sided", NULL},
    {"words.tsv", "04200\tcameo_one_sided", "CAMEO codes of 2 to 4 digits"},
    {"words.tsv", "0512\tcameo_praise", NULL},
    {"words.tsv", "05\tcameo_praise\n05\tcameo_praise", "already in that class"},
    {"words.tsv", "04\tsides", "only the cameo_ classes hold codes"},
    {"words.tsv", "call\tphone_type", NULL},
    {"words.tsv", "Call\tphone_type", "lower case"},
    {"furniture.tsv", "read more:\tprefix", NULL},
    {"furniture.tsv", "(reuters)\tcredit", NULL},
    {"furniture.tsv", "Read more:\tprefix", "lower case"},
    {"furniture.tsv", "read more:\tteaser", "unknown class"},
    {"furniture.tsv", "by\tbyline\nby\tbyline", "already in that class"},
    {"quotewords.tsv", "by\tcredit", NULL},
    {"quotewords.tsv", "on\tobject\non\tgap\non\tlead-in", NULL},
    {"quotewords.tsv", "officials\tunamed", "unknown class"},
    {"quotewords.tsv", "officials\t-", "unknown class"},
    {"quotewords.tsv", "in front\tobject", "one token"},
    {"events.tsv", "reckless\tcriticize\t111\tcriticizes\t;judgement", NULL},
    {"events.tsv", "a good friend\tpraise\t051\tpraises\t;judgement", NULL},
    {"events.tsv", "reckless\tcriticize\t111\tcriticizes\tNOUN;judgement", "';judgement' row"},
    {"events.tsv", "@statement\tstatement\t010\tmakes a statement", NULL},
    {"events.tsv", "@intent\tpropose\t036\tproposes to meet", NULL},
    {"events.tsv", "@gossip\tstatement\t010\tgossips", "'@statement', '@intent' or '@address'"},
    {"events.tsv", "@address\tappeal\t020\tappeals to", NULL},
    {"events.tsv", "@intent\tpropose\t036\tproposes\tVERB", "with column 5 empty"},
    {"events.tsv", "@intent\tpropose\t036\tproposes\n@intent\tpropose\t036\tproposes",
     "stands once"},
    {"events.tsv", "talks\tmeet\t040\tmeets\t;gathering", "only ';occasion', ';judgement' or"},
    {"events.tsv", "should\tappeal\t020\turges\t;advice", NULL},
    {"events.tsv", "should\tappeal\t020\turges\tVERB;advice", "';advice' row"},
};

/* A word's second row of the same class is an error naming that row. */
START_TEST(quoteword_repeated)
{
	px_dict *d = px_dict_new();
	char *err = NULL;
	const char *t = "by\tcredit\nby\tminor\nby\tcredit\n";
	ck_assert_int_eq(px_dict_add_file(d, "quotewords.tsv", t, strlen(t), &err), -1);
	ck_assert_msg(err && strstr(err, "quotewords.tsv:3:") && strstr(err, "repeats a row"), "%s",
	              err ? err : "?");
	free(err);
	px_dict_free(d);
}
END_TEST

START_TEST(data_row)
{
	px_dict *d = px_dict_new();
	char *err = NULL;
	int rc = px_dict_add_file(d, rows[_i].file, rows[_i].row, strlen(rows[_i].row), &err);
	if (!rows[_i].error) {
		ck_assert_msg(rc == 0, "%s: %s", rows[_i].row, err ? err : "?");
	} else {
		ck_assert_msg(rc == -1, "%s loaded", rows[_i].row);
		ck_assert_ptr_nonnull(err);
		char where[64];
		/* the error names the first bad line */
		snprintf(where, sizeof where, "%s:%d:", rows[_i].file,
		         strchr(rows[_i].row, '\n') ? 2 : 1);
		ck_assert_msg(strstr(err, where) && strstr(err, rows[_i].error), "%s", err);
	}
	free(err);
	px_dict_free(d);
}
END_TEST

/* A code class holds a two-digit family, or one code alone; a type class
 * holds event types. */
START_TEST(codes_by_family)
{
	px_dict *d = px_dict_new();
	const char *t = "04\tcameo_meeting\n042\tcameo_one_sided\ncall\tphone_type\n";
	char *err = NULL;
	ck_assert_int_eq(px_dict_add_file(d, "words.tsv", t, strlen(t), &err), 0);
	ck_assert(px_code_in(d, "04", WC_CAMEO_MEETING));
	ck_assert(px_code_in(d, "046", WC_CAMEO_MEETING));
	ck_assert(!px_code_in(d, "036", WC_CAMEO_MEETING));
	ck_assert(px_code_in(d, "042", WC_CAMEO_ONE_SIDED));
	ck_assert(!px_code_in(d, "043", WC_CAMEO_ONE_SIDED));
	ck_assert(!px_code_in(d, "04", WC_CAMEO_ONE_SIDED));
	ck_assert(!px_code_in(d, "042", WC_CAMEO_STATEMENT));
	ck_assert(px_name_in(d, "call", WC_PHONE_TYPE));
	ck_assert(!px_name_in(d, "meet", WC_PHONE_TYPE));
	px_dict_free(d);
}
END_TEST

/* Once every table is read: a judgement's code must praise or blame, and
 * the '@' rows must be there. */
START_TEST(events_checked_with_words)
{
	px_dict *d = px_dict_new();
	const char *w = "05\tcameo_praise\n11\tcameo_blame\n02\tcameo_advice\n10\tcameo_advice\n";
	const char *ev = "@statement\tstatement\t010\tmakes a statement\n"
	                 "reckless\tcriticize\t111\tcriticizes\t;judgement\n";
	char *err = NULL;
	ck_assert_int_eq(px_dict_add_file(d, "words.tsv", w, strlen(w), &err), 0);
	ck_assert_int_eq(px_dict_add_file(d, "events.tsv", ev, strlen(ev), &err), 0);
	const char *bad = px_events_check(d);
	ck_assert_msg(bad && strstr(bad, "'@intent'"), "%s", bad ? bad : "(none)");
	const char *intent = "@intent\tpropose\t036\tproposes to meet\n";
	ck_assert_int_eq(px_dict_add_file(d, "events.tsv", intent, strlen(intent), &err), 0);
	bad = px_events_check(d);
	ck_assert_msg(bad && strstr(bad, "'@address'"), "%s", bad ? bad : "(none)");
	const char *address = "@address\tappeal\t020\tappeals to\n";
	ck_assert_int_eq(px_dict_add_file(d, "events.tsv", address, strlen(address), &err), 0);
	ck_assert_ptr_null(px_events_check(d));
	const char *odd = "reckless\tmeet\t040\tmeets\t;judgement\n";
	ck_assert_int_eq(px_dict_add_file(d, "events.tsv", odd, strlen(odd), &err), 0);
	bad = px_events_check(d);
	ck_assert_msg(bad && strstr(bad, "cameo_praise nor cameo_blame"), "%s",
	              bad ? bad : "(none)");
	px_dict_free(d);
	d = px_dict_new();
	const char *advice = "@statement\tstatement\t010\tmakes a statement\n"
	                     "@intent\tpropose\t036\tproposes to meet\n"
	                     "@address\tappeal\t020\tappeals to\n"
	                     "should\tpraise\t051\tpraises\t;advice\n";
	ck_assert_int_eq(px_dict_add_file(d, "words.tsv", w, strlen(w), &err), 0);
	ck_assert_int_eq(px_dict_add_file(d, "events.tsv", advice, strlen(advice), &err), 0);
	bad = px_events_check(d);
	ck_assert_msg(bad && strstr(bad, "cameo_advice"), "%s", bad ? bad : "(none)");
	px_dict_free(d);
}
END_TEST

START_TEST(terms_are_read)
{
	px_dict *d = px_dict_new();
	const char *row =
	    "Ann Cole\tperson\tSenator\tUSA\t-\t-\t2001-01-03..2007-01-03;2013-01-03..";
	char *err = NULL;
	ck_assert_int_eq(px_dict_add_file(d, "actors.tsv", row, strlen(row), &err), 0);
	const px_dict_actor *a = &d->actors[0];
	ck_assert_uint_eq(a->n_terms, 2);
	ck_assert_int_eq(a->title_since[0], px_days_from_civil(2001, 1, 3));
	ck_assert_int_eq(a->title_until[0], px_days_from_civil(2007, 1, 3));
	ck_assert_int_eq(a->title_since[1], px_days_from_civil(2013, 1, 3));
	ck_assert_int_eq(a->title_until[1], PX_OPEN_UNTIL);
	px_dict_free(d);
}
END_TEST

START_TEST(weights_are_read)
{
	px_dict *d = px_dict_new();
	const char *rows_text =
	    "@bias\tsignal\t-1.5\t-\n@event\tsignal\t0.25\t6\nsummit\tdiplomacy\t0.7\t2\n";
	char *err = NULL;
	ck_assert_int_eq(px_dict_add_file(d, "relevance.tsv", rows_text, strlen(rows_text), &err),
	                 0);
	ck_assert(d->has_relevance);
	ck_assert_double_eq_tol(d->signals[SIG_BIAS].weight, -1.5, 1e-9);
	ck_assert_double_eq_tol(d->signals[SIG_EVENT].weight, 0.25, 1e-9);
	ck_assert_int_eq(d->signals[SIG_EVENT].most, 6);
	ck_assert_uint_eq(d->n_topics, 1);
	ck_assert_double_eq_tol(d->topics[0].weight, 0.7, 1e-9);
	ck_assert_int_eq(d->topics[0].most, 2);
	px_dict_free(d);
}
END_TEST

/* Without relevance.tsv nothing is off-topic. */
START_TEST(no_table_scores_one)
{
	px_dict *d = px_dict_new();
	const char *text = "The striker scored twice and the coach praised the fans.";
	px_input in = {text, strlen(text), NULL, "2025-08-27", NULL, false};
	px_result *r = px_extract(d, &in);
	ck_assert_double_eq_tol(px_result_relevance(r), 1.0, 1e-9);
	px_result_free(r);
	px_dict_free(d);
}
END_TEST

START_TEST(shipped_files_load)
{
	char *err = NULL;
	px_dict *d = px_dict_load_dir("service/data", &err);
	ck_assert_msg(d, "%s", err ? err : "?");
	ck_assert(d->has_relevance);
	ck_assert_uint_gt(d->n_topics, 50);
	ck_assert_int_eq(px_words_missing(d), -1);
	px_dict_free(d);
}
END_TEST

/* A directory whose words.tsv leaves a needed class empty does not load. */
START_TEST(words_class_missing)
{
	char dir[] = "/tmp/parley-words-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[96];
	snprintf(path, sizeof path, "%s/words.tsv", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("# only months\naugust\tmonth\t8\n", f);
	fclose(f);
	char *err = NULL;
	px_dict *d = px_dict_load_dir(dir, &err);
	unlink(path);
	rmdir(dir);
	ck_assert_ptr_null(d);
	ck_assert_msg(err && strstr(err, "words.tsv: no word of class 'weekday'"), "%s",
	              err ? err : "?");
	free(err);
}
END_TEST

static Suite *data_rows_suite(void)
{
	Suite *s = suite_create("extract_data_rows");
	TCase *tc = tcase_create("rows");
	tcase_add_loop_test(tc, data_row, 0, (int)(sizeof rows / sizeof *rows));
	tcase_add_test(tc, terms_are_read);
	tcase_add_test(tc, events_checked_with_words);
	tcase_add_test(tc, codes_by_family);
	tcase_add_test(tc, weights_are_read);
	tcase_add_test(tc, no_table_scores_one);
	tcase_add_test(tc, shipped_files_load);
	tcase_add_test(tc, words_class_missing);
	tcase_add_test(tc, quoteword_repeated);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(data_rows_suite)
