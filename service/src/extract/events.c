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

enum { ROLE_SOURCE, ROLE_TARGET, ROLE_PARTICIPANT };
enum { ST_OCCURRED, ST_PLANNED, ST_POSTPONED, ST_CANCELLED };

static bool family_eq(const char *a, const char *b)
{
	return a[0] == b[0] && a[1] == b[1];
}

static bool is_meeting_family(const char *cameo)
{
	return family_eq(cameo, "04");
}

static void add_part(px_event *e, int32_t actor, uint8_t role)
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

/* ------------------------------------------------------------ sentence parts */

static int32_t mention_actor_at(const px_doc *doc, size_t i)
{
	int32_t m = doc->tok_mention[i];
	if (m < 0 || doc->toks[i].inq || doc->mentions[m].tok_start != i)
		return -1;
	return doc->mentions[m].actor;
}

static bool clause_break(const px_doc *doc, size_t i);

/* "X said (that) Y rejected ...": whoever stands before a speech verb
 * speaks; the doer of what follows comes after it. */
static size_t after_last_cue(const px_doc *doc, size_t a, size_t trig)
{
	/* Verbs that introduce a clause; others ("reiterated his readiness to
	 * host", "told reporters after the meeting") count only before "that". */
	static const char *const clause_verbs[] = {
	    "said", "says", "added", "stated", "noted", "wrote", "explained", "according", NULL};
	/* "said after talks with Y": the speaker's own doing */
	static const char *const adverbial[] = {"after", "before", "during", "following", "at",
	                                        "when",  "while",  "as",     NULL};
	const px_lex_entry *e;
	for (size_t i = trig; i-- > a;) {
		if (doc->toks[i].inq || !px_lex_match(doc, i, LX_CUE, &e))
			continue;
		if (px_tok_is(doc, i + 1, "to"))
			continue; /* "claimed to have reached": the subject acts */
		bool own = false;
		for (const char *const *w = adverbial; *w && !own; w++)
			own = px_tok_is(doc, i + 1, *w);
		/* ... unless "that" follows: "said at the time that Russia would" */
		for (size_t k = i + 2; own && k < trig && k < i + 10; k++) {
			if (px_tok_is(doc, k, "that"))
				return k + 1;
			if (doc->toks[k].kind == TK_PUNCT)
				break;
		}
		if (own)
			continue;
		bool clause = px_tok_is(doc, i + 1, "that");
		for (const char *const *w = clause_verbs; *w && !clause; w++)
			clause = px_tok_is(doc, i, *w);
		if (!clause)
			continue;
		/* "said on Thursday (that)": the day belongs to the saying */
		size_t k = i + 1;
		if (px_tok_is(doc, k, "on") && k + 1 < trig && doc->toks[k + 1].cap)
			k += 2;
		else if (px_tok_is(doc, k, "today") || px_tok_is(doc, k, "yesterday"))
			k++;
		if (px_tok_is(doc, k, "that"))
			k++;
		return k <= trig ? k : i + 1;
	}
	return a;
}

/* "Y, who thanked him": the actor named right before ", who", when the
 * trigger is inside that relative clause (no comma has closed it). */
static int32_t who_antecedent(const px_doc *doc, size_t a, size_t ca, size_t trig)
{
	if (ca < a + 3 || !px_tok_is(doc, ca - 1, "who") || !px_tok_char(doc, ca - 2, ','))
		return -1;
	for (size_t i = ca; i < trig; i++)
		if (px_tok_char(doc, i, ','))
			return -1;
	int32_t m = doc->tok_mention[ca - 3];
	if (m < 0 || doc->mentions[m].tok_end != ca - 2 || doc->toks[ca - 3].inq)
		return -1;
	return doc->mentions[m].actor;
}

/* "he"/"she" shortly before the trigger: the first person named earlier
 * in the sentence ("Trump said he would", "Modi travels to China, where he
 * is expected to"), else the story's recent subject. */
