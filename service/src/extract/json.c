/*
 * json — the extraction result as the JSON contract of extract.h.
 *
 * Only actors that are still mentioned and events that survived merging are
 * written; refs ("a0", "e0") are renumbered densely in output order, and
 * every work-text byte offset is mapped back to a code point offset in the
 * caller's text.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *ref(char prefix, int32_t k)
{
	if (k < 0)
		return json_null();
	char b[16];
	snprintf(b, sizeof b, "%c%d", prefix, (int)k);
	return json_string(b);
}

static uint32_t cp_at(const px_doc *doc, uint32_t byte)
{
	return doc->text.cp[byte];
}

static json_t *date_json(const px_date *d)
{
	char s[16];
	px_date_format(d, s);
	return d->precision ? json_string(s) : json_null();
}

static const char *precision_name(int p)
{
	static const char *const names[] = {NULL, "year", "month", "day"};
	return p >= 1 && p <= 3 ? names[p] : NULL;
}

static json_t *actor_json(const px_doc *doc, const px_actor *a, int32_t out_ref)
{
	json_t *o = json_object();
	json_object_set_new(o, "ref", ref('a', out_ref));
	json_object_set_new(o, "name", json_string(a->name));
	json_object_set_new(o, "kind", json_string(a->kind));
	json_object_set_new(o, "title", str_or_null(a->title));
	json_object_set_new(o, "country", str_or_null(a->country));
	json_object_set_new(o, "cameo", str_or_null(a->cameo));
	json_t *al = json_array();
	for (size_t i = 0; i < a->n_aliases; i++)
		json_array_append_new(al, json_string(a->aliases[i]));
	json_object_set_new(o, "aliases", al);
	json_t *ms = json_array();
	int32_t self = (int32_t)(a - doc->actors);
	for (size_t i = 0; i < doc->n_mentions; i++) {
		const px_mention *m = &doc->mentions[i];
		if (m->actor != self)
			continue;
		json_t *mo = json_object();
		json_object_set_new(mo, "start",
		                    json_integer(cp_at(doc, doc->toks[m->tok_start].start)));
		json_object_set_new(mo, "end",
		                    json_integer(cp_at(doc, doc->toks[m->tok_end - 1].end)));
		json_array_append_new(ms, mo);
	}
	json_object_set_new(o, "mentions", ms);
	return o;
}

static json_t *statement_json(const px_doc *doc, const px_statement *s, const int32_t *actor_ref,
                              const int32_t *event_ref)
{
	json_t *o = json_object();
	const px_sentence *sa = &doc->sents[s->sent_a], *sb = &doc->sents[s->sent_b];
	json_object_set_new(o, "text", json_string(s->text));
	json_object_set_new(o, "kind", json_string(s->direct ? "direct" : "indirect"));
	json_object_set_new(o, "cue", str_or_null(s->cue));
	json_object_set_new(o, "speaker", ref('a', s->speaker >= 0 ? actor_ref[s->speaker] : -1));
	json_object_set_new(o, "start", json_integer(cp_at(doc, s->start)));
	json_object_set_new(o, "end", json_integer(cp_at(doc, s->end)));
	json_object_set_new(o, "sentence_start", json_integer(cp_at(doc, sa->start)));
	json_object_set_new(o, "sentence_end", json_integer(cp_at(doc, sb->end)));
	json_object_set_new(o, "date", date_json(&s->date));
	json_object_set_new(o, "event", ref('e', s->event >= 0 ? event_ref[s->event] : -1));
	return o;
}

static json_t *event_json(const px_doc *doc, const px_event *e, const int32_t *actor_ref,
                          int32_t out_ref)
{
	static const char *const status[] = {"occurred", "planned", "postponed", "cancelled"};
	static const char *const roles[] = {"source", "target", "participant"};
	json_t *o = json_object();
	json_object_set_new(o, "ref", ref('e', out_ref));
	json_object_set_new(o, "type", json_string(e->type));
	json_object_set_new(o, "cameo", json_string(e->cameo));
	json_object_set_new(o, "title", str_or_null(e->title));
	json_object_set_new(o, "date", date_json(&e->date));
	const char *prec = precision_name(e->date.precision);
	json_object_set_new(o, "date_precision", str_or_null(prec));
	json_object_set_new(o, "status", json_string(status[e->status]));
	if (e->place >= 0) {
		const px_place *p = &doc->dict->places[e->place];
		json_t *loc = json_object();
		json_object_set_new(loc, "name", json_string(p->name));
		json_object_set_new(loc, "country",
		                    p->iso3[0] ? json_string(p->iso3) : json_null());
		json_object_set_new(o, "location", loc);
	} else {
		json_object_set_new(o, "location", json_null());
	}
	json_t *ps = json_array();
	for (size_t i = 0; i < e->n_parts; i++) {
		json_t *po = json_object();
		json_object_set_new(po, "actor", ref('a', actor_ref[e->parts[i].actor]));
		json_object_set_new(po, "role", json_string(roles[e->parts[i].role]));
		json_array_append_new(ps, po);
	}
	json_object_set_new(o, "participants", ps);
	json_object_set_new(o, "sentence_start",
	                    json_integer(cp_at(doc, doc->sents[e->sent_a].start)));
	json_object_set_new(o, "sentence_end", json_integer(cp_at(doc, doc->sents[e->sent_b].end)));
	return o;
}

json_t *px_result_to_json(const px_result *r)
{
	const px_doc *doc = &r->doc;
	int32_t *actor_ref = xmalloc((doc->n_actors + 1) * sizeof *actor_ref);
	int32_t *event_ref = xmalloc((doc->n_events + 1) * sizeof *event_ref);
	json_t *root = json_object(), *actors = json_array(), *stmts = json_array(),
	       *events = json_array();
	int32_t n = 0;
	for (size_t i = 0; i < doc->n_actors; i++) {
		actor_ref[i] = doc->actors[i].n_mentions ? n++ : -1;
		if (actor_ref[i] >= 0)
			json_array_append_new(actors,
			                      actor_json(doc, &doc->actors[i], actor_ref[i]));
	}
	n = 0;
	for (size_t i = 0; i < doc->n_events; i++) {
		event_ref[i] = doc->events[i].into < 0 ? n++ : -1;
		if (event_ref[i] >= 0)
			json_array_append_new(
			    events, event_json(doc, &doc->events[i], actor_ref, event_ref[i]));
	}
	for (size_t i = 0; i < doc->n_stmts; i++)
		json_array_append_new(stmts,
		                      statement_json(doc, &doc->stmts[i], actor_ref, event_ref));
	json_object_set_new(root, "actors", actors);
	json_object_set_new(root, "statements", stmts);
	json_object_set_new(root, "events", events);
	free(actor_ref);
	free(event_ref);
	return root;
}
