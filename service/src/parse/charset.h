/*
 * charset — converts a fetched body to UTF-8 (iconv), taking the charset
 * from the Content-Type header, else a BOM, else <meta charset> / the XML
 * declaration, else UTF-8 when valid, else windows-1252.
 */
#ifndef PARLEY_PARSE_CHARSET_H
#define PARLEY_PARSE_CHARSET_H

#include <stddef.h>

/* Returns a malloc'd NUL-terminated UTF-8 copy (length in *out_len), or NULL
 * with *err set when the declared charset is unknown. */
char *charset_to_utf8(const char *body, size_t len, const char *content_type, size_t *out_len,
                      char **err);

#endif
