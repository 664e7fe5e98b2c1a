/*
 * ratelimit — at most one request per host per interval, in this process.
 * Politeness towards news sites matters more than throughput: a feed of 50
 * items from one site is fetched at one page a second, while other hosts
 * proceed in parallel.  Callers reserve a slot and sleep until it.
 */
#ifndef PARLEY_INGEST_RATELIMIT_H
#define PARLEY_INGEST_RATELIMIT_H

#include <stdint.h>

typedef struct ratelimit ratelimit;

/* interval_ms <= 0 disables limiting.  capacity bounds the hosts
 * remembered (the least recently used is forgotten). */
ratelimit *ratelimit_new(int interval_ms, int capacity);
void ratelimit_free(ratelimit *r);
/* Reserves the next slot for host at time now_ms; returns how many ms the
 * caller must wait before sending (0 = now). */
int64_t ratelimit_reserve(ratelimit *r, const char *host, int64_t now_ms);
/* The same with this host's own interval (its robots.txt Crawl-delay, when
 * longer than the limiter's); r may be NULL, interval_ms <= 0 is "none". */
int64_t ratelimit_reserve_every(ratelimit *r, const char *host, int64_t now_ms, int interval_ms);

/* The arithmetic alone: the slot granted after last_slot (INT64_MIN when
 * the host is new). */
int64_t ratelimit_next_slot(int64_t last_slot, int64_t now_ms, int interval_ms);

#endif
