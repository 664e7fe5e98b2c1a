/*
 * hash — FNV-1a, 64 bits: fast and good enough to name content (ETags) and
 * to spread hash-table keys; not for anything an attacker must not collide
 * (a collision costs a needless 200 or a longer bucket, nothing more).
 */
#ifndef PARLEY_CORE_HASH_H
#define PARLEY_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t hash_fnv1a(const void *data, size_t len);

#endif
