/*
 * hash — two 64-bit non-cryptographic hashes.
 *
 * FNV-1a: a byte at a time, tiny; spreads short hash-table keys (the page
 * cache's).  XXH64 (Yann Collet's xxHash, 64-bit variant, bit for bit):
 * four independent lanes of 8 bytes, about ten times FNV-1a's speed on
 * bodies of kilobytes; names content (ETags), where FNV-1a over a 36 KB
 * events page cost a measurable share of a request.
 *
 * Neither is for anything an attacker must not collide (a collision costs
 * a needless 200 or a longer bucket, nothing more).
 */
#ifndef PARLEY_CORE_HASH_H
#define PARLEY_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t hash_fnv1a(const void *data, size_t len);
uint64_t hash_xxh64(const void *data, size_t len, uint64_t seed);

#endif