static int32_t pronoun_near(const px_doc *doc, size_t a, size_t trig, size_t window)
{
	for (size_t i = trig; i-- > a && i + window > trig;) {
		if (!px_tok_is(doc, i, "he") && !px_tok_is(doc, i, "she"))
			continue;
		for (size_t k = doc->sents[doc->toks[i].sent].tok_start; k < a; k++) {
			int32_t who = mention_actor_at(doc, k);
			if (who >= 0 && px_is_person(doc, who))
				return who;
		}
		return px_resolve_pronoun(doc, i);
	}
	return -1;
}

/* The doer: the first person before the trigger, else the nearest actor,
 * else a pronoun.  *at is where the doer was named (or trig). */
static int32_t source_before(const px_doc *doc, size_t a, size_t trig, size_t *at)
{
	int32_t nearest = -1;
	*at = trig;
	for (size_t i = a; i < trig; i++) {
		int32_t who = mention_actor_at(doc, i);
		if (who >= 0 && px_is_person(doc, who)) {
			*at = i;
			return who;
		}
		if (who >= 0) { /* the last one standing before the trigger */
			nearest = who;
			*at = i;
		}
	}
	if (nearest >= 0)
		return nearest;
	return pronoun_near(doc, a, trig, 6);
}

/* What may stand between "and" and a name: "the", "his Turkish
 * counterpart", "European Commission President". */
static bool name_filler(const px_doc *doc, size_t k)
{
	static const char *const words[] = {"the",   "his",         "her", "its",
	                                    "their", "counterpart", NULL};
	const px_lex_entry *e;
	if (doc->toks[k].cap || px_lex_match(doc, k, LX_TITLE, &e))
		return true;
	for (const char *const *w = words; *w; w++)
		if (px_tok_is(doc, k, *w))
			return true;
	return false;
}

/* "A and B agreed", "A and his counterpart B signed", "India and the
 * European Union signed": the actor joined by "and" to the doer at `at`
 * (on either side, of the same kind) acts too. */
static int32_t co_subject(const px_doc *doc, int32_t doer, size_t at, size_t a, size_t trig)
{
	int32_t m = at < trig ? doc->tok_mention[at] : -1;
	if (m < 0)
		return -1;
	bool person = px_is_person(doc, doer);
	size_t i = doc->mentions[m].tok_end;
	if (i < trig && px_tok_is(doc, i, "and")) {
		for (size_t k = i + 1; k < trig && k < i + 6; k++) {
			int32_t who = mention_actor_at(doc, k);
			/* "his Japanese counterpart Y": the demonym is not the partner */
			if (who >= 0 && who != doer && px_is_person(doc, who) == person)
				return who;
			if (!name_filler(doc, k)) /* "praised A and criticised B" */
				break;
		}
	}
	/* backwards: "A and [the] B" with B the doer */
	size_t k = at;
	if (k > a && px_tok_is(doc, k - 1, "the"))
		k--;
	if (k < a + 2 || !px_tok_is(doc, k - 1, "and"))
		return -1;
	int32_t before = doc->tok_mention[k - 2];
	if (before < 0 || doc->mentions[before].tok_end != k - 1 || doc->toks[k - 2].inq)
		return -1;
	int32_t who = doc->mentions[before].actor;
	return who >= 0 && who != doer && px_is_person(doc, who) == person ? who : -1;
}

/* "was signed by A and B": the doers of a passive, named after "by";
 * persons when there are any ("by EU foreign policy chief Kaja Kallas"). */
static void passive_sources(const px_doc *doc, px_event *e, size_t trig, size_t b)
{
	if (!px_tok_is(doc, trig + 1, "by"))
		return;
	static const char *const stops[] = {"on",     "in",  "at",   "during", "after",
	                                    "before", "for", "with", "to",     NULL};
	int32_t found[8];
	size_t n = 0, persons = 0;
	for (size_t k = trig + 2; k < b && k < trig + 30 && n < 8; k++) {
		/* "by A, who led the delegation, and by B" */
		if (px_tok_char(doc, k, ',') &&
		    (px_tok_is(doc, k + 1, "who") || px_tok_is(doc, k + 1, "which"))) {
			size_t close = k + 2;
			while (close < b && !px_tok_char(doc, close, ','))
				close++;
			k = close;
			if (!px_tok_is(doc, k + 1, "and"))
				break;
			continue;
		}
		bool stop = clause_break(doc, k) || px_tok_char(doc, k, ',');
		for (const char *const *w = stops; *w && !stop; w++)
			stop = px_tok_is(doc, k, *w);
		if (stop)
			break;
		int32_t who = mention_actor_at(doc, k);
		if (who < 0)
			continue;
		found[n++] = who;
		persons += px_is_person(doc, who);
		k = doc->mentions[doc->tok_mention[k]].tok_end - 1;
	}
	for (size_t k = 0; k < n; k++)
		if (!persons || px_is_person(doc, found[k]))
			add_part(e, found[k], ROLE_SOURCE);
}

