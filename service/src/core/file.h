/*
 * file — whole-file reads with a size bound.
 *
 * Every command and loader that takes a file (dictionaries, migrations,
 * the API description, pushed articles, the demo corpus) reads it whole;
 * the bound keeps a stray multi-gigabyte file from taking the process down.
 */
#ifndef PARLEY_CORE_FILE_H
#define PARLEY_CORE_FILE_H

#include <stddef.h>
#include <stdio.h>

#define FILE_NO_LIMIT ((size_t)-1)

typedef enum { FILE_OK = 0, FILE_UNREADABLE, FILE_TOO_BIG } file_status;

/*
 * Reads path ("-" is standard input) whole: a NUL-terminated copy the
 * caller frees, its length in *len.  NULL when it cannot be opened or read,
 * or holds more than max bytes; *status (may be NULL) says which.
 */
char *file_read(const char *path, size_t max, size_t *len, file_status *status);
/* The same for an open stream, which stays open. */
char *file_read_stream(FILE *f, size_t max, size_t *len, file_status *status);

#endif
