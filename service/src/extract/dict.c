/*
 * dict — the in-memory dictionary: one phrase lexicon for every table.
 *
 * Actors, countries, places, titles, cue verbs, event words and stop words
 * all become token phrases in one hash table keyed by the first token, so
 * the article is scanned once and each position costs one hash probe plus a
 * short chain walk (longest match wins).  Phrases are tokenised by the same
 * tokenizer as articles, so "U.S." or "Kim Jong-un" match however they are
 * cut.  Case is folded (ASCII) on both sides.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

uint32_t px_hash_lower(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= px_ascii_lower((unsigned char)s[i]);
		h *= 16777619u;
	}
	return h;
}

px_dict *px_dict_new(void)
{
	px_dict *d = xcalloc(1, sizeof *d);
	d->n_buckets = 4096;
	d->buckets = xmalloc(d->n_buckets * sizeof *d->buckets);
	for (size_t i = 0; i < d->n_buckets; i++)
		d->buckets[i] = -1;
	return d;
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void px_dict_free(px_dict *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_lex; i++)
		free_strv(d->lex[i].toks, d->lex[i].ntok);
	free(d->lex);
	free(d->buckets);
	px_speech_free(d->speech);
	px_words_free(d);
	for (size_t i = 0; i < d->n_actors; i++) {
		px_dict_actor *a = &d->actors[i];
		free(a->name), free(a->kind), free(a->title), free(a->country), free(a->cameo);
		free_strv(a->aliases, a->n_aliases);
	}
	free(d->actors);
	for (size_t i = 0; i < d->n_countries; i++)
		free(d->countries[i].name), free(d->countries[i].cameo);
	free(d->countries);
	for (size_t i = 0; i < d->n_places; i++)
		free(d->places[i].name);
	free(d->places);
	for (size_t i = 0; i < d->n_titles; i++)
		free(d->titles[i].canonical);
	free(d->titles);
	for (size_t i = 0; i < d->n_roles; i++) {
		free(d->roles[i].generic);
		for (size_t k = 0; k < d->roles[i].n_offices; k++)
			free(d->roles[i].offices[k]);
		free(d->roles[i].offices);
	}
	free(d->roles);
	for (size_t i = 0; i < d->n_events; i++)
		free(d->events[i].type), free(d->events[i].cameo), free(d->events[i].verb),
		    free(d->events[i].lemma);
	free(d->events);
	for (size_t i = 0; i < d->n_topics; i++)
		free(d->topics[i].topic);
	free(d->topics);
	for (int k = 0; k < PX_SIGNALS; k++)
		free(d->signals[k].topic);
	for (size_t i = 0; i < d->n_frames; i++)
		free(d->frames[i].type);
	free(d->frames);
	for (size_t i = 0; i < d->n_facts; i++)
		free(d->facts[i].cue);
	free(d->facts);
	free(d);
}

static void rehash(px_dict *d)
{
	free(d->buckets);
	d->n_buckets *= 2;
	d->buckets = xmalloc(d->n_buckets * sizeof *d->buckets);
	for (size_t i = 0; i < d->n_buckets; i++)
		d->buckets[i] = -1;
	for (size_t i = 0; i < d->n_lex; i++) {
		const char *t = d->lex[i].toks[0];
		size_t b = px_hash_lower(t, strlen(t)) & (d->n_buckets - 1);
		d->lex[i].next = d->buckets[b];
		d->buckets[b] = (int32_t)i;
	}
}

void px_dict_add_phrase(px_dict *d, const char *phrase, size_t len, unsigned kind, uint32_t ref)
{
	px_token *toks = NULL;
	size_t n = 0, cap = 0;
	px_tokenize(phrase, 0, len, &toks, &n, &cap);
	if (n == 0 || n > 12) {
		free(toks);
		return;
	}
	px_lex_entry *e = VEC_PUSH(d->lex, d->n_lex, d->cap_lex);
	e->toks = xmalloc(n * sizeof *e->toks);
	for (size_t i = 0; i < n; i++) {
		char *w = xstrndup(phrase + toks[i].start, toks[i].end - toks[i].start);
		for (char *c = w; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		e->toks[i] = w;
	}
	e->ntok = (uint8_t)n;
	e->kind = (uint16_t)kind;
	e->ref = ref;
	e->hash0 = toks[0].hash;
	size_t b = toks[0].hash & (d->n_buckets - 1);
	e->next = d->buckets[b];
	d->buckets[b] = (int32_t)(d->n_lex - 1);
	free(toks);
	if (d->n_lex > d->n_buckets / 2)
		rehash(d);
}

bool px_dict_place_point(const px_dict *d, const char *name, double *lat, double *lon)
{
	for (size_t i = 0; d && name && i < d->n_places; i++)
		if (d->places[i].located && !strcmp(d->places[i].name, name)) {
			*lat = d->places[i].lat;
			*lon = d->places[i].lon;
			return true;
		}
	return false;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* A person's surname alone is an alias too ("Peskov"), unless it is too
 * short to be safe. */
