/*
 * perceptron — averaged perceptron: training rows, compilation to the
 * quantised run-time table, scoring (see perceptron.h).
 */
#include "lang/perceptron.h"
#include "lang/simd.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t pc_hash(const void *p, size_t n)
{
	return pc_mix(blob_fnv(p, n), n);
}

#if LN_AVX2
/* x * c modulo 2^64 in each lane: AVX2 multiplies 32 by 32 bits only. */
LN_TARGET_AVX2 static inline __m256i mul64(__m256i x, uint64_t c)
{
	const __m256i lo = _mm256_set1_epi64x((long long)(c & 0xffffffffu)),
	              hi = _mm256_set1_epi64x((long long)(c >> 32));
	__m256i cross = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(x, 32), lo),
	                                 _mm256_mul_epu32(x, hi));
	return _mm256_add_epi64(_mm256_mul_epu32(x, lo), _mm256_slli_epi64(cross, 32));
}

/* pc_mix's finishing steps (the splitmix64 finaliser) in four lanes. */
LN_TARGET_AVX2 static inline __m256i mix_final(__m256i x)
{
	x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 30));
	x = mul64(x, 0xbf58476d1ce4e5b9ULL);
	x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 27));
	x = mul64(x, 0x94d049bb133111ebULL);
	return _mm256_xor_si256(x, _mm256_srli_epi64(x, 31));
}

/* pc_mix in four lanes, step for step. */
LN_TARGET_AVX2 static void mix_avx2(uint64_t *out, const uint64_t *a, const uint64_t *b, size_t n)
{
	for (size_t i = 0; i < n; i += 4) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(a + i)),
		        y = _mm256_loadu_si256((const __m256i *)(b + i));
		y = _mm256_add_epi64(y, _mm256_set1_epi64x((long long)0x9e3779b97f4a7c15ULL));
		y = _mm256_add_epi64(y, _mm256_slli_epi64(x, 6));
		y = _mm256_add_epi64(y, _mm256_srli_epi64(x, 2));
		_mm256_storeu_si256((__m256i *)(out + i), mix_final(_mm256_xor_si256(x, y)));
	}
}

/* mix_avx2 with the first arguments' share of the sum given */
LN_TARGET_AVX2 static void mix_pre_avx2(uint64_t *out, const uint64_t *a, const uint64_t *pre,
                                        const uint64_t *b, size_t n)
{
	for (size_t i = 0; i < n; i += 4) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(a + i)),
		        y = _mm256_add_epi64(_mm256_loadu_si256((const __m256i *)(b + i)),
		                             _mm256_loadu_si256((const __m256i *)(pre + i)));
		_mm256_storeu_si256((__m256i *)(out + i), mix_final(_mm256_xor_si256(x, y)));
	}
}
#endif

void pc_mix_pre_n(uint64_t *out, const uint64_t *a, const uint64_t *pre, const uint64_t *b,
                  size_t n)
{
#if LN_AVX2
	if (ln_cpu_avx2()) {
		mix_pre_avx2(out, a, pre, b, n);
		return;
	}
#endif
	(void)pre; /* the sum pc_mix forms anew */
	for (size_t i = 0; i < n; i++)
		out[i] = pc_mix(a[i], b[i]);
}

void pc_mix_n(uint64_t *out, const uint64_t *a, const uint64_t *b, size_t n)
{
#if LN_AVX2
	if (ln_cpu_avx2()) {
		mix_avx2(out, a, b, n);
		return;
	}
#endif
	for (size_t i = 0; i < n; i++)
		out[i] = pc_mix(a[i], b[i]);
}

#if LN_AVX2
/* pc_argmax eight scores at a time: the maximum, then its first place. */
LN_TARGET_AVX2 static uint32_t argmax_avx2(const int32_t *sc, uint32_t n)
{
	const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7),
	              low = _mm256_set1_epi32(INT32_MIN);
	__m256i top = low;
	for (uint32_t k = 0; k < n; k += 8) {
		__m256i in = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n - k)), lane);
		top = _mm256_max_epi32(
		    top,
		    _mm256_blendv_epi8(low, _mm256_loadu_si256((const __m256i *)(sc + k)), in));
	}
	top = _mm256_max_epi32(top, _mm256_permute2x128_si256(top, top, 1));
	top = _mm256_max_epi32(top, _mm256_shuffle_epi32(top, 0x4e));
	top = _mm256_max_epi32(top, _mm256_shuffle_epi32(top, 0xb1));
	for (uint32_t k = 0; k < n; k += 8) {
		__m256i in = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n - k)), lane);
		__m256i eq = _mm256_cmpeq_epi32(_mm256_loadu_si256((const __m256i *)(sc + k)), top);
		int bits = _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_and_si256(eq, in)));
		if (bits)
			return k + (uint32_t)__builtin_ctz((unsigned)bits);
	}
	return 0;
}
#endif

