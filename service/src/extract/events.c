/*
 * events — what happened: meetings, visits, calls, appeals, threats ...
 * coded with CAMEO, with participants, place, date and status.
 *
 * Triggers are dictionary words and lemmas (events.tsv) found outside
 * quotations.  Who plays which part comes from the trigger's dependents in
 * the parse (frames.tsv), else from the sentence around it: the actor
 * before it is the source, the one after it the target, both sides of a
 * meeting are participants; a place after a venue preposition is the
 * location; the nearest date expression is the date; factuality.tsv's words
 * ("will", "postponed", "ready to", a negation) set the status or drop the
 * event, and an intent to meet becomes events.tsv's "@intent" row.  A
 * statement is no event by itself: it makes one (the "@statement" row) only
 * when reported as an occasion, i.e. joined to an occasion word ("in an
 * interview") or dated or placed by its own clause.  Words of praise and
 * blame inside a statement (events.tsv ";judgement") make its speaker
 * praise or criticise the actor the statement names.
 *
 * Each report is its own event here, tied to its sentence: whether two
 * reports tell one real-world event is decided in one place only, by the
 * store (migrations/repeatable/store_extraction.sql), for reports in one
 * article and across articles alike.
 */
#include "extract/internal.h"
#include "extract/speaker.h"

#include "core/buf.h"

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool family_eq(const char *a, const char *b)
{
	return a[0] == b[0] && a[1] == b[1];
}

static bool is_meeting_family(const px_doc *doc, const char *cameo)
{
	return px_code_in(doc->dict, cameo, WC_CAMEO_MEETING); /* words.tsv */
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

static px_event *new_event(px_doc *doc, const px_event_word *made, size_t sent)
{
	px_event *e = VEC_PUSH(doc->events, doc->n_events, doc->cap_events);
	memset(e, 0, sizeof *e);
	e->made = made;
	e->type = xstrdup(made->type);
	e->cameo = xstrdup(made->cameo);
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
		bool prep = i > a && px_word_in(doc, i - 1, WC_VENUE_PREP, NULL);
		/* "the Alaska summit", not "Russia launched" */
		bool before_trigger =
		    i + n == trig && i > a && px_word_in(doc, i - 1, WC_PLACE_DETERMINER, NULL);
		if (prep || before_trigger) {
			best = (int32_t)e->ref;
			if (i > trig)
				return best;
		}
		i += n - 1;
	}
	return best;
}

/* With a parse, a word that calls an event off or puts it off must bear on
 * its trigger: the trigger's head ("the visit was cancelled"), a dependent
 * of it ("the postponed summit"), or share its head ("talks were called
 * off").  Without one, any in the clause does. */
static bool governs(const px_doc *doc, size_t marker, size_t trig)
{
	int32_t m = px_syn_ln(doc, marker), k = px_syn_ln(doc, trig);
	if (!doc->syn.ok || m < 0 || k < 0)
		return true;
	int32_t hm = doc->syn.head[m], hk = doc->syn.head[k];
	return hk == m || hm == k || (hm >= 0 && hm == hk);
}

/* With a parse, whether the word at marker describes a noun that neither
 * is the trigger nor governs it ("before his scheduled appearance, X
 * denounced"; but "the next session of negotiations" plans them). */
static bool describes_other(const px_doc *doc, size_t marker, size_t trig)
{
	int32_t m = px_syn_ln(doc, marker), k = px_syn_ln(doc, trig);
	if (!doc->syn.ok || m < 0 || k < 0 || !px_syn_rel_is(doc, (size_t)m, "amod"))
		return false;
	for (int up = 0; k >= 0 && up < 4; up++, k = doc->syn.head[k])
		if (doc->syn.head[m] == k)
			return false;
	return true;
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
			if (status == ST_OCCURRED && i < trig && !describes_other(doc, i, trig))
				status = ST_PLANNED;
			break;
		case MK_SCHEDULED:
			if (status == ST_OCCURRED && i > trig)
				status = ST_PLANNED;
			break;
		case MK_POSTPONED:
			if (governs(doc, i, trig))
				status = ST_POSTPONED;
			break;
		case MK_CANCELLED:
			if (governs(doc, i, trig))
				status = ST_CANCELLED;
			break;
		default: break;
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

/* ------------------------------------------------------------ the parse */

static const px_event_word *lemma_trigger(const px_doc *doc, size_t i);

/* The lemma of the case marker of ln token k ("with" of "with Putin"). */
static const char *case_word(const px_doc *doc, int32_t k)
{
	for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c])
		if (px_syn_rel_is(doc, c, "case"))
			return px_syn_lemma(doc, c);
	return "";
}

/* The gender a pronoun of any form gives (namewords.tsv he/she rows:
 * "him", "her", "hers"), 0 none. */
static int pronoun_form_gender(const px_doc *doc, size_t t)
{
	const px_lex_entry *e;
	if (px_lex_match(doc, t, LX_NAMEWORD, &e) != 1)
		return 0;
	return e->ref == NW_HE ? 1 : e->ref == NW_SHE ? 2 : 0;
}

/* "he"/"she": the nearest person of that gender named earlier in the
 * sentence ("Trump said he would meet"); a possessive ("his counterpart",
 * "In her speech") the person actors.c read it as; else the story's
 * resolution — unless that one is of the other gender and actors.c read
 * the pronoun as someone agreeing.  (An object pronoun is not its clause's
 * subject: "Macron called Zelensky, who thanked him".) */
/* "In her speech, Kovacs said": a possessive in a phrase put before its
 * clause points ahead to the clause's subject, a person of its gender
 * named after it; -1 when ln token k is no such possessive. */
static int32_t fronted_possessive(const px_doc *doc, size_t t, int gender)
{
	int32_t k = px_syn_ln(doc, t);
	if (!doc->syn.ok || k < 0 || !px_syn_rel_is(doc, (size_t)k, "nmod:poss"))
		return -1;
	int32_t n = doc->syn.head[k];
	int32_t v = n >= 0 && (px_syn_rel_is(doc, (size_t)n, "obl") ||
	                       px_syn_rel_is(doc, (size_t)n, "advcl"))
	                ? doc->syn.head[n]
	                : -1;
	if (v < 0 || v < n)
		return -1; /* the phrase comes before its verb */
	for (int32_t c = doc->syn.child[v]; c >= 0; c = doc->syn.sibling[c]) {
		if (!px_syn_rel_is(doc, (size_t)c, "nsubj") || c < n)
			continue;
		int32_t st = px_syn_tok(doc, (size_t)c);
		int32_t m = st >= 0 ? doc->tok_mention[st] : -1;
		int32_t who = m >= 0 ? doc->mentions[m].actor : -1;
		if (px_is_person(doc, who) &&
		    (!gender || !doc->actors[who].gender || doc->actors[who].gender == gender))
			return who;
	}
	return -1;
}

static int32_t pronoun_actor(const px_doc *doc, size_t t)
{
	int32_t ahead = fronted_possessive(doc, t, pronoun_form_gender(doc, t));
	if (ahead >= 0)
		return ahead;
	int g = px_pronoun_gender(doc, t);
	if (g) {
		size_t a = doc->sents[doc->toks[t].sent].tok_start;
		for (size_t i = t; i-- > a;) {
			int32_t m = doc->tok_mention[i];
			if (m < 0 || doc->toks[i].inq)
				continue;
			int32_t who = doc->mentions[m].actor;
			if (px_is_person(doc, who) &&
			    (!doc->actors[who].gender || doc->actors[who].gender == g))
				return who;
		}
	}
	int32_t story = px_resolve_pronoun(doc, t);
	int want = g ? g : pronoun_form_gender(doc, t);
	int32_t pm = doc->tok_pronoun ? doc->tok_pronoun[t] : -1;
	int32_t read = pm >= 0 ? doc->mentions[pm].actor : -1;
	int32_t k = px_syn_ln(doc, t);
	if (read >= 0 && k >= 0 && px_syn_rel_is(doc, (size_t)k, "nmod:poss"))
		return read;
	if (story >= 0 && want && doc->actors[story].gender && doc->actors[story].gender != want &&
	    read >= 0)
		return read;
	return story;
}

/* The actor named by tokens [a, b) (a new one of kind when the article
 * has none of that name), with a mention over them. */
static int32_t span_actor(px_doc *doc, size_t a, size_t b, const char *kind)
{
	char *name = px_tok_span_dup(doc, a, b);
	int32_t who = -1;
	for (size_t i = 0; i < doc->n_actors && who < 0; i++)
		if (!strcmp(doc->actors[i].name, name))
			who = (int32_t)i;
	if (who < 0) {
		px_actor *x = VEC_PUSH(doc->actors, doc->n_actors, doc->cap_actors);
		memset(x, 0, sizeof *x);
		x->name = name;
		x->kind = xstrdup(kind);
		x->dict_id = x->country_id = -1;
		who = (int32_t)(doc->n_actors - 1);
	} else {
		free(name);
	}
	px_add_mention(doc, a, b, who, MH_NAME);
	return who;
}

/* "the Harbour Workers League": a capitalised word of an organisation
 * (words.tsv org_head) with the capitalised words before it that modify
 * it, when the entity tagger named nothing there.  Sets the phrase's
 * first and last px tokens. */
static bool named_org(const px_doc *doc, int32_t k, int32_t *a, int32_t *z)
{
	int in_text = 0;
	int32_t t = px_syn_tok(doc, (size_t)k);
	if (t < 0 || !doc->toks[t].cap || doc->toks[t].inq ||
	    !px_word_in(doc, (size_t)t, WC_ORG_HEAD, &in_text) || in_text != 1)
		return false;
	size_t first = doc->sents[doc->toks[t].sent].tok_start;
	int32_t c = k;
	while (c > 0 && k - c < 5) {
		int32_t p = c - 1, pt = px_syn_tok(doc, (size_t)p);
		int32_t h = doc->syn.head[p];
		if (pt < 0 || (size_t)pt < first || !doc->toks[pt].cap ||
		    doc->toks[pt].kind != TK_WORD || h <= p || h > k ||
		    px_syn_upos(doc, (size_t)p) == LN_UPOS_DET)
			break; /* only capitalised words inside the phrase */
		c = p;
	}
	if (c == k)
		return false; /* "the League" alone names no one */
	*a = px_syn_tok(doc, (size_t)c), *z = t;
	return true;
}

/* An organisation the entity tagger names where an argument stands ("told
 * ITV", "spoke at AIPAC") and no actor covers: an actor of its own with a
 * mention, so the event can name it.  Never a person: persons come from
 * actors.c alone. */
static int32_t org_span_actor(px_doc *doc, int32_t a, int32_t z, bool over_persons);

static int32_t org_actor(px_doc *doc, int32_t k)
{
	int32_t en = doc->syn.ent ? doc->syn.ent[k] : -1;
	int32_t a, z;
	if (en >= 0 && doc->syn.lang.ent[en].type == LN_ENT_ORG) {
		const ln_entity *E = &doc->syn.lang.ent[en];
		a = px_syn_tok(doc, E->first), z = px_syn_tok(doc, E->first + E->count - 1);
	} else if (!named_org(doc, k, &a, &z)) {
		return -1;
	}
	return org_span_actor(doc, a, z, false);
}

/* "America Rising PAC" parsed with its first word as the head and the
 * rest flat after it: a capitalised run from ln token k to its last flat
 * or compound dependent, ending in an organisation's word (words.tsv
 * org_head 1), names the organisation, not the country inside it. */
