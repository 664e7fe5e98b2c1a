/*
 * relevance — how much an article is about international affairs and
 * politics, from 0 to 1.
 *
 * A logistic score over evidence that lives in relevance.tsv: cue phrases
 * with signed weights (diplomacy and politics up; sport, celebrity and local
 * crime down), each credited for a bounded number of hits so a long text
 * cannot run away with one word, plus what extraction itself found —
 * distinct countries, dictionary actors, event triggers and titles of
 * office, weighted by the file's "@" rows.  Without the file every article
 * scores 1: nothing is hidden by a dictionary that never asked to.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static double credit(const px_topic_cue *c, size_t hits)
{
	return c->weight * (double)(hits < (size_t)c->most ? hits : (size_t)c->most);
}

void px_score_relevance(px_doc *doc)
{
	const px_dict *d = doc->dict;
	doc->relevance = 1.0;
	if (!d || !d->has_relevance)
		return;
	size_t *hits = xcalloc(d->n_topics + 1, sizeof *hits);
	size_t n_title = 0;
	for (size_t i = 0; i < doc->n_toks; i++) {
		const px_lex_entry *e;
		if (px_lex_match(doc, i, LX_TITLE, &e) && d->titles[e->ref].person)
			n_title++;
		size_t n = px_lex_match(doc, i, LX_TOPIC, &e);
		if (n) {
			assert(e->ref < d->n_topics);
			hits[e->ref]++;
			i += n - 1;
		}
	}
	double x = d->signals[SIG_BIAS].weight;
	for (size_t k = 0; k < d->n_topics; k++)
		x += credit(&d->topics[k], hits[k]);
	free(hits);
	size_t n_country = 0, n_actor = 0, n_event = 0;
	for (size_t i = 0; i < doc->n_actors; i++) {
		const px_actor *a = &doc->actors[i];
		if (!a->n_mentions)
			continue;
		if (a->country_id >= 0)
			n_country++;
		else if (a->dict_id >= 0)
			n_actor++;
	}
	for (size_t i = 0; i < doc->n_events; i++)
		if (doc->events[i].into < 0 && doc->events[i].word)
			n_event++;
	x += credit(&d->signals[SIG_COUNTRY], n_country) + credit(&d->signals[SIG_ACTOR], n_actor) +
	     credit(&d->signals[SIG_EVENT], n_event) + credit(&d->signals[SIG_TITLE], n_title);
	doc->relevance = 1.0 / (1.0 + exp(-x));
}