uint32_t pc_argmax(const int32_t *scores, uint32_t n)
{
#if LN_AVX2
	if (n > 8 && ln_cpu_avx2())
		return argmax_avx2(scores, n);
#endif
	uint32_t best = 0;
	for (uint32_t k = 1; k < n; k++)
		if (scores[k] > scores[best])
			best = k;
	return best;
}

static uint32_t fingerprint(uint64_t key)
{
	uint32_t fp = (uint32_t)(key >> 32);
	return fp ? fp : 1;
}

/* ---- run time ---------------------------------------------------------- */

/* Features looked up together: a token's or a transition's all at once
 * (96 against 32: one round of cache misses instead of three, +9%). */
#define PC_BATCH 96

/* Look up a batch of features in three passes — prefetch their slots, find
 * their rows and prefetch those, then add — so the cache misses of one
 * feature overlap those of the others instead of queueing. */
static void score_batch(const pc_model *m, const uint64_t *f, size_t nf, int32_t *scores,
                        int32_t *const *dst)
{
	uint32_t lo[PC_BATCH], hi[PC_BATCH];
	for (size_t i = 0; i < nf; i++)
		__builtin_prefetch(&m->slot[2 * ((uint32_t)f[i] & m->mask)]);
	for (size_t i = 0; i < nf; i++) {
		uint32_t fp = fingerprint(f[i]);
		lo[i] = hi[i] = 0;
		for (uint32_t s = (uint32_t)f[i] & m->mask;; s = (s + 1) & m->mask) {
			uint32_t k = m->slot[2 * s];
			if (k == 0)
				break;
			if (k != fp)
				continue;
			lo[i] = m->slot[2 * s + 1];
			hi[i] = m->slot[2 * s + 3];
			__builtin_prefetch(&m->ent[lo[i]]);
			break;
		}
	}
	for (size_t i = 0; i < nf; i++) {
		int32_t *sc = dst ? dst[i] : scores;
		for (uint32_t e = lo[i]; e < hi[i]; e++)
			sc[m->ent[e] >> 16] += (int16_t)(m->ent[e] & 0xffff);
	}
}

/* Compact buckets (pc_model_compact): bits 0-14 a fingerprint, 15-17 the
 * kind (0 empty, 1-2 that many entries in place, BK_DENSE, BK_EXT), 18-63
 * the payload: in place, two 23-bit entries (class << 16 | weight); a dense
 * row, where it starts in dense (index x dstride); an external row, its
 * first entry in ent (32 bits) and its length (12 bits).  Weights are the
 * file's int16 weights, unchanged. */
#define BK_FP(b) ((uint32_t)(b)&0x7fffu)
#define BK_KIND(b) ((uint32_t)((b) >> 15) & 7u)
#define BK_INLINE 2u
#define BK_DENSE 6u
#define BK_EXT 7u
/* a row of at least this many entries is stored dense: adding nclass/8
 * vectors costs less than that many scattered scalar adds (24: measured
 * against 12 and 40, no difference beyond noise) */
#define DENSE_MIN 24

typedef int16_t v8h __attribute__((vector_size(16)));
typedef int32_t v8i __attribute__((vector_size(32)));

static void add_dense(int32_t *scores, const int16_t *row, uint32_t nclass)
{
	uint32_t c = 0;
	for (; c + 8 <= nclass; c += 8) {
		v8h w;
		v8i s;
		memcpy(&w, row + c, sizeof w);
		memcpy(&s, scores + c, sizeof s);
		s += __builtin_convertvector(w, v8i);
		memcpy(scores + c, &s, sizeof s);
	}
	for (; c < nclass; c++)
		scores[c] += row[c];
}

static void add_entry(int32_t *scores, uint32_t e)
{
	scores[e >> 16] += (int16_t)(e & 0xffff);
}

#if LN_AVX2
/* Dense rows ROWS[0..NR) added to SCORES with AVX2, the scores kept in
 * registers across the rows (eight classes per instruction, widened as
 * they load): a quarter of the instructions of add_dense row by row. */
