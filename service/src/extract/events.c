/*
 * events — what happened: meetings, visits, calls, appeals, threats ...
 * coded with CAMEO, with participants, place, date and status.
 *
 * Triggers are dictionary words (events.tsv) found outside quotations; the
 * sentence around a trigger supplies the rest: the actor before it is the
 * source, the one after it the target, both sides of a meeting are
 * participants; a place after "in"/"at" is the location; the nearest date
 * expression is the date; words like "will", "postponed" or "ready to" set
 * the status (an intent to meet is CAMEO 036).  Every attributed statement
 * also makes a statement event (010) for its speaker, dated by its sentence
 * or else the publication day.  Finally the same real-world event told
 * several times in the article is merged: same CAMEO family, overlapping
 * participants, compatible dates and places.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { ST_OCCURRED, ST_PLANNED, ST_POSTPONED, ST_CANCELLED };

/* a merged event's mention spans at most this many neighbouring sentences */
enum { MAX_MENTION_SENTENCES = 3 };

static bool family_eq(const char *a, const char *b)
{
	return a[0] == b[0] && a[1] == b[1];
}

static bool is_meeting_family(const char *cameo)
{
	return family_eq(cameo, "04");
}

void px_add_part(px_event *e, int32_t actor, uint8_t role)
{
	if (actor < 0)
		return;
	for (size_t i = 0; i < e->n_parts; i++)
		if (e->parts[i].actor == actor)
			return;
	px_part *p = VEC_PUSH(e->parts, e->n_parts, e->cap_parts);
	p->actor = actor;
	p->role = role;
}

static px_event *new_event(px_doc *doc, const char *type, const char *cameo, size_t sent)
{
	px_event *e = VEC_PUSH(doc->events, doc->n_events, doc->cap_events);
	memset(e, 0, sizeof *e);
	e->type = xstrdup(type);
	e->cameo = xstrdup(cameo);
	e->place = -1;
	e->into = -1;
	e->sent_a = e->sent_b = (uint32_t)sent;
	return e;
}

/* Where it happened: a place after "in"/"at" close to the trigger, one
 * right before it ("the Alaska summit"), or a dateline opening the
 * sentence ("In Moscow, ..."). */
static int32_t place_in(const px_doc *doc, size_t a, size_t b, size_t trig, size_t back,
                        size_t ahead)
{
	int32_t best = -1;
	for (size_t i = a; i < b; i++) {
		bool near = (i + back >= trig && i <= trig + ahead) || i <= a + 2;
		if (!near)
			continue;
		if (doc->toks[i].inq)
			continue;
		const px_lex_entry *e;
		size_t n = px_lex_match(doc, i, LX_PLACE, &e);
		if (!n || !doc->toks[i].cap)
			continue;
		bool prep = i > a && (px_tok_is(doc, i - 1, "in") || px_tok_is(doc, i - 1, "at"));
		/* "the Alaska summit", not "Russia launched" */
		bool before_trigger =
		    i + n == trig && i > a &&
		    (px_tok_is(doc, i - 1, "the") || px_tok_is(doc, i - 1, "a") ||
		     px_tok_is(doc, i - 1, "an") || px_tok_is(doc, i - 1, "this"));
		if (prep || before_trigger) {
			best = (int32_t)e->ref;
			if (i > trig)
				return best;
		}
		i += n - 1;
	}
	return best;
}