/* The one acted upon: the first person after the trigger, else any actor,
 * within the trigger's clause. */
static int32_t target_after(const px_doc *doc, size_t from, size_t b, size_t *at)
{
	int32_t any = -1;
	*at = b;
	size_t end = from;
	while (end < b && !clause_break(doc, end) && !px_tok_char(doc, end, ','))
		end++;
	/* "warned that the US would wage an economic war against Russia": the
	 * one the act is against, whoever else the clause names first */
	for (size_t i = from; i + 1 < end; i++) {
		int32_t who = px_tok_is(doc, i, "against") ? mention_actor_at(doc, i + 1) : -1;
		if (who >= 0) {
			*at = i + 1;
			return who;
		}
	}
	for (size_t i = from; i < end; i++) {
		int32_t who = mention_actor_at(doc, i);
		if (who >= 0 && px_is_person(doc, who)) {
			*at = i;
			return who;
		}
		if (who >= 0 && any < 0) {
			any = who;
			*at = i;
		}
	}
	return any;
}

/* Relative and subordinate words end the clause a meeting word sits in:
 * "a meeting between A and B, where C ..." keeps C out. */
static bool is_clause_break(const px_doc *doc, size_t i)
{
	/* asked of every token: decide on the first letter */
	switch (px_ascii_lower((unsigned char)doc->text.s[doc->toks[i].start])) {
	case ';': return px_tok_char(doc, i, ';');
	case 'b': return px_tok_is(doc, i, "but");
	case 't': return px_tok_is(doc, i, "though");
	case 'a':
		/* ", as ministers gathered": a clause of its own ("such as" is not) */
		return px_tok_is(doc, i, "although") ||
		       (px_tok_is(doc, i, "as") && i > 0 && px_tok_char(doc, i - 1, ','));
	case 'w':
		return px_tok_is(doc, i, "which") || px_tok_is(doc, i, "where") ||
		       px_tok_is(doc, i, "who") || px_tok_is(doc, i, "whom") ||
		       px_tok_is(doc, i, "while") || px_tok_is(doc, i, "whereas");
	default: return false;
	}
}

/* Every rule asks about clause edges around its trigger; each token is
 * judged once per document. */
static bool clause_break(const px_doc *doc, size_t i)
{
	return doc->clause_breaks ? doc->clause_breaks[i] : is_clause_break(doc, i);
}

static void clause_of(const px_doc *doc, size_t a, size_t b, size_t trig, size_t *ca, size_t *cb)
{
	*ca = trig;
	for (;;) {
		while (*ca > a && !clause_break(doc, *ca - 1))
			(*ca)--;
		/* "Araghchi, who leads the delegation, praised": a relative
		 * clause closed before the trigger belongs to the subject */
		bool closed = false;
		for (size_t i = *ca; i < trig && !closed; i++)
			closed = px_tok_char(doc, i, ',');
		if (!(*ca > a + 2 && closed && px_tok_char(doc, *ca - 2, ',') &&
		      (px_tok_is(doc, *ca - 1, "who") || px_tok_is(doc, *ca - 1, "which"))))
			break;
		*ca -= 2;
	}
	*cb = trig;
	while (*cb < b && !clause_break(doc, *cb))
		(*cb)++;
}