LN_TARGET_AVX2 static void add_dense_avx2(int32_t *scores, const int16_t *const *rows, size_t nr,
                                          uint32_t nclass)
{
#define LD(k) _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(row + c + 8 * (k))))
#define ACC(k) __m256i a##k = _mm256_loadu_si256((const __m256i *)(scores + c + 8 * (k)))
#define ADD(k) a##k = _mm256_add_epi32(a##k, LD(k))
#define PUT(k) _mm256_storeu_si256((__m256i *)(scores + c + 8 * (k)), a##k)
	uint32_t c = 0;
	for (; c + 64 <= nclass; c += 64) {
		ACC(0);
		ACC(1);
		ACC(2);
		ACC(3);
		ACC(4);
		ACC(5);
		ACC(6);
		ACC(7);
		for (size_t r = 0; r < nr; r++) {
			const int16_t *row = rows[r];
			ADD(0);
			ADD(1);
			ADD(2);
			ADD(3);
			ADD(4);
			ADD(5);
			ADD(6);
			ADD(7);
		}
		PUT(0);
		PUT(1);
		PUT(2);
		PUT(3);
		PUT(4);
		PUT(5);
		PUT(6);
		PUT(7);
	}
	if (c + 32 <= nclass) {
		ACC(0);
		ACC(1);
		ACC(2);
		ACC(3);
		for (size_t r = 0; r < nr; r++) {
			const int16_t *row = rows[r];
			ADD(0);
			ADD(1);
			ADD(2);
			ADD(3);
		}
		PUT(0);
		PUT(1);
		PUT(2);
		PUT(3);
		c += 32;
	}
	for (; c + 8 <= nclass; c += 8) {
		ACC(0);
		for (size_t r = 0; r < nr; r++) {
			const int16_t *row = rows[r];
			ADD(0);
		}
		PUT(0);
	}
	for (; c < nclass; c++)
		for (size_t r = 0; r < nr; r++)
			scores[c] += rows[r][c];
#undef LD
#undef ACC
#undef ADD
#undef PUT
}
#endif

/* The bucket of the first of the probe run from S that is empty or has
 * fingerprint FP, or 0 (empty): one bucket at a time. */
static inline __attribute__((always_inline)) uint64_t find_plain(const pc_model *m, uint32_t s,
                                                                 uint32_t fp)
{
	for (;; s = (s + 1) & m->mask) {
		uint64_t b = m->bkt[s];
		if (BK_KIND(b) == 0 || BK_FP(b) == fp)
			return b;
	}
}

#if LN_AVX2
/* find_plain four buckets at a time (the table has copies of its first
 * three buckets after its end, so the four never wrap). */
LN_TARGET_AVX2 static inline uint64_t find_avx2(const pc_model *m, uint32_t s, uint32_t fp)
{
	const __m256i fpmask = _mm256_set1_epi64x(0x7fff), kind = _mm256_set1_epi64x(7 << 15),
	              want = _mm256_set1_epi64x(fp), zero = _mm256_setzero_si256();
	for (;; s = (s + 4) & m->mask) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(m->bkt + s));
		__m256i empty = _mm256_cmpeq_epi64(_mm256_and_si256(x, kind), zero);
		__m256i same = _mm256_cmpeq_epi64(_mm256_and_si256(x, fpmask), want);
		unsigned stop =
		    (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_or_si256(empty, same)));
		if (stop)
			return m->bkt[s + (unsigned)__builtin_ctz(stop)];
	}
}
#endif

/* As score_batch, on the compact buckets: rows kept in place cost one
 * miss, the others two.  AVX2: the probe runs looked at four buckets at a
 * time and the dense rows added with add_dense_avx2. */
