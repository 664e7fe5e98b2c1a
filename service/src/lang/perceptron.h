/*
 * perceptron — averaged multiclass perceptron over hashed features.
 *
 * Design note
 * -----------
 * A feature is a 64-bit hash (pc_hash/pc_mix of a template id and the
 * values it looks at); nothing keeps the feature strings.  Training keeps,
 * per feature, a sparse row of (class, weight, running total, timestamp):
 * perceptron rows are sparse (a feature only ever touches the few classes it
 * was confused between), so memory follows the updates, not features x
 * classes.  Averaging is the lazy "total += (now - ts) * w" trick.
 *
 * pc_trainer_compile() turns the trainer into the read-only pc_model used at
 * run time: averaged weights quantised to int16 with one scale, entries that
 * round to zero or fall under a pruning threshold dropped, rows laid out in
 * the order of an open-addressing table of 32-bit fingerprints.  A model is
 * serialised as two flat arrays and scored straight out of the loaded file.
 */
#ifndef PARLEY_LANG_PERCEPTRON_H
#define PARLEY_LANG_PERCEPTRON_H

#include "lang/blob.h"

#include <stddef.h>
#include <stdint.h>

#define PC_MAX_CLASSES 255

/* Hashing: bytes -> 64 bits; two hashes -> one (order matters). */
uint64_t pc_hash(const void *p, size_t n);
static inline uint64_t pc_mix(uint64_t a, uint64_t b)
{
	uint64_t x = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* out[i] = pc_mix(a[i], b[i]) for i < n, four at a time where the
 * processor has AVX2: then n is rounded up to a multiple of 4, and the
 * arrays must hold that many (out past n gets meaningless values).  out
 * may be a or b. */
void pc_mix_n(uint64_t *out, const uint64_t *a, const uint64_t *b, size_t n);
/* pc_mix_n for first arguments used over and over (template ids), their
 * share of pc_mix's sum kept: pre[i] = pc_mix_pre(a[i]). */
static inline uint64_t pc_mix_pre(uint64_t a)
{
	return 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2);
}
void pc_mix_pre_n(uint64_t *out, const uint64_t *a, const uint64_t *pre, const uint64_t *b,
                  size_t n);

/* The first class of the highest score of scores[0, n); scores must hold n
 * rounded up to a multiple of 8 (those past n are not read as scores). */
uint32_t pc_argmax(const int32_t *scores, uint32_t n);

typedef struct pc_model {
	uint32_t nclass;
	uint32_t mask; /* slots - 1 (power of two) */
	uint32_t nent; /* stored (class, weight) entries */
	float scale;   /* weight = w * scale */
	/* [2 * (slots + 1)]: per slot its fingerprint (0 = empty) and the first
	 * entry of its row; the row ends where the next slot's starts.  Key and
	 * row start share a cache line: one miss per feature, plus its row. */
	const uint32_t *slot;
	const uint32_t *ent; /* [nent] class << 16 | (uint16_t)weight */
	void *owned;         /* storage when compiled in memory */
	/* Optional compact run-time copy (pc_model_compact): one 8-byte bucket
	 * per slot holding a 15-bit fingerprint and a row of up to two entries
	 * in place; rows that weigh many classes dense (added with vector
	 * instructions); other rows copied to ext, aligned.  Same weights, same scores. */
	const uint64_t *bkt;  /* [mask + 1], or NULL: score from slot/ent */
	const int16_t *dense; /* rows of dstride weights */
	const uint32_t *ext;  /* the other rows: entries as in ent, a row of up
	                       * to 16 within one cache line */
	uint32_t dstride;     /* nclass rounded up to 8 */
	int avx2;             /* the processor has AVX2 (set by both compact copies) */
	void *fast;           /* storage of bkt and dense, or of wide */
	/* Optional whole-row copy (pc_model_compact_rows), for models of few
	 * classes: one bucket of wlanes uint16 per slot, lane 0 a 16-bit
	 * fingerprint (0 = empty), lanes 1.. the row's weights of the classes
	 * wcls[0..wlanes-2] (0 where the row has none): one cache miss per
	 * feature and no second one for the row. */
	const uint16_t *wide; /* [(mask + 1) * wlanes], or NULL */
	uint32_t wlanes;      /* 8 or 16 */
	uint8_t wcls[15];
} pc_model;

/* scores[c] += sum over features of the weight of (feature, c); scores must
 * hold nclass ints rounded up to a multiple of 8 (the compact copy adds
 * its dense rows whole, zeros past nclass included) and be zeroed by the
 * caller (the first nclass of them). */
void pc_score(const pc_model *m, const uint64_t *f, size_t nf, int32_t *scores);
/* The same with a score array per feature: feature i's weights are added
 * to dst[i] (several instances scored in one round of cache misses). */
void pc_score_each(const pc_model *m, const uint64_t *f, size_t nf, int32_t *const *dst);
void pc_model_free(pc_model *m);
/* Build the compact copy (at most 128 classes): short rows then cost one
 * cache miss instead of two and long rows are added eight classes at a
 * time.  Scores are the same but for rare fingerprint clashes (15 bits
 * inside a probe run instead of 32).  Returns 0, or -1 (no memory, too many
 * classes): scoring then uses slot/ent alone. */
int pc_model_compact(pc_model *m);
/* Build the whole-row copy for the classes in the bit set CLASSES (at most
 * 15 of them, all below 32): scores of the others are no longer added, for
 * a caller that never reads them (the entity tagger's labels absent from
 * its training).  Same scores for those classes but for rare fingerprint
 * clashes (16 bits inside a probe run).  Returns 0, or -1 (no memory, too
 * many classes): scoring is then unchanged. */
int pc_model_compact_rows(pc_model *m, uint32_t classes);
/* Drop the compact or whole-row copy: scores come from slot/ent alone again
 * (32-bit fingerprints), as they did before either copy existed.  For the
 * trainer, whose jack-knifed tags must not depend on run-time layouts. */
void pc_model_exact(pc_model *m);
/* Serialise into / read from a blob; the read model points into the blob's
 * memory.  Returns 0, or -1 (read: with a message in *err). */
int pc_model_write(const pc_model *m, blob_w *b);
int pc_model_read(pc_model *m, blob_r *r, char **err);

typedef struct pc_trainer pc_trainer;
pc_trainer *pc_trainer_new(unsigned nclass);
void pc_trainer_free(pc_trainer *t);
/* Current (not averaged) weights, for decisions during training. */
void pc_trainer_score(const pc_trainer *t, const uint64_t *f, size_t nf, float *scores);
/* One training instance: advance the clock; when guess != truth move the
 * weights of every feature towards truth and away from guess. */
int pc_trainer_update(pc_trainer *t, const uint64_t *f, size_t nf, unsigned truth, unsigned guess);
/* Averaged, quantised model; entries whose |averaged weight| is below
 * prune x (largest |weight|) are dropped.  Returns 0 or -1. */
int pc_trainer_compile(const pc_trainer *t, double prune, pc_model *out);

#endif