static int32_t flat_org_actor(px_doc *doc, int32_t k)
{
	int32_t last = -1;
	for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c])
		if (c > k && (px_syn_rel_is(doc, (size_t)c, "flat") ||
		              px_syn_rel_is(doc, (size_t)c, "compound")))
			last = c;
	int32_t a = px_syn_tok(doc, (size_t)k), z = last >= 0 ? px_syn_tok(doc, (size_t)last) : -1;
	int in_text = 0;
	if (a < 0 || z <= a || !px_word_in(doc, (size_t)z, WC_ORG_HEAD, &in_text) || in_text != 1)
		return -1;
	for (int32_t i = a; i <= z; i++)
		if (!doc->toks[i].cap || doc->toks[i].kind != TK_WORD)
			return -1;
	/* a person the tagger saw in "Rising PAC" is no person */
	return org_span_actor(doc, a, z, true);
}

/* The organisation named by px tokens [a, z], with a mention over them;
 * -1 when they hold a mention of anything but a country inside them (or,
 * over_persons, a person ending with them). */
static int32_t org_span_actor(px_doc *doc, int32_t a, int32_t z, bool over_persons)
{
	if (a < 0 || z < a || z - a > 8)
		return -1;
	size_t b = (size_t)z + 1;
	/* "The Washington Post": a place or country named inside the
	 * organisation's name is part of it, not an actor of its own */
	for (size_t i = (size_t)a; i < b; i++) {
		int32_t m = doc->tok_mention[i];
		if (doc->toks[i].inq)
			return -1;
		if (m >= 0 && over_persons && doc->mentions[m].tok_end == b &&
		    doc->mentions[m].tok_start > (uint32_t)a &&
		    px_is_person(doc, doc->mentions[m].actor))
			continue;
		if (m >= 0 &&
		    (doc->mentions[m].actor < 0 || doc->mentions[m].tok_start < (uint32_t)a ||
		     doc->mentions[m].tok_end > (uint32_t)b ||
		     doc->mentions[m].tok_end - doc->mentions[m].tok_start == b - (size_t)a ||
		     !doc->actors[doc->mentions[m].actor].kind ||
		     strcmp(doc->actors[doc->mentions[m].actor].kind,
		            vocab_actor_kinds[KIND_COUNTRY])))
			return -1;
	}
	/* (the country keeps its own mention; the tokens now point at the whole
	 * name's) */
	return span_actor(doc, (size_t)a, b, vocab_actor_kinds[KIND_ORGANIZATION]);
}

/* Whether ln token k's lemma is a title's head (titles.tsv: "lawmaker",
 * "senator", "diplomat"): a word for people. */
static bool people_noun(const px_doc *doc, int32_t k)
{
	const char *lemma = px_syn_lemma(doc, (size_t)k);
	for (size_t i = 0; i < doc->dict->n_titles; i++) {
		const px_title *x = &doc->dict->titles[i];
		if (!x->modifier && !x->honorific && x->canonical &&
		    !strcasecmp(x->canonical, lemma))
			return true;
	}
	return false;
}

/* "GOP lawmakers", "Democratic senators": a plural common noun for people
 * (people_noun) whose
 * capitalised modifiers (a party, a faction; no country: "Ukrainian
 * troops" is Ukraine's) stand right before it names a group, an actor of
 * its own.  -1 when ln token k is no such phrase. */
static int32_t group_actor(px_doc *doc, int32_t k)
{
	const char *xpos = px_syn_xpos(doc, (size_t)k);
	int32_t t = px_syn_tok(doc, (size_t)k);
	/* "Republicans", "Democrats": a party's members by its capitalised
	 * plural (NNPS) are a group too */
	bool members = xpos && !strcmp(xpos, "NNPS") && t >= 0 && doc->toks[t].cap &&
	               !doc->toks[t].inq && people_noun(doc, k);
	if (members)
		return span_actor(doc, (size_t)t, (size_t)t + 1, vocab_actor_kinds[KIND_GROUP]);
	if (px_syn_upos(doc, (size_t)k) != LN_UPOS_NOUN || !xpos || strcmp(xpos, "NNS") || t < 1 ||
	    doc->toks[t].cap || !people_noun(doc, k))
		return -1; /* "Any Questions", "Western claims": no group */
	size_t a = (size_t)t;
	size_t first = doc->sents[doc->toks[t].sent].tok_start;
	while (a > first && doc->toks[a - 1].cap && doc->toks[a - 1].kind == TK_WORD &&
	       !doc->toks[a - 1].inq && (size_t)t - a < 3) {
		int32_t m = doc->tok_mention[a - 1];
		if (m >= 0 && doc->mentions[m].actor >= 0 &&
		    doc->actors[doc->mentions[m].actor].kind &&
		    !strcmp(doc->actors[doc->mentions[m].actor].kind,
		            vocab_actor_kinds[KIND_COUNTRY]))
			return -1;
		int32_t c = px_syn_ln(doc, a - 1);
		if (c < 0 || doc->syn.head[c] != k ||
		    (a - 1 == first && px_syn_upos(doc, (size_t)c) != LN_UPOS_PROPN))
			break; /* "Senior lawmakers" opening a sentence names no party */
		a--;
	}
	if (a == (size_t)t)
		return -1;
	return span_actor(doc, a, (size_t)t + 1, vocab_actor_kinds[KIND_GROUP]);
}

/* "attacked the comment": the speaker of the statement with a named
 * speaker that ends last before ln token k's sentence, in its paragraph
 * or the two before; -1 none. */
static int32_t last_speaker_before(const px_doc *doc, size_t k)
{
	int32_t t = px_syn_tok(doc, k);
	if (t < 0)
		return -1;
	const px_sentence *s = &doc->sents[doc->toks[t].sent];
	uint32_t from = doc->toks[s->tok_start].start;
	const px_statement *last = NULL;
	for (size_t q = 0; q < doc->n_stmts; q++) {
		const px_statement *st = &doc->stmts[q];
		if (st->speaker >= 0 && st->end <= from && (!last || st->end > last->end))
			last = st;
	}
	if (!last || doc->sents[last->sent_b].para + 2 < s->para)
		return -1;
	return last->speaker;
}

/* The actor ln token k names: a mention over it, a pronoun resolved, an
 * organisation the tagger found, or one named inside its phrase ("Trump's
 * proposal", "ITV television station"; the closest-bound words first). */
static int32_t actor_of(px_doc *doc, int32_t k, int depth)
{
	static const char *const inner[] = {"flat", "compound", "appos", "nmod:poss",
	                                    "nmod", "amod",     NULL};
	int32_t t = px_syn_tok(doc, (size_t)k);
	if (t < 0 || doc->toks[t].inq)
		return -1;
	int32_t m = doc->tok_mention[t];
	int32_t flat_org = m >= 0 && depth == 0 ? flat_org_actor(doc, k) : -1;
	if (flat_org >= 0)
		return flat_org;
	if (m >= 0)
		return doc->mentions[m].actor;
	if (px_syn_upos(doc, (size_t)k) == LN_UPOS_PRON)
		return pronoun_actor(doc, (size_t)t);
	int32_t org = org_actor(doc, k);
	if (org < 0 && depth <= 1) /* "a group of Democratic senators" */
		org = group_actor(doc, k);
	if (org >= 0 || depth >= 2)
		return org;
	/* "after the meeting with Fidan" names the meeting, not Fidan */
	const px_lex_entry *ev;
	if (px_lex_match(doc, (size_t)t, LX_EVENT, &ev) || lemma_trigger(doc, (size_t)t))
		return -1;
	/* "the New York businessman praised X": the person it refers back to */
	int32_t role = depth == 0 ? px_role_noun_person(doc, (size_t)k) : -1;
	if (role >= 0)
		return role;
	for (const char *const *r = inner; *r; r++)
		for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c])
			if (!strcmp(px_syn_deprel(doc, (size_t)c), *r)) {
				int32_t a = actor_of(doc, c, depth + 1);
				if (a >= 0)
					return a;
			}
	return -1;
}

/* A place named by ln token k's phrase ("Las Vegas", "the Alaska summit"). */
static int32_t place_of(const px_doc *doc, int32_t k)
{
	int32_t first = k;
	for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c])
		if ((px_syn_rel_is(doc, c, "compound") || px_syn_rel_is(doc, c, "flat")) &&
		    c < first)
			first = c;
	int32_t t = px_syn_tok(doc, (size_t)first);
	const px_lex_entry *e;
	if (t < 0 || doc->toks[t].inq || !doc->toks[t].cap || !px_lex_match(doc, t, LX_PLACE, &e))
		return -1;
	return (int32_t)e->ref;
}

/* How well frame row f fits dependent c: 0 not at all; more specific
 * rows (the full relation, a case word) score higher. */
static int frame_fit(const px_doc *doc, const px_frame *f, int32_t c)
{
	const char *rel = px_syn_deprel(doc, (size_t)c);
	int fit;
	if (!strcmp(rel, f->rel))
		fit = 4;
	else if (!strchr(f->rel, ':') && !strncmp(rel, f->rel, strlen(f->rel)) &&
	         rel[strlen(f->rel)] == ':')
		fit = 2;
	else
		return 0;
	if (*f->casew) {
		if (strcasecmp(case_word(doc, c), f->casew))
			return 0;
		fit++;
	}
	return fit;
}

/* The frame rows of type (those of "*" when it has none). */
static bool frame_rows_of(const px_dict *d, const char *type, const char **use)
{
	for (size_t i = 0; i < d->n_frames; i++)
		if (!strcmp(d->frames[i].type, type)) {
			*use = type;
			return true;
		}
	*use = "*";
	return d->n_frames > 0;
}

/* The best row of the frame for dependent c (of the trigger, or of its
 * head when via_head), or NULL.  A place row fits only a place, so that a
 * row of the same relation for a party can take the rest ("spoke at the
 * NATO conference" beside "spoke at a rally in Berlin"). */
static const px_frame *best_row(const px_doc *doc, const char *type, bool via_head, int32_t c)
{
	const px_frame *best = NULL;
	int fit = 0;
	for (size_t i = 0; i < doc->dict->n_frames; i++) {
		const px_frame *f = &doc->dict->frames[i];
		if (f->via_head != via_head || strcmp(f->type, type))
			continue;
		int v = frame_fit(doc, f, c);
		if (v > fit && f->role == FR_PLACE && place_of(doc, c) < 0)
			continue;
		if (v > fit)
			fit = v, best = f;
	}
	return best;
}

static const uint8_t role_of[] = {ROLE_SOURCE, ROLE_TARGET, ROLE_PARTICIPANT};

/* Whether the frame row lets actor stand in its role (frames.tsv kinds). */
static bool kind_fits(const px_doc *doc, const px_frame *f, int32_t actor)
{
	if (actor < 0 || !f->kinds)
		return actor >= 0;
	for (int j = 0; j < 4; j++)
		if ((f->kinds & (1u << j)) && doc->actors[actor].kind &&
		    !strcmp(doc->actors[actor].kind, vocab_actor_kinds[j]))
			return true;
	return false;
}

/* A programme's name in quotation marks where an occasion's audience
 * stands ("told \"Fox and Friends\"", "in an interview with \"Meet the
 * Press\""): a short run of quoted words in title case, up to its
 * closing mark, names an organisation of its own.  -1 when ln token k is
 * no such run or the frame row admits no organisation. */
