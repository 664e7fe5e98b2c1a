/*
 * json — the extraction result as the JSON contract of extract.h.
 *
 * Only actors that are still mentioned and events that survived merging are
 * written; refs ("a0", "e0") are renumbered densely in output order, and
 * every work-text byte offset is mapped back to a code point offset in the
 * caller's text.
 *
 * Written straight into a buffer: this runs once per stored article, and
 * building a jansson tree first cost as much as some extraction stages.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ",<field>": every field after an object's first. */
#define then(b, field) (buf_putc((b), ','), (field))

/* "k": with its length known at compile time. */
#define key(b, k) buf_append((b), "\"" k "\":", sizeof("\"" k "\":") - 1)

/* Statement text is cut from the caller's bytes, which need not be valid
 * UTF-8; JSON (and PostgreSQL's jsonb) must be, so bad bytes become U+FFFD.
 * A valid non-ASCII character is at least two bytes long. */
static size_t utf8_run(const char *p, const char *end)
{
	if ((unsigned char)*p < 0x80)
		return 1;
	int32_t cp;
	int k = px_utf8_decode(p, end, &cp);
	return k > 1 ? (size_t)k : 0;
}

static void text(buf *b, const char *s)
{
	size_t n = strlen(s);
	const char *p = s, *end = s + n;
	size_t k = 1;
	while (p < end && (k = utf8_run(p, end)) > 0)
		p += k;
	if (p == end) {
		buf_put_json_string(b, s, n);
		return;
	}
	buf clean;
	buf_init(&clean);
	for (p = s; p < end; p += k ? k : 1) {
		k = utf8_run(p, end);
		if (k)
			buf_append(&clean, p, k);
		else
			buf_puts(&clean, "\xEF\xBF\xBD");
	}
	buf_put_json_string(b, clean.data, clean.len);
	buf_free(&clean);
}

static void text_or_null(buf *b, const char *s)
{
	if (s)
		text(b, s);
	else
		buf_append(b, "null", 4);
}
#define str_or_null(b, k, s) (key(b, k), text_or_null((b), (s)))

/* Offsets are most of the output; printf would be a tenth of the run. */
static void put_u32(buf *b, uint32_t v)
{
	char d[10];
	size_t n = 0;
	do
		d[sizeof d - ++n] = (char)('0' + v % 10);
	while ((v /= 10) && n < sizeof d);
	buf_append(b, d + sizeof d - n, n);
}

static void ref_value(buf *b, char prefix, int32_t n)
{
	if (n < 0) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	buf_putc(b, prefix);
	put_u32(b, (uint32_t)n);
	buf_putc(b, '"');
}

#define ref(b, k, prefix, n) (key(b, k), ref_value((b), (prefix), (n)))
#define num(b, k, v) (key(b, k), put_u32((b), (v)))

static uint32_t cp_at(const px_doc *doc, uint32_t byte)
{
	return doc->text.cp[byte];
}

static void date_value(buf *b, const px_date *d)
{
	char s[16];
	px_date_format(d, s);
	text_or_null(b, d->precision ? s : NULL);
}
#define date_field(b, k, d) (key(b, k), date_value((b), (d)))

static const char *precision_name(int p)
{
	static const char *const names[] = {NULL, "year", "month", "day"};
	return p >= 1 && p <= 3 ? names[p] : NULL;
}

