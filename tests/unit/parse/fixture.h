/*
 * fixture — reads a file under tests/fixtures/ for the parse-layer tests.
 * Paths are taken from PARLEY_SOURCE_DIR so the binaries also run from a
 * build directory.
 */
#ifndef PARLEY_TEST_PARSE_FIXTURE_H
#define PARLEY_TEST_PARSE_FIXTURE_H

#include "core/buf.h"

#include <check.h>
#include <stdio.h>

static inline char *fixture_read(const char *rel, size_t *len)
{
	buf path;
	buf_init(&path);
	buf_printf(&path, "%s/tests/fixtures/%s", PARLEY_SOURCE_DIR, rel);
	FILE *f = fopen(path.data, "rb");
	ck_assert_msg(f != NULL, "missing fixture %s", path.data);
	buf_free(&path);
	buf b;
	buf_init(&b);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

/* NULL-aware string equality with a readable failure. */
#define ck_assert_str_or_null(got, want)                                                           \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		if (!w_)                                                                           \
			ck_assert_msg(g_ == NULL, "expected NULL, got \"%s\"", g_);                \
		else                                                                               \
			ck_assert_msg(g_ && !strcmp(g_, w_), "expected \"%s\", got \"%s\"", w_,    \
			              g_ ? g_ : "(null)");                                         \
	} while (0)

#endif