/* Status words between the sentence start and just past the trigger. */
static int status_in(const px_doc *doc, size_t a, size_t trig, size_t b, bool *intent)
{
	int status = ST_OCCURRED;
	*intent = false;
	size_t end = trig + 4 < b ? trig + 4 : b;
	for (size_t i = a; i < b; i++) {
		const px_lex_entry *e;
		if (doc->toks[i].inq || !px_lex_match(doc, i, LX_MARKER, &e))
			continue;
		/* "May 23" is a month, "may" a modal */
		if (doc->toks[i].cap && i > doc->sents[doc->toks[i].sent].tok_start)
			continue;
		/* "a long-delayed agreement" describes something else */
		if (i > a && px_tok_char(doc, i - 1, '-') &&
		    doc->toks[i - 1].end == doc->toks[i].start)
			continue;
		if (i >= end && e->ref != MK_POSTPONED && e->ref != MK_CANCELLED &&
		    e->ref != MK_SCHEDULED)
			continue; /* "was postponed" may come late; other words must lead */
		switch (e->ref) {
		case MK_INTENT: *intent = i < trig; break;
		case MK_FUTURE:
			if (status == ST_OCCURRED && i < trig)
				status = ST_PLANNED;
			break;
		case MK_SCHEDULED:
			if (status == ST_OCCURRED && i > trig)
				status = ST_PLANNED;
			break;
		case MK_POSTPONED: status = ST_POSTPONED; break;
		case MK_CANCELLED: status = ST_CANCELLED; break;
		}
	}
	if (*intent && status == ST_OCCURRED)
		status = ST_PLANNED;
	return status;
}

static bool same_month_as_publication(const px_doc *doc, const px_date *d)
{
	return doc->published.precision >= 2 && d->y == doc->published.y &&
	       d->m == doc->published.m;
}

static void date_for(const px_doc *doc, px_event *e, size_t a, size_t b, size_t trig)
{
	int future = 0;
	px_date ahead = {0};
	px_find_date(doc, a, b, trig, &e->date, &future, &ahead);
	if (future == 2 && e->status == ST_OCCURRED && e->date.precision >= 2 && e->date.m)
		e->date.y--; /* "August 15" read after the fact means last year's */
	else if (future == 3 && e->status == ST_PLANNED && e->date.precision >= 2 &&
	         !same_month_as_publication(doc, &e->date))
		e->date.y++; /* "a visit in March" planned in October: next March */
	else if (future == 1 && e->status == ST_OCCURRED)
		e->status = ST_PLANNED; /* "to meet again next month" has not happened */
	/* "will meet on Tuesday": the coming one */
	if (e->status == ST_PLANNED && ahead.precision)
		e->date = ahead;
}

/* ------------------------------------------------------------ triggers */

/* "did not meet", "will never visit": nothing happened. */
static bool negated(const px_doc *doc, size_t a, size_t trig)
{
	for (size_t i = trig > a + 3 ? trig - 3 : a; i < trig; i++) {
		const px_lex_entry *e;
		if (px_lex_match(doc, i, LX_MARKER, &e) && e->ref == MK_NEGATION)
			return true;
	}
	return false;
}

/* "spoke to reporters": words for the press, no call */
static bool to_the_press(const px_doc *doc, size_t i, const px_event_word *w)
{
	static const char *const press[] = {"reporters", "journalists",    "press",
	                                    "media",     "correspondents", NULL};
	if (strcmp(w->type, "call"))
		return false;
	const px_lex_entry *e;
	size_t n = px_lex_match(doc, i, LX_EVENT, &e);
	for (size_t k = i + n; k < i + n + 3 && k < doc->n_toks; k++)
		for (const char *const *p = press; *p; p++)
			if (px_tok_is(doc, k, *p))
				return true;
	return false;
}

/* "Peskov, asked about the meeting, said": a question put to him, no appeal */
static bool question_put(const px_doc *doc, size_t i)
{
	static const char *const what[] = {"about", "whether", "if",  "how",
	                                   "what",  "when",    "why", NULL};
	if (!px_tok_is(doc, i, "asked"))
		return false;
	for (const char *const *w = what; *w; w++)
		if (px_tok_is(doc, i + 1, *w))
			return true;
	return false;
}