static void actor_json(buf *b, const px_doc *doc, const px_actor *a, int32_t out_ref)
{
	buf_putc(b, '{');
	ref(b, "ref", 'a', out_ref);
	then(b, str_or_null(b, "name", a->name));
	then(b, str_or_null(b, "kind", a->kind));
	then(b, str_or_null(b, "title", a->title));
	then(b, str_or_null(b, "country", a->country));
	then(b, str_or_null(b, "cameo", a->cameo));
	then(b, key(b, "aliases"));
	buf_putc(b, '[');
	for (size_t i = 0; i < a->n_aliases; i++) {
		if (i)
			buf_putc(b, ',');
		text(b, a->aliases[i]);
	}
	buf_puts(b, "],");
	key(b, "mentions");
	buf_putc(b, '[');
	int32_t self = (int32_t)(a - doc->actors);
	bool first = true;
	for (size_t i = 0; i < doc->n_mentions; i++) {
		const px_mention *m = &doc->mentions[i];
		if (m->actor != self)
			continue;
		buf_puts(b, first ? "{" : ",{");
		first = false;
		num(b, "start", cp_at(doc, doc->toks[m->tok_start].start));
		then(b, num(b, "end", cp_at(doc, doc->toks[m->tok_end - 1].end)));
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
}

static void statement_json(buf *b, const px_doc *doc, const px_statement *s,
                           const int32_t *actor_ref, const int32_t *event_ref)
{
	const px_sentence *sa = &doc->sents[s->sent_a], *sb = &doc->sents[s->sent_b];
	buf_putc(b, '{');
	str_or_null(b, "text", s->text);
	then(b,
	     str_or_null(b, "kind",
	                 vocab_statement_kinds[s->direct ? STATEMENT_DIRECT : STATEMENT_INDIRECT]));
	then(b, str_or_null(b, "cue", s->cue));
	then(b, ref(b, "speaker", 'a', s->speaker >= 0 ? actor_ref[s->speaker] : -1));
	then(b, str_or_null(b, "source_description", s->speaker < 0 ? s->source : NULL));
	then(b, num(b, "start", cp_at(doc, s->start)));
	then(b, num(b, "end", cp_at(doc, s->end)));
	then(b, num(b, "sentence_start", cp_at(doc, sa->start)));
	then(b, num(b, "sentence_end", cp_at(doc, sb->end)));
	then(b, date_field(b, "date", &s->date));
	then(b, ref(b, "event", 'e', s->event >= 0 ? event_ref[s->event] : -1));
	buf_putc(b, '}');
}

static void event_json(buf *b, const px_doc *doc, const px_event *e, const int32_t *actor_ref,
                       int32_t out_ref)
{
	static const char *const roles[] = {"source", "target", "participant"};
	buf_putc(b, '{');
	ref(b, "ref", 'e', out_ref);
	then(b, str_or_null(b, "type", e->type));
	then(b, str_or_null(b, "cameo", e->cameo));
	then(b, str_or_null(b, "title", e->title));
	then(b, date_field(b, "date", &e->date));
	then(b, str_or_null(b, "date_precision", precision_name(e->date.precision)));
	then(b, str_or_null(b, "status", vocab_event_statuses[e->status]));
	then(b, key(b, "location"));
	if (e->place >= 0) {
		const px_place *p = &doc->dict->places[e->place];
		buf_putc(b, '{');
		str_or_null(b, "name", p->name);
		then(b, str_or_null(b, "country", p->iso3[0] ? p->iso3 : NULL));
		buf_putc(b, '}');
	} else {
		buf_puts(b, "null");
	}
	then(b, key(b, "participants"));
	buf_putc(b, '[');
	for (size_t i = 0; i < e->n_parts; i++) {
		buf_puts(b, i ? ",{" : "{");
		ref(b, "actor", 'a', actor_ref[e->parts[i].actor]);
		then(b, str_or_null(b, "role", roles[e->parts[i].role]));
		buf_putc(b, '}');
	}
	buf_puts(b, "],");
	num(b, "sentence_start", cp_at(doc, doc->sents[e->sent_a].start));
	then(b, num(b, "sentence_end", cp_at(doc, doc->sents[e->sent_b].end)));
	buf_putc(b, '}');
}

char *px_result_json(const px_result *r, size_t *len)
{
	const px_doc *doc = &r->doc;
	int32_t *actor_ref = xmalloc((doc->n_actors + 1) * sizeof *actor_ref);
	int32_t *event_ref = xmalloc((doc->n_events + 1) * sizeof *event_ref);
	buf b;
	buf_init(&b);
	buf_reserve(&b, 4096 + doc->text.len);
	char day[16];
	const char *from = px_result_published(r, day);
	buf_putc(&b, '{');
	str_or_null(&b, "published", from ? day : NULL);
	then(&b, str_or_null(&b, "published_from", from));
	buf_printf(&b, ",\"relevance\":%.3f,\"actors\":[", doc->relevance);
	int32_t n = 0;
	for (size_t i = 0; i < doc->n_actors; i++) {
		actor_ref[i] = doc->actors[i].n_mentions ? n++ : -1;
		if (actor_ref[i] < 0)
			continue;
		if (actor_ref[i])
			buf_putc(&b, ',');
		actor_json(&b, doc, &doc->actors[i], actor_ref[i]);
	}
	/* statements refer to events, so events are numbered first */
	n = 0;
	for (size_t i = 0; i < doc->n_events; i++)
		event_ref[i] = doc->events[i].into < 0 ? n++ : -1;
	buf_puts(&b, "],\"statements\":[");
	for (size_t i = 0; i < doc->n_stmts; i++) {
		if (i)
			buf_putc(&b, ',');
		statement_json(&b, doc, &doc->stmts[i], actor_ref, event_ref);
	}
	buf_puts(&b, "],\"events\":[");
	for (size_t i = 0; i < doc->n_events; i++) {
		if (event_ref[i] < 0)
			continue;
		if (event_ref[i])
			buf_putc(&b, ',');
		event_json(&b, doc, &doc->events[i], actor_ref, event_ref[i]);
	}
	buf_puts(&b, "]}");
	free(actor_ref);
	free(event_ref);
	if (len)
		*len = b.len;
	return buf_detach(&b);
}

json_t *px_result_to_json(const px_result *r)
{
	size_t len;
	char *s = px_result_json(r, &len);
	json_t *j = json_loadb(s, len, 0, NULL);
	free(s);
	return j;
}
