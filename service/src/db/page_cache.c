/*
 * page_cache — see page_cache.h.  A chained hash table (FNV-1a of the key)
 * with the entries also on one least-recently-used list; the lock is held
 * for pointer moves and one copy of the page.
 */
#include "db/page_cache.h"

#include "core/hash.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_BUCKETS 1024u

typedef struct entry {
	struct entry *next;          /* in its bucket */
	struct entry *newer, *older; /* on the LRU list */
	char *key, *snapshot, *items;
	size_t key_len, items_len, cost;
	uint64_t hash;
	int n, more;
	char last_sort[32], last_id[24];
} entry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static entry *buckets[N_BUCKETS];
static entry *newest, *oldest;
static size_t budget, used;
static page_cache_stats stats;

static void lru_unlink(entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		oldest = e->newer;
	e->newer = e->older = NULL;
}

static void lru_push(entry *e)
{
	e->older = newest;
	e->newer = NULL;
	if (newest)
		newest->newer = e;
	newest = e;
	if (!oldest)
		oldest = e;
}

static entry **slot(uint64_t hash, const char *key, size_t key_len)
{
	entry **p = &buckets[hash % N_BUCKETS];
	while (*p && !((*p)->hash == hash && (*p)->key_len == key_len &&
	               !memcmp((*p)->key, key, key_len)))
		p = &(*p)->next;
	return p;
}

static void entry_free(entry *e);

/* Unlinks *p from its bucket and the list, and frees it (lock held). */
static void drop(entry **p)
{
	entry *e = *p;
	*p = e->next;
	lru_unlink(e);
	assert(used >= e->cost);
	used -= e->cost;
	stats.entries--;
	entry_free(e);
}

void page_cache_configure(size_t max_bytes)
{
	pthread_mutex_lock(&lock);
	budget = max_bytes;
	pthread_mutex_unlock(&lock);
	if (!max_bytes)
		page_cache_clear();
}

int page_cache_enabled(void)
{
	pthread_mutex_lock(&lock);
	int on = budget > 0;
	pthread_mutex_unlock(&lock);
	return on;
}

/* A new entry for key: a note (no page, a snapshot that matches none). */
static entry *entry_new(const char *key, size_t key_len, uint64_t h, const char *snapshot)
{
	entry *e = xcalloc(1, sizeof *e);
	e->key = xmalloc(key_len + 1);
	memcpy(e->key, key, key_len);
	e->key[key_len] = '\0';
	e->key_len = key_len;
	e->snapshot = xstrdup(snapshot);
	e->hash = h;
	e->cost = sizeof(entry) + key_len + strlen(snapshot) + 2;
	return e;
}

static void entry_free(entry *e)
{
	free(e->key);
	free(e->snapshot);
	free(e->items);
	free(e);
}

/* Makes room for e and links it in (lock held; no entry has its key). */
static void insert(entry *e)
{
	while (oldest && used + e->cost > budget)
		drop(slot(oldest->hash, oldest->key, oldest->key_len));
	entry **p = &buckets[e->hash % N_BUCKETS];
	e->next = *p;
	*p = e;
	lru_push(e);
	used += e->cost;
	stats.entries++;
}

int page_cache_seen(const char *key, size_t key_len)
{
	uint64_t h = hash_fnv1a(key, key_len);
	pthread_mutex_lock(&lock);
	entry **p = slot(h, key, key_len);
	int seen = *p != NULL;
	if (!seen && budget)
		insert(entry_new(key, key_len, h, ""));
	pthread_mutex_unlock(&lock);
	return seen;
}

int page_cache_get(const char *key, size_t key_len, const char *snapshot, page_cache_view *v)
{
	uint64_t h = hash_fnv1a(key, key_len);
	int hit = 0;
	pthread_mutex_lock(&lock);
	entry **p = slot(h, key, key_len);
	if (*p && !strcmp((*p)->snapshot, snapshot)) {
		entry *e = *p;
		lru_unlink(e);
		lru_push(e);
		buf_append(v->items, e->items, e->items_len);
		v->n = e->n;
		v->more = e->more;
		memcpy(v->last_sort, e->last_sort, sizeof e->last_sort);
		memcpy(v->last_id, e->last_id, sizeof e->last_id);
		hit = 1;
		stats.hits++;
	} else {
		stats.misses++;
	}
	pthread_mutex_unlock(&lock);
	return hit;
}

void page_cache_put(const char *key, size_t key_len, const char *snapshot, const char *items,
                    size_t items_len, int n, int more, const char *last_sort, const char *last_id)
{
	uint64_t h = hash_fnv1a(key, key_len);
	entry *e = entry_new(key, key_len, h, snapshot);
	e->items = xmalloc(items_len + 1);
	memcpy(e->items, items, items_len);
	e->items_len = items_len;
	e->cost += items_len;
	e->n = n;
	e->more = more;
	snprintf(e->last_sort, sizeof e->last_sort, "%s", last_sort);
	snprintf(e->last_id, sizeof e->last_id, "%s", last_id);
	pthread_mutex_lock(&lock);
	if (e->cost > budget / 8) {
		pthread_mutex_unlock(&lock);
		entry_free(e);
		return;
	}
	entry **p = slot(h, key, key_len);
	if (*p)
		drop(p);
	insert(e);
	pthread_mutex_unlock(&lock);
}

void page_cache_get_stats(page_cache_stats *out)
{
	pthread_mutex_lock(&lock);
	*out = stats;
	out->bytes = used;
	pthread_mutex_unlock(&lock);
}

void page_cache_clear(void)
{
	pthread_mutex_lock(&lock);
	while (oldest)
		drop(slot(oldest->hash, oldest->key, oldest->key_len));
	pthread_mutex_unlock(&lock);
}
