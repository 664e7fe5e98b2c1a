/*
 * buf — a growable byte buffer, always NUL-terminated.
 *
 * The one string builder the whole service uses (JSON assembly, SQL
 * parameters, text cleaning).  Allocation failure aborts: a service that
 * cannot allocate a few kilobytes has nothing better to do.
 */
#ifndef PARLEY_CORE_BUF_H
#define PARLEY_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
	char *data; /* NUL-terminated, never NULL after buf_init */
	size_t len;
	size_t cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b);
void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const void *data, size_t len);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* Appends s as a JSON string literal, quotes included; bytes that are not
 * well-formed UTF-8 become U+FFFD, so the literal is always valid JSON. */
void buf_put_json_string(buf *b, const char *s, size_t len);
/* Hands the storage to the caller (free() it); b is left empty. */
char *buf_detach(buf *b);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