/* Returns whether the event was kept. */
static bool event_from_trigger(px_doc *doc, const px_sentence *s, size_t i, const px_event_word *w)
{
	if (negated(doc, s->tok_start, i) || question_put(doc, i) || to_the_press(doc, i, w))
		return false;
	bool intent;
	size_t sa, sb; /* "the EU would never ..., as ministers gathered for a meeting" */
	px_clause_of(doc, s->tok_start, s->tok_end, i, &sa, &sb);
	size_t end = px_report_end(doc, i, s->tok_end);
	int status = status_in(doc, sa, i, end, &intent);
	bool meeting = is_meeting_family(w->cameo);
	const char *type = w->type, *cameo = w->cameo;
	if (intent && meeting)
		type = "propose", cameo = "036";
	px_event *e = new_event(doc, type, cameo, doc->toks[i].sent);
	e->word = w;
	e->status = status;
	if (meeting && strcmp(w->cameo, "042") && strcmp(w->cameo, "043")) {
		px_meeting_parts(doc, e, s->tok_start, end, i);
	} else if (family_eq(w->cameo, "01")) {
		px_add_part(e, px_statement_speaker(doc, s->tok_start, s->tok_end, i), ROLE_SOURCE);
	} else {
		px_doers_and_targets(doc, e, s->tok_start, end, i);
	}
	/* a phone call has no one place */
	bool by_phone = !strcmp(w->type, "call");
	/* meeting words come with their party lists before the place: "talks
	 * between Russian and Ukrainian delegations in Istanbul" */
	e->place =
	    by_phone ? -1 : place_in(doc, s->tok_start, end, i, meeting ? 6 : 2, meeting ? 16 : 12);
	/* the day of the report dates what happened, not what is planned */
	if (e->status == ST_PLANNED)
		date_for(doc, e, px_after_last_cue(doc, sa, i), end, i);
	else
		date_for(doc, e, s->tok_start, s->tok_end, i);
	/* a lone "talks" with one side and no place: too little to tell ("asked
	 * about the meeting on Thursday") */
	bool thin = meeting && e->n_parts < 2 && e->place < 0 && strcmp(w->cameo, "042") &&
	            strcmp(w->cameo, "043");
	/* an event nobody took part in is kept only when it has a when and a
	 * where ("talks in Istanbul on July 23") */
	bool anonymous = !e->n_parts && (!e->date.precision || e->place < 0);
	if (anonymous || thin) {
		e->into = (int32_t)doc->n_events - 1; /* dropped */
		return false;
	}
	return true;
}

static void scan_triggers(px_doc *doc)
{
	for (size_t si = 0; si < doc->n_sents; si++) {
		const px_sentence *s = &doc->sents[si];
		char seen[16][3];
		size_t n_seen = 0;
		for (size_t i = s->tok_start; i < s->tok_end; i++) {
			const px_lex_entry *e;
			size_t n = px_lex_match(doc, i, LX_EVENT, &e);
			if (!n || doc->toks[i].inq)
				continue;
			const px_event_word *w = &doc->dict->events[e->ref];
			bool dup = false;
			for (size_t k = 0; k < n_seen && !dup; k++)
				dup = family_eq(seen[k], w->cameo);
			/* one event per family and sentence; a word that made none
			 * ("the summit came days before ...") leaves room for the next */
			if (!dup && n_seen < 16 && event_from_trigger(doc, s, i, w))
				memcpy(seen[n_seen++], w->cameo, 2);
			i += n - 1;
		}
	}
}

/* ------------------------------------------------------------ statements */

static bool cue_is_trigger(const px_doc *doc, const px_statement *st)
{
	if (!st->cue)
		return false;
	px_doc tmp = {.dict = doc->dict};
	px_tokenize(st->cue, 0, strlen(st->cue), &tmp.toks, &tmp.n_toks, &tmp.cap_toks);
	tmp.text.s = st->cue;
	const px_lex_entry *e;
	bool hit = tmp.n_toks && px_lex_match(&tmp, 0, LX_EVENT, &e) > 0;
	free(tmp.toks);
	return hit;
}

