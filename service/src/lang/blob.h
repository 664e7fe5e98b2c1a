/*
 * blob — the model file container: a checked header and aligned sections.
 *
 * Design note
 * -----------
 * Every model file is   magic "PRLYLANG" | u32 version | u32 kind |
 * u64 payload length | u64 checksum of the payload (blob_checksum) | payload.
 * The payload is a sequence of little sections written with blob_put_*
 * (each array aligned to 8 bytes so a reader can point straight into it).
 * blob_open() checks magic, version, kind, length and checksum before any
 * section is read; every blob_get_* is bounds-checked and fails instead of
 * reading past the end, so a truncated or corrupt file is an error message,
 * never a crash.
 */
#ifndef PARLEY_LANG_BLOB_H
#define PARLEY_LANG_BLOB_H

#include <stddef.h>
#include <stdint.h>

#define BLOB_VERSION 1
#define BLOB_KIND(a, b, c, d)                                                                      \
	((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

typedef struct blob_w {
	uint8_t *data;
	size_t len, cap;
	int failed;
} blob_w;

void blob_w_init(blob_w *b);
void blob_w_free(blob_w *b);
void blob_put_u32(blob_w *b, uint32_t v);
void blob_put_f32(blob_w *b, float v);
void blob_put_array(blob_w *b, const void *p, size_t n); /* u64 length + bytes, 8-aligned */
void blob_put_str(blob_w *b, const char *s);
/* Header + payload to a file.  Returns 0, or -1 with errno. */
int blob_save(const blob_w *b, uint32_t kind, const char *path);

typedef struct blob_r {
	const uint8_t *data; /* payload */
	size_t len, pos;
	int failed;
} blob_r;

/* Check a whole file image (header included) of the given kind.  Returns 0,
 * or -1 with a message in *err (malloc'd). */
int blob_open(blob_r *r, const void *file, size_t len, uint32_t kind, const char *name, char **err);
uint32_t blob_get_u32(blob_r *r);
float blob_get_f32(blob_r *r);
const void *blob_get_array(blob_r *r, size_t elem, size_t *count); /* NULL on overrun */
const char *blob_get_str(blob_r *r); /* NUL-terminated inside the blob, or NULL */
/* Zeroed memory for a large table built at load and read at random (the
 * run-time weight tables), freed with free(): from 2 MiB up aligned to 2
 * MiB and marked for transparent huge pages, so lookups miss the TLB less
 * often (+5-8% tokens/s).  The model images stay plain memory: asking huge
 * pages for them too added as much again to the load time's spread (the
 * kernel compacts memory for them) for no measurable speed.  NULL when out
 * of memory. */
void *blob_alloc_big(size_t n);
uint64_t blob_fnv(const void *p, size_t n);      /* bytes: feature hashing */
uint64_t blob_checksum(const void *p, size_t n); /* words: file checksums */

#endif