static inline __attribute__((always_inline)) void
score_batch_compact_with(const pc_model *m, const uint64_t *f, size_t nf, int32_t *scores,
                         int32_t *const *dst, int avx2)
{
	uint32_t lo[PC_BATCH], n[PC_BATCH];
	const int16_t *dn[PC_BATCH];
	int32_t *nsc[PC_BATCH], *dsc[PC_BATCH];
	size_t next = 0, nd = 0;
	for (size_t i = 0; i < nf; i++)
		__builtin_prefetch(&m->bkt[(uint32_t)f[i] & m->mask]);
	for (size_t i = 0; i < nf; i++) {
		uint32_t fp = fingerprint(f[i]) & 0x7fffu, s = (uint32_t)f[i] & m->mask;
#if LN_AVX2
		uint64_t b = avx2 ? find_avx2(m, s, fp) : find_plain(m, s, fp);
#else
		uint64_t b = find_plain(m, s, fp);
#endif
		uint32_t kind = BK_KIND(b);
		if (kind == 0)
			continue;
		int32_t *sc = dst ? dst[i] : scores;
		if (kind == BK_DENSE) {
			dn[nd] = m->dense + (b >> 18);
			dsc[nd++] = sc;
		} else if (kind == BK_EXT) {
			lo[next] = (uint32_t)(b >> 18);
			n[next] = (uint32_t)(b >> 50) & 0xfffu;
			__builtin_prefetch(&m->ext[lo[next]]);
			__builtin_prefetch(&m->ext[lo[next] + n[next] - 1]);
			nsc[next++] = sc;
		} else {
			add_entry(sc, (uint32_t)(b >> 18) & 0x7fffffu);
			if (kind == 2)
				add_entry(sc, (uint32_t)(b >> 41) & 0x7fffffu);
		}
	}
	for (size_t i = 0; i < next; i++) {
		/* two entries a load */
		const uint32_t *e = m->ext + lo[i], *end = e + n[i];
		int32_t *sc = nsc[i];
		for (; e + 2 <= end; e += 2) {
			uint64_t x;
			memcpy(&x, e, sizeof x);
			sc[(uint32_t)x >> 16] += (int16_t)x;
			sc[x >> 48] += (int16_t)(x >> 32);
		}
		if (e < end)
			add_entry(sc, *e);
	}
#if LN_AVX2
	if (avx2) {
		/* runs of rows with the same destination in one pass */
		for (size_t i = 0, j; i < nd; i = j) {
			for (j = i + 1; j < nd && dsc[j] == dsc[i]; j++)
				;
			add_dense_avx2(dsc[i], dn + i, j - i, m->dstride); /* zeros past nclass */
		}
		return;
	}
#else
	(void)avx2;
#endif
	for (size_t i = 0; i < nd; i++)
		add_dense(dsc[i], dn[i], m->nclass);
}

#if LN_AVX2
LN_TARGET_AVX2 static void score_batch_compact_avx2(const pc_model *m, const uint64_t *f, size_t nf,
                                                    int32_t *scores, int32_t *const *dst)
{
	if (dst) /* two copies: the destination's test out of the loop */
		score_batch_compact_with(m, f, nf, NULL, dst, 1);
	else
		score_batch_compact_with(m, f, nf, scores, NULL, 1);
}
#endif

static void score_batch_compact(const pc_model *m, const uint64_t *f, size_t nf, int32_t *scores,
                                int32_t *const *dst)
{
	score_batch_compact_with(m, f, nf, scores, dst, 0);
}

/* The low 16 bits of fingerprint(key), 1 for 0: that of key >> 32 alone
 * (fingerprint's 0 -> 1 gives 1 too). */
static uint16_t fingerprint16(uint64_t key)
{
	uint16_t fp = (uint16_t)(key >> 32);
	return fp ? fp : 1;
}

/* The whole-row bucket (W lanes, lane 0 the fingerprint) of feature F, or
 * NULL: linear probing from its slot up to an empty one. */
static inline __attribute__((always_inline)) const uint16_t *wide_bucket(const pc_model *m,
                                                                         uint64_t f, uint32_t w)
{
	uint16_t fp = fingerprint16(f);
	for (uint32_t s = (uint32_t)f & m->mask;; s = (s + 1) & m->mask) {
		const uint16_t *b = &m->wide[(size_t)s * w];
		if (b[0] == 0)
			return NULL;
		if (b[0] == fp)
			return b;
	}
}

/* As score_batch, on the whole-row buckets: one miss per feature. */
static void score_batch_wide(const pc_model *m, const uint64_t *f, size_t nf, int32_t *scores,
                             int32_t *const *dst)
{
	const uint32_t w = m->wlanes;
	for (size_t i = 0; i < nf; i++)
		__builtin_prefetch(&m->wide[(size_t)((uint32_t)f[i] & m->mask) * w]);
	if (w == 8 && !dst) {
		/* one destination: add whole buckets lane by lane (lane 0, the
		 * fingerprint, too, never read), spread to the classes at the end */
		v8i acc = {0};
		for (size_t i = 0; i < nf; i++) {
			const uint16_t *b = wide_bucket(m, f[i], 8);
			if (!b)
				continue;
			v8h x;
			memcpy(&x, b, sizeof x);
			acc += __builtin_convertvector(x, v8i);
		}
		for (uint32_t k = 1; k < 8; k++)
			scores[m->wcls[k - 1]] += acc[k];
		return;
	}
	for (size_t i = 0; i < nf; i++) {
		const uint16_t *b = wide_bucket(m, f[i], w);
		if (!b)
			continue;
		int32_t *sc = dst ? dst[i] : scores;
		for (uint32_t k = 1; k < w; k++)
			sc[m->wcls[k - 1]] += (int16_t)b[k];
	}
}