static int32_t quoted_title_actor(px_doc *doc, int32_t k, const px_frame *f)
{
	int32_t t = px_syn_tok(doc, (size_t)k);
	if (t < 0 || (f->kinds && !(f->kinds & 2u)))
		return -1;
	const px_sentence *s = &doc->sents[doc->toks[t].sent];
	size_t a = (size_t)t, b = (size_t)t + 1;
	while (a > s->tok_start && a + 6 > (size_t)t && doc->toks[a - 1].kind != TK_QUOTE)
		a--;
	while (b < s->tok_end && b < (size_t)t + 6 && doc->toks[b].kind != TK_QUOTE)
		b++;
	if (a == s->tok_start || b == s->tok_end || doc->toks[a - 1].kind != TK_QUOTE ||
	    doc->toks[b].kind != TK_QUOTE)
		return -1;
	while (b > a && doc->toks[b - 1].kind == TK_PUNCT)
		b--; /* "Fox and Friends," */
	if (b == a || b - a > 5 || !doc->toks[a].cap || !doc->toks[b - 1].cap)
		return -1;
	/* the run already names an organisation (the entity tagger's): that one */
	int32_t m = doc->tok_mention[a];
	if (m >= 0 && doc->mentions[m].tok_start == a && doc->mentions[m].tok_end == b) {
		const char *kind = doc->actors[doc->mentions[m].actor].kind;
		return kind && !strcmp(kind, vocab_actor_kinds[KIND_ORGANIZATION])
		           ? doc->mentions[m].actor
		           : -1;
	}
	for (size_t i = a; i < b; i++) {
		const px_token *x = &doc->toks[i];
		int32_t mi = doc->tok_mention[i];
		const char *mk = mi >= 0 ? doc->actors[doc->mentions[mi].actor].kind : NULL;
		if (x->kind != TK_WORD || (!x->cap && x->end - x->start > 3) ||
		    (mi >= 0 && !(mk && !strcmp(mk, vocab_actor_kinds[KIND_ORGANIZATION]))))
			return -1; /* only capitalised words and short joiners; an
			            * outlet's name in its programme's ("Fox News
			            * Sunday") */
	}
	return span_actor(doc, a, b, vocab_actor_kinds[KIND_ORGANIZATION]);
}

/* "by Anna Roe and Jo Doe" parsed as one name ("Anna" a compound of
 * "Doe"): whether a coordinator stands between ln tokens d and c, the
 * sign of two names run together by the parse. */
static bool coordinated_before(const px_doc *doc, int32_t d, int32_t c)
{
	for (int32_t j = d + 1; j < c; j++) {
		int32_t t = px_syn_tok(doc, (size_t)j);
		if (t >= 0 && px_word_in(doc, (size_t)t, WC_COORDINATOR, NULL))
			return true;
	}
	return false;
}

/* One argument and the words coordinated with it ("Russia and Ukraine"). */
static size_t add_argument(px_doc *doc, px_event *e, int32_t c, const px_frame *f)
{
	if (f->role == FR_PLACE) {
		if (e->place < 0)
			e->place = place_of(doc, c);
		return 0;
	}
	size_t n = e->n_parts;
	int32_t who = actor_of(doc, c, 0);
	if (who < 0 && f->role == FR_TARGET && f->kinds)
		who = quoted_title_actor(doc, c, f);
	if (who < 0 && f->role == FR_TARGET && px_definite_speech_noun(doc, (size_t)c))
		who = last_speaker_before(doc, (size_t)c);
	if (kind_fits(doc, f, who))
		px_add_part(e, who, role_of[f->role]);
	int32_t head_actor = who;
	for (int32_t d = doc->syn.child[c]; d >= 0; d = doc->syn.sibling[d])
		if (px_syn_rel_is(doc, d, "conj") ||
		    (d < c &&
		     (px_syn_rel_is(doc, d, "compound") || px_syn_rel_is(doc, d, "flat")) &&
		     coordinated_before(doc, d, c))) {
			who = actor_of(doc, d, 0);
			if (who != head_actor && kind_fits(doc, f, who))
				px_add_part(e, who, role_of[f->role]);
		}
	return e->n_parts - n;
}

/* Relations through which a trigger shares its head's arguments: "held
 * talks", "said in an interview", "agreed to meet", "met X and signed",
 * "Contradicting X, Y said" (a clause of its own keeps its own subject). */
static bool shares_head(const px_doc *doc, int32_t k)
{
	static const char *const rels[] = {"obj", "obl", "xcomp", "conj", "advcl", NULL};
	for (const char *const *r = rels; *r; r++)
		if (px_syn_rel_is(doc, k, *r))
			return true;
	return false;
}

/* Participants and place from the trigger's own dependents (and its head's,
 * through shares_head), by the frame of its type, in text order.  Returns
 * whether the parse was there to ask. */
static bool parts_from_parse(px_doc *doc, px_event *e, size_t trig)
{
	int32_t k = px_syn_ln(doc, trig);
	const char *type;
	if (!doc->syn.ok || k < 0 || !frame_rows_of(doc->dict, e->type, &type))
		return false;
	/* a phrase's first word modifying the next ("conference call"): the
	 * arguments hang on the phrase's head */
	const px_lex_entry *phrase;
	size_t words = px_lex_match(doc, trig, LX_EVENT, &phrase);
	int32_t first = k; /* its dependents count too ("a Fox News town hall") */
	while (px_syn_rel_is(doc, (size_t)k, "compound") && doc->syn.head[k] > k) {
		int32_t ht = px_syn_tok(doc, (size_t)doc->syn.head[k]);
		if (ht < 0 || (size_t)ht >= trig + words)
			break;
		k = doc->syn.head[k];
	}
	enum { MAX_ARGS = 32 };
	struct {
		int32_t at;
		const px_frame *f;
	} arg[MAX_ARGS];
	size_t n = 0;
	bool own[4] = {false};
	for (int32_t w = first;; w = k) {
		for (int32_t c = doc->syn.child[w]; c >= 0 && n < MAX_ARGS;
		     c = doc->syn.sibling[c]) {
			const px_frame *f = c == first ? NULL : best_row(doc, type, false, c);
			if (f) {
				arg[n].at = c, arg[n++].f = f;
				own[f->role] = true;
			}
		}
		if (w == k)
			break;
	}
	int32_t h = doc->syn.head[k];
	/* an adverbial clause shares its head's subject only */
	bool subject_only = px_syn_rel_is(doc, k, "advcl");
	if (h >= 0 && shares_head(doc, k))
		for (int32_t c = doc->syn.child[h]; c >= 0 && n < MAX_ARGS;
		     c = doc->syn.sibling[c]) {
			const px_frame *f = c == k ? NULL : best_row(doc, type, true, c);
			if (f && subject_only && strncmp(px_syn_deprel(doc, (size_t)c), "nsubj", 5))
				f = NULL;
			if (f && !own[f->role])
				arg[n].at = c, arg[n++].f = f;
		}
	/* text order (insertion sort: a handful) */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && arg[j].at < arg[j - 1].at; j--) {
			__typeof__(arg[0]) t = arg[j];
			arg[j] = arg[j - 1], arg[j - 1] = t;
		}
	/* "Y, who thanked him": a relative pronoun stands for the noun the
	 * clause hangs on */
	bool relcl = h >= 0 && px_syn_rel_is(doc, k, "acl:relcl");
	for (size_t i = 0; i < n; i++) {
		int32_t c = arg[i].at;
		if (relcl && c < k && px_syn_upos(doc, (size_t)c) == LN_UPOS_PRON)
			c = h;
		add_argument(doc, e, c, arg[i].f);
	}
	return true;
}

/* Where actor is first named in sentence sent (the sentence's end when not). */
static size_t named_at(const px_doc *doc, int32_t actor, uint32_t sent)
{
	const px_sentence *s = &doc->sents[sent];
	for (size_t i = s->tok_start; i < s->tok_end; i++) {
		int32_t m = doc->tok_mention[i];
		if (m >= 0 && doc->mentions[m].actor == actor)
			return i;
	}
	return s->tok_end;
}

/* Sources first, then participants, then targets; text order within. */
static void order_parts(const px_doc *doc, px_event *e)
{
	static const int rank[] = {[ROLE_SOURCE] = 0, [ROLE_PARTICIPANT] = 1, [ROLE_TARGET] = 2};
	size_t at[64];
	size_t n = e->n_parts < 64 ? e->n_parts : 64;
	for (size_t i = 0; i < n; i++)
		at[i] = named_at(doc, e->parts[i].actor, e->sent_a);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			px_part *p = &e->parts[j], *q = &e->parts[j - 1];
			if (rank[p->role] > rank[q->role] ||
			    (rank[p->role] == rank[q->role] && at[j] >= at[j - 1]))
				break;
			px_part t = *p;
			*p = *q, *q = t;
			size_t u = at[j];
			at[j] = at[j - 1], at[j - 1] = u;
		}
}

/* ------------------------------------------------------------ factuality */

/* A factuality cue (factuality.tsv) for ln token k at where; ST_OCCURRED
 * when none. */
static int fact_of(const px_doc *doc, int32_t k, uint8_t where)
{
	const char *lemma = px_syn_lemma(doc, (size_t)k);
	for (size_t i = 0; i < doc->dict->n_facts; i++) {
		const px_fact *f = &doc->dict->facts[i];
		if (f->where == where && !strcasecmp(f->cue, lemma))
			return f->status;
	}
	return ST_OCCURRED;
}

/* The strongest of two statuses: drop > denied > hypothetical > possible >
 * planned > occurred. */
static int stronger(int a, int b)
{
	static const int rank[] = {
	    [ST_OCCURRED] = 0, [ST_PLANNED] = 1,      [ST_POSTPONED] = 0, [ST_CANCELLED] = 0,
	    [ST_POSSIBLE] = 2, [ST_HYPOTHETICAL] = 3, [ST_DENIED] = 4,    [ST_DROP] = 5};
	return rank[b] > rank[a] ? b : a;
}

static int dep_cues(const px_doc *doc, int32_t k, int status)
{
	for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c])
		status = stronger(status, fact_of(doc, c, FW_DEP));
	return status;
}

/* What the parse says of the trigger's factuality: cues among its own
 * dependents ("did not sign", "could meet", "if they meet"), those of the
 * verb it is the object or complement of ("did not hold talks", "may try
 * to meet"), the verb governing its clause ("denied attacking", "plans to
 * visit"), a question.  ST_OCCURRED when nothing is said; -1 without a
 * parse. */
