/*
 * ratelimit — see ratelimit.h.  A small fixed table searched linearly: the
 * worker talks to tens of hosts at a time, not thousands, and a bounded
 * table keeps memory constant however many hosts a long run meets.
 */
#include "ingest/ratelimit.h"

#include "core/buf.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HOST_MAX 256

typedef struct slot {
	char host[HOST_MAX];
	int64_t last; /* the last slot granted */
	int used;
} slot;

struct ratelimit {
	pthread_mutex_t lock;
	int interval_ms;
	int capacity;
	slot *slots;
};

int64_t ratelimit_next_slot(int64_t last_slot, int64_t now_ms, int interval_ms)
{
	if (interval_ms <= 0 || last_slot == INT64_MIN)
		return now_ms;
	int64_t next = last_slot + interval_ms;
	return next > now_ms ? next : now_ms;
}

ratelimit *ratelimit_new(int interval_ms, int capacity)
{
	ratelimit *r = xcalloc(1, sizeof *r);
	pthread_mutex_init(&r->lock, NULL);
	r->interval_ms = interval_ms;
	r->capacity = capacity > 0 ? capacity : 1;
	r->slots = xcalloc((size_t)r->capacity, sizeof *r->slots);
	return r;
}

void ratelimit_free(ratelimit *r)
{
	if (!r)
		return;
	pthread_mutex_destroy(&r->lock);
	free(r->slots);
	free(r);
}

int64_t ratelimit_reserve(ratelimit *r, const char *host, int64_t now_ms)
{
	return r ? ratelimit_reserve_every(r, host, now_ms, r->interval_ms) : 0;
}

int64_t ratelimit_reserve_every(ratelimit *r, const char *host, int64_t now_ms, int interval_ms)
{
	if (r && r->interval_ms > interval_ms)
		interval_ms = r->interval_ms;
	if (!r || interval_ms <= 0 || !host)
		return 0;
	pthread_mutex_lock(&r->lock);
	slot *hit = NULL, *victim = &r->slots[0];
	for (int i = 0; i < r->capacity; i++) {
		slot *s = &r->slots[i];
		if (s->used && !strncasecmp(s->host, host, HOST_MAX - 1)) {
			hit = s;
			break;
		}
		/* Free slots first, else the one whose last request is oldest. */
		if (!s->used ? victim->used : (victim->used && s->last < victim->last))
			victim = s;
	}
	int64_t at;
	if (hit) {
		at = ratelimit_next_slot(hit->last, now_ms, interval_ms);
	} else {
		hit = victim;
		memset(hit, 0, sizeof *hit);
		strncpy(hit->host, host, HOST_MAX - 1);
		hit->used = 1;
		at = ratelimit_next_slot(INT64_MIN, now_ms, interval_ms);
	}
	hit->last = at;
	pthread_mutex_unlock(&r->lock);
	return at - now_ms;
}