/* "talks between A and B": the two sides named after "between". */
static bool between_parts(const px_doc *doc, px_event *e, size_t trig, size_t b)
{
	size_t i = trig + 1;
	while (i < b && i < trig + 6 && !px_tok_is(doc, i, "between"))
		i++;
	if (i >= b || !px_tok_is(doc, i, "between"))
		return false;
	size_t found = 0;
	for (size_t k = i + 1; k < b && k < i + 16 && found < 2; k++) {
		int32_t who = mention_actor_at(doc, k);
		if (who >= 0) {
			add_part(e, who, ROLE_PARTICIPANT);
			found++;
			k = doc->mentions[doc->tok_mention[k]].tok_end - 1;
		}
	}
	return found == 2;
}

/* "gathered in Copenhagen": a capital after "in" is where, not who. */
static bool venue(const px_doc *doc, size_t i)
{
	const px_lex_entry *e;
	return i > 0 && (px_tok_is(doc, i - 1, "in") || px_tok_is(doc, i - 1, "at")) &&
	       px_lex_match(doc, i, LX_PLACE, &e) > 0;
}

/* "Russian and Ukrainian negotiators": a country taking part through its
 * people, beside any person named in the same clause. */
static bool delegation_of(const px_doc *doc, size_t i)
{
	static const char *const people[] = {
	    "delegation", "delegations", "negotiators", "officials", "diplomats", "envoys",
	    "team",       "teams",       "leaders",     "ministers", "forces",    NULL};
	const px_lex_entry *e;
	if (!px_lex_match(doc, i, LX_DEMONYM, &e) || doc->tok_mention[i] < 0)
		return false;
	size_t k = doc->mentions[doc->tok_mention[i]].tok_end;
	if (px_tok_is(doc, k, "and") && px_lex_match(doc, k + 1, LX_DEMONYM, &e))
		k += 2; /* "Russian and Ukrainian delegations" */
	for (const char *const *w = people; *w; w++)
		if (px_tok_is(doc, k, *w))
			return true;
	return false;
}

static void meeting_parts(const px_doc *doc, px_event *e, size_t a, size_t b, size_t trig)
{
	if (between_parts(doc, e, trig, b))
		return;
	size_t ca, cb;
	clause_of(doc, a, b, trig, &ca, &cb);
	/* "Peskov said Putin and Trump would meet": the speaker is not a party */
	ca = after_last_cue(doc, ca, trig);
	bool persons = false;
	/* "where he is expected to hold talks with Xi" */
	int32_t pron = pronoun_near(doc, ca, trig, 8);
	if (pron >= 0 && px_is_person(doc, pron)) {
		add_part(e, pron, ROLE_PARTICIPANT);
		persons = true;
	}
	add_part(e, who_antecedent(doc, a, ca, trig), ROLE_PARTICIPANT);
	for (size_t i = ca; i < cb; i++) {
		int32_t who = mention_actor_at(doc, i);
		if (who >= 0 && px_is_person(doc, who)) {
			add_part(e, who, ROLE_PARTICIPANT);
			persons = true;
		}
	}
	for (size_t i = ca; i < cb; i++) {
		int32_t who = mention_actor_at(doc, i);
		if (who >= 0 && (!persons || delegation_of(doc, i)) && !venue(doc, i))
			add_part(e, who, ROLE_PARTICIPANT);
	}
}

/* The speaker of a briefing or interview: the first person in the sentence
 * who is not the interviewer named just after the word. */