static int factuality(const px_doc *doc, size_t trig)
{
	int32_t k = px_syn_ln(doc, trig);
	if (!doc->syn.ok || k < 0)
		return -1;
	int status = dep_cues(doc, k, ST_OCCURRED);
	int32_t h = doc->syn.head[k];
	for (int up = 0;
	     h >= 0 && up < 2 && (px_syn_rel_is(doc, k, "obj") || px_syn_rel_is(doc, k, "xcomp"));
	     up++) {
		status = dep_cues(doc, h, status);
		status = stronger(status, fact_of(doc, h, FW_GOV));
		k = h, h = doc->syn.head[k];
	}
	if (h >= 0 && (px_syn_rel_is(doc, k, "ccomp") || px_syn_rel_is(doc, k, "xcomp") ||
	               px_syn_rel_is(doc, k, "advcl")))
		status = stronger(status, fact_of(doc, h, FW_GOV));
	/* a question: the sentence's last token */
	const px_sentence *s = &doc->sents[doc->toks[trig].sent];
	if (s->tok_end > s->tok_start) {
		int32_t last = px_syn_ln(doc, s->tok_end - 1);
		if (last >= 0)
			status = stronger(status, fact_of(doc, last, FW_END));
	}
	return status;
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

static bool marker_at(const px_doc *doc, size_t i, enum px_marker kind)
{
	const px_lex_entry *m;
	return px_lex_match(doc, i, LX_MARKER, &m) && m->ref == (uint32_t)kind;
}

/* "spoke to reporters": words for the press (markers.tsv), no call */
static bool to_the_press(const px_doc *doc, size_t i, const px_event_word *w)
{
	if (!px_name_in(doc->dict, w->type, WC_PHONE_TYPE)) /* words.tsv */
		return false;
	const px_lex_entry *e;
	size_t n = px_lex_match(doc, i, LX_EVENT, &e);
	for (size_t k = i + n; k < i + n + 3 && k < doc->n_toks; k++)
		if (marker_at(doc, k, MK_PRESS))
			return true;
	return false;
}

/* "Peskov, asked about the meeting, said": a question put to him
 * (markers.tsv), no appeal */
static bool question_put(const px_doc *doc, size_t i)
{
	return marker_at(doc, i, MK_QUESTION);
}

static bool has_role(const px_event *e, uint8_t role)
{
	for (size_t i = 0; i < e->n_parts; i++)
		if (e->parts[i].role == role)
			return true;
	return false;
}

/* The words around the trigger (parties.c) fill a role the parse left
 * empty: a doer before it, those acted upon after it. */
static void heuristic_parts(const px_doc *doc, px_event *e, size_t a, size_t b, size_t trig)
{
	px_event tmp = {.place = -1};
	px_doers_and_targets(doc, &tmp, a, b, trig);
	bool src = has_role(e, ROLE_SOURCE), tgt = has_role(e, ROLE_TARGET);
	for (size_t k = 0; k < tmp.n_parts; k++)
		if ((tmp.parts[k].role == ROLE_TARGET && !tgt) ||
		    (tmp.parts[k].role != ROLE_TARGET && !src))
			px_add_part(e, tmp.parts[k].actor, tmp.parts[k].role);
	free(tmp.parts);
}

/* Whether token i lies within the reported clause of an indirect
 * statement. */
static bool reported_by_someone(const px_doc *doc, size_t i)
{
	for (size_t k = 0; k < doc->n_stmts; k++) {
		const px_statement *st = &doc->stmts[k];
		if (!st->direct && doc->toks[i].start >= st->start && doc->toks[i].end <= st->end)
			return true;
	}
	return false;
}

/* Returns whether the event was kept. */
/* Where the words an occasion of speech reports begin: a complementizer
 * or a quotation after the trigger ("told reporters that ... in Ukraine":
 * the place of what was said, not of the saying), else b. */
static size_t said_end(const px_doc *doc, size_t trig, size_t b)
{
	for (size_t k = trig + 1; k < b; k++)
		if (doc->toks[k].inq || px_word_in(doc, k, WC_COMPLEMENTIZER, NULL))
			return k;
	return b;
}

/* "the interview", "the same speech": an occasion noun with a definite
 * determiner (words.tsv) names an occasion told before.  When this telling
 * dates it, the earlier undated occasion of that word its source took part
 * in, or -1. */
static int32_t occasion_told_before(const px_doc *doc, const px_event *e, int32_t k)
{
	if (!e->date.precision || !e->word || !e->word->occasion || k < 0 ||
	    px_syn_upos(doc, (size_t)k) != LN_UPOS_NOUN)
		return -1;
	/* only "the" and what describes it after ("the interview, taped
	 * Saturday"): "the first debate" may be another one */
	bool definite = false;
	for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c]) {
		int32_t t = px_syn_tok(doc, (size_t)c);
		if (px_syn_rel_is(doc, c, "det"))
			definite |= t >= 0 && px_word_in(doc, (size_t)t, WC_DEFINITE, NULL);
		else if (c < k && !px_syn_rel_is(doc, c, "case") && !px_syn_rel_is(doc, c, "punct"))
			return -1;
	}
	if (!definite)
		return -1;
	for (int32_t j = (int32_t)(e - doc->events) - 1; j >= 0; j--) {
		const px_event *p = &doc->events[j];
		if (p->into >= 0 || p->word != e->word || p->sent_a >= e->sent_a ||
		    p->status != e->status || p->date.precision)
			continue;
		for (size_t a = 0; a < p->n_parts; a++)
			for (size_t b = 0; b < e->n_parts; b++)
				if (p->parts[a].role == ROLE_SOURCE &&
				    e->parts[b].role == ROLE_SOURCE &&
				    p->parts[a].actor == e->parts[b].actor)
					return j;
	}
	return -1;
}

static bool event_from_trigger(px_doc *doc, const px_sentence *s, size_t i, const px_event_word *w)
{
	/* "the summit week", "a visit request": a noun modifying another is no
	 * event of its own */
	int32_t k = px_syn_ln(doc, i);
	const px_lex_entry *phrase;
	if (doc->syn.ok && k >= 0 && px_syn_rel_is(doc, (size_t)k, "compound") &&
	    px_lex_match(doc, i, LX_EVENT, &phrase) < 2)
		return false;
	/* "the North American Free Trade Agreement", "the Shangri-La
	 * Dialogue": a proper noun inside a name names a thing, not a doing */
	if (doc->syn.ok && k >= 0 && px_syn_upos(doc, (size_t)k) != LN_UPOS_VERB &&
	    doc->toks[i].cap && i > s->tok_start && doc->toks[i - 1].cap &&
	    doc->toks[i - 1].kind == TK_WORD)
		return false;
	/* "X said Thursday's speeches had ...": an occasion inside the words
	 * someone reports is not that speaker's occasion */
	if (w->occasion && reported_by_someone(doc, i))
		return false;
	int fact = factuality(doc, i);
	if (fact == ST_DROP || question_put(doc, i) || to_the_press(doc, i, w))
		return false;
	if (fact < 0 && negated(doc, s->tok_start, i))
		return false; /* no parse: the words before the trigger */
	bool intent;
	size_t sa, sb; /* "the EU would never ..., as ministers gathered for a meeting" */
	px_clause_of(doc, s->tok_start, s->tok_end, i, &sa, &sb);
	size_t end = px_report_end(doc, i, s->tok_end);
	int status = status_in(doc, sa, i, end, &intent);
	if (fact > 0 && status != ST_POSTPONED && status != ST_CANCELLED)
		status = stronger(status, fact);
	bool meeting = is_meeting_family(doc, w->cameo);
	bool statement = px_code_in(doc->dict, w->cameo, WC_CAMEO_STATEMENT);
	/* "wants to meet": a proposal, the '@intent' row (none: the meeting);
	 * the trigger's own word still says how its parts are read */
	const px_event_word *made = w;
	if (intent && meeting && doc->dict->derived[PX_DERIVED_INTENT])
		made = &doc->dict->events[doc->dict->derived[PX_DERIVED_INTENT] - 1];
	px_event *e = new_event(doc, made, doc->toks[i].sent);
	e->word = w;
	e->status = status;
	bool two_sided = meeting && !px_code_in(doc->dict, w->cameo, WC_CAMEO_ONE_SIDED);
	/* the parse first; the words around the trigger where it names nobody
	 * (or one side of a meeting) */
	parts_from_parse(doc, e, i);
	if (two_sided && e->n_parts < 2) {
		px_meeting_parts(doc, e, s->tok_start, end, i);
	} else if (statement && !e->n_parts) {
		px_add_part(e, px_statement_speaker(doc, s->tok_start, s->tok_end, i), ROLE_SOURCE);
	} else if (!two_sided && !statement && e->n_parts < 2) {
		heuristic_parts(doc, e, s->tok_start, end, i);
	}
	/* a phone call has no one place */
	bool by_phone = px_name_in(doc->dict, w->type, WC_PHONE_TYPE);
	/* meeting words come with their party lists before the place: "talks
	 * between Russian and Ukrainian delegations in Istanbul" */
	if (by_phone)
		e->place = -1;
	else if (e->place < 0)
		e->place = place_in(doc, s->tok_start, statement ? said_end(doc, i, end) : end, i,
		                    meeting ? 6 : 2, meeting ? 16 : 12);
	/* the day of the report dates what happened, not what is planned */
	if (e->status == ST_PLANNED)
		date_for(doc, e, px_after_last_cue(doc, sa, i), end, i);
	else
		date_for(doc, e, s->tok_start, s->tok_end, i);
	/* an occasion its sentence does not date takes the story's day
	 * (carry_reference_day) */
	/* a lone "talks" with one side and no place: too little to tell ("asked
	 * about the meeting on Thursday") */
	bool thin = two_sided && e->n_parts < 2 && e->place < 0;
	/* an event nobody took part in is kept only when it has a when and a
	 * where ("talks in Istanbul on July 23") */
	bool anonymous = !e->n_parts && (!e->date.precision || e->place < 0);
	/* a verb of speech is an occasion only with its audience ("told
	 * Reuters"), a noun ("an interview") by itself */
	bool unaddressed = statement && w->lemma && w->upos == LN_UPOS_VERB &&
	                   (e->n_parts < 2 || e->parts[1].role != ROLE_TARGET);
	/* a verb without its doer ("Unnamed parties urge X") tells too little;
	 * so does a noun without one unless it names where ("the attack on X
	 * in Y"; "sanctions against X" may be old ones).  An occasion of speech
	 * waits for its statements to name the speaker ("in an interview with
	 * X"). */
	bool doerless =
	    !two_sided && e->n_parts && !has_role(e, ROLE_SOURCE) &&
	    !has_role(e, ROLE_PARTICIPANT) && k >= 0 &&
	    (px_syn_upos(doc, (size_t)k) == LN_UPOS_VERB || (e->place < 0 && !statement));
	if (anonymous || thin || unaddressed || doerless) {
		e->into = (int32_t)doc->n_events - 1; /* dropped */
		return false;
	}
	/* "Clinton told Fox in the interview, taped Saturday": the interview
	 * told before, which takes this telling's parts, place and day */
	int32_t before = occasion_told_before(doc, e, k);
	if (before >= 0) {
		px_event *p = &doc->events[before];
		for (size_t n = 0; n < e->n_parts; n++)
			px_add_part(p, e->parts[n].actor, e->parts[n].role);
		if (p->place < 0)
			p->place = e->place;
		if (!p->date.precision)
			p->date = e->date;
		order_parts(doc, p);
		e->into = (int32_t)doc->n_events - 1; /* dropped */
		return false;
	}
	order_parts(doc, e);
	return true;
}

/* The event word whose lemma (events.tsv column 5) ln token k has, at its
 * first px token i, or NULL. */
static const px_event_word *lemma_trigger(const px_doc *doc, size_t i)
{
	int32_t k = px_syn_ln(doc, i);
	if (!doc->syn.ok || k < 0 || px_syn_tok(doc, (size_t)k) != (int32_t)i)
		return NULL;
	ln_upos u = px_syn_upos(doc, (size_t)k);
	if (u != LN_UPOS_VERB && u != LN_UPOS_NOUN)
		return NULL;
	const char *lemma = px_syn_lemma(doc, (size_t)k);
	for (size_t j = 0; j < doc->dict->n_events; j++) {
		const px_event_word *w = &doc->dict->events[j];
		if (w->lemma && w->upos == u &&
		    w->lemma[0] == px_ascii_lower((unsigned char)*lemma) &&
		    !strcasecmp(w->lemma, lemma))
			return w;
	}
	return NULL;
}

/* A second word of one family in one sentence tells the same event ("in
 * an interview ..., he told X") when it is of the same type and status:
 * what it names joins the first's.  Otherwise it is left out ("agreed
 * during their call to meet"). */