static void statement_events(px_doc *doc)
{
	for (size_t k = 0; k < doc->n_stmts; k++) {
		px_statement *st = &doc->stmts[k];
		if (st->speaker < 0 || cue_is_trigger(doc, st))
			continue;
		px_event *e = new_event(doc, "statement", "010", st->sent_a);
		e->sent_b = st->sent_b;
		px_add_part(e, st->speaker, ROLE_SOURCE);
		/* a dateline place ("in Moscow, X said") before the words themselves */
		const px_sentence *s = &doc->sents[st->sent_a];
		size_t upto = s->tok_start;
		while (upto < s->tok_end && doc->toks[upto].start < st->start)
			upto++;
		e->place = place_in(doc, s->tok_start, upto, s->tok_start, 2, 12);
		e->date = st->date.precision ? st->date : doc->published;
		if (!st->date.precision)
			st->date = doc->published;
		st->event = (int32_t)doc->n_events - 1;
	}
}

/* ------------------------------------------------------------ merging */

static bool dates_compatible(const px_date *a, const px_date *b)
{
	if (!a->precision || !b->precision)
		return true;
	if (a->y != b->y)
		return false;
	if (a->precision >= 2 && b->precision >= 2 && a->m != b->m)
		return false;
	return a->precision < 3 || b->precision < 3 || a->d == b->d;
}

static size_t shared_parts(const px_event *a, const px_event *b)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n_parts; i++)
		for (size_t j = 0; j < b->n_parts; j++)
			n += a->parts[i].actor == b->parts[j].actor;
	return n;
}

static bool same_event(const px_doc *doc, const px_event *a, const px_event *b)
{
	if (!family_eq(a->cameo, b->cameo) || !dates_compatible(&a->date, &b->date) ||
	    a->status != b->status)
		return false;
	bool statement = family_eq(a->cameo, "01");
	if (!statement && a->place >= 0 && b->place >= 0 && a->place != b->place &&
	    strcmp(doc->dict->places[a->place].iso3, doc->dict->places[b->place].iso3))
		return false;
	size_t shared = shared_parts(a, b);
	if (is_meeting_family(a->cameo)) {
		size_t small = a->n_parts < b->n_parts ? a->n_parts : b->n_parts;
		size_t need = small < 2 ? small : 2;
		if (need)
			return shared >= need;
		/* a meeting named without its parties joins one on the same
		 * day or at the same place, not any in the same month */
		bool same_day = a->date.precision == 3 && b->date.precision == 3;
		bool same_place = a->place >= 0 && a->place == b->place;
		return same_day || same_place;
	}
	if (!a->n_parts || !b->n_parts)
		return false;
	/* one voice on one day: the same source */
	return a->parts[0].actor == b->parts[0].actor && shared >= 1;
}

static void absorb(px_event *into, px_event *from)
{
	for (size_t i = 0; i < from->n_parts; i++)
		px_add_part(into, from->parts[i].actor, from->parts[i].role);
	if (from->date.precision > into->date.precision)
		into->date = from->date;
	if (into->place < 0)
		into->place = from->place;
	/* The evidence stays the sentence (or the few neighbouring sentences)
	 * that reports the event: a later report far down the article joins
	 * the event but does not stretch its mention into a passage. */
	bool touches = from->sent_a <= into->sent_b + 1 && into->sent_a <= from->sent_b + 1;
	uint32_t a = from->sent_a < into->sent_a ? from->sent_a : into->sent_a;
	uint32_t b = from->sent_b > into->sent_b ? from->sent_b : into->sent_b;
	if (touches && b - a < MAX_MENTION_SENTENCES) {
		into->sent_a = a;
		into->sent_b = b;
	}
	if (into->status == ST_OCCURRED && from->status != ST_OCCURRED && !into->word)
		into->status = from->status;
}

static int32_t final_event(const px_doc *doc, int32_t k)
{
	while (k >= 0 && doc->events[k].into >= 0 && doc->events[k].into != k)
		k = doc->events[k].into;
	return k >= 0 && doc->events[k].into == k ? -1 : k;
}