static int32_t speaker_of_statement_word(const px_doc *doc, size_t a, size_t b, size_t trig)
{
	for (size_t k = a; k < b; k++) {
		if (k >= trig && k <= trig + 4)
			continue;
		int32_t who = mention_actor_at(doc, k);
		if (who >= 0 && px_is_person(doc, who))
			return who;
	}
	return -1;
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
	px_find_date(doc, a, b, trig, &e->date, &future);
	if (future == 2 && e->status == ST_OCCURRED && e->date.precision >= 2 && e->date.m)
		e->date.y--; /* "August 15" read after the fact means last year's */
	else if (future == 3 && e->status == ST_PLANNED && e->date.precision >= 2 &&
	         !same_month_as_publication(doc, &e->date))
		e->date.y++; /* "a visit in March" planned in October: next March */
	else if (future == 1 && e->status == ST_OCCURRED)
		e->status = ST_PLANNED; /* "to meet again next month" has not happened */
	/* "will meet on Tuesday": the coming one */
	px_date ahead;
	if (e->status == ST_PLANNED && px_find_date_ahead(doc, a, b, trig, &ahead) >= 0 &&
	    ahead.precision)
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

/* "..., Kremlin aide Yury Ushakov told reporters on Friday.": where a
 * trailing attribution begins after the trigger (b when there is none).
 * Its speaker is no party to the event. */
static size_t report_end(const px_doc *doc, size_t trig, size_t b)
{
	for (size_t k = trig + 1; k < b; k++) {
		if (!px_tok_char(doc, k, ','))
			continue;
		bool named = false;
		for (size_t j = k + 1; j < b && j < k + 9 && !px_tok_char(doc, j, ','); j++) {
			const px_lex_entry *e;
			named |= doc->tok_mention[j] >= 0 || px_tok_is(doc, j, "he") ||
			         px_tok_is(doc, j, "she");
			if (named && !doc->toks[j].inq && px_lex_match(doc, j, LX_CUE, &e))
				return k;
		}
	}
	return b;
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
	clause_of(doc, s->tok_start, s->tok_end, i, &sa, &sb);
	size_t end = report_end(doc, i, s->tok_end);
	int status = status_in(doc, sa, i, end, &intent);
	bool meeting = is_meeting_family(w->cameo);
	const char *type = w->type, *cameo = w->cameo;
	if (intent && meeting)
		type = "propose", cameo = "036";
	px_event *e = new_event(doc, type, cameo, doc->toks[i].sent);
	e->word = w;
	e->status = status;
	if (meeting && strcmp(w->cameo, "042") && strcmp(w->cameo, "043")) {
		meeting_parts(doc, e, s->tok_start, end, i);
	} else if (family_eq(w->cameo, "01")) {
		add_part(e, speaker_of_statement_word(doc, s->tok_start, s->tok_end, i),
		         ROLE_SOURCE);
	} else {
		size_t ca, cb, at;
		clause_of(doc, s->tok_start, end, i, &ca, &cb);
		passive_sources(doc, e, i, end);
		if (!e->n_parts) {
			int32_t src = who_antecedent(doc, s->tok_start, ca, i), co = -1;
			if (src < 0) {
				size_t from = after_last_cue(doc, ca, i);
				src = source_before(doc, from, i, &at);
				co = co_subject(doc, src, at, from, i);
			}
			add_part(e, src, ROLE_SOURCE);
			add_part(e, co, ROLE_SOURCE);
			/* "will host A and B" */
			size_t tat;
			int32_t tgt = target_after(doc, i + 1, end, &tat);
			add_part(e, tgt, ROLE_TARGET);
			add_part(e, co_subject(doc, tgt, tat, tat, end), ROLE_TARGET);
		}
	}
	/* a phone call has no one place */
	bool by_phone = !strcmp(w->type, "call");
	/* meeting words come with their party lists before the place: "talks
	 * between Russian and Ukrainian delegations in Istanbul" */
	e->place =
	    by_phone ? -1 : place_in(doc, s->tok_start, end, i, meeting ? 6 : 2, meeting ? 16 : 12);
	/* the day of the report dates what happened, not what is planned */
	if (e->status == ST_PLANNED)
		date_for(doc, e, after_last_cue(doc, sa, i), end, i);
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
		add_part(e, st->speaker, ROLE_SOURCE);
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
		add_part(into, from->parts[i].actor, from->parts[i].role);
	if (from->date.precision > into->date.precision)
		into->date = from->date;
	if (into->place < 0)
		into->place = from->place;
	if (from->sent_b > into->sent_b)
		into->sent_b = from->sent_b;
	if (from->sent_a < into->sent_a)
		into->sent_a = from->sent_a;
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
	doc->clause_breaks = xmalloc(doc->n_toks + 1);
	for (size_t i = 0; i < doc->n_toks; i++)
		doc->clause_breaks[i] = is_clause_break(doc, i);
	scan_triggers(doc);
	statement_events(doc);
	merge_events(doc);
	for (size_t k = 0; k < doc->n_events; k++)
		if (doc->events[k].into < 0)
			title_event(doc, &doc->events[k]);
}