static void merge_into(px_doc *doc, size_t into, size_t from)
{
	px_event *e = &doc->events[into], *f = &doc->events[from];
	f->into = (int32_t)from; /* dropped */
	if (strcmp(e->type, f->type) || e->status != f->status)
		return;
	for (size_t i = 0; i < f->n_parts; i++)
		px_add_part(e, f->parts[i].actor, f->parts[i].role);
	if (e->place < 0)
		e->place = f->place;
	if (!e->date.precision)
		e->date = f->date;
	order_parts(doc, e);
}

/* Whether the events table has lemma rows for the lemma of the word at
 * px token i, of any part of speech, and the parse reads that word as the
 * head of a noun phrase ("a sign", "new signs": a determiner, adjective,
 * possessive or number on it; a tagger's slip on a bare verb keeps it). */
static bool lemma_known(const px_doc *doc, size_t i)
{
	int32_t k = px_syn_ln(doc, i);
	if (!doc->syn.ok || k < 0 || px_syn_tok(doc, (size_t)k) != (int32_t)i ||
	    px_syn_upos(doc, (size_t)k) != LN_UPOS_NOUN)
		return false;
	bool phrase = false;
	for (int32_t c = doc->syn.child[k]; c >= 0 && !phrase; c = doc->syn.sibling[c])
		phrase = px_syn_rel_is(doc, (size_t)c, "det") ||
		         px_syn_rel_is(doc, (size_t)c, "amod") ||
		         px_syn_rel_is(doc, (size_t)c, "nmod:poss") ||
		         px_syn_rel_is(doc, (size_t)c, "nummod");
	if (!phrase)
		return false;
	const char *lemma = px_syn_lemma(doc, (size_t)k);
	for (size_t j = 0; j < doc->dict->n_events; j++) {
		const px_event_word *w = &doc->dict->events[j];
		if (w->lemma && !strcasecmp(w->lemma, lemma))
			return true;
	}
	return false;
}

static void scan_triggers(px_doc *doc)
{
	for (size_t si = 0; si < doc->n_sents; si++) {
		const px_sentence *s = &doc->sents[si];
		char seen[16][3];
		size_t seen_at[16];
		size_t n_seen = 0;
		for (size_t i = s->tok_start; i < s->tok_end; i++) {
			if (doc->toks[i].inq)
				continue;
			const px_lex_entry *e;
			size_t n = px_lex_match(doc, i, LX_EVENT, &e);
			const px_event_word *w =
			    n ? &doc->dict->events[e->ref] : lemma_trigger(doc, i);
			/* a word the lemma rows know, read by the parse as a part of
			 * speech they do not list ("held up a sign", "new signs"),
			 * reports nothing */
			if (n == 1 && !w->judgement && lemma_known(doc, i) &&
			    !lemma_trigger(doc, i))
				w = NULL;
			if (!w || w->judgement || w->advice) /* judgement_events, advice_events */
				continue;
			long dup = -1;
			for (size_t k = 0; k < n_seen && dup < 0; k++)
				if (family_eq(seen[k], w->cameo))
					dup = (long)k;
			/* one event per family and sentence; a word that made none
			 * ("the summit came days before ...") leaves room for the next */
			size_t at = doc->n_events;
			if (dup >= 0) {
				if (event_from_trigger(doc, s, i, w))
					merge_into(doc, seen_at[dup], at);
			} else if (n_seen < 16 && event_from_trigger(doc, s, i, w)) {
				memcpy(seen[n_seen], w->cameo, 2);
				seen_at[n_seen++] = at;
			}
			if (n)
				i += n - 1;
		}
	}
}

/* ------------------------------------------------------------ statements */

/* No event per quote: a statement is a statement.  A speech act becomes a
 * CAMEO-01 event only when it is reported as an occasion: an occasion word
 * made one in the statement's sentences (an interview, a briefing, "told
 * Reuters"), which the statement joins, or the statement's own clause dates
 * it ("said on Wednesday") or places it ("In Moscow, X said").  A bare "X
 * said" makes none; statements of one speaker on one occasion share its
 * event (the store joins their reports into one). */
static int32_t occasion_for(const px_doc *doc, const px_statement *st, size_t n_trig)
{
	for (size_t j = 0; j < n_trig; j++) {
		const px_event *e = &doc->events[j];
		if (e->into >= 0 || !e->word ||
		    !px_code_in(doc->dict, e->cameo, WC_CAMEO_STATEMENT))
			continue;
		if (e->sent_a + 1 < st->sent_a || e->sent_a > st->sent_b)
			continue;
		bool other = false;
		for (size_t i = 0; i < e->n_parts; i++)
			other |=
			    e->parts[i].role == ROLE_SOURCE && e->parts[i].actor != st->speaker;
		if (!other)
			return (int32_t)j;
	}
	return -1;
}

/* A date in the words around a statement, outside its quotation marks
 * ("'A,' Peskov said on Wednesday, 'B'"): the day of the saying. */
static bool reported_word(const px_doc *doc, const px_statement *st, size_t i)
{
	const px_token *t = &doc->toks[i];
	return t->inq || (!st->direct && t->start >= st->start && t->end <= st->end);
}

/* The speech verb of a statement: the first word of its cue outside the
 * words reported, or -1. */
static long cue_token(const px_doc *doc, const px_statement *st, size_t a, size_t b)
{
	if (!st->cue)
		return -1;
	char first[32];
	size_t n = strcspn(st->cue, " ");
	if (!n || n >= sizeof first)
		return -1;
	for (size_t k = 0; k < n; k++)
		first[k] = (char)px_ascii_lower((unsigned char)st->cue[k]);
	first[n] = '\0';
	for (size_t i = a; i < b; i++)
		if (!reported_word(doc, st, i) && px_tok_is(doc, i, first))
			return (long)i;
	return -1;
}

/* With a parse, the date expression at tokens [at, at + 4) depends on the
 * speech verb c itself ("said on Wednesday"), not on a noun ("said this
 * month's summit"). */
static bool hangs_on(const px_doc *doc, size_t at, size_t c)
{
	int32_t v = px_syn_ln(doc, c);
	if (!doc->syn.ok || v < 0)
		return true;
	for (size_t t = at; t < at + 4 && t < doc->n_toks; t++) {
		int32_t k = px_syn_ln(doc, t);
		if (k >= 0 && doc->syn.head[k] == v)
			return true;
	}
	return false;
}

/* With a parse, the date expression at tokens [at, at + 4) depends on a
 * verb other than the speech verb c ("who retired in 2013"). */
static bool hangs_on_other_verb(const px_doc *doc, size_t at, size_t c)
{
	int32_t v = px_syn_ln(doc, c);
	if (!doc->syn.ok || v < 0)
		return false;
	int32_t lo = px_syn_ln(doc, at);
	for (size_t t = at; t < at + 4 && t < doc->n_toks; t++) {
		int32_t k = px_syn_ln(doc, t);
		int32_t h = k >= 0 ? doc->syn.head[k] : -1;
		if (h < 0 || (lo >= 0 && h >= lo && h <= k))
			continue; /* inside the expression */
		if (h == v)
			return false;
		if (px_syn_upos(doc, (size_t)h) == LN_UPOS_VERB)
			return true;
	}
	return false;
}

/* A date of the saying itself, outside the words reported: before its
 * speech verb in the sentence ("On Dec. 7, X said", "X on Wednesday said")
 * or right after it ("said on Wednesday"), and with a parse a dependent of
 * that verb.  *out may stay undated when the
 * article has no date to count from. */
static bool own_date(const px_doc *doc, const px_statement *st, px_date *out)
{
	size_t a = doc->sents[st->sent_a].tok_start, b = doc->sents[st->sent_a].tok_end;
	long c = cue_token(doc, st, a, doc->sents[st->sent_b].tok_end);
	if (c < 0 || (size_t)c >= b)
		return false;
	size_t hi = (size_t)c + 6 < b ? (size_t)c + 6 : b;
	for (size_t i = a; i < hi;) {
		while (i < hi && reported_word(doc, st, i))
			i++;
		size_t j = i;
		while (j < hi && !reported_word(doc, st, j))
			j++;
		memset(out, 0, sizeof *out);
		long at = j > i ? px_find_date(doc, i, j, (size_t)c, out, NULL, NULL) : -1;
		/* before the verb (and not on another verb: "X, who retired in
		 * 2013, said"), or right after it and hanging on it */
		if (at >= 0 && ((at < c && !hangs_on_other_verb(doc, (size_t)at, (size_t)c)) ||
		                (at <= c + 2 && hangs_on(doc, (size_t)at, (size_t)c))))
			return true;
		i = j;
	}
	return false;
}

/* Whether speaker speaks for the organisation org: its title names it
 * ("Kremlin spokesman" for the Kremlin). */
static bool speaks_for(const px_doc *doc, int32_t speaker, int32_t org)
{
	const px_actor *p = &doc->actors[speaker], *o = &doc->actors[org];
	return speaker != org && p->title && o->kind &&
	       strcmp(o->kind, vocab_actor_kinds[KIND_PERSON]) && o->name && *o->name &&
	       strcasestr(p->title, o->name);
}

/* One occasion holds its statements: a bare saying ("X said") joins the
 * occasion its speaker (or the organisation the speaker speaks for) had
 * in the article, when there is one that took place. */
static void join_occasions(px_doc *doc)
{
	for (size_t k = 0; k < doc->n_stmts; k++) {
		px_statement *st = &doc->stmts[k];
		if (st->speaker < 0 || st->event >= 0)
			continue;
		for (size_t j = 0; j < doc->n_events; j++) {
			px_event *e = &doc->events[j];
			if (e->into >= 0 || e->status != ST_OCCURRED ||
			    !px_code_in(doc->dict, e->cameo, WC_CAMEO_STATEMENT))
				continue;
			bool ours = false;
			for (size_t i = 0; i < e->n_parts && !ours; i++)
				ours = e->parts[i].role == ROLE_SOURCE &&
				       (e->parts[i].actor == st->speaker ||
				        speaks_for(doc, st->speaker, e->parts[i].actor));
			if (ours) {
				px_add_part(e, st->speaker, ROLE_SOURCE);
				st->event = (int32_t)j;
				break;
			}
		}
	}
}

/* The organisation a saying's own clause gives it to or on ("On Dec. 7 on
 * MSNBC, X said", "X said on Radio Nord"): a dependent of the speech verb
 * outside the words reported, before the verb or within a few words after
 * it, that the statement frame rows read as a target and that names an
 * organisation other than the speaker; -1 when none. */
static int32_t outlet_of_saying(px_doc *doc, const px_statement *st, long cue)
{
	const char *type = doc->dict->events[doc->dict->derived[PX_DERIVED_STATEMENT] - 1].type;
	int32_t v = cue >= 0 ? px_syn_ln(doc, (size_t)cue) : -1;
	if (!doc->syn.ok || v < 0)
		return -1;
	for (int32_t c = doc->syn.child[v]; c >= 0; c = doc->syn.sibling[c]) {
		int32_t t = px_syn_tok(doc, (size_t)c);
		if (t < 0 || reported_word(doc, st, (size_t)t) || t > cue + 6)
			continue;
		/* an audience or outlet by its case word ("on X", "to X") or as
		 * the one told; the object is what was said */
		const px_frame *f = best_row(doc, type, false, c);
		if (!f || f->role != FR_TARGET || (!*f->casew && strcmp(f->rel, "iobj")))
			continue;
		/* a common noun stands for its owner only ("on CBS' evening
		 * show"), not for what it is about ("on the flight to X") */
		int32_t who = -1;
		if (doc->tok_mention[t] >= 0 || px_syn_upos(doc, (size_t)c) != LN_UPOS_NOUN)
			who = actor_of(doc, c, 0);
		else
			for (int32_t d = doc->syn.child[c]; d >= 0 && who < 0;
			     d = doc->syn.sibling[d])
				if (px_syn_rel_is(doc, d, "nmod:poss") ||
				    px_syn_rel_is(doc, d, "compound"))
					who = actor_of(doc, d, 1);
		const char *kind = who >= 0 ? doc->actors[who].kind : NULL;
		if (who >= 0 && who != st->speaker && kind_fits(doc, f, who) && kind &&
		    !strcmp(kind, vocab_actor_kinds[KIND_ORGANIZATION]))
			return who;
	}
	return -1;
}