#if LN_AVX2
/* score_batch_wide's common case, eight lanes to one destination, with
 * AVX2: a bucket widened and added in two instructions. */
LN_TARGET_AVX2 static void score_batch_wide8_avx2(const pc_model *m, const uint64_t *f, size_t nf,
                                                  int32_t *scores)
{
	for (size_t i = 0; i < nf; i++)
		__builtin_prefetch(&m->wide[(size_t)((uint32_t)f[i] & m->mask) * 8]);
	__m256i acc = _mm256_setzero_si256();
	for (size_t i = 0; i < nf; i++) {
		const uint16_t *b = wide_bucket(m, f[i], 8);
		if (b)
			acc = _mm256_add_epi32(
			    acc, _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)b)));
	}
	int32_t a[8];
	_mm256_storeu_si256((__m256i *)a, acc);
	for (uint32_t k = 1; k < 8; k++)
		scores[m->wcls[k - 1]] += a[k];
}
#endif

static void score(const pc_model *m, const uint64_t *f, size_t nf, int32_t *scores,
                  int32_t *const *dst)
{
	for (size_t i = 0; i < nf; i += PC_BATCH) {
		size_t k = nf - i < PC_BATCH ? nf - i : PC_BATCH;
		int32_t *const *d = dst ? dst + i : NULL;
#if LN_AVX2
		if (m->wide && m->wlanes == 8 && !d && m->avx2)
			score_batch_wide8_avx2(m, f + i, k, scores);
		else if (m->bkt && m->avx2)
			score_batch_compact_avx2(m, f + i, k, scores, d);
		else
#endif
		    if (m->wide)
			score_batch_wide(m, f + i, k, scores, d);
		else if (m->bkt)
			score_batch_compact(m, f + i, k, scores, d);
		else
			score_batch(m, f + i, k, scores, d);
	}
}

void pc_score(const pc_model *m, const uint64_t *f, size_t nf, int32_t *scores)
{
	score(m, f, nf, scores, NULL);
}

void pc_score_each(const pc_model *m, const uint64_t *f, size_t nf, int32_t *const *dst)
{
	score(m, f, nf, NULL, dst);
}

/* Where the next external row of LEN entries goes, from POS (entries of
 * 4 bytes, 16 a cache line): moved to the next line when that spares it a
 * line, so a row of up to 16 entries is one cache miss, not two. */
static size_t ext_place(size_t pos, size_t len)
{
	size_t need = (len + 15) / 16, here = (pos % 16 + len + 15) / 16;
	return here > need ? (pos + 15) & ~(size_t)15 : pos;
}

int pc_model_compact(pc_model *m)
{
	if (m->bkt)
		return 0;
	if (m->nclass > 128 || !m->slot)
		return -1;
	size_t slots = (size_t)m->mask + 1, ndense = 0, next = 0;
	uint32_t stride = (m->nclass + 7) & ~7u;
	for (size_t s = 0; s < slots; s++) {
		uint32_t len = m->slot[2 * s + 3] - m->slot[2 * s + 1];
		if (!m->slot[2 * s] || len <= BK_INLINE)
			continue;
		if (len >= DENSE_MIN)
			ndense++;
		else
			next = ext_place(next, len) + len;
	}
	if (next > UINT32_MAX)
		return -1;
	/* buckets (and copies of the first three: find_avx2), the dense rows
	 * (16-byte aligned), then the external rows (64-byte aligned: a cache
	 * line) */
	size_t dense_at = (slots + 4) * 8, ext_at = dense_at + ndense * stride * 2;
	char *mem = blob_alloc_big(ext_at + next * 4 + 64);
	if (!mem)
		return -1;
	uint64_t *bkt = (uint64_t *)mem;
	int16_t *dense = (int16_t *)(mem + dense_at);
	uint32_t *ext = (uint32_t *)(mem + ext_at + (64 - (uintptr_t)(mem + ext_at) % 64) % 64);
	size_t d = 0, e = 0;
	for (size_t s = 0; s < slots; s++) {
		uint32_t fp = m->slot[2 * s], lo = m->slot[2 * s + 1], hi = m->slot[2 * s + 3];
		if (!fp || hi == lo)
			continue;
		uint64_t b = fp & 0x7fffu;
		if (hi - lo <= BK_INLINE) {
			b |= (uint64_t)(hi - lo) << 15;
			for (uint32_t j = 0; j < hi - lo; j++)
				b |= (uint64_t)(m->ent[lo + j] & 0x7fffffu) << (18 + 23 * j);
		} else if (hi - lo >= DENSE_MIN) {
			b |= (uint64_t)BK_DENSE << 15 | (uint64_t)(d * stride) << 18;
			for (uint32_t j = lo; j < hi; j++)
				dense[d * stride + (m->ent[j] >> 16)] =
				    (int16_t)(m->ent[j] & 0xffff);
			d++;
		} else {
			e = ext_place(e, hi - lo);
			memcpy(ext + e, m->ent + lo, (hi - lo) * sizeof *ext);
			b |= (uint64_t)BK_EXT << 15 | (uint64_t)e << 18 | (uint64_t)(hi - lo) << 50;
			e += hi - lo;
		}
		bkt[s] = b;
	}
	assert(d == ndense && e == next);
	memcpy(bkt + slots, bkt, 3 * sizeof *bkt);
	m->bkt = bkt;
	m->dense = dense;
	m->ext = ext;
	m->dstride = stride;
	m->fast = bkt;
	ln_cpu_init();
	m->avx2 = ln_cpu_avx2();
	return 0;
}

