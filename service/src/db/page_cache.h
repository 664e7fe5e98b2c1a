/*
 * page_cache — list pages kept in memory while the database shows the same
 * snapshot.  A hot list page (a dashboard's polled events, a frequent
 * search) costs a round trip that reads the current snapshot
 * (pg_current_snapshot()) instead of its query; a page asked for once
 * costs nothing more (page_cache_seen).
 *
 * Why that is exact, not a time-to-live: snapshots only move forward.  If
 * the snapshot read now equals the one read just before a page's query ran,
 * no transaction committed in between — one that did was either in progress
 * then (and is not now) or began after (and the snapshot's xmax moved) — so
 * the page's query saw exactly the data visible now, and its rows are the
 * rows the query would return now.  Pages are keyed by the pool (a replica
 * has other snapshots), the prepared statement's name and every parameter,
 * and are used only outside transaction blocks (a transaction sees its own
 * changes, which no snapshot shows).  Any commit anywhere changes the
 * snapshot, so a busy writer only lowers the hit rate.
 *
 * Bounded: at most max_bytes of pages (least recently used go first), a
 * page over max_bytes / 8 is not kept.  Thread-safe (one mutex; lookups copy
 * the page out).
 */
#ifndef PARLEY_DB_PAGE_CACHE_H
#define PARLEY_DB_PAGE_CACHE_H

#include "core/buf.h"

#include <stddef.h>
#include <stdint.h>

typedef struct page_cache_view {
	buf *items; /* appended to */
	int n, more;
	char *last_sort, *last_id; /* 32 and 24 bytes */
} page_cache_view;

/* Sets the budget in bytes (0: no cache); call before serving. */
void page_cache_configure(size_t max_bytes);
int page_cache_enabled(void);
/* Whether the key was asked for before (its page kept, or only noted);
 * notes it when not.  A page is kept from its second request on, so a page
 * read once (a random actor's events) costs no snapshot round trip. */
int page_cache_seen(const char *key, size_t key_len);
/* On a hit (same key, same snapshot) fills v and answers 1. */
int page_cache_get(const char *key, size_t key_len, const char *snapshot, page_cache_view *v);
/* Keeps a page built under snapshot (replacing the key's older one). */
void page_cache_put(const char *key, size_t key_len, const char *snapshot, const char *items,
                    size_t items_len, int n, int more, const char *last_sort, const char *last_id);

typedef struct page_cache_stats {
	uint64_t hits, misses, entries, bytes;
} page_cache_stats;
void page_cache_get_stats(page_cache_stats *out);
/* Frees every page (tests, shutdown). */
void page_cache_clear(void);

#endif