static void statement_events(px_doc *doc)
{
	size_t n_trig = doc->n_events;
	for (size_t k = 0; k < doc->n_stmts; k++) {
		px_statement *st = &doc->stmts[k];
		px_date day;
		bool dated = own_date(doc, st, &day);
		if (dated && day.precision && !st->date.precision)
			st->date = day;
		if (!st->date.precision)
			st->date = doc->published;
		if (st->speaker < 0)
			continue;
		int32_t occ = occasion_for(doc, st, n_trig);
		if (occ >= 0) {
			/* the day of the saying is the occasion's ("said on Friday
			 * ..., told Reuters in an interview") */
			if (dated && day.precision >= doc->events[occ].date.precision)
				doc->events[occ].date = day;
			px_add_part(&doc->events[occ], st->speaker, ROLE_SOURCE);
			st->event = occ;
			continue;
		}
		/* a dateline place ("in Moscow, X said") before the speech verb and
		 * the words themselves */
		const px_sentence *s = &doc->sents[st->sent_a];
		size_t upto = s->tok_start;
		long cue = cue_token(doc, st, s->tok_start, s->tok_end);
		size_t stop = cue >= 0 ? (size_t)cue : s->tok_end;
		while (upto < stop && doc->toks[upto].start < st->start)
			upto++;
		int32_t place = place_in(doc, s->tok_start, upto, s->tok_start, 2, 12);
		if (!doc->dict->derived[PX_DERIVED_STATEMENT])
			continue;
		int32_t outlet = outlet_of_saying(doc, st, cue);
		if (!dated && place < 0 && outlet < 0)
			continue;
		px_event *e =
		    new_event(doc, &doc->dict->events[doc->dict->derived[PX_DERIVED_STATEMENT] - 1],
		              st->sent_a);
		e->sent_b = st->sent_b;
		px_add_part(e, st->speaker, ROLE_SOURCE);
		if (outlet >= 0)
			px_add_part(e, outlet, ROLE_TARGET);
		e->place = place;
		e->date = day.precision ? day : dated ? (px_date){0} : st->date;
		/* an occasion only its outlet makes takes the story's day
		 * (carry_reference_day) and sets none */
		if (!dated && place < 0 && !memcmp(&e->date, &doc->published, sizeof e->date))
			e->date = (px_date){0};
		st->event = (int32_t)doc->n_events - 1;
	}
	join_occasions(doc);
}

/* ------------------------------------------------------------ judgements */

/* Whether token i lies within what statement st reports (its quotation,
 * or the reported clause of an indirect one). */
static bool within_statement(const px_doc *doc, const px_statement *st, size_t i)
{
	return doc->toks[i].start >= st->start && doc->toks[i].end <= st->end;
}

/* "not a friend", "never racist": a negation right before a judgement
 * takes its weight away. */
static bool judgement_negated(const px_doc *doc, const px_statement *st, size_t i)
{
	for (size_t k = i > 3 ? i - 3 : 0; k < i; k++) {
		const px_lex_entry *e;
		if (within_statement(doc, st, k) && px_lex_match(doc, k, LX_MARKER, &e) &&
		    e->ref == MK_NEGATION)
			return true;
	}
	return false;
}

/* Whether who may be judged in st: not its speaker, nor the one the
 * speaker speaks for (or who speaks for the speaker). */
static bool judgeable(const px_doc *doc, const px_statement *st, int32_t who)
{
	return who >= 0 && who != st->speaker && !speaks_for(doc, st->speaker, who) &&
	       !speaks_for(doc, who, st->speaker);
}

/* The actor ln token k's phrase names inside a statement (quoted words
 * too): a mention over it, a he or she as the story reads it, or one
 * named in the phrase ("Y's plan", "the Y administration"); -1 none. */
static int32_t named_in_phrase(const px_doc *doc, int32_t k, int depth)
{
	static const char *const inner[] = {"nmod:poss", "compound", "flat", "appos", NULL};
	int32_t t = px_syn_tok(doc, (size_t)k);
	if (t < 0)
		return -1;
	int32_t m = doc->tok_mention[t];
	if (m >= 0)
		return doc->mentions[m].actor;
	if (px_syn_upos(doc, (size_t)k) == LN_UPOS_PRON)
		return px_pronoun_gender(doc, (size_t)t) || pronoun_form_gender(doc, (size_t)t)
		           ? pronoun_actor(doc, (size_t)t)
		           : -1;
	if (depth >= 1)
		return -1;
	for (const char *const *r = inner; *r; r++)
		for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c])
			if (!strcmp(px_syn_deprel(doc, (size_t)c), *r)) {
				int32_t a = named_in_phrase(doc, c, depth + 1);
				if (a >= 0)
					return a;
			}
	return -1;
}

/* "He is a danger," said X: within a quotation, he or she is the person
 * of that gender named last before it (in any part of a sentence), over
 * the sentence before and its own, other than the one quoted; -1 none. */
static int32_t last_person_named(const px_doc *doc, const px_statement *st, size_t t)
{
	int g = px_pronoun_gender(doc, t);
	if (!g)
		return -1;
	uint32_t sent = doc->toks[t].sent;
	int32_t best = -1;
	size_t best_at = 0;
	for (size_t m = 0; m < doc->n_mentions; m++) {
		const px_mention *mm = &doc->mentions[m];
		int32_t who = mm->actor;
		if (mm->tok_start >= t || doc->toks[mm->tok_start].sent + 1 < sent ||
		    (best >= 0 && mm->tok_start < best_at))
			continue;
		if (who >= 0 && who != st->speaker && px_is_person(doc, who) &&
		    (!doc->actors[who].gender || doc->actors[who].gender == g))
			best = who, best_at = mm->tok_start;
	}
	return best;
}

#define JUDGED_OWN_SIDE (-2) /* the parse says the speaker's side is judged */

/* With a parse, whom the judgement at token j is said of: the agent of a
 * passive ("was sold out by X"), else the subject of the word ("He is a
 * liar", "Y's plan was reckless") or of the word it is coordinated with
 * ("not only a liar but a danger"), the object of a verb it completes
 * ("called him reckless"), the owner of what it describes ("Y's reckless
 * plan").  -1 when the parse names no one who may be judged,
 * JUDGED_OWN_SIDE when it names the speaker or the speaker's side. */
static int32_t judged_by_parse(const px_doc *doc, const px_statement *st, size_t j, size_t n,
                               int32_t *at)
{
	int32_t k = px_syn_ln(doc, j);
	if (!doc->syn.ok || k < 0)
		return -1;
	/* a phrase ("a stronger leader") is read from its head, the word
	 * whose own head lies outside it */
	for (size_t t = j; t < j + n; t++) {
		int32_t m = px_syn_ln(doc, t), h = m >= 0 ? doc->syn.head[m] : -1;
		int32_t ht = h >= 0 ? px_syn_tok(doc, (size_t)h) : -1;
		if (m >= 0 && (ht < (int32_t)j || ht >= (int32_t)(j + n))) {
			k = m;
			break;
		}
	}
	for (int up = 0; k >= 0 && up < 3; up++) {
		int32_t subj = -1, agent = -1;
		for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c]) {
			const char *rel = px_syn_deprel(doc, (size_t)c);
			if (!strcmp(rel, "obl:agent"))
				agent = c;
			else if (!strcmp(rel, "nsubj"))
				subj = c;
		}
		int32_t h = doc->syn.head[k];
		int32_t pick = agent >= 0 ? agent : subj;
		if (pick < 0 && h >= 0 &&
		    (px_syn_rel_is(doc, (size_t)k, "xcomp") ||
		     px_syn_rel_is(doc, (size_t)k, "amod")))
			for (int32_t c = doc->syn.child[h]; c >= 0 && pick < 0;
			     c = doc->syn.sibling[c])
				if (px_syn_rel_is(doc, (size_t)c,
				                  px_syn_rel_is(doc, (size_t)k, "xcomp")
				                      ? "obj"
				                      : "nmod:poss"))
					pick = c;
		if (pick >= 0) {
			int32_t who = named_in_phrase(doc, pick, 0);
			*at = pick;
			int32_t pt = px_syn_tok(doc, (size_t)pick);
			bool quoted_pronoun = pt >= 0 && doc->toks[pt].inq &&
			                      px_syn_upos(doc, (size_t)pick) == LN_UPOS_PRON;
			if (quoted_pronoun) {
				int32_t last = last_person_named(doc, st, (size_t)pt);
				who = last >= 0 ? last : who;
			}
			if (judgeable(doc, st, who) || who < 0)
				return who >= 0 ? who : -1;
			/* "said he was a stronger leader than Y" with he the
			 * speaker: said of the speaker's own side, of no one else;
			 * but a he or she within quotation marks is never the one
			 * quoted, whom the story's reading of it may wrongly give */
			return quoted_pronoun ? -1 : JUDGED_OWN_SIDE;
		}
		if (h < 0 || !px_syn_rel_is(doc, (size_t)k, "conj"))
			break;
		k = h;
	}
	return -1;
}

/* The actor a judgement at token j is about: the one the parse says it
 * is said of (judged_by_parse); else, of the people, countries and
 * organisations named in the statement other than its speaker (and the
 * one the speaker speaks for), the one named nearest to it; -1 when none. */
#define PERSON_FIRST 1000 /* judged_actor: any person is nearer than a country */

static int32_t judged_actor(const px_doc *doc, const px_statement *st, size_t a, size_t b, size_t j,
                            size_t n, int32_t *at)
{
	*at = -1;
	int32_t best = judged_by_parse(doc, st, j, n, at);
	if (best >= 0)
		return best;
	if (best == JUDGED_OWN_SIDE)
		return -1;
	size_t dist = SIZE_MAX;
	for (size_t i = a; i < b; i++) {
		int32_t m = doc->tok_mention[i];
		if (m < 0 || !within_statement(doc, st, i))
			continue;
		int32_t who = doc->mentions[m].actor;
		if (!judgeable(doc, st, who))
			continue;
		/* "American values": a country's adjective judges no one */
		int32_t k = px_syn_ln(doc, i);
		if (k >= 0 && px_syn_upos(doc, (size_t)k) == LN_UPOS_ADJ)
			continue;
		/* people before countries and bodies: "he was doing Y's bidding
		 * and talking down Britain, and that's shameful" judges Y */
		size_t d = (i < j ? j - i : i - j) + (px_is_person(doc, who) ? 0 : PERSON_FIRST);
		if (d < dist)
			dist = d, best = who;
	}
	return best;
}

/* What statement st's speaker does to who by saying it (praise, blame,
 * advice: events.tsv row w), over the statement's sentences, on the day of
 * the saying when its clause tells it, else the story's day
 * (carry_reference_day). */
