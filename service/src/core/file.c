/*
 * file — see file.h.
 */
#include "core/file.h"

#include "core/buf.h"

#include <string.h>

char *file_read_stream(FILE *f, size_t max, size_t *len, file_status *status)
{
	buf b;
	buf_init(&b);
	char chunk[65536];
	size_t n;
	/* Reading one byte past max is how an over-long file is told apart
	 * from one of exactly max bytes. */
	while (b.len <= max && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	file_status st = ferror(f) ? FILE_UNREADABLE : b.len > max ? FILE_TOO_BIG : FILE_OK;
	if (status)
		*status = st;
	if (st != FILE_OK) {
		buf_free(&b);
		return NULL;
	}
	if (len)
		*len = b.len;
	return buf_detach(&b);
}

char *file_read(const char *path, size_t max, size_t *len, file_status *status)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		if (status)
			*status = FILE_UNREADABLE;
		return NULL;
	}
	char *data = file_read_stream(f, max, len, status);
	if (!is_stdin)
		fclose(f);
	return data;
}
