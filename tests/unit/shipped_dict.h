/*
 * shipped_dict.h — the dictionary we ship (service/data), loaded once per
 * test program, for tests of stages that read its word classes (dates,
 * sentences, line cleaning).  Tests run from the source tree's root.
 */
#ifndef PARLEY_TEST_SHIPPED_DICT_H
#define PARLEY_TEST_SHIPPED_DICT_H

#include "extract/extract.h"

#include <check.h>

static inline const px_dict *shipped_dict(void)
{
	static px_dict *dict;
	if (!dict) {
		char *err = NULL;
		dict = px_dict_load_dir("service/data", &err);
		ck_assert_msg(dict, "%s", err ? err : "?");
	}
	return dict;
}

#endif
