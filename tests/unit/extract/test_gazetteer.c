/*
 * test_gazetteer — the places table's coordinates: rows in range load with
 * their point, '-' leaves a place unlocated, anything else (a missing
 * column, a number out of range or half a pair) is a malformed row; and
 * the shipped gazetteer gives every place a point.
 */
#include "extract/extract.h"
#include "extract/internal.h"

#include "check_main.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *row;
	int rc; /* 0 loads, -1 malformed */
	bool located;
	double lat, lon;
} rows[] = {
    {"Istanbul\tTUR\t-\t41.0138\t28.9497", 0, true, 41.0138, 28.9497},
    {"Nowhere\t-\t-\t-\t-", 0, false, 0, 0},
    {"South Pole\t-\t-\t-90\t180", 0, true, -90, 180},
    {"Dateline\t-\t-\t0\t-180", 0, true, 0, -180},
    {"Short\tTUR\t-", -1, false, 0, 0},
    {"Half\tTUR\t-\t41.0\t-", -1, false, 0, 0},
    {"Other half\tTUR\t-\t-\t28.9", -1, false, 0, 0},
    {"Too far north\t-\t-\t90.5\t0", -1, false, 0, 0},
    {"Too far east\t-\t-\t0\t181", -1, false, 0, 0},
    {"Not a number\t-\t-\tnorth\t0", -1, false, 0, 0},
    {"Trailing junk\t-\t-\t41.0x\t28.9", -1, false, 0, 0},
    {"NaN\t-\t-\tnan\t0", -1, false, 0, 0},
};

START_TEST(place_rows)
{
	px_dict *d = px_dict_new();
	char *err = NULL;
	int rc = px_dict_add_file(d, "places.tsv", rows[_i].row, strlen(rows[_i].row), &err);
	ck_assert_msg(rc == rows[_i].rc, "%s: rc %d", rows[_i].row, rc);
	if (rc == 0) {
		ck_assert_uint_eq(d->n_places, 1);
		ck_assert(d->places[0].located == rows[_i].located);
		ck_assert_double_eq_tol(d->places[0].lat, rows[_i].lat, 1e-9);
		ck_assert_double_eq_tol(d->places[0].lon, rows[_i].lon, 1e-9);
	} else {
		ck_assert_ptr_nonnull(err);
		ck_assert_msg(strstr(err, "places.tsv:1:"), "%s", err);
	}
	free(err);
	px_dict_free(d);
}
END_TEST

START_TEST(shipped_gazetteer_is_located)
{
	char *err = NULL;
	px_dict *d = px_dict_load_dir("service/data", &err);
	ck_assert_msg(d, "%s", err ? err : "?");
	ck_assert_uint_gt(d->n_places, 100);
	const px_place *ist = NULL, *ank = NULL;
	for (size_t i = 0; i < d->n_places; i++) {
		ck_assert_msg(d->places[i].located, "%s has no point", d->places[i].name);
		if (!strcmp(d->places[i].name, "Istanbul"))
			ist = &d->places[i];
		if (!strcmp(d->places[i].name, "Ankara"))
			ank = &d->places[i];
	}
	ck_assert_ptr_nonnull(ist);
	ck_assert_ptr_nonnull(ank);
	/* Istanbul lies north-west of Ankara */
	ck_assert(ist->lat > ank->lat && ist->lon < ank->lon);
	px_dict_free(d);
}
END_TEST

static Suite *gazetteer_suite(void)
{
	Suite *s = suite_create("extract_gazetteer");
	TCase *tc = tcase_create("gazetteer");
	tcase_add_loop_test(tc, place_rows, 0, (int)(sizeof rows / sizeof *rows));
	tcase_add_test(tc, shipped_gazetteer_is_located);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(gazetteer_suite)