static px_event *statement_act(px_doc *doc, const px_statement *st, const px_event_word *w,
                               int32_t who)
{
	px_event *e = new_event(doc, w, st->sent_a);
	e->word = w;
	e->sent_b = st->sent_b;
	px_date day;
	if (own_date(doc, st, &day))
		e->date = day;
	px_add_part(e, st->speaker, ROLE_SOURCE);
	px_add_part(e, who, ROLE_TARGET);
	return e;
}

/* Praise and blame in what someone said ("'He is a danger,' X said of
 * Y", "X said Y's plan was reckless"): the words of judgement
 * (events.tsv ";judgement") within a statement weigh for and against;
 * when one side wins and the statement names someone else, the speaker
 * praises (05) or criticises (11) that actor, on the day of the saying.
 * One event per statement; the merge joins repeats. */
static void judgement_events(px_doc *doc)
{
	for (size_t k = 0; k < doc->n_stmts; k++) {
		const px_statement *st = &doc->stmts[k];
		if (st->speaker < 0)
			continue;
		size_t a = doc->sents[st->sent_a].tok_start, b = doc->sents[st->sent_b].tok_end;
		int weight = 0;
		const px_event_word *praise = NULL, *blame = NULL;
		size_t praise_at = 0, blame_at = 0, praise_n = 0, blame_n = 0;
		for (size_t i = a; i < b; i++) {
			const px_lex_entry *e;
			size_t n =
			    within_statement(doc, st, i) ? px_lex_match(doc, i, LX_EVENT, &e) : 0;
			if (!n)
				continue;
			const px_event_word *w = &doc->dict->events[e->ref];
			if (w->judgement && !judgement_negated(doc, st, i)) {
				bool good = px_code_in(doc->dict, w->cameo, WC_CAMEO_PRAISE);
				weight += good ? 1 : -1;
				if (good && !praise)
					praise = w, praise_at = i, praise_n = n;
				else if (!good && !blame)
					blame = w, blame_at = i, blame_n = n;
			}
			i += n - 1;
		}
		const px_event_word *w = weight > 0 ? praise : weight < 0 ? blame : NULL;
		if (!w)
			continue;
		int32_t at;
		int32_t who = judged_actor(doc, st, a, b, weight > 0 ? praise_at : blame_at,
		                           weight > 0 ? praise_n : blame_n, &at);
		if (who < 0)
			continue;
		px_event *e = statement_act(doc, st, w, who);
		/* "sold out by X and Y": both */
		for (int32_t c = at >= 0 ? doc->syn.child[at] : -1; c >= 0;
		     c = doc->syn.sibling[c]) {
			int32_t and =
			    px_syn_rel_is(doc, (size_t)c, "conj") ? named_in_phrase(doc, c, 0) : -1;
			if (judgeable(doc, st, and))
				px_add_part(e, and, ROLE_TARGET);
		}
	}
}

/* ------------------------------------------------------------ naming */

/* ln token k lies at most two steps below ln token v. */
static bool under(const px_doc *doc, int32_t k, int32_t v)
{
	int32_t h = k >= 0 ? doc->syn.head[k] : -1;
	return h == v || (h >= 0 && doc->syn.head[h] == v);
}

/* "X called Y reckless", "X pronounced Y 'a friend'", "X called those
 * who ... 'fools'": a verb of naming (words.tsv naming_verb) with a word
 * of judgement (events.tsv ";judgement") among the words it governs, its
 * own words or quoted: its subject praises or criticises the actor its
 * other dependents name (none, when they name no one), on the sentence's
 * day.  Negated, nothing. */
static void naming_events(px_doc *doc)
{
	if (!doc->syn.ok)
		return;
	for (size_t si = 0; si < doc->n_sents; si++) {
		const px_sentence *s = &doc->sents[si];
		for (size_t i = s->tok_start; i < s->tok_end; i++) {
			int32_t v = px_syn_ln(doc, i);
			if (doc->toks[i].inq || v < 0 ||
			    px_syn_upos(doc, (size_t)v) != LN_UPOS_VERB ||
			    !px_word_in(doc, i, WC_NAMING_VERB, NULL) ||
			    factuality(doc, i) == ST_DROP)
				continue;
			const px_event_word *w = NULL;
			int32_t said = -1; /* the ln token the judgement hangs from */
			for (size_t j = i + 1; j < s->tok_end && j < i + 16 && !w; j++) {
				const px_lex_entry *x;
				size_t n = px_lex_match(doc, j, LX_EVENT, &x);
				int32_t k = px_syn_ln(doc, j);
				if (n && doc->dict->events[x->ref].judgement && under(doc, k, v)) {
					w = &doc->dict->events[x->ref];
					said = doc->syn.head[k] == v ? k : doc->syn.head[k];
				}
			}
			if (!w)
				continue;
			int32_t src = -1, tgt = -1;
			for (int32_t c = doc->syn.child[v]; c >= 0; c = doc->syn.sibling[c]) {
				if (px_syn_rel_is(doc, (size_t)c, "nsubj"))
					src = actor_of(doc, c, 0);
				else if (tgt < 0 &&
				         (c == said || px_syn_rel_is(doc, (size_t)c, "obj")))
					tgt = named_in_phrase(doc, c, 0);
			}
			/* "Y, whom he called divisive": the noun the clause hangs on */
			int32_t h = doc->syn.head[v];
			if (tgt < 0 && h >= 0 && px_syn_rel_is(doc, (size_t)v, "acl:relcl"))
				for (int32_t c = doc->syn.child[v]; c >= 0; c = doc->syn.sibling[c])
					if (px_syn_rel_is(doc, (size_t)c, "obj") &&
					    px_syn_upos(doc, (size_t)c) == LN_UPOS_PRON)
						tgt = named_in_phrase(doc, h, 0);
			if (src < 0)
				continue;
			if (tgt == src) /* "called his critics fools" */
				tgt = -1;
			px_event *e = new_event(doc, w, si);
			e->word = w;
			px_add_part(e, src, ROLE_SOURCE);
			px_add_part(e, tgt, ROLE_TARGET);
			date_for(doc, e, s->tok_start, s->tok_end, i);
		}
	}
}

/* ------------------------------------------------------------ advice */

/* Whether who is the country the speaker is of ("the United States should
 * ..." said by an American is no demand on another). */
static bool own_country(const px_doc *doc, int32_t speaker, int32_t who)
{
	const px_actor *p = &doc->actors[speaker], *o = &doc->actors[who];
	return p->country && o->country && o->kind &&
	       !strcmp(o->kind, vocab_actor_kinds[KIND_COUNTRY]) && !strcmp(p->country, o->country);
}

/* Whether ln token v is the clause a speech verb (cues.tsv) reports,
 * outside quotation marks: "X responded by saying Y should be careful
 * 'not to ...'", where the statement is only the quoted words. */
static bool reported_clause(px_doc *doc, const px_statement *st, int32_t v)
{
	if (v < 0 || !px_syn_rel_is(doc, (size_t)v, "ccomp"))
		return false;
	int32_t h = doc->syn.head[v];
	int32_t t = h >= 0 ? px_syn_tok(doc, (size_t)h) : -1;
	const px_lex_entry *e;
	if (t < 0 || doc->toks[t].inq || !px_lex_match(doc, (size_t)t, LX_CUE, &e))
		return false;
	/* the one saying it, when the parse tells, is the statement's speaker
	 * ("Y proposed ... and said Z should resign" is Y's, whoever the
	 * quotation before is given to); a subject naming no one tells
	 * against too */
	for (int depth = 0; h >= 0 && depth < 2; depth++) {
		for (int32_t c = doc->syn.child[h]; c >= 0; c = doc->syn.sibling[c])
			if (!strcmp(px_syn_deprel(doc, (size_t)c), "nsubj")) {
				int32_t who = actor_of(doc, c, 0);
				return who >= 0 &&
				       (who == st->speaker || speaks_for(doc, st->speaker, who) ||
				        speaks_for(doc, who, st->speaker));
			}
		if (!px_syn_rel_is(doc, (size_t)h, "conj"))
			break;
		h = doc->syn.head[h];
	}
	return true;
}

/* What someone says another should do ("X said Y should reduce its
 * patrols", "'Y must stop,' X said"): a modal of obligation (events.tsv
 * ";advice") on a verb inside the statement whose subject names an actor
 * other than the speaker's side makes the speaker appeal to (or demand
 * of) that actor, on the day of the saying.  One event per statement.
 * A statement of one sentence whose quoted words are only part of what
 * is reported lends its speaker to the unquoted clause too ("X said Y
 * should be careful 'not to meddle'"). */
static void advice_events(px_doc *doc)
{
	if (!doc->syn.ok)
		return;
	for (size_t k = 0; k < doc->n_stmts; k++) {
		const px_statement *st = &doc->stmts[k];
		if (st->speaker < 0)
			continue;
		size_t a = doc->sents[st->sent_a].tok_start, b = doc->sents[st->sent_b].tok_end;
		for (size_t i = a; i < b; i++) {
			const px_lex_entry *x;
			bool inside = within_statement(doc, st, i);
			bool beside = !inside && st->sent_a == st->sent_b && !doc->toks[i].inq;
			size_t n = inside || beside ? px_lex_match(doc, i, LX_EVENT, &x) : 0;
			if (!n || !doc->dict->events[x->ref].advice)
				continue;
			const px_event_word *w = &doc->dict->events[x->ref];
			int32_t m = px_syn_ln(doc, i);
			int32_t v =
			    m >= 0 && px_syn_rel_is(doc, (size_t)m, "aux") ? doc->syn.head[m] : -1;
			if (beside && !reported_clause(doc, st, v))
				continue;
			int32_t subj = -1;
			for (int32_t c = v >= 0 ? doc->syn.child[v] : -1; c >= 0 && subj < 0;
			     c = doc->syn.sibling[c])
				if (!strcmp(px_syn_deprel(doc, (size_t)c), "nsubj"))
					subj = c;
			int32_t who = subj >= 0 ? named_in_phrase(doc, subj, 0) : -1;
			if (!judgeable(doc, st, who) || own_country(doc, st->speaker, who))
				continue;
			statement_act(doc, st, w, who);
			break;
		}
	}
}

/* ------------------------------------------------------------ acts in the first person */

/* What a speaker does by saying it ("'I strongly urge X to ...,' Y
 * said", "'We condemn X's decision'"): an event word inside a quotation,
 * a verb in the present whose subject is the one quoted (words.tsv
 * speaker_pronoun) and whose object (or oblique: "call on X") names an
 * actor other than the speaker's side, makes the speaker do it to that
 * actor, on the day of the saying.  Statements, meetings and the words a
 * statement weighs (judgement, advice) are left to their own rules.  One
 * event per statement. */