int pc_model_compact_rows(pc_model *m, uint32_t classes)
{
	if (m->wide || m->bkt)
		return 0;
	if (!m->slot)
		return -1;
	int lane[PC_MAX_CLASSES]; /* class -> lane, or -1 */
	uint8_t cls[15];
	uint32_t nk = 0;
	for (uint32_t c = 0; c < m->nclass; c++) {
		lane[c] = -1;
		if (c < 32 && (classes >> c & 1)) {
			if (nk == 15)
				return -1;
			cls[nk] = (uint8_t)c;
			lane[c] = (int)++nk;
		}
	}
	uint32_t w = nk < 8 ? 8 : 16;
	size_t slots = (size_t)m->mask + 1;
	uint16_t *wide = blob_alloc_big(slots * w * sizeof *wide);
	if (!wide)
		return -1;
	for (size_t s = 0; s < slots; s++) {
		uint32_t fp = m->slot[2 * s], lo = m->slot[2 * s + 1], hi = m->slot[2 * s + 3];
		if (!fp)
			continue;
		/* the fingerprint the lookup computes: fingerprint() of the key
		 * gave fp, whose low 16 bits fingerprint16() keeps */
		uint16_t *b = &wide[s * w];
		b[0] = (uint16_t)fp ? (uint16_t)fp : 1;
		for (uint32_t j = lo; j < hi; j++) {
			int l = lane[m->ent[j] >> 16];
			if (l > 0)
				b[l] = (uint16_t)(m->ent[j] & 0xffff);
		}
	}
	memcpy(m->wcls, cls, nk);
	for (uint32_t k = nk; k < 15; k++)
		m->wcls[k] = cls[0]; /* unused lanes hold 0: adding them is harmless */
	m->wlanes = w;
	m->wide = wide;
	m->fast = wide;
	ln_cpu_init();
	m->avx2 = ln_cpu_avx2();
	return 0;
}

void pc_model_free(pc_model *m)
{
	if (!m)
		return;
	free(m->owned);
	free(m->fast);
	memset(m, 0, sizeof *m);
}

void pc_model_exact(pc_model *m)
{
	free(m->fast);
	m->fast = NULL;
	m->bkt = NULL;
	m->dense = NULL;
	m->ext = NULL;
	m->dstride = 0;
	m->wide = NULL;
	m->wlanes = 0;
}

int pc_model_write(const pc_model *m, blob_w *b)
{
	blob_put_u32(b, m->nclass);
	blob_put_u32(b, m->mask);
	blob_put_u32(b, m->nent);
	blob_put_f32(b, m->scale);
	blob_put_array(b, m->slot, ((size_t)m->mask + 2) * 8);
	blob_put_array(b, m->ent, (size_t)m->nent * 4);
	return b->failed ? -1 : 0;
}

