/*
 * blob — model file container (see blob.h).
 */
#include "lang/blob.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define BLOB_MAGIC "PRLYLANG"
#define BLOB_HEADER 32
#define BLOB_MAX_PAYLOAD ((size_t)1 << 31) /* 2 GiB: far above any model */

uint64_t blob_checksum(const void *p, size_t n)
{
	/* FNV-1a over 64-bit words (8x fewer steps than bytes: loading stays
	 * well under the 200 ms budget), then the tail bytes */
	const uint8_t *s = p;
	uint64_t h = 0xcbf29ce484222325ULL, w;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return h;
}

uint64_t blob_fnv(const void *p, size_t n)
{
	const uint8_t *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void blob_w_init(blob_w *b)
{
	memset(b, 0, sizeof *b);
}
void blob_w_free(blob_w *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

static void put(blob_w *b, const void *p, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n)
			cap *= 2;
		uint8_t *d = realloc(b->data, cap);
		if (!d) {
			b->failed = 1;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
}

static void pad8(blob_w *b)
{
	static const uint8_t zero[8];
	put(b, zero, (8 - b->len % 8) % 8);
}

void blob_put_u32(blob_w *b, uint32_t v)
{
	put(b, &v, 4);
}
void blob_put_f32(blob_w *b, float v)
{
	put(b, &v, 4);
}

void blob_put_array(blob_w *b, const void *p, size_t n)
{
	uint64_t len = n;
	pad8(b);
	put(b, &len, 8);
	put(b, p, n);
	pad8(b);
}

void blob_put_str(blob_w *b, const char *s)
{
	blob_put_array(b, s, strlen(s) + 1);
}

int blob_save(const blob_w *b, uint32_t kind, const char *path)
{
	if (b->failed) {
		errno = ENOMEM;
		return -1;
	}
	uint8_t h[BLOB_HEADER] = {0};
	uint32_t version = BLOB_VERSION;
	uint64_t len = b->len, sum = blob_checksum(b->data, b->len);
	memcpy(h, BLOB_MAGIC, 8);
	memcpy(h + 8, &version, 4);
	memcpy(h + 12, &kind, 4);
	memcpy(h + 16, &len, 8);
	memcpy(h + 24, &sum, 8);
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	int ok = fwrite(h, 1, sizeof h, f) == sizeof h && fwrite(b->data, 1, b->len, f) == b->len;
	if (fclose(f) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

static int fail(char **err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (err && vasprintf(err, fmt, ap) < 0)
		*err = NULL;
	va_end(ap);
	return -1;
}

int blob_open(blob_r *r, const void *file, size_t len, uint32_t kind, const char *name, char **err)
{
	const uint8_t *p = file;
	memset(r, 0, sizeof *r);
	if (len < BLOB_HEADER || memcmp(p, BLOB_MAGIC, 8) != 0)
		return fail(err, "%s: not a parley language model (bad magic)", name);
	uint32_t version, k;
	uint64_t plen, sum;
	memcpy(&version, p + 8, 4);
	memcpy(&k, p + 12, 4);
	memcpy(&plen, p + 16, 8);
	memcpy(&sum, p + 24, 8);
	if (version != BLOB_VERSION)
		return fail(err,
		            "%s: model format version %u, this build reads version %u (retrain "
		            "with make models)",
		            name, version, BLOB_VERSION);
	if (k != kind)
		return fail(err, "%s: wrong kind of model file", name);
	if (plen != len - BLOB_HEADER || plen > BLOB_MAX_PAYLOAD)
		return fail(
		    err,
		    "%s: truncated or oversized (header says %llu payload bytes, file has %zu)",
		    name, (unsigned long long)plen, len - BLOB_HEADER);
	if (blob_checksum(p + BLOB_HEADER, plen) != sum)
		return fail(err, "%s: checksum mismatch (file corrupted)", name);
	r->data = p + BLOB_HEADER;
	r->len = plen;
	return 0;
}

static const void *take(blob_r *r, size_t n)
{
	if (r->failed || n > r->len - r->pos) {
		r->failed = 1;
		return NULL;
	}
	const void *p = r->data + r->pos;
	r->pos += n;
	return p;
}

static void skip8(blob_r *r)
{
	size_t n = (8 - r->pos % 8) % 8;
	take(r, n);
}

uint32_t blob_get_u32(blob_r *r)
{
	uint32_t v = 0;
	const void *p = take(r, 4);
	if (p)
		memcpy(&v, p, 4);
	return v;
}

float blob_get_f32(blob_r *r)
{
	float v = 0;
	const void *p = take(r, 4);
	if (p)
		memcpy(&v, p, 4);
	return v;
}

const void *blob_get_array(blob_r *r, size_t elem, size_t *count)
{
	skip8(r);
	const uint64_t *lp = take(r, 8);
	if (!lp)
		return NULL;
	uint64_t n = *lp;
	if (elem == 0 || n % elem != 0 || n > r->len - r->pos) {
		r->failed = 1;
		return NULL;
	}
	const void *p = take(r, n);
	skip8(r);
	if (count)
		*count = n / elem;
	return p;
}

const char *blob_get_str(blob_r *r)
{
	size_t n;
	const char *s = blob_get_array(r, 1, &n);
	if (!s || n == 0 || s[n - 1] != '\0') {
		r->failed = 1;
		return NULL;
	}
	return s;
}

void *blob_alloc_big(size_t n)
{
	const size_t huge = (size_t)2 << 20;
	if (n < huge)
		return calloc(1, n ? n : 1);
	void *p = NULL;
	size_t len = (n + huge - 1) & ~(huge - 1);
	if (posix_memalign(&p, huge, len) != 0)
		return NULL;
	madvise(p, len, MADV_HUGEPAGE); /* advice only: fine if refused */
	memset(p, 0, n);
	return p;
}