static void first_person_events(px_doc *doc)
{
	if (!doc->syn.ok)
		return;
	for (size_t q = 0; q < doc->n_stmts; q++) {
		const px_statement *st = &doc->stmts[q];
		if (st->speaker < 0 || !st->direct)
			continue;
		size_t a = doc->sents[st->sent_a].tok_start, b = doc->sents[st->sent_b].tok_end;
		for (size_t i = a; i < b; i++) {
			if (!within_statement(doc, st, i))
				continue;
			const px_lex_entry *x;
			size_t n = px_lex_match(doc, i, LX_EVENT, &x);
			const px_event_word *w =
			    n ? &doc->dict->events[x->ref] : lemma_trigger(doc, i);
			int32_t k = px_syn_ln(doc, i);
			const char *xpos = k >= 0 ? px_syn_xpos(doc, (size_t)k) : NULL;
			if (!w || w->judgement || w->advice || w->occasion || w->derived ||
			    px_code_in(doc->dict, w->cameo, WC_CAMEO_STATEMENT) ||
			    is_meeting_family(doc, w->cameo) || !xpos || strcmp(xpos, "VBP") ||
			    factuality(doc, i) == ST_DROP)
				continue;
			int32_t subj = -1, obj = -1, obl = -1;
			for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c]) {
				const char *rel = px_syn_deprel(doc, (size_t)c);
				if (!strcmp(rel, "nsubj"))
					subj = c;
				else if (!strcmp(rel, "obj"))
					obj = c;
				else if (!strncmp(rel, "obl", 3) && obl < 0)
					obl = c;
			}
			int32_t st_tok = subj >= 0 ? px_syn_tok(doc, (size_t)subj) : -1;
			if (st_tok < 0 ||
			    !px_word_in(doc, (size_t)st_tok, WC_SPEAKER_PRONOUN, NULL))
				continue;
			int32_t who = obj >= 0 ? named_in_phrase(doc, obj, 0) : -1;
			if (who < 0 && obj < 0 && obl >= 0)
				who = named_in_phrase(doc, obl, 0);
			if (!judgeable(doc, st, who))
				continue;
			statement_act(doc, st, w, who);
			break;
		}
	}
}

/* ------------------------------------------------------------ calling on someone by name */

/* Px token i is a verb in its bare form (the parse's tag): an imperative
 * where no subject stands before it. */
static bool bare_verb(const px_doc *doc, size_t i)
{
	int32_t k = px_syn_ln(doc, i);
	const char *xpos = k >= 0 ? px_syn_xpos(doc, (size_t)k) : NULL;
	return xpos && !strcmp(xpos, "VB") && px_syn_tok(doc, (size_t)k) == (int32_t)i;
}

/* A quotation that opens a sentence by calling on someone by name to act
 * ("Mr. Roe, open the border!", "Go Roe, go!"): a person or other actor
 * at the start of the quoted sentence (after title words, or after one
 * bare verb), set off by a comma or an exclamation mark, with a bare verb
 * beside the name: the speaker appeals to that actor (events.tsv
 * "@address"), on the day of the saying.  One event per statement. */
static void address_events(px_doc *doc)
{
	if (!doc->syn.ok || !doc->dict->derived[PX_DERIVED_ADDRESS])
		return;
	const px_event_word *w = &doc->dict->events[doc->dict->derived[PX_DERIVED_ADDRESS] - 1];
	for (size_t q = 0; q < doc->n_stmts; q++) {
		const px_statement *st = &doc->stmts[q];
		if (st->speaker < 0 || !st->direct)
			continue;
		int32_t who = -1;
		for (uint32_t si = st->sent_a; si <= st->sent_b && who < 0; si++) {
			size_t i = doc->sents[si].tok_start, b = doc->sents[si].tok_end;
			while (i < b &&
			       (doc->toks[i].kind != TK_WORD || !within_statement(doc, st, i)))
				i++;
			bool verb_first = i < b && bare_verb(doc, i) && doc->tok_mention[i] < 0;
			if (verb_first)
				i++;
			const px_lex_entry *e;
			size_t n;
			while (i < b && doc->tok_mention[i] < 0 &&
			       (n = px_lex_match(doc, i, LX_TITLE, &e)))
				i += n;
			int32_t m = i < b ? doc->tok_mention[i] : -1;
			if (m < 0 || doc->mentions[m].tok_start != i)
				continue;
			size_t after = doc->mentions[m].tok_end;
			if (after + 1 >= b || !within_statement(doc, st, after + 1))
				continue;
			const char *p = doc->text.s + doc->toks[after].start;
			bool set_off = *p == ',' || *p == '!';
			if (set_off && (verb_first || (*p == ',' && bare_verb(doc, after + 1))))
				who = doc->mentions[m].actor;
		}
		if (judgeable(doc, st, who))
			statement_act(doc, st, w, who);
	}
}

/* ------------------------------------------------------------ the story's day */

static int by_sentence(const void *a, const void *b, void *ctx)
{
	const px_doc *doc = ctx;
	const px_event *x = &doc->events[*(const size_t *)a], *y = &doc->events[*(const size_t *)b];
	if (x->sent_a != y->sent_a)
		return x->sent_a < y->sent_a ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static bool not_after(const px_date *d, const px_date *pub)
{
	if (!pub->precision)
		return true;
	long x = (long)d->y * 10000 + d->m * 100 + d->d;
	long p = (long)pub->y * 10000 + pub->m * 100 + (pub->d ? pub->d : 31);
	return x <= p;
}

static bool not_before(const px_date *d, const px_date *pub)
{
	if (!pub->precision)
		return true;
	long x = (long)d->y * 10000 + d->m * 100 + d->d;
	long p = (long)pub->y * 10000 + pub->m * 100 + pub->d;
	return x >= p;
}

/* A day at most a week before the article's (a lead tells news). */
static bool within_week(const px_date *d, const px_date *pub)
{
	return pub->precision == 3 && d->precision == 3 &&
	       px_days_from_civil(pub->y, pub->m, pub->d) - px_days_from_civil(d->y, d->m, d->d) <=
	           7;
}

/* An event its sentence does not date happened, as news tells it, on the
 * story's day: the last day an earlier (or the same) sentence gave an
 * event that occurred (the reference time carries forward: "On Monday, X
 * met Y. Earlier in the day, Z attacked W."), else the article's date.
 * What is planned and undated is planned, as the story goes on, for the
 * day an earlier sentence last planned something for, on or
 * after the story's day ("X is set to meet Y on Monday. ... He will also
 * huddle with Z"); without one, and for what is only possible or
 * hypothetical, none. */
static void carry_reference_day(px_doc *doc)
{
	if (!doc->n_events)
		return;
	size_t *ord = xmalloc(doc->n_events * sizeof *ord);
	for (size_t k = 0; k < doc->n_events; k++)
		ord[k] = k;
	qsort_r(ord, doc->n_events, sizeof *ord, by_sentence, doc);
	/* the lead: what is told before the story gives any day is, as news
	 * leads go, what it goes on to date — an undated event there takes
	 * the first day of the past week given, within LEAD_REACH sentences,
	 * to an event one of its parties took part in */
	enum { LEAD_REACH = 4 };
	for (size_t k = 0; k < doc->n_events; k++) {
		px_event *e = &doc->events[ord[k]];
		if (e->into >= 0)
			continue;
		if (e->date.precision)
			break; /* the story has given a day */
		if (e->status != ST_OCCURRED)
			continue;
		for (size_t j = k + 1; j < doc->n_events; j++) {
			const px_event *x = &doc->events[ord[j]];
			if (x->sent_a > e->sent_a + LEAD_REACH)
				break;
			if (x->into >= 0 || x->status != ST_OCCURRED || x->date.precision != 3 ||
			    !not_after(&x->date, &doc->published) ||
			    !within_week(&x->date, &doc->published))
				continue;
			bool shared = false;
			for (size_t a = 0; a < e->n_parts && !shared; a++)
				for (size_t b = 0; b < x->n_parts && !shared; b++)
					shared = e->parts[a].actor == x->parts[b].actor;
			if (shared) {
				e->date = x->date;
				break;
			}
		}
	}
	px_date ref = doc->published, ahead = {0}, next_ahead = {0};
	for (size_t a = 0; a < doc->n_events;) {
		size_t b = a;
		while (b < doc->n_events &&
		       doc->events[ord[b]].sent_a == doc->events[ord[a]].sent_a)
			b++;
		for (size_t k = a; k < b; k++) {
			const px_event *e = &doc->events[ord[k]];
			if (e->into < 0 && e->status == ST_OCCURRED && e->date.precision == 3 &&
			    not_after(&e->date, &doc->published))
				ref = e->date;
			if (e->into < 0 && e->status == ST_PLANNED && e->date.precision == 3 &&
			    not_before(&e->date, &doc->published))
				next_ahead = e->date;
		}
		for (size_t k = a; k < b; k++) {
			px_event *e = &doc->events[ord[k]];
			if (e->into < 0 && e->status == ST_OCCURRED && !e->date.precision)
				e->date = ref;
			else if (e->into < 0 && e->status == ST_PLANNED && !e->date.precision)
				e->date = ahead;
		}
		ahead = next_ahead; /* a plan's day holds from the next sentence on */
		a = b;
	}
	free(ord);
}

/* ------------------------------------------------------------ dropped events */

/* A statement whose occasion was dropped holds none. */
static void unlink_dropped(px_doc *doc)
{
	for (size_t k = 0; k < doc->n_stmts; k++) {
		int32_t e = doc->stmts[k].event;
		if (e >= 0 && doc->events[e].into >= 0)
			doc->stmts[k].event = -1;
	}
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
	assert(e->made);
	const char *verb = e->made->verb;
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
	/* "Republicans reject": a group is many */
	bool group = subjects == 1 && doc->actors[e->parts[0].actor].kind &&
	             !strcmp(doc->actors[e->parts[0].actor].kind, vocab_actor_kinds[KIND_GROUP]);
	if (subjects > 1 || group)
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
		static const char *const dangling[] = {" with", " to", " on", " at", NULL};
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

/* "Sikorski met Poland", "Wang Yi visits China": at a meeting, a person or
 * organisation and the country it belongs to are one side, never each
 * other's counterpart (a demand or a charge may well be addressed to
 * one's own country) — the country was read from words around the trigger that
 * name the side's home ("Warsaw had shared ...").  Of such a pair the
 * country goes, unless it is the doer; a meeting left with one side and no
 * place tells too little and goes too. */
static void drop_own_country(px_doc *doc)
{
	for (size_t k = 0; k < doc->n_events; k++) {
		px_event *e = &doc->events[k];
		if (e->into >= 0 || e->n_parts != 2 || !is_meeting_family(doc, e->cameo))
			continue;
		const px_actor *a = &doc->actors[e->parts[0].actor];
		const px_actor *b = &doc->actors[e->parts[1].actor];
		int land = a->country_id >= 0 && b->country_id < 0   ? 0
		           : b->country_id >= 0 && a->country_id < 0 ? 1
		                                                     : -1;
		if (land < 0)
			continue;
		const px_actor *c = land ? b : a, *o = land ? a : b;
		/* a country acting on its own people ("Russia jails X") stays */
		if (e->parts[land].role == ROLE_SOURCE || e->parts[!land].role == ROLE_TARGET ||
		    !c->country || !o->country || strcmp(c->country, o->country))
			continue;
		if (land == 0)
			e->parts[0] = e->parts[1];
		e->n_parts = 1;
		if (e->place < 0)
			e->into = (int32_t)k; /* dropped */
	}
}

void px_find_events(px_doc *doc)
{
	px_mark_clause_breaks(doc);
	scan_triggers(doc);
	statement_events(doc);
	judgement_events(doc);
	naming_events(doc);
	advice_events(doc);
	first_person_events(doc);
	address_events(doc);
	/* an occasion of speech nobody was found to speak at is none */
	for (size_t k = 0; k < doc->n_events; k++) {
		px_event *e = &doc->events[k];
		if (e->into < 0 && px_code_in(doc->dict, e->cameo, WC_CAMEO_STATEMENT) &&
		    !has_role(e, ROLE_SOURCE))
			e->into = (int32_t)k;
	}
	drop_own_country(doc);
	carry_reference_day(doc);
	unlink_dropped(doc);
	for (size_t k = 0; k < doc->n_events; k++)
		if (doc->events[k].into < 0)
			title_event(doc, &doc->events[k]);
}
