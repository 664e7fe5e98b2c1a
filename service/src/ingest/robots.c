/*
 * robots — see robots.h.  Rules are kept as (allow, pattern) pairs of the
 * chosen groups only; the cache is a small fixed table (least recently
 * stored replaced), like the rate limiter's.
 */
#include "ingest/robots.h"

#include "core/buf.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_RULES 1024
#define CACHE_SITES 256
#define SITE_MAX 300

typedef struct rule {
	int allow;
	char *pattern;
} rule;

struct robots {
	rule *rules;
	int n;
	int delay_ms;
	int all; /* -1: use the rules; 0 nothing allowed; 1 everything; 2 unreachable */
};

void robots_token(const char *ua, char *out, size_t size)
{
	size_t n = 0;
	while (ua[n] && ua[n] != '/' && ua[n] != ' ' && n + 1 < size)
		n++;
	memcpy(out, ua, n);
	out[n] = '\0';
}

robots *robots_all(int allowed)
{
	robots *r = xcalloc(1, sizeof *r);
	r->all = allowed ? 1 : 0;
	return r;
}

robots *robots_unreachable(void)
{
	robots *r = xcalloc(1, sizeof *r);
	r->all = 2;
	return r;
}

void robots_free(robots *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->n; i++)
		free(r->rules[i].pattern);
	free(r->rules);
	free(r);
}

/* A line's "key: value", comment removed and both trimmed; 0 if none. */
static int split_line(char *line, char **key, char **value)
{
	char *hash = strchr(line, '#');
	if (hash)
		*hash = '\0';
	char *colon = strchr(line, ':');
	if (!colon)
		return 0;
	*colon = '\0';
	char *k = line, *v = colon + 1;
	while (isspace((unsigned char)*k))
		k++;
	while (isspace((unsigned char)*v))
		v++;
	for (char *e = k + strlen(k); e > k && isspace((unsigned char)e[-1]);)
		*--e = '\0';
	for (char *e = v + strlen(v); e > v && isspace((unsigned char)e[-1]);)
		*--e = '\0';
	*key = k;
	*value = v;
	return 1;
}

/* Crawl-delay: seconds, possibly with a fraction. */
static int parse_delay(const char *v)
{
	char *end;
	double s = strtod(v, &end);
	if (end == v || s < 0 || s != s)
		return 0;
	return s * 1000 > ROBOTS_MAX_DELAY_MS ? ROBOTS_MAX_DELAY_MS : (int)(s * 1000);
}

/* Parses the groups for one choice: mine = 1 the groups naming token,
 * 0 the '*' groups.  Returns how many groups matched. */
static int collect(robots *r, const char *text, size_t len, const char *token, int mine)
{
	int matched = 0, in_agents = 0, current = 0;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = xstrndup(p, n > 4096 ? 4096 : n);
		p = nl ? nl + 1 : end;
		char *key, *value;
		if (!split_line(line, &key, &value)) {
			free(line);
			continue;
		}
		if (!strcasecmp(key, "user-agent")) {
			if (!in_agents)
				current = 0; /* a new group starts */
			in_agents = 1;
			int hit =
			    mine ? (*token && !strcasecmp(value, token)) : !strcmp(value, "*");
			if (hit && !current)
				matched++;
			current |= hit;
		} else if (!strcasecmp(key, "allow") || !strcasecmp(key, "disallow")) {
			in_agents = 0;
			if (current && *value && r->n < MAX_RULES) {
				r->rules =
				    xrealloc(r->rules, (size_t)(r->n + 1) * sizeof *r->rules);
				r->rules[r->n].allow = !strcasecmp(key, "allow");
				r->rules[r->n++].pattern = xstrdup(value);
			}
		} else if (!strcasecmp(key, "crawl-delay")) {
			in_agents = 0;
			if (current) {
				int d = parse_delay(value);
				if (d > r->delay_ms)
					r->delay_ms = d;
			}
		} else {
			in_agents = 0; /* sitemap and others end an agent list too */
		}
		free(line);
	}
	return matched;
}

robots *robots_parse(const char *text, size_t len, const char *token)
{
	robots *r = xcalloc(1, sizeof *r);
	r->all = -1;
	if (len > ROBOTS_MAX_BYTES)
		len = ROBOTS_MAX_BYTES;
	if (!collect(r, text, len, token, 1))
		collect(r, text, len, token, 0);
	return r;
}

/* Does pattern (with '*' and a final '$') match path: a prefix of it, or
 * the whole of it with '$'?  The classic glob walk, backtracking only to
 * the last '*': time linear in the lengths' product, whatever the input. */
static int match(const char *pat, const char *path)
{
	size_t plen = strlen(pat);
	int anchored = plen && pat[plen - 1] == '$';
	if (anchored)
		plen--;
	size_t i = 0, j = 0, star = (size_t)-1, mark = 0, n = strlen(path);
	while (j < n) {
		if (i < plen && pat[i] == '*') {
			star = i++;
			mark = j;
		} else if (i < plen && pat[i] == path[j]) {
			i++;
			j++;
		} else if (i == plen && !anchored) {
			return 1; /* the pattern is a prefix of the path */
		} else if (star != (size_t)-1) {
			i = star + 1;
			j = ++mark;
		} else {
			return 0;
		}
	}
	while (i < plen && pat[i] == '*')
		i++;
	return i == plen;
}

int robots_allowed(const robots *r, const char *path)
{
	if (r->all >= 0)
		return r->all == 1;
	if (!strcmp(path, "/robots.txt"))
		return 1;
	int best = -1, allow = 1;
	for (int i = 0; i < r->n; i++) {
		int len = (int)strlen(r->rules[i].pattern);
		if (len < best || !match(r->rules[i].pattern, path))
			continue;
		if (len > best || r->rules[i].allow) /* a tie goes to Allow */
			allow = r->rules[i].allow;
		best = len;
	}
	return allow;
}

int robots_delay_ms(const robots *r)
{
	return r->delay_ms;
}

/* ---- the cache -------------------------------------------------------- */

typedef struct site {
	char key[SITE_MAX];
	robots *r;
	int64_t stored, expires;
} site;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static site cache[CACHE_SITES];

int robots_cache_get(const char *key, const char *path, int64_t now_s, int *allowed, int *delay_ms)
{
	int found = 0;
	pthread_mutex_lock(&cache_lock);
	for (int i = 0; i < CACHE_SITES && !found; i++) {
		site *s = &cache[i];
		if (s->r && now_s < s->expires && !strcmp(s->key, key)) {
			*allowed = s->r->all == 2 ? -1 : robots_allowed(s->r, path);
			*delay_ms = robots_delay_ms(s->r);
			found = 1;
		}
	}
	pthread_mutex_unlock(&cache_lock);
	return found;
}

void robots_cache_put(const char *key, robots *r, int64_t now_s, int ttl_s)
{
	if (strlen(key) >= SITE_MAX) {
		robots_free(r); /* not cached: asked again next time */
		return;
	}
	pthread_mutex_lock(&cache_lock);
	site *victim = &cache[0];
	for (int i = 0; i < CACHE_SITES; i++) {
		site *s = &cache[i];
		if (s->r && !strcmp(s->key, key)) {
			victim = s;
			break;
		}
		if (!s->r ? victim->r != NULL : (victim->r && s->stored < victim->stored))
			victim = s;
	}
	robots_free(victim->r);
	snprintf(victim->key, sizeof victim->key, "%s", key);
	victim->r = r;
	victim->stored = now_s;
	victim->expires = now_s + ttl_s;
	pthread_mutex_unlock(&cache_lock);
}
