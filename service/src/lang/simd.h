/*
 * simd — where the language layer may use AVX2.
 *
 * The tagger's, parser's and entity tagger's hot loops (feature hashing,
 * weight lookups, adding dense rows, picking the best transition) have an
 * AVX2 version beside a portable one; each model notes at load whether the
 * processor has AVX2 and both give the same scores, bit for bit.  The AVX2
 * versions are compiled only on x86 (they need <immintrin.h> and the
 * target("avx2") attribute); elsewhere, or with PARLEY_NO_SIMD defined
 * (cmake -DPARLEY_NO_SIMD=ON: how the portable paths are tested on x86),
 * LN_AVX2 is 0, ln_cpu_avx2() is 0 and only the portable code is built.
 */
#ifndef PARLEY_LANG_SIMD_H
#define PARLEY_LANG_SIMD_H

#if (defined(__x86_64__) || defined(__i386__)) && !defined(PARLEY_NO_SIMD)
#include <immintrin.h>
#define LN_AVX2 1
#define LN_TARGET_AVX2 __attribute__((target("avx2")))
/* Nonzero when the running processor has AVX2 (the hot paths ask it; the
 * processor's features are read by a constructor of the runtime, and again
 * by ln_cpu_init() where a model is built, as the compiler's manual asks of
 * code that may run before constructors). */
static inline int ln_cpu_avx2(void)
{
	return __builtin_cpu_supports("avx2") != 0;
}
static inline void ln_cpu_init(void)
{
	__builtin_cpu_init();
}
#else
#define LN_AVX2 0
static inline int ln_cpu_avx2(void)
{
	return 0;
}
static inline void ln_cpu_init(void)
{
}
#endif

#endif