static void merge_events(px_doc *doc)
{
	for (size_t j = 0; j < doc->n_events; j++) {
		px_event *b = &doc->events[j];
		if (b->into >= 0)
			continue;
		for (size_t i = 0; i < j; i++) {
			px_event *a = &doc->events[i];
			if (a->into >= 0 || !same_event(doc, a, b))
				continue;
			absorb(a, b);
			b->into = (int32_t)i;
			break;
		}
	}
	for (size_t k = 0; k < doc->n_stmts; k++)
		doc->stmts[k].event = final_event(doc, doc->stmts[k].event);
}

/* ------------------------------------------------------------ titles */

/* "signs" -> "sign", "denies" -> "deny", "dismisses" -> "dismiss": the
 * verb's first word for several subjects. */
static void put_plural_verb(buf *t, const char *verb)
{
	size_t w = strcspn(verb, " ");
	const char *rest = verb + w;
	if (w > 3 && !strncmp(verb + w - 3, "ies", 3))
		buf_printf(t, "%.*sy%s", (int)(w - 3), verb, rest);
	else if (w > 4 && (!strncmp(verb + w - 4, "sses", 4) || !strncmp(verb + w - 4, "shes", 4) ||
	                   !strncmp(verb + w - 4, "ches", 4)))
		buf_printf(t, "%.*s%s", (int)(w - 2), verb, rest);
	else if (w > 1 && verb[w - 1] == 's')
		buf_printf(t, "%.*s%s", (int)(w - 1), verb, rest);
	else
		buf_puts(t, verb);
}

/* "A meets B in C", "A and B sign", "A accuses B": the doers, the verb,
 * then whoever it was done to or with. */
static void title_event(px_doc *doc, px_event *e)
{
	buf t;
	buf_init(&t);
	const char *verb = e->word ? e->word->verb : "makes a statement";
	if (!strcmp(e->cameo, "036"))
		verb = "proposes to meet";
	size_t subjects = 0;
	for (size_t i = 0; i < e->n_parts; i++) {
		bool first_doer = !subjects && e->parts[i].role != ROLE_TARGET;
		if (!first_doer && (!subjects || e->parts[i].role != ROLE_SOURCE))
			continue;
		buf_printf(&t, "%s%s", subjects ? " and " : "",
		           doc->actors[e->parts[i].actor].name);
		subjects++;
	}
	if (!subjects)
		buf_puts(&t, "Unnamed parties");
	buf_putc(&t, ' ');
	if (subjects > 1)
		put_plural_verb(&t, verb);
	else
		buf_puts(&t, verb);
	bool first = true;
	size_t doers = 0;
	for (size_t i = 0; i < e->n_parts; i++) {
		bool doer = e->parts[i].role != ROLE_TARGET &&
		            (doers == 0 || e->parts[i].role == ROLE_SOURCE);
		if (doer && doers < subjects) {
			doers++;
			continue;
		}
		buf_printf(&t, "%s%s", first ? " " : " and ", doc->actors[e->parts[i].actor].name);
		first = false;
	}
	/* "holds talks with" and nobody named: drop the dangling preposition */
	if (first) {
		static const char *const dangling[] = {" with", " to", " on", NULL};
		for (const char *const *d = dangling; *d; d++) {
			size_t n = strlen(*d);
			if (t.len > n && !strcmp(t.data + t.len - n, *d))
				t.data[t.len -= n] = '\0';
		}
	}
	if (e->place >= 0)
		buf_printf(&t, " in %s", doc->dict->places[e->place].name);
	e->title = buf_detach(&t);
}

void px_find_events(px_doc *doc)
{
	px_mark_clause_breaks(doc);
	scan_triggers(doc);
	statement_events(doc);
	merge_events(doc);
	for (size_t k = 0; k < doc->n_events; k++)
		if (doc->events[k].into < 0)
			title_event(doc, &doc->events[k]);
}
