/*
 * robots — the Robots Exclusion Protocol (RFC 9309) for the fetcher: which
 * paths of a site our user agent may fetch, and the Crawl-delay it asks
 * for.  Parsing and matching are pure (text in, answers out); a small
 * process-wide cache keeps each site's parsed rules for a day, so a site's
 * robots.txt is fetched once a day at most, not once a page.
 *
 * Group choice: the groups whose User-agent is our product token (the
 * User-Agent up to its first '/', case-insensitive), else the '*' groups,
 * else everything is allowed.  Matching: the longest Allow/Disallow pattern
 * matching the path (with '*' and a final '$') wins, Allow on a tie.
 */
#ifndef PARLEY_INGEST_ROBOTS_H
#define PARLEY_INGEST_ROBOTS_H

#include <stddef.h>
#include <stdint.h>

#define ROBOTS_MAX_BYTES (500 * 1024) /* RFC 9309: parse at least 500 KiB */
#define ROBOTS_MAX_DELAY_MS 60000     /* a Crawl-delay beyond a minute is capped */

typedef struct robots robots;

/* Parses robots.txt text (any bytes; up to ROBOTS_MAX_BYTES are read) for
 * the given product token.  Never NULL. */
robots *robots_parse(const char *text, size_t len, const char *token);
/* A site that allows everything (robots.txt absent: 4xx) or nothing. */
robots *robots_all(int allowed);
/* A site whose robots.txt could not be read (5xx, network errors): nothing
 * is allowed (RFC 9309), and the cache reports it as unreachable. */
robots *robots_unreachable(void);
void robots_free(robots *r);
/* Is path (path and query, starting with '/') allowed? */
int robots_allowed(const robots *r, const char *path);
/* The Crawl-delay of the chosen group in ms (capped), 0 when none. */
int robots_delay_ms(const robots *r);

/* The product token of a User-Agent ("Parley/0.2 (+url)" -> "Parley"). */
void robots_token(const char *user_agent, char *out, size_t size);

/* The process-wide cache, keyed by "scheme://host:port".  robots_cache_get
 * returns 1 and fills *allowed (1 yes, 0 no, -1 robots.txt unreachable)
 * and *delay_ms for path when the site's rules are cached and fresh at
 * now_s, else 0.  robots_cache_put takes
 * ownership of r, kept for ttl_s seconds. */
int robots_cache_get(const char *site, const char *path, int64_t now_s, int *allowed,
                     int *delay_ms);
void robots_cache_put(const char *site, robots *r, int64_t now_s, int ttl_s);

#endif