static void add_surname_alias(px_dict *d, const char *name, uint32_t ref)
{
	const char *sp = strrchr(name, ' ');
	if (sp && strlen(sp + 1) >= 4)
		px_dict_add_phrase(d, sp + 1, strlen(sp + 1), LX_ACTOR, ref);
}

int px_dict_add_actor(px_dict *d, const char *name, const char *kind, const char *title,
                      const char *country, const char *cameo, const char *const *aliases,
                      size_t n_aliases)
{
	if (!name || !*name)
		return -1;
	px_dict_actor *a = VEC_PUSH(d->actors, d->n_actors, d->cap_actors);
	a->name = xstrdup(name);
	a->kind = xstrdup(kind && *kind ? kind : vocab_actor_kinds[KIND_PERSON]);
	a->title = dup_or_null(title);
	a->country = dup_or_null(country);
	a->cameo = dup_or_null(cameo);
	a->n_terms = 0;
	a->aliases = xcalloc(n_aliases ? n_aliases : 1, sizeof *a->aliases);
	a->n_aliases = n_aliases;
	uint32_t ref = (uint32_t)(d->n_actors - 1);
	px_dict_add_phrase(d, name, strlen(name), LX_ACTOR, ref);
	bool person = !strcmp(a->kind, vocab_actor_kinds[KIND_PERSON]);
	if (person)
		add_surname_alias(d, name, ref);
	for (size_t i = 0; i < n_aliases; i++) {
		a->aliases[i] = xstrdup(aliases[i]);
		px_dict_add_phrase(d, aliases[i], strlen(aliases[i]), LX_ACTOR, ref);
		if (person && strchr(aliases[i], ' '))
			add_surname_alias(d, aliases[i], ref);
	}
	return 0;
}

static bool entry_matches(const px_doc *doc, size_t i, const px_lex_entry *e)
{
	if (i + e->ntok > doc->n_toks || doc->toks[i].hash != e->hash0)
		return false;
	uint32_t sent = doc->toks[i].sent;
	for (size_t k = 0; k < e->ntok; k++) {
		if (doc->toks[i + k].sent != sent || !px_tok_is(doc, i + k, e->toks[k]))
			return false;
	}
	return true;
}

static size_t walk_bucket(const px_doc *doc, size_t i, unsigned mask, const px_lex_entry **out)
{
	const px_dict *d = doc->dict;
	size_t best = 0;
	for (int32_t k = d->buckets[doc->toks[i].hash & (d->n_buckets - 1)]; k >= 0;
	     k = d->lex[k].next) {
		const px_lex_entry *e = &d->lex[k];
		if ((e->kind & mask) && e->ntok > best && entry_matches(doc, i, e)) {
			best = e->ntok;
			if (out)
				*out = e;
		}
	}
	return best;
}

/* Every stage asks about the same tokens many times; the first question
 * at a token walks its bucket once for all kinds. */
static const px_lex_hit *cached_hits(const px_doc *doc, size_t i)
{
	px_lex_hit *hit = &doc->lex_cache[i];
	if (doc->lex_cached[i])
		return hit;
	memset(hit, 0, sizeof *hit);
	const px_dict *d = doc->dict;
	for (int32_t k = d->buckets[doc->toks[i].hash & (d->n_buckets - 1)]; k >= 0;
	     k = d->lex[k].next) {
		const px_lex_entry *e = &d->lex[k];
		if (!entry_matches(doc, i, e))
			continue;
		for (int bit = 0; bit < PX_LEX_KINDS; bit++)
			if ((e->kind & (1u << bit)) &&
			    (!hit->entry[bit] || hit->entry[bit]->ntok < e->ntok))
				hit->entry[bit] = e;
		hit->kinds |= e->kind;
	}
	doc->lex_cached[i] = 1;
	return hit;
}

size_t px_lex_match(const px_doc *doc, size_t i, unsigned mask, const px_lex_entry **out)
{
	if (!doc->dict || i >= doc->n_toks)
		return 0;
	if (!doc->lex_cache)
		return walk_bucket(doc, i, mask, out);
	const px_lex_hit *hit = cached_hits(doc, i);
	if (!(hit->kinds & mask))
		return 0;
	size_t best = 0;
	for (unsigned bits = hit->kinds & mask; bits; bits &= bits - 1) {
		const px_lex_entry *e = hit->entry[__builtin_ctz(bits)];
		if (e && e->ntok > best) {
			best = e->ntok;
			if (out)
				*out = e;
		}
	}
	return best;
}

char *px_orig_span_dup(const px_doc *doc, size_t a, size_t b)
{
	if (a >= b || !doc->text.orig_off)
		return px_tok_span_dup(doc, a, b);
	size_t from = doc->text.orig_off[doc->text.cp[doc->toks[a].start]];
	size_t to = doc->text.orig_off[doc->text.cp[doc->toks[b - 1].end]];
	return xstrndup(doc->text.orig + from, to - from);
}

char *px_tok_span_dup(const px_doc *doc, size_t a, size_t b)
{
	if (a >= b)
		return xstrdup("");
	return xstrndup(doc->text.s + doc->toks[a].start,
	                doc->toks[b - 1].end - doc->toks[a].start);
}