int pc_model_read(pc_model *m, blob_r *r, char **err)
{
	memset(m, 0, sizeof *m);
	m->nclass = blob_get_u32(r);
	m->mask = blob_get_u32(r);
	m->nent = blob_get_u32(r);
	m->scale = blob_get_f32(r);
	size_t ns = 0, ne = 0;
	m->slot = blob_get_array(r, 8, &ns);
	m->ent = blob_get_array(r, 4, &ne);
	const char *why = NULL;
	if (r->failed)
		why = "truncated weight table";
	else if (m->nclass == 0 || m->nclass > PC_MAX_CLASSES)
		why = "bad class count";
	else if (((uint64_t)m->mask + 1) & m->mask || ns != (size_t)m->mask + 2)
		why = "bad table size";
	else if (ne != m->nent)
		why = "bad entry count";
	if (!why) {
		/* Every row within the entries, every class in range, one empty
		 * slot at least (lookups end). */
		size_t empty = 0;
		for (size_t s = 0; s + 1 < ns && !why; s++) {
			if (m->slot[2 * s + 1] > m->slot[2 * s + 3] || m->slot[2 * s + 3] > m->nent)
				why = "row out of range";
			empty += m->slot[2 * s] == 0;
		}
		if (!why && (m->slot[1] != 0 || m->slot[2 * (ns - 1)] != 0))
			why = "row out of range";
		if (!why && empty == 0)
			why = "full table";
		for (size_t e = 0; e < m->nent && !why; e++)
			if ((m->ent[e] >> 16) >= m->nclass)
				why = "class out of range";
	}
	if (why) {
		if (err && asprintf(err, "%s", why) < 0)
			*err = NULL;
		memset(m, 0, sizeof *m);
		return -1;
	}
	return 0;
}

/* ---- training ---------------------------------------------------------- */

typedef struct pc_ent {
	uint32_t cls, ts;
	float w;
	double total;
} pc_ent;

typedef struct pc_row {
	uint64_t key; /* 0 = empty slot */
	pc_ent *e;
	uint32_t n, cap;
} pc_row;

struct pc_trainer {
	unsigned nclass;
	pc_row *rows;
	size_t nrows, mask;
	uint32_t clock;
};

pc_trainer *pc_trainer_new(unsigned nclass)
{
	assert(nclass > 0 && nclass <= PC_MAX_CLASSES);
	pc_trainer *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->nclass = nclass;
	t->mask = (1u << 16) - 1;
	t->rows = calloc(t->mask + 1, sizeof *t->rows);
	if (!t->rows) {
		free(t);
		return NULL;
	}
	return t;
}

void pc_trainer_free(pc_trainer *t)
{
	if (!t)
		return;
	for (size_t i = 0; i <= t->mask; i++)
		free(t->rows[i].e);
	free(t->rows);
	free(t);
}

static uint64_t nonzero(uint64_t k)
{
	return k ? k : 1;
}

static const pc_row *find(const pc_trainer *t, uint64_t key)
{
	key = nonzero(key);
	for (size_t s = key & t->mask;; s = (s + 1) & t->mask) {
		if (t->rows[s].key == key)
			return &t->rows[s];
		if (t->rows[s].key == 0)
			return NULL;
	}
}

static int grow(pc_trainer *t)
{
	size_t n = (t->mask + 1) * 2;
	pc_row *rows = calloc(n, sizeof *rows);
	if (!rows)
		return -1;
	for (size_t i = 0; i <= t->mask; i++) {
		if (!t->rows[i].key)
			continue;
		size_t s = t->rows[i].key & (n - 1);
		while (rows[s].key)
			s = (s + 1) & (n - 1);
		rows[s] = t->rows[i];
	}
	free(t->rows);
	t->rows = rows;
	t->mask = n - 1;
	return 0;
}

static pc_row *find_or_add(pc_trainer *t, uint64_t key)
{
	key = nonzero(key);
	if ((t->nrows + 1) * 2 > t->mask + 1 && grow(t) != 0)
		return NULL;
	size_t s = key & t->mask;
	while (t->rows[s].key && t->rows[s].key != key)
		s = (s + 1) & t->mask;
	if (!t->rows[s].key) {
		t->rows[s].key = key;
		t->nrows++;
	}
	return &t->rows[s];
}

void pc_trainer_score(const pc_trainer *t, const uint64_t *f, size_t nf, float *scores)
{
	for (size_t i = 0; i < nf; i++) {
		const pc_row *r = find(t, f[i]);
		if (!r)
			continue;
		for (uint32_t j = 0; j < r->n; j++)
			scores[r->e[j].cls] += r->e[j].w;
	}
}

static int bump(pc_trainer *t, pc_row *r, unsigned cls, float d)
{
	uint32_t j = 0;
	while (j < r->n && r->e[j].cls != cls)
		j++;
	if (j == r->n) {
		if (r->n == r->cap) {
			uint32_t cap = r->cap ? r->cap * 2 : 2;
			pc_ent *e = realloc(r->e, cap * sizeof *e);
			if (!e)
				return -1;
			r->e = e;
			r->cap = cap;
		}
		r->e[r->n++] = (pc_ent){.cls = cls, .ts = t->clock};
	}
	pc_ent *e = &r->e[j];
	e->total += (double)(t->clock - e->ts) * e->w;
	e->ts = t->clock;
	e->w += d;
	return 0;
}

int pc_trainer_update(pc_trainer *t, const uint64_t *f, size_t nf, unsigned truth, unsigned guess)
{
	assert(truth < t->nclass && guess < t->nclass);
	t->clock++;
	if (truth == guess)
		return 0;
	for (size_t i = 0; i < nf; i++) {
		pc_row *r = find_or_add(t, f[i]);
		if (!r || bump(t, r, truth, 1.0f) != 0 || bump(t, r, guess, -1.0f) != 0)
			return -1;
	}
	return 0;
}

static double averaged(const pc_trainer *t, const pc_ent *e)
{
	double total = e->total + (double)(t->clock - e->ts) * e->w;
	return t->clock ? total / t->clock : 0;
}

int pc_trainer_compile(const pc_trainer *t, double prune, pc_model *out)
{
	memset(out, 0, sizeof *out);
	double maxw = 0;
	for (size_t i = 0; i <= t->mask; i++)
		for (uint32_t j = 0; j < t->rows[i].n; j++)
			maxw = fmax(maxw, fabs(averaged(t, &t->rows[i].e[j])));
	double scale = maxw > 0 ? maxw / 32000.0 : 1.0, cut = prune * maxw;
	/* Which rows survive, and how many entries. */
	size_t nrows = 0, nent = 0;
	for (size_t i = 0; i <= t->mask; i++) {
		size_t k = 0;
		for (uint32_t j = 0; j < t->rows[i].n; j++) {
			double a = averaged(t, &t->rows[i].e[j]);
			k += fabs(a) >= cut && lrint(a / scale) != 0;
		}
		nrows += k > 0;
		nent += k;
	}
	size_t slots = 1024;
	while (slots < nrows * 10 / 7 + 1)
		slots *= 2;
	size_t bytes = (slots + 1) * 8 + nent * 4;
	uint8_t *mem = calloc(1, bytes);
	uint64_t *slotkey = calloc(slots, sizeof *slotkey);
	const pc_row **slotrow = calloc(slots, sizeof *slotrow);
	if (!mem || !slotkey || !slotrow) {
		free(mem);
		free(slotkey);
		free(slotrow);
		return -1;
	}
	uint32_t *slot = (uint32_t *)mem, *ent = slot + 2 * (slots + 1);
	/* Place rows by the run-time probe rule (fingerprints may repeat: the
	 * first placed wins at lookup, as it would for any colliding hash). */
	for (size_t i = 0; i <= t->mask; i++) {
		const pc_row *r = &t->rows[i];
		int keep = 0;
		for (uint32_t j = 0; j < r->n && !keep; j++) {
			double a = averaged(t, &r->e[j]);
			keep = fabs(a) >= cut && lrint(a / scale) != 0;
		}
		if (!keep)
			continue;
		size_t s = r->key & (slots - 1);
		while (slotrow[s])
			s = (s + 1) & (slots - 1);
		slotrow[s] = r;
		slotkey[s] = r->key;
	}
	uint32_t e = 0;
	for (size_t s = 0; s < slots; s++) {
		slot[2 * s + 1] = e;
		const pc_row *r = slotrow[s];
		if (!r)
			continue;
		slot[2 * s] = fingerprint(slotkey[s]);
		for (uint32_t j = 0; j < r->n; j++) {
			double a = averaged(t, &r->e[j]);
			long q = lrint(a / scale);
			if (fabs(a) < cut || q == 0)
				continue;
			int16_t w = (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
			ent[e] = r->e[j].cls << 16 | (uint16_t)w;
			e++;
		}
	}
	slot[2 * slots + 1] = e;
	assert(e == nent);
	free(slotkey);
	free(slotrow);
	out->nclass = t->nclass;
	out->mask = (uint32_t)(slots - 1);
	out->nent = (uint32_t)nent;
	out->scale = (float)scale;
	out->slot = slot;
	out->ent = ent;
	out->owned = mem;
	return 0;
}
